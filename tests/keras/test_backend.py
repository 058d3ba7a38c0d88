"""``from tfcompat.keras import backend as K`` on Keras 3 variables, learning rates and the legacy graph."""

import subprocess
import sys
import warnings

import numpy as np
import pytest

pytest.importorskip("tensorflow")

import keras  # noqa: E402
import tensorflow as tensorflow  # noqa: E402

import tfcompat  # noqa: E402
import tfcompat.v1 as tf  # noqa: E402
from tfcompat.keras import backend as K  # noqa: E402
from tfcompat.keras._optimizer_lr import install_lr_property, uninstall_lr_property  # noqa: E402
from tfcompat.keras.optimizers import SGD  # noqa: E402

pytestmark = [pytest.mark.tf, pytest.mark.filterwarnings("ignore:`lr` is the Keras 2 name")]


@pytest.fixture
def fresh():
    K.clear_session()
    yield
    K.clear_session()


@pytest.fixture
def lr_installed():
    install_lr_property()
    yield
    uninstall_lr_property()


@pytest.mark.slow
def test_importing_tfcompat_keras_and_backend_loads_no_tensorflow():
    code = (
        "import sys, tfcompat.keras, tfcompat.keras.backend as K; K.__doc__; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras')]; "
        "assert not bad, bad[:5]; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


# -- values ---------------------------------------------------------------------

def test_get_value_and_eval_on_keras_tf_and_numpy_values():
    kv = keras.Variable(np.array([[1.0, 2.0]], "float32"))
    assert K.get_value(kv).tolist() == [[1.0, 2.0]]
    assert K.eval(kv).dtype == np.float32
    scalar = K.eval(keras.Variable(0.5))
    assert isinstance(scalar, np.float32) and scalar == 0.5  # Keras 2 gave numpy scalars for 0-d
    assert K.eval(tensorflow.Variable(3, dtype="int64")) == 3
    assert K.eval(tensorflow.constant([1.0, 2.0])).tolist() == [1.0, 2.0]
    assert K.eval(np.arange(3)).tolist() == [0, 1, 2]


def test_set_value_assigns_keras_and_tf_variables():
    kv = keras.Variable(np.zeros((2,), "float32"))
    K.set_value(kv, [1, 2])
    assert kv.numpy().tolist() == [1.0, 2.0]
    tv = tensorflow.Variable(1.0)
    K.set_value(tv, np.float64(4.5))
    assert tv.numpy() == 4.5


def test_batch_get_and_set_value():
    a, b = keras.Variable(1.0), keras.Variable(np.ones((2,), "float32"))
    K.batch_set_value([(a, 3.0), (b, [5.0, 6.0])])
    values = K.batch_get_value([a, b])
    assert values[0] == 3.0 and values[1].tolist() == [5.0, 6.0]


def test_set_value_bad_input_names_argument_and_value():
    kv = keras.Variable(np.zeros((2,), "float32"))
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`value` must have the variable's shape \(2,\).*\(3,\)"):
        K.set_value(kv, [1.0, 2.0, 3.0])
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`value` must convert to .*float32.*value='abc'"):
        K.set_value(kv, "abc")
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`x` must be a variable.*x=<tf.Tensor"):
        K.set_value(tensorflow.constant(1.0), 2.0)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`tuples` must be a list of \(variable, value\) pairs"):
        K.batch_set_value([kv])
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`tensors` must be a list.*tensors='abc'"):
        K.batch_get_value("abc")
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`x` must be a variable, a tensor or an array.*x=<object"):
        K.get_value(object())
    for not_a_tensor in ("lr", b"lr", None):  # numpy would hand them back as 0-d arrays
        with pytest.raises(tfcompat.InvalidArgumentError, match=r"`x` must be a variable, a tensor or an array"):
            K.eval(not_a_tensor)
    with pytest.raises(tfcompat.InvalidArgumentError) as info:
        K.set_value(np.zeros(2), 1.0)
    assert "LearningRateSchedule" not in str(info.value)  # the schedule hint is for computed tensors only


# -- learning rates ---------------------------------------------------------------

def _one_weight_model(optimizer):
    """y = w * x with w = 1; mse on (x=1, y=0): the gradient is 2w, so one SGD step gives w - lr * 2w."""
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, use_bias=False, kernel_initializer="ones")])
    model.compile(optimizer=optimizer, loss="mse")
    return model


def _fit_one_step(model):
    model.fit(np.ones((1, 1), "float32"), np.zeros((1, 1), "float32"), epochs=1, batch_size=1, verbose=0)
    return float(model.layers[0].kernel.numpy()[0, 0])


