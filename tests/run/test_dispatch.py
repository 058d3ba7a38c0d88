"""tfcompat.run._dispatch: a shared TF1/TF2 name takes its TF1 meaning only when its arguments say so."""

import warnings

import numpy as np
import pytest

pytestmark = pytest.mark.tf

tf = pytest.importorskip("tensorflow")

import tfcompat  # noqa: E402
from tfcompat.run import _dispatch  # noqa: E402


@pytest.fixture
def patched():
    from tfcompat.v1._graph import reset_legacy_graph

    reset_legacy_graph()  # each test builds its TF1 ops in a fresh legacy graph
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with tfcompat.patched():
            yield


@pytest.fixture
def graph_tensor():
    g = tf.Graph()
    with g.as_default():
        ph = tf.compat.v1.placeholder(tf.float32, shape=(), name="ph")
    return ph


def test_graph_of(graph_tensor):
    assert _dispatch.graph_of(graph_tensor) is graph_tensor.graph
    assert _dispatch.graph_of(tf.constant(1.0)) is None
    assert _dispatch.graph_of(3.0) is None
    assert _dispatch.find_graph_arg(("a", [1.0, graph_tensor]), {}) is graph_tensor.graph
    assert _dispatch.find_graph_arg((), {"data": {"x": graph_tensor}}) is graph_tensor.graph


@pytest.mark.parametrize("args, kwargs, tf1", [
    (("lr", "GRAPH"), {}, True),                          # a graph tensor
    (("lr", 1.0), {}, True),                              # no step, no default step
    (("lr", 1.0), {"step": 3}, False),
    (("lr", 1.0, 3), {}, False),                          # positional step
    (("lr", 1.0, ["coll"]), {}, True),                    # TF1 `collections`
    (("lr", 1.0), {"family": "train"}, True),
    (("a", 1.0, 8000), {}, True),                         # audio: 3rd positional is sample_rate
    (("a", 1.0, 8000, 2), {}, False),
])
def test_summary_is_tf1(args, kwargs, tf1, graph_tensor):
    args = tuple(graph_tensor if a == "GRAPH" else a for a in args)
    op = "audio" if args[0] == "a" else "scalar"
    assert _dispatch.summary_is_tf1(op, args, kwargs) is tf1


def test_default_step_makes_a_stepless_summary_tf2():
    tf.summary.experimental.set_step(5)
    try:
        assert _dispatch.summary_is_tf1("scalar", ("x", 1.0), {}) is False
    finally:
        tf.summary.experimental.set_step(None)


def test_tf1_summary_scalar_on_a_placeholder_joins_merge_all(patched, tmp_path):
    ph = tf.placeholder(tf.float32, shape=())
    tf.summary.scalar("tf1_lr", ph)
    merged = tf.summary.merge_all()
    with tf.Session() as sess:
        raw = sess.run(merged, feed_dict={ph: 0.25})
    from tensorboard.compat.proto import summary_pb2

    summary = summary_pb2.Summary.FromString(raw)
    assert [(v.tag, v.simple_value) for v in summary.value if v.tag == "tf1_lr"] == [("tf1_lr", 0.25)]


def test_tf2_summary_with_step_is_untouched(patched, tmp_path):
    writer = tf.summary.create_file_writer(str(tmp_path))
    with writer.as_default():
        assert tf.summary.scalar("tf2_x", 1.5, step=7) is not False
    writer.flush()
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    acc = EventAccumulator(str(tmp_path))
    acc.Reload()
    events = acc.Tensors("tf2_x")
    assert [(e.step, float(tf.make_ndarray(e.tensor_proto))) for e in events] == [(7, 1.5)]


def test_shared_ops_build_in_the_graph_of_their_arguments(patched):
    x = tf.placeholder(tf.float32, shape=(None, 2))
    y = tf.matmul(x, tf.ones([2, 1]))          # eager constant + graph tensor: built in x's graph
    z = tf.nn.relu(tf.reduce_sum(y))
    assert z.graph is x.graph
    eager = tf.reduce_sum(tf.ones([3]))         # no graph argument: plain TF2
    assert float(eager.numpy()) == 3.0
    with tf.Session() as sess:
        assert sess.run(z, feed_dict={x: np.ones((1, 2), np.float32)}) == 2.0


