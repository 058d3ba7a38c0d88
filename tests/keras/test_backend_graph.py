"""2018 graph code with ``K``: placeholders, ``K.function`` with updates/fetches/feed_dict, ``K.gradients``,
the learning phase, ``K.rnn`` and ``K.update`` in tfcompat's legacy graph, mixing in Keras 3 variables."""

import numpy as np
import pytest

pytest.importorskip("tensorflow")

import tensorflow  # noqa: E402

import tfcompat  # noqa: E402
import tfcompat.v1 as tf  # noqa: E402
from tfcompat.keras import backend as K  # noqa: E402

pytestmark = [pytest.mark.tf, pytest.mark.filterwarnings("ignore:K.set_learning_phase")]


@pytest.fixture(autouse=True)
def fresh():
    K.clear_session()
    yield
    K.clear_session()


def test_graph_expression_reads_keras_variables_when_run():
    w = K.variable(np.ones((3, 2)))
    b = K.variable([0.5, -0.5])
    x = K.placeholder(shape=(None, 3))
    y = K.bias_add(K.dot(x, w), b)
    f = K.function([x], [y])
    assert f([np.ones((1, 3))])[0].tolist() == [[3.5, 2.5]]
    K.set_value(w, np.zeros((3, 2)))  # Keras 2: the graph sees the variable's new value
    assert f([np.ones((1, 3))])[0].tolist() == [[0.5, -0.5]]
    eager_sum = K.sum(K.transpose(w))  # computed eagerly now, but rebuilt from `w` when a graph uses it
    g = K.function([x], [K.stack([K.sum(x), eager_sum])])
    K.set_value(w, np.ones((3, 2)))
    assert g([np.ones((1, 3))])[0].tolist() == [3.0, 6.0]


def test_function_updates_fetches_feed_dict_and_run_options():
    x_ph, y_ph = K.placeholder(shape=()), K.placeholder(shape=())
    counter, total = K.variable(0.0), K.variable(0.0)
    feed = {y_ph: 3.0}
    f = K.function([x_ph], [x_ph * 2.0], updates=[(counter, K.sum(K.stack([counter, x_ph]))), K.update_add(total, y_ph)],
                   feed_dict=feed, fetches=[K.identity(y_ph)])
    assert f([5.0]) == [10.0]
    assert f([1.0]) == [2.0]
    assert K.get_value(counter) == 6.0 and K.get_value(total) == 6.0  # updates ran once per call
    feed[y_ph] = 10.0  # the dict is read at each call, as in Keras 2
    f([0.0])
    assert K.get_value(total) == 16.0
    options = tensorflow.compat.v1.RunOptions(output_partition_graphs=True)
    metadata = tensorflow.compat.v1.RunMetadata()
    assert K.function([x_ph], [x_ph + 1.0], options=options, run_metadata=metadata)([1.0]) == [2.0]
    assert len(metadata.partition_graphs) > 0


def test_function_of_legacy_graph_variables_and_tf1_ops():
    v = tf.Variable(2.0)
    p = tf.placeholder(tf.float32, shape=())
    # A (variable, new value) pair runs after the outputs, as Keras 2 ordered it.
    f = K.function([p], [v * p], updates=[(v, v + 1.0)])
    assert [f([3.0]) for _ in range(20)] == [[3.0 * (2.0 + i)] for i in range(20)]
    assert K.get_value(v) == 22.0
    # A ready-made op is run as given, unordered against the outputs (Keras 2 too): only its effect is certain.
    w = tf.Variable(2.0)
    g = K.function([p], [w * p], updates=[tf.assign_add(w, 1.0)])
    g([3.0])
    assert K.get_value(w) == 3.0


def test_function_takes_a_single_tensor_or_a_dict_as_tf_keras_did():
    x, y = K.placeholder(shape=()), K.placeholder(shape=())
    assert K.function(x, x * x)(3.0) == 9.0
    assert K.Function([x], [x * x])([3.0]) == [9.0]  # Keras 2's class
    f = K.function({"a": x, "b": y}, {"sum": x + y})
    assert f({"a": 1.0, "b": 2.0}) == {"sum": 3.0}
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"must be a list of 2 arrays"):
        K.function([x, y], [x + y])([1.0])
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"unexpected keyword.*colocate.*Received: colocate=True"):
        K.function([x], [x], colocate=True)