def test_learning_rate_plain_then_set_value_then_attribute_assignment_drive_training():
    opt = SGD(lr=0.1)
    model = _one_weight_model(opt)
    assert K.get_value(opt.lr) == np.float32(0.1)
    assert K.eval(model.optimizer.lr) == np.float32(0.1)
    w = _fit_one_step(model)
    assert w == pytest.approx(1 - 0.1 * 2)  # 0.8

    K.set_value(model.optimizer.lr, 0.25)
    assert K.get_value(model.optimizer.lr) == 0.25
    assert float(opt.learning_rate.numpy()) == 0.25  # the optimizer's own rate changed
    w2 = _fit_one_step(model)  # the already compiled train function sees the new rate
    assert w2 == pytest.approx(w - 0.25 * 2 * w)  # 0.4

    model.optimizer.lr = 0.5  # Keras 3 alone: a silent plain attribute, training unchanged
    assert K.eval(model.optimizer.lr) == 0.5
    w3 = _fit_one_step(model)
    assert w3 == pytest.approx(w2 - 0.5 * 2 * w2, abs=1e-7)  # 0.0


def test_installed_lr_property_works_on_plain_keras_optimizers(lr_installed):
    opt = keras.optimizers.SGD(learning_rate=0.1)
    model = _one_weight_model(opt)
    K.set_value(opt.lr, 0.5)
    assert _fit_one_step(model) == pytest.approx(0.0, abs=1e-7)
    opt.lr = 0.25
    assert K.get_value(opt.learning_rate) == 0.25


def test_learning_rate_under_a_schedule_is_the_current_value(lr_installed):
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5)
    opt = keras.optimizers.SGD(learning_rate=schedule)
    w = keras.Variable(np.array([1.0], "float32"))
    assert K.get_value(opt.lr) == pytest.approx(0.1)
    for _ in range(2):
        opt.apply_gradients([(np.array([1.0], "float32"), w)])
    assert K.eval(opt.lr) == pytest.approx(0.025)  # 0.1 * 0.5 ** 2 at iteration 2
    assert w.numpy()[0] == pytest.approx(1 - 0.1 - 0.05)


def test_set_value_on_a_scheduled_rate_is_a_clear_error(lr_installed):
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5)
    opt = keras.optimizers.SGD(learning_rate=schedule)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`x` must be a variable \(a computed tensor.*Schedule"):
        K.set_value(opt.lr, 0.3)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"ExponentialDecay.*Received: lr=0.3"):
        opt.lr = 0.3
    assert opt._learning_rate is schedule  # nothing was dropped
    # Replacing the schedule with another schedule is allowed, as with `learning_rate = ...`.
    opt.lr = keras.optimizers.schedules.ExponentialDecay(0.2, decay_steps=1, decay_rate=1.0)
    assert K.get_value(opt.lr) == pytest.approx(0.2)


def test_eval_of_a_schedule_object_says_what_to_pass():
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`x` is a LearningRateSchedule.*optimizer.lr"):
        K.eval(schedule)


# -- sessions and the legacy graph -----------------------------------------------

def test_get_session_runs_the_legacy_graph_and_eval_runs_graph_tensors(fresh):
    from tfcompat.v1 import _graph

    sess = K.get_session()
    assert sess.graph is _graph.legacy_graph()
    c = tf.constant(3.0) * 2
    assert K.eval(c) == 6.0
    v = tf.Variable(2.0)
    assert K.get_value(v) == 2.0  # K.get_session() initializes new variables, as Keras 2 did
    K.set_value(v, 5.0)
    K.set_value(v, 7.0)
    assert K.get_value(v) == 7.0
    assert K.get_session() is sess


def test_clear_session_resets_the_legacy_graph_and_keras_names(fresh):
    from tfcompat.v1 import _graph

    p = tf.placeholder(tf.float32, shape=())
    tf.summary.scalar("old", p)
    old_graph, old_sess = _graph.legacy_graph(), K.get_session()
    first = keras.layers.Dense(1).name
    K.clear_session()
    assert _graph.legacy_graph() is not old_graph
    new_sess = K.get_session()
    assert new_sess is not old_sess and new_sess.graph is _graph.legacy_graph()
    assert tf.summary.merge_all() is None  # the old summary is gone with its graph
    assert keras.layers.Dense(1).name == first  # Keras 3 state was cleared too
    with pytest.raises(tfcompat.GraphError, match="does not run"):
        K.eval(p)  # a tensor of the dropped graph


