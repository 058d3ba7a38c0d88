"""tfcompat.v1: ops build in the one legacy graph while eager stays on."""

import subprocess
import sys
import warnings

import numpy as np
import pytest

import tfcompat.v1 as tf
from tfcompat import GraphError

pytestmark = [pytest.mark.tf, pytest.mark.usefixtures("fresh_graph")]


@pytest.mark.slow
def test_import_does_not_import_tensorflow_nor_patch_anything():
    code = (
        "import sys, tfcompat.v1, tfcompat.v1._session, tfcompat.v1._writer, tfcompat.v1._summary; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras')]; "
        "assert not bad, bad[:5]; "
        "import tensorflow as tf; from tensorflow.python.framework import ops; "
        "wrapped = [n for n in ('__add__', '__mul__', '__getitem__') "
        "           if hasattr(getattr(ops.SymbolicTensor, n), '__tfcompat_wrapped__')]; "
        "assert not wrapped and tf.executing_eagerly(), wrapped; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_ops_build_in_the_legacy_graph_and_eager_stays_on():
    from tfcompat.v1._graph import legacy_graph

    x = tf.placeholder(tf.float32, [None, 2], name="x")
    w = tf.Variable(tf.ones([2, 1]), name="w")
    y = tf.matmul(x, w) * 2.0 + 1  # operators outside any graph context, as 2017 scripts did
    assert x.graph is legacy_graph() and y.graph is legacy_graph()
    assert tf.get_default_graph() is legacy_graph()
    assert not tf.executing_eagerly()  # graph mode, as TF 1.x's module saw it ...
    import tensorflow as real_tf

    assert real_tf.executing_eagerly()  # ... while the process stays eager
    assert float(real_tf.constant(2.0) + 1) == 3.0  # eager math still works
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = sess.run(y, {x: [[1.0, 2.0]]})
    np.testing.assert_allclose(out, [[7.0]])


def test_name_scope_and_variable_scope_name_ops_as_tf1():
    with tf.name_scope("layer1"):
        w = tf.Variable(tf.zeros([3]), name="weights")
        z = w + 1
    with tf.variable_scope("vs"):
        v = tf.get_variable("v", [2], initializer=tf.zeros_initializer())
    with tf.variable_scope("vs", reuse=True):
        v_again = tf.get_variable("v", [2])
    a = tf.constant(1.0, name="c")
    b = tf.constant(1.0, name="c")
    assert w.name == "layer1/weights:0"
    assert z.name.startswith("layer1/")
    assert v.name == "vs/v:0" and v_again is v
    assert (a.name, b.name) == ("c:0", "c_1:0")


def test_reset_default_graph_starts_a_new_graph():
    g1 = tf.get_default_graph()
    tf.placeholder(tf.float32, name="p")
    tf.reset_default_graph()
    g2 = tf.get_default_graph()
    assert g2 is not g1
    assert tf.placeholder(tf.float32, name="p").name == "p:0"


def test_reset_default_graph_inside_a_graph_context_is_refused():
    g = tf.Graph()
    with g.as_default():
        with pytest.raises(GraphError, match="reset_default_graph"):
            tf.reset_default_graph()


def test_user_graph_context_is_respected():
    g = tf.Graph()
    with g.as_default():
        p = tf.placeholder(tf.float32, name="mine")
        assert tf.get_default_graph() is g
    assert p.graph is g
    assert p.graph is not tf.get_default_graph()
    with tf.Session(graph=g) as sess:
        assert sess.run(p * 3, {p: 2.0}) == 6.0


def test_variable_isinstance_and_optimizer_minimize_outside_graph_context():
    w = tf.Variable(5.0, name="w")
    assert isinstance(w, tf.Variable)
    loss = tf.square(w - 2.0)
    opt = tf.train.GradientDescentOptimizer(0.25)
    assert isinstance(opt, tf.train.Optimizer)
    step = opt.minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        before = sess.run(loss)
        for _ in range(10):
            sess.run(step)
        assert sess.run(loss) < before / 100


def test_disable_eager_execution_is_a_silent_no_op_that_keeps_the_process_eager():
    import tensorflow as real_tf

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tf.disable_eager_execution()
    assert real_tf.executing_eagerly()


def test_unknown_name_raises_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        tf.no_such_thing


def test_collections_and_trainable_variables_come_from_the_legacy_graph():
    a = tf.Variable(1.0, name="a")
    b = tf.Variable(2.0, name="b", trainable=False)
    assert tf.trainable_variables() == [a]
    assert set(tf.global_variables()) == {a, b}
    tf.add_to_collection("mine", a)
    assert tf.get_collection("mine") == [a]


def test_graph_variable_methods_work_outside_graph_context():
    v = tf.Variable(1.0)
    inc = v.assign_add(2.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(inc)
        assert sess.run(v) == 3.0
        assert sess.run(v + 1) == 4.0


def test_functional_layers_name_variables_as_tf1_and_train():
    tf.set_random_seed(3)  # unseeded initial weights sometimes start with dead ReLUs and never improve
    x = tf.placeholder(tf.float32, [None, 6, 6, 1], name="x")
    y_ = tf.placeholder(tf.float32, [None, 1], name="y")
    h = tf.layers.conv2d(x, 2, 3, padding="same", activation=tf.nn.relu)
    h = tf.layers.flatten(tf.layers.max_pooling2d(h, 2, 2))
    h = tf.layers.dropout(h, 0.5, training=False)
    out = tf.layers.dense(tf.layers.dense(h, 4, activation=tf.nn.relu), 1)
    assert [v.name for v in tf.trainable_variables()] == [
        "conv2d/kernel:0", "conv2d/bias:0", "dense/kernel:0", "dense/bias:0", "dense_1/kernel:0", "dense_1/bias:0"]
    with tf.variable_scope("dense", reuse=True):
        assert tf.get_variable("kernel") is tf.trainable_variables()[2]
    loss = tf.reduce_mean(tf.square(out - y_))
    step = tf.train.AdamOptimizer(0.05).minimize(loss)
    rng = np.random.RandomState(0)
    xs = rng.rand(32, 6, 6, 1).astype("float32")
    ys = xs.mean(axis=(1, 2))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first = sess.run(loss, {x: xs, y_: ys})
        for _ in range(30):
            sess.run(step, {x: xs, y_: ys})
        assert sess.run(loss, {x: xs, y_: ys}) < first
    with pytest.raises(tf_errors_invalid(), match="units="):
        tf.layers.dense(x, 0)


def tf_errors_invalid():
    from tfcompat import InvalidArgumentError

    return InvalidArgumentError


def test_works_when_tf_compat_v1_names_are_rebound_to_ours(monkeypatch):
    # tfcompat.patch() maps TF1 names onto tfcompat.v1 objects; ours must not recurse into themselves.
    import tensorflow as real_tf

    for name in ("Session", "get_default_graph", "placeholder"):
        monkeypatch.setattr(real_tf.compat.v1, name, getattr(tf, name))
    monkeypatch.setattr(real_tf.compat.v1.summary, "merge_all", tf.summary.merge_all)
    monkeypatch.setattr(real_tf.compat.v1.summary, "FileWriter", tf.summary.FileWriter)
    x = real_tf.compat.v1.placeholder(real_tf.float32, name="x")
    tf.summary.scalar("x", x)
    merged = real_tf.compat.v1.summary.merge_all()
    assert real_tf.compat.v1.get_default_graph() is x.graph
    with real_tf.compat.v1.Session() as sess:
        assert tf.Summary.FromString(sess.run(merged, {x: 2.0})).value[0].simple_value == 2.0


def test_tf_data_iterators_in_the_legacy_graph_and_eager_datasets_untouched():
    import tensorflow as real_tf

    xs = np.arange(10, dtype="float32")
    ds = tf.data.Dataset.from_tensor_slices((xs, xs * 2)).batch(4).repeat(2)
    assert isinstance(ds, tf.data.Dataset)
    x, y = ds.make_one_shot_iterator().get_next()
    init_it = tf.data.make_initializable_iterator(tf.data.Dataset.range(3))
    nxt = init_it.get_next()
    seen = 0
    with tf.Session() as sess:
        with pytest.raises(tf.errors.OutOfRangeError):
            while True:
                a, b = sess.run([x, y])
                np.testing.assert_allclose(b, a * 2)
                seen += len(a)
        sess.run(init_it.initializer)
        assert [sess.run(nxt) for _ in range(3)] == [0, 1, 2]
    assert seen == 20
    assert [list(b) for b in real_tf.data.Dataset.range(3).batch(2).as_numpy_iterator()] == [[0, 1], [2]]


def test_a_keras_variable_given_to_a_tf1_op_is_read_when_the_session_runs():
    # Keras 2's variables were graph variables: tf.summary.histogram(model.layers[0].kernel) saw each new value.
    keras = pytest.importorskip("keras")
    layer = keras.layers.Dense(2)
    layer.build((None, 3))
    with tf.name_scope("weights"):
        total = tf.reduce_sum(layer.bias)
    doubled = tf.placeholder(tf.float32, [2]) * layer.bias  # an operator of a legacy tensor, too
    with tf.Session() as sess:
        assert sess.run(total) == 0.0
        layer.bias.assign([1.0, 2.0])
        assert sess.run(total) == 3.0
        assert sess.run(doubled, {doubled.op.inputs[0]: [3.0, 3.0]}).tolist() == [3.0, 6.0]


def test_legacy_graph_tensors_hash_by_identity_as_tf_graph_tensors_do():
    import tensorflow as real_tf

    ph = tf.placeholder(tf.float32, name="x")
    y = ph * 2.0
    # identity, as TF's Tensor.__hash__ for graph tensors (id(t)); object's C hash, without TF's attribute walk
    assert hash(ph) == object.__hash__(ph) and hash(y) == object.__hash__(y) and hash(ph) != hash(y)
    assert {ph: 1.0, y: 2.0}[ph] == 1.0 and len({ph, y, ph}) == 2
    g = real_tf.Graph()
    with g.as_default():  # a user's graph keeps TF's own tensor class
        z = real_tf.compat.v1.placeholder(real_tf.float32)
    assert type(z).__hash__ is real_tf.Tensor.__hash__ and hash(z) == id(z)