def test_gradients_in_the_legacy_graph():
    w = K.variable([[2.0], [3.0]])
    x = K.placeholder(shape=(None, 2))
    loss = K.sum(K.square(K.dot(x, w)))
    grads = K.gradients(loss, [w, x])
    unused = K.variable(1.0)
    assert K.gradients(loss, [unused]) == [None]  # loss does not depend on it, as tf.gradients said
    gw, gx = K.function([x], grads)([np.array([[1.0, 1.0]], "float32")])
    # loss = (x.w)^2, x.w = 5: d/dw = 2 * 5 * x, d/dx = 2 * 5 * w
    assert gw.ravel().tolist() == [10.0, 10.0] and gx.tolist() == [[20.0, 30.0]]
    zero = K.gradients(K.stop_gradient(loss) + loss, [x])[0]
    assert K.function([x], [zero])([np.array([[1.0, 1.0]], "float32")])[0].tolist() == [[20.0, 30.0]]


def test_gradients_of_an_eager_value_say_what_to_use():
    w = K.variable([1.0, 2.0])
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`loss` is an eager tensor.*tf.GradientTape"):
        K.gradients(K.sum(w * w), [w])


def test_learning_phase_placeholder_switches_in_train_phase_per_call():
    x = K.placeholder(shape=(2,))
    out = K.in_train_phase(x * 10.0, lambda: x)
    f = K.function([x, K.learning_phase()], [out])
    assert f([[1.0, 2.0], 0])[0].tolist() == [1.0, 2.0]
    assert f([[1.0, 2.0], 1])[0].tolist() == [10.0, 20.0]
    g = K.function([x], [out])  # the placeholder's default: test phase
    assert g([[1.0, 2.0]])[0].tolist() == [1.0, 2.0]
    assert K.symbolic_learning_phase().name.startswith("keras_learning_phase")


def test_set_learning_phase_chooses_when_the_graph_is_built():
    K.set_learning_phase(1)
    x = K.placeholder(shape=())
    assert K.function([x], [K.in_train_phase(x + 1.0, x)])([1.0]) == [2.0]
    assert K.in_test_phase(1, 2) == 2 and K.in_train_phase(1, 2, training=False) == 2


def test_learning_phase_scope_and_static_choices():
    assert K.learning_phase() == 0
    with K.learning_phase_scope(1):
        assert K.learning_phase() == 1
        assert K.in_train_phase(lambda: "train", lambda: "test") == "train"
    assert K.learning_phase() == 0
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`value` must be 0 or 1"):
        with K.learning_phase_scope(None):
            pass


def test_switch_scalar_and_elementwise_conditions():
    x = K.placeholder(shape=(2, 3))
    cond = K.placeholder(shape=(2,), dtype="bool")
    picked = K.switch(cond, x, -x)
    out = K.function([x, cond], [picked])([np.ones((2, 3)), [True, False]])[0]
    assert out.tolist() == [[1, 1, 1], [-1, -1, -1]]
    flag = K.placeholder(shape=(), dtype="bool")
    lazy = K.switch(flag, lambda: x * 2.0, lambda: x * 3.0)
    assert K.function([x, flag], [lazy])([np.ones((2, 3)), False])[0][0, 0] == 3.0
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`condition` must not have a higher rank"):
        K.switch(K.placeholder(shape=(2, 3, 4), dtype="bool"), x, x)


def test_update_of_a_keras_variable_with_a_graph_value_runs_in_the_session():
    v = K.variable([1.0, 1.0])
    x = K.placeholder(shape=(2,))
    op = K.update_sub(v, x)
    assert K.get_value(v).tolist() == [1.0, 1.0]  # nothing happens before the op runs
    K.get_session().run(op, feed_dict={x: [0.5, 2.0]})
    assert K.get_value(v).tolist() == [0.5, -1.0]
    K.update(v, [7.0, 8.0])  # an eager value: assigned now
    assert K.get_value(v).tolist() == [7.0, 8.0]
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`x` must be a variable"):
        K.update(K.constant(1.0), 2.0)


def test_moving_average_update_is_zero_debiased_as_in_keras_2():
    v = K.variable(100.0)
    K.moving_average_update(v, 4.0, 0.9)
    assert K.get_value(v) == pytest.approx(4.0)  # first update: the value itself
    K.moving_average_update(v, 14.0, 0.9)
    assert K.get_value(v) == pytest.approx((0.9 * 0.1 * 4.0 + 0.1 * 14.0) / (1 - 0.81))
    g = tf.Variable(0.0)
    op = K.moving_average_update(g, 4.0, 0.5)
    K.get_session().run(op)
    assert K.get_value(g) == pytest.approx(4.0)


