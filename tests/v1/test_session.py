"""tfcompat.v1.Session: TF1 semantics, Keras 3 / eager objects, clear errors."""

import numpy as np
import pytest

import tfcompat.v1 as tf
from tfcompat import GraphError, InvalidArgumentError
from tfcompat.v1._session import get_default_session_or_create

pytestmark = [pytest.mark.tf, pytest.mark.usefixtures("fresh_graph")]


def test_context_manager_makes_default_session_and_eval_works():
    x = tf.placeholder(tf.float32, name="x")
    y = x * 2.0
    assert tf.get_default_session() is None
    with tf.Session() as sess:
        assert tf.get_default_session() is sess
        assert y.eval({x: 3.0}) == 6.0
        assert sess.run({"a": y, "b": [y, y]}, {x: 1.0}) == {"a": 2.0, "b": [2.0, 2.0]}
    assert tf.get_default_session() is None
    with pytest.raises(RuntimeError, match="closed"):
        sess.run(y, {x: 1.0})


def test_interactive_session_is_default_until_closed():
    c = tf.constant(4.0) + 1
    sess = tf.InteractiveSession()
    try:
        assert tf.get_default_session() is sess
        assert c.eval() == 5.0
    finally:
        sess.close()
    assert tf.get_default_session() is None
    import tensorflow as real_tf

    assert real_tf.executing_eagerly()


def test_fetching_keras_and_eager_objects_returns_their_values():
    import keras
    import tensorflow as real_tf

    opt = keras.optimizers.SGD(learning_rate=0.125)
    kvar = keras.Variable(np.array([1.0, 2.0], dtype="float32"))
    x = tf.placeholder(tf.float32, name="x")
    with tf.Session() as sess:
        assert sess.run(opt.learning_rate) == pytest.approx(0.125)
        lr, val, graph_val, num = sess.run([opt.learning_rate, kvar, x + 1, 7], {x: 1.0})
        np.testing.assert_allclose(val, [1.0, 2.0])
        assert (graph_val, num) == (2.0, 7)
        assert sess.run(real_tf.constant(3.0)) == 3.0


def test_feeding_eager_tensors_and_keras_variables():
    import keras
    import tensorflow as real_tf

    x = tf.placeholder(tf.float32, [2], name="x")
    with tf.Session() as sess:
        np.testing.assert_allclose(sess.run(x * 2, {x: real_tf.constant([1.0, 2.0])}), [2.0, 4.0])
        np.testing.assert_allclose(sess.run(x * 2, {x: keras.Variable(np.array([3.0, 4.0], "float32"))}), [6.0, 8.0])


def test_feeding_a_string_to_a_float_placeholder_names_it():
    x = tf.placeholder(tf.float32, name="lr_input")
    y = x + 1
    s = tf.summary.scalar("loss", x)
    with tf.Session() as sess:
        with pytest.raises(InvalidArgumentError, match=r"lr_input.*float32.*'abc'"):
            sess.run(y, {x: "abc"})
        with pytest.raises(InvalidArgumentError, match=r"lr_input.*float32.*'abc'"):
            sess.run(s, {x: "abc"})  # summary fast path


def test_missing_feed_names_the_placeholder():
    x = tf.placeholder(tf.float32, name="needed")
    y = x + 1
    s = tf.summary.scalar("loss", x)
    with tf.Session() as sess:
        with pytest.raises(GraphError, match="needed"):
            sess.run(y)
        with pytest.raises(GraphError, match="needed"):
            sess.run(s, {})


def test_fetch_from_another_graph_names_the_fetch_and_both_graphs():
    g = tf.Graph()
    with g.as_default():
        other = tf.constant(1.0, name="elsewhere")
    mine = tf.constant(2.0)
    with tf.Session() as sess:
        assert sess.run(mine) == 2.0
        with pytest.raises(GraphError, match=r"elsewhere.*belongs to graph.*session runs graph"):
            sess.run([mine, other])


def test_feed_key_from_another_graph_is_refused():
    g = tf.Graph()
    with g.as_default():
        other = tf.placeholder(tf.float32, name="foreign")
    mine = tf.constant(2.0)
    with tf.Session() as sess:
        with pytest.raises(GraphError, match="foreign"):
            sess.run(mine, {other: 1.0})


def test_run_none_after_empty_merge_all_explains_why():
    merged = tf.summary.merge_all()
    assert merged is None  # as TF1
    with tf.Session() as sess:
        with pytest.raises(GraphError, match=r"merge_all\(\) found no summaries.*TF2's tf.summary.scalar"):
            sess.run(merged)
        x = tf.placeholder(tf.float32, name="x")
        tf.summary.scalar("loss", x)
        assert tf.summary.merge_all() is not None
        with pytest.raises(GraphError) as info:  # an unrelated None: no stale merge_all story
            sess.run(None)
        assert "merge_all" not in str(info.value)


def test_tf2_summary_scalar_does_not_join_the_collection_and_the_error_says_so():
    import tensorflow as real_tf

    x = tf.placeholder(tf.float32, name="x")
    with real_tf.summary.create_noop_writer().as_default():
        real_tf.summary.scalar("loss", 1.0, step=0)
    assert tf.summary.merge_all() is None
    with pytest.raises(GraphError, match="another graph"):
        tf.Session().run([x, None], {x: 1.0})


def test_get_default_session_or_create_initializes_variables_and_follows_reset():
    v = tf.Variable(3.0)
    sess = get_default_session_or_create()
    assert sess.graph is tf.get_default_graph()
    assert sess.run(v) == 3.0
    assert get_default_session_or_create() is sess
    w = tf.Variable(4.0)
    assert get_default_session_or_create().run(w) == 4.0  # new variables initialized too
    tf.reset_default_graph()
    sess2 = get_default_session_or_create()
    assert sess2 is not sess and sess2.graph is tf.get_default_graph()
    with tf.Session() as inner:
        assert get_default_session_or_create() is inner


def test_options_and_run_metadata_pass_through():
    x = tf.placeholder(tf.float32)
    s = tf.summary.scalar("v", x)
    meta = tf.RunMetadata()
    opts = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
    with tf.Session() as sess:
        out = sess.run(s, {x: 1.5}, options=opts, run_metadata=meta)
    assert tf.Summary.FromString(out).value[0].simple_value == 1.5
    assert meta.step_stats.dev_stats


def test_saver_accepts_our_session(tmp_path):
    v = tf.Variable(3.0, name="v")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, str(tmp_path / "model.ckpt"))
        sess.run(v.assign(5.0))
        saver.restore(sess, path)
        assert sess.run(v) == 3.0


def test_feeding_a_graph_tensor_names_the_placeholder_on_both_paths():
    p = tf.placeholder(tf.float32, name="lr_in")
    s = tf.summary.scalar("lr", p)
    c = tf.constant(2.0, name="two")
    with tf.Session() as sess:
        for fetch in (s, p * 2):  # fast path, then TF
            with pytest.raises(InvalidArgumentError, match=r"lr_in.*float32.*two:0"):
                sess.run(fetch, {p: c})
