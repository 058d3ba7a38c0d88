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