def test_set_session(fresh):
    from tfcompat.v1 import _graph

    config = tf.ConfigProto()
    config.gpu_options.allow_growth = True  # the 2018 idiom K.set_session was used for
    mine = tf.Session(config=config)
    K.set_session(mine)
    assert K.get_session() is mine and mine.graph is _graph.legacy_graph()
    v = tf.Variable(3.0)
    assert K.get_value(v) == 3.0  # initialized by get_session(), as Keras 2 did
    K.set_session(None)
    assert K.get_session() is not mine
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`session` must be .*session='sess'"):
        K.set_session("sess")
    mine.close()


def test_learning_phase(fresh):
    assert K.learning_phase() == 0
    with pytest.warns(UserWarning, match="training="):
        K.set_learning_phase(1)
    assert K.learning_phase() == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        K.set_learning_phase(0)  # warned once per process only
    assert K.learning_phase() == 0
    for bad in (2, True, "1"):
        with pytest.raises(tfcompat.InvalidArgumentError, match=r"`value` must be 0 or 1. Received: value="):
            K.set_learning_phase(bad)
    K.set_learning_phase(1)
    K.clear_session()
    assert K.learning_phase() == 0


# -- variables, constants, shapes ---------------------------------------------------

def test_variable_constant_and_shape_helpers():
    v = K.variable(np.ones((2, 3)), name="block1/w")  # TF1 names may hold '/'
    assert isinstance(v, keras.Variable) and K.dtype(v) == "float32"
    assert K.int_shape(v) == (2, 3) and K.ndim(v) == 2 and K.count_params(v) == 6
    K.set_value(v, np.zeros((2, 3)))
    assert K.get_value(v).sum() == 0
    c = K.constant(1, shape=(2,))
    assert K.eval(c).tolist() == [1.0, 1.0] and K.dtype(c) == "float32"
    assert K.get_value(K.zeros((2,), dtype="int32")).tolist() == [0, 0]
    assert K.get_value(K.ones(3)).tolist() == [1.0, 1.0, 1.0]
    assert K.int_shape(np.zeros((4, 1))) == (4, 1)


def test_placeholder_lives_in_the_legacy_graph(fresh):
    p = K.placeholder(shape=(None, 2))
    assert K.int_shape(p) == (None, 2)
    out = K.get_session().run(p * 2, feed_dict={p: [[1.0, 2.0]]})
    assert out.tolist() == [[2.0, 4.0]]


def test_variable_helpers_bad_input():
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`dtype` must be a dtype name.*dtype='floaty'"):
        K.variable(1.0, dtype="floaty")
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`value` must convert to a float32 array.*value='x'"):
        K.variable("x")
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`shape` must be a tuple of ints.*shape='ab'"):
        K.zeros("ab")
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`x` must be a tensor.*x=3"):
        K.int_shape(3)


def test_unknown_names_fall_back_to_keras_backend_then_same_meaning_ops():
    assert K.floatx() == keras.backend.floatx() == "float32"
    assert K.epsilon() == keras.backend.epsilon()
    assert K.image_data_format() == "channels_last"
    x = K.constant([[1.0, 3.0]])
    assert K.eval(K.mean(K.square(x), axis=-1)).tolist() == [5.0]
    assert K.eval(K.pow(x, 2)).tolist() == [[1.0, 9.0]]
    with pytest.raises(AttributeError, match="no_such_fn"):
        K.no_such_fn


def test_function_of_symbolic_tensors_with_learning_phase():
    inputs = keras.Input((3,))
    hidden = keras.layers.Dense(4, activation="relu")(inputs)
    dropped = keras.layers.Dropout(0.5)(hidden)
    model = keras.Model(inputs, keras.layers.Dense(1)(dropped))
    get_hidden = K.function([model.input, K.learning_phase()], [model.layers[1].output, model.layers[2].output])
    x = np.random.RandomState(0).normal(size=(64, 3)).astype("float32")
    kernel, bias = model.layers[1].get_weights()
    expected = np.maximum(x @ kernel + bias, 0)
    h, d = get_hidden([x, 0])
    np.testing.assert_allclose(h, expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(d, expected, rtol=1e-5, atol=1e-6)  # phase 0: dropout off
    _, d_train = get_hidden([x, 1])
    assert (d_train == 0).sum() > (expected == 0).sum()  # phase 1: dropout on
    single = K.function([model.input], model.output)
    assert single([x]).shape == (64, 1)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`updates` are not supported"):
        K.function([model.input], [model.output], updates=[object()])
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`inputs` must hold Keras symbolic tensors"):
        K.function([np.zeros(3)], [model.output])
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"list of 1 arrays"):
        single(x)