def test_variable_eager_by_default_with_a_graph_twin_for_tf1_code(patched):
    b = tf.Variable(tf.zeros([1]), name="bias")     # no graph argument: an eager TF2 variable
    assert float(b.numpy()[0]) == 0.0
    x = tf.placeholder(tf.float32, shape=(None, 1))
    out = x + b                                       # TF1 code uses it in the graph: its twin
    w = tf.Variable(tf.truncated_normal([1, 1]))     # graph argument: a graph variable
    assert w.graph is x.graph
    step = tf.Variable(0, trainable=False)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(out * w), global_step=step)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, feed_dict={x: np.ones((2, 1), np.float32)})
        assert sess.run(step) == 1
        assert sess.run(b)[0] != 0.0               # the twin was trained
    assert float(b.numpy()[0]) == 0.0             # the eager variable is untouched


def test_tf012_scalar_summary_keeps_the_tag_verbatim(patched):
    loss = tf.placeholder(tf.float32, shape=())
    with tf.name_scope("stats"):
        op = tf.scalar_summary("loss", loss)
        v1_op = tf.summary.scalar("loss", loss)
    with tf.Session() as sess:
        raw, raw1 = sess.run([op, v1_op], feed_dict={loss: 2.0})
    from tensorboard.compat.proto import summary_pb2

    assert [v.tag for v in summary_pb2.Summary.FromString(raw).value] == ["loss"]
    assert [v.tag for v in summary_pb2.Summary.FromString(raw1).value] == ["stats/loss"]


def test_shared_names_on_graph_tensors_take_the_tf1_signature(patched):
    # TF1 and TF2 spell these differently; a graph argument means the TF1 function.
    x = tf.placeholder(tf.float32, shape=(None, 3))
    keep_prob = tf.placeholder(tf.float32)
    dropped = tf.nn.dropout(x, keep_prob)                    # TF2's 2nd positional is `rate`
    row_sums = tf.reduce_sum(x, reduction_indices=[1])       # TF2 has no reduction_indices
    labels = tf.placeholder(tf.int32, shape=(None,))
    top1 = tf.nn.in_top_k(x, labels, 1)                      # TF1 order: predictions, targets
    data = np.array([[1.0, 2.0, 3.0], [4.0, 0.0, 1.0]], np.float32)
    with tf.Session() as sess:
        kept, sums, hit = sess.run([dropped, row_sums, top1],
                                   feed_dict={x: data, keep_prob: 1.0, labels: [2, 1]})
    np.testing.assert_array_equal(kept, data)                # keep_prob=1.0 keeps everything
    np.testing.assert_array_equal(sums, [6.0, 5.0])
    assert hit.tolist() == [True, False]
    eager = tf.nn.dropout(tf.ones([4]), 0.0)                 # no graph argument: TF2's `rate`
    np.testing.assert_array_equal(eager.numpy(), np.ones(4))


def test_tf1_summary_of_an_eager_value_is_a_constant_with_a_warning(patched):
    # mnist_with_summaries: biases = tf.Variable(tf.constant(0.1, shape=[3])) is eager (no graph
    # argument), so tf.reduce_mean(biases) is too; the stepless summary is TF1 and must not crash.
    biases = tf.Variable(tf.constant(0.1, shape=[3]))
    with pytest.warns(UserWarning, match=r"tf.summary.scalar\('mean', \.\.\.\).*logged as a constant"):
        tf.summary.scalar("mean", tf.reduce_mean(biases))
    merged = tf.summary.merge_all()
    with tf.Session() as sess:
        raw = sess.run(merged)
    from tensorboard.compat.proto import summary_pb2

    values = {v.tag: v.simple_value for v in summary_pb2.Summary.FromString(raw).value}
    assert values == {"mean": pytest.approx(0.1)}


def test_tf012_renamed_ops_dispatch_like_their_tf1_names(patched):
    a = tf.placeholder(tf.float32, [2])
    b = tf.placeholder(tf.float32, [2])
    outs = [tf.mul(a, b), tf.sub(a, b), tf.neg(a), tf.unpack(tf.pack([a, b]))[1],
            tf.select(tf.constant([True, False]), a, b)]
    with tf.Session() as sess:
        got = sess.run(outs, feed_dict={a: [1.0, 2.0], b: [3.0, 5.0]})
    assert [g.tolist() for g in got] == [[3.0, 10.0], [-2.0, -3.0], [-1.0, -2.0], [3.0, 5.0], [1.0, 5.0]]
    assert float(tf.mul(tf.constant(2.0), 3.0).numpy()) == 6.0    # eager arguments: TF2, eager