def test_rnn_in_the_legacy_graph_with_keras_variables():
    w_in, w_h = K.variable(np.full((2, 3), 0.5)), K.variable(np.eye(3))
    x = K.placeholder(shape=(None, 4, 2))
    h0 = K.placeholder(shape=(None, 3))

    def step(x_t, states):
        h = K.dot(x_t, w_in) + K.dot(states[0], w_h)
        return h, [h]

    last, outputs, states = K.rnn(step, x, [h0])
    f = K.function([x, h0], [last, outputs, states[0]])
    got_last, got_outputs, got_state = f([np.ones((1, 4, 2)), np.zeros((1, 3))])
    assert got_outputs[0, :, 0].tolist() == [1.0, 2.0, 3.0, 4.0]
    assert got_last.tolist() == got_state.tolist() == [[4.0, 4.0, 4.0]]


def test_eval_of_a_graph_nobody_runs_anymore_is_a_graph_error():
    p = K.placeholder(shape=())
    K.clear_session()
    with pytest.raises(tfcompat.GraphError, match=r"does not run"):
        K.eval(p + 1.0)


def test_ops_in_the_users_own_graph_run_in_a_session_on_that_graph():
    with tensorflow.Graph().as_default() as g:
        v = K.variable([1.0, 2.0])  # a variable of that graph, initialized by K as Keras 2 did
        assert K.get_session().graph is g
        assert K.eval(K.sum(v * 2.0)) == 6.0
        assert K.get_graph() is g
    assert K.get_graph() is not g


def test_keras_tensors_and_placeholders_do_not_mix():
    import keras

    inp = keras.Input((2,))
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"symbolic tensor .* cannot be combined"
                                                            r".*Received: tensors=\[<KerasTensor"):
        K.concatenate([inp, K.placeholder(shape=(None, 2))])


def test_set_learning_phase_is_per_graph_as_in_keras_2():
    K.set_learning_phase(1)
    with tensorflow.Graph().as_default():
        assert K.learning_phase() == 0  # another default graph: not set there
        K.set_learning_phase(0)
    assert K.learning_phase() == 1


def test_function_inputs_may_be_fed_tensors_and_variables():
    x = K.placeholder(shape=())
    f = K.function([x], [x * 2.0])
    assert f([K.constant(4.0)]) == [8.0]
    assert f([K.variable(5.0)]) == [10.0]
    with tensorflow.Graph().as_default():
        v = K.variable(3.0)  # a variable of that graph, fed by its value
        p = K.placeholder(shape=())
        assert K.function([p], [p + 1.0])([v]) == [4.0]


def test_get_session_of_tensors_of_another_graph_and_uids_per_graph():
    g = tensorflow.Graph()
    with g.as_default():
        c = tensorflow.constant(2.0)
    assert K.get_session([c]).graph is g
    assert K.get_session([c]).run(c) == 2.0
    K.reset_uids()
    assert K.get_uid("x") == 1
    with g.as_default():
        assert K.get_uid("x") == 1  # Keras 2 counted per graph
    assert K.get_uid("x") == 2


def test_batch_normalization_of_channels_first_data_with_per_channel_statistics():
    x = np.arange(8, dtype="float32").reshape(1, 2, 2, 2)  # channels on axis 1
    mean, var = K.constant([1.5, 5.5]), K.constant([1.0, 4.0])
    y = K.eval(K.batch_normalization(K.variable(x), mean, var, None, None, axis=1, epsilon=0.0))
    np.testing.assert_allclose(y[0, 0].ravel(), (np.arange(4) - 1.5) / 1.0, rtol=1e-6)
    np.testing.assert_allclose(y[0, 1].ravel(), (np.arange(4, 8) - 5.5) / 2.0, rtol=1e-6)
    assert K.dtype(K.cast_to_floatx(K.variable(1.0, dtype="float64"))) == "float32"


def test_bad_calls_name_the_argument_and_value():
    first = K.placeholder(shape=(None, 2), name="first")
    K.clear_session()
    second = K.placeholder(shape=(None, 2), name="second")
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"2 different TF1 graphs; use one. Received: inputs=\[<tf"
                                                            r".*'first.*, outputs=\[<tf.*'second"):
        K.function([first], [second])
    x = K.placeholder(shape=(None, None, 2))
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"known number of time steps .* Received: unroll=True, "
                                                            r"inputs.shape=\(None, None, 2\)"):
        K.rnn(lambda x_t, states: (x_t, states), x, [K.placeholder(shape=(None, 2))], unroll=True)
