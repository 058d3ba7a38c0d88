"""tf.train.Saver round trips through tfcompat.v1: save, restore, latest_checkpoint, max_to_keep, import_meta_graph."""

import os

import numpy as np
import pytest

import tfcompat.v1 as tf

pytestmark = [pytest.mark.tf, pytest.mark.usefixtures("fresh_graph")]


def _model():
    w = tf.Variable(tf.zeros([3]), name="w")
    b = tf.get_variable("b", [2], initializer=tf.ones_initializer())
    step = tf.train.get_or_create_global_step()
    return w, b, step


def test_save_then_restore_in_a_new_session_gives_the_saved_values(tmp_path):
    w, b, step = _model()
    set_w = w.assign([1.0, 2.0, 3.0])
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run([set_w, step.assign(7)])
        path = saver.save(sess, str(tmp_path / "model.ckpt"), global_step=step)
    assert path == str(tmp_path / "model.ckpt-7")
    assert tf.train.latest_checkpoint(str(tmp_path)) == path
    with tf.Session() as sess:  # nothing initialized: every value comes from the checkpoint
        saver.restore(sess, path)
        got_w, got_b, got_step = sess.run([w, b, step])
    np.testing.assert_array_equal(got_w, [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(got_b, [1.0, 1.0])
    assert got_step == 7
    assert dict(tf.train.list_variables(path)) == {"w": [3], "b": [2], "global_step": []}


def test_max_to_keep_and_the_checkpoint_state_file(tmp_path):
    w, _, _ = _model()
    saver = tf.train.Saver(max_to_keep=2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for s in range(4):
            saver.save(sess, str(tmp_path / "m"), global_step=s)
    state = tf.train.get_checkpoint_state(str(tmp_path))
    assert [os.path.basename(p) for p in state.all_model_checkpoint_paths] == ["m-2", "m-3"]
    assert not (tmp_path / "m-1.index").exists() and (tmp_path / "m-3.index").exists()


def test_import_meta_graph_restores_into_a_fresh_graph(tmp_path):
    w, _, _ = _model()
    set_w = w.assign([4.0, 5.0, 6.0])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(set_w)
        path = tf.train.Saver().save(sess, str(tmp_path / "model"))
    tf.reset_default_graph()
    with tf.Session() as sess:
        saver = tf.train.import_meta_graph(path + ".meta")
        assert isinstance(saver, tf.train.Saver)
        saver.restore(sess, path)  # was TF 2's eager path: "No variables to save"
        values = {v.op.name: sess.run(v) for v in tf.global_variables()}
    np.testing.assert_array_equal(values["w"], [4.0, 5.0, 6.0])
    assert set(values) == {"w", "b", "global_step"}


def test_restore_a_subset_by_name_into_differently_named_variables(tmp_path):
    w, _, _ = _model()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(w.assign([7.0, 8.0, 9.0]))
        path = tf.train.Saver().save(sess, str(tmp_path / "model"))
    tf.reset_default_graph()
    other = tf.Variable(tf.zeros([3]), name="renamed")
    with tf.Session() as sess:
        tf.train.Saver({"w": other}).restore(sess, path)
        np.testing.assert_array_equal(sess.run(other), [7.0, 8.0, 9.0])
