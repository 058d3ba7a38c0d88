"""TF 0.12's names in tfcompat.v1: summaries with verbatim tags, ops renamed in 1.0, positional cross-entropies."""

import numpy as np
import pytest

pytestmark = [pytest.mark.tf, pytest.mark.usefixtures("fresh_graph")]
pytest.importorskip("tensorflow")

import tfcompat.v1 as tf  # noqa: E402


def test_scalar_summary_keeps_its_tag_verbatim_inside_a_name_scope():
    x = tf.placeholder(tf.float32, [])
    with tf.name_scope("loss"):
        tf.scalar_summary("my loss", tf.mul(x, 2.0))  # TF 1.x: "loss/my_loss"; 0.12: the string given
        tf.scalar_summary("offset", tf.sub(x, 1.0))
    with tf.Session() as sess:
        summary = tf.Summary.FromString(sess.run(tf.merge_all_summaries(), {x: 1.5}))
    assert [(v.tag, v.simple_value) for v in summary.value] == [("my loss", 3.0), ("offset", 0.5)]


def test_cross_entropy_positional_arguments_are_read_in_tf012_order():
    logits = tf.placeholder(tf.float32, [None, 3])
    labels = tf.placeholder(tf.float32, [None, 3])
    positional = tf.nn.softmax_cross_entropy_with_logits(logits, labels)   # TF 0.12: (logits, labels)
    named = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    feed = {logits: np.array([[2.0, 0.0, 0.0]]), labels: np.array([[1.0, 0.0, 0.0]])}
    with tf.Session() as sess:
        a, b = sess.run([positional, named], feed)
    assert a.tolist() == b.tolist() and 0.2 < float(a[0]) < 0.3


def test_cross_entropy_mixing_positional_and_named_is_a_clear_error():
    x = tf.placeholder(tf.float32, [None, 3])
    with pytest.raises(TypeError, match="positionally .TF 0.12's order: logits, labels. or by name"):
        tf.nn.softmax_cross_entropy_with_logits(x, logits=x)


# -- tfcompat.v1.tf012: TF 0.12's module, with the argument order TF 1.0 changed --

import tfcompat.v1.tf012 as tf012  # noqa: E402


def test_tf012_concat_and_split_take_012s_argument_order():
    x = tf012.placeholder(tf012.float32, [None, 4])
    halves = tf012.split(1, 2, x)  # (split_dim, num_split, value)
    swapped = tf012.concat(1, [halves[1], halves[0]])  # (concat_dim, values)
    by_keyword = tf012.concat(concat_dim=0, values=tf012.split(split_dim=1, num_split=4, value=x))
    new_order = tf012.concat_v2([halves[1], halves[0]], 1)  # 0.12's name for the 1.0 order
    with tf012.Session() as sess:
        a, b, c = sess.run([swapped, by_keyword, new_order], {x: np.arange(4.0).reshape(1, 4)})
    assert a.tolist() == c.tolist() == [[2.0, 3.0, 0.0, 1.0]]
    assert b.tolist() == [[0.0], [1.0], [2.0], [3.0]]


def test_tf012_is_tfcompat_v1_for_every_other_name():
    assert tf012.placeholder is tf.placeholder and tf012.Session is tf.Session and tf012.train is tf.train
    assert tf012.nn.relu is tf.nn.relu and "relu" in dir(tf012.nn)
    assert tf012.scalar_summary is tf.scalar_summary
    assert tf.concat is not tf012.concat and tf012.concat_v2 is tf.concat_v2 is tf.concat
    # code of the time picked the argument order by asking for concat_v2
    assert "concat_v2" in dir(tf012) and "placeholder" in dir(tf012)


def test_tf012_functions_refuse_1x_keywords_naming_them():
    x = tf012.placeholder(tf012.float32, [None, 2])
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'axis'.*tf.concat\(concat_dim, values, "
                                        r"name=None\). Received: axis=1"):
        tf012.concat([x, x], axis=1)
    with pytest.raises(TypeError, match="multiple values for argument 'values'"):
        tf012.concat(1, [x, x], values=[x])
    with pytest.raises(TypeError, match=r"Received: 4 positional arguments: \(1, \["):
        tf012.concat(1, [x], "name", 4)
    with pytest.raises(TypeError, match=r"concat_dim is a list: this is TF 1.x's order.*# tfcompat: tf1.*"
                                        r"Received: concat_dim=\[<tf.Tensor"):
        tf012.concat([x, x], 1)
    with pytest.raises(TypeError, match=r"is missing 'value'.*Received: split_dim=0, num_split=2"):
        tf012.split(0, 2)


def test_tfcompat_v1_keeps_1x_order_where_tf012_is_needed():
    x = tf.placeholder(tf.float32, [None, 2])
    with pytest.raises((TypeError, ValueError)):
        tf.concat(1, [x, x])  # TF 1.x's tf.concat(values, axis) cannot take 0.12's call
    assert set(tf.__all__) <= set(tf012.__all__) and {"concat", "split"} <= set(tf012.__all__)


def _sampled_loss(build):
    """A sampled loss built in a graph of its own with a fixed seed (the sampler is random)."""
    with tf.Graph().as_default():
        tf.set_random_seed(0)
        weights = tf.constant(np.random.RandomState(0).randn(10, 3).astype("float32"))
        biases = tf.zeros([10])
        inputs = tf.constant(np.random.RandomState(1).randn(5, 3).astype("float32"))
        labels = tf.constant(np.arange(5).reshape(5, 1).astype("int64"))
        loss = build(weights, biases, inputs, labels)
        with tf.Session() as sess:
            return sess.run(loss)


@pytest.mark.parametrize("name", ["nce_loss", "sampled_softmax_loss"])
def test_tf012_sampled_losses_take_inputs_before_labels(name):
    old = _sampled_loss(lambda w, b, i, lab: getattr(tf012.nn, name)(w, b, i, lab, 4, 10))  # TF 0.12's order
    new = _sampled_loss(lambda w, b, i, lab: getattr(tf.nn, name)(w, b, lab, i, 4, 10))  # TF 1.x's
    assert old.shape == (5,) and old.tolist() == new.tolist()
    assert "inputs at position 2, labels at position 3" in getattr(tf012.nn, name).__doc__


def test_tf012_rnn_loop_names_are_tf1s_static_ones():
    steps = [tf.placeholder(tf.float32, [None, 3]) for _ in range(4)]
    outputs, state = tf.nn.rnn(tf.nn.rnn_cell.BasicRNNCell(5), steps, dtype=tf.float32)  # TF 0.12's tf.nn.rnn
    fw, bw = tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.GRUCell(2)
    both, _, _ = tf.nn.bidirectional_rnn(fw, bw, steps, dtype=tf.float32)
    assert len(outputs) == 4 and outputs[-1].shape.as_list() == [None, 5] and both[0].shape.as_list() == [None, 4]
    assert [v.name for v in tf.trainable_variables()][:2] == ["rnn/basic_rnn_cell/kernel:0", "rnn/basic_rnn_cell/bias:0"]


def test_version_strings_say_which_api_and_whose():
    from packaging.version import Version

    assert Version(tf.__version__).release == (1, 15, 5) and Version(tf.__version__).local == "tfcompat"
    assert tf.VERSION == tf.__version__ and int(tf.__version__.split(".")[0]) == 1
    assert tf012.__version__.startswith("0.12.") and tf012.VERSION == tf012.__version__
    assert tf012.__version__ < "1.0" <= tf.__version__  # the comparisons scripts of the time made
