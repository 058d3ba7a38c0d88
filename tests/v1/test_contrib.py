"""tfcompat.v1.contrib: contrib.layers, the projector, contrib.summary, and the error for every other name."""

import numpy as np
import pytest
from google.protobuf import text_format

import tfcompat.v1 as tf
from tests.support import points, read_back
from tfcompat import InvalidArgumentError, RemovedAPIError

pytestmark = [pytest.mark.tf, pytest.mark.usefixtures("fresh_graph")]


def _names(variables):
    return [v.name for v in variables]


def test_contrib_layers_scopes_variables_and_collections_as_tf1():
    x = tf.placeholder(tf.float32, [None, 8, 8, 1], name="x")
    with tf.name_scope("net"):
        h = tf.contrib.layers.conv2d(x, 4, [3, 3])
        h = tf.contrib.layers.max_pool2d(h, 2)
        flat = tf.contrib.layers.flatten(h)
        fc = tf.contrib.layers.fully_connected(flat, 6)
        out = tf.contrib.layers.fully_connected(fc, 2, activation_fn=None, scope="logits")
    assert _names(tf.trainable_variables()) == [
        "Conv/weights:0", "Conv/biases:0", "fully_connected/weights:0", "fully_connected/biases:0",
        "logits/weights:0", "logits/biases:0"]
    assert _names(tf.get_collection(tf.GraphKeys.MODEL_VARIABLES)) == _names(tf.trainable_variables())
    assert h.name == "net/MaxPool2D/MaxPool:0" and flat.shape.as_list() == [None, 64]
    assert fc.name == "net/fully_connected/Relu:0"  # activation_fn defaults to tf.nn.relu, as in TF1
    assert out.name == "net/logits/BiasAdd:0"
    assert flat.name.startswith("net/Flatten/")


def test_xavier_initializer_and_l2_regularizer_values():
    w = tf.get_variable("w", [300, 100], initializer=tf.contrib.layers.xavier_initializer(seed=1))
    n = tf.get_variable("n", [300, 100], initializer=tf.contrib.layers.xavier_initializer(uniform=False, seed=1))
    reg = tf.contrib.layers.l2_regularizer(0.5)(w)
    both = tf.contrib.layers.l1_l2_regularizer(0.1, 0.2)(w)
    assert reg.op.name == "l2_regularizer"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        wv, nv, rv, bv = sess.run([w, n, reg, both])
    limit = np.sqrt(6.0 / 400)
    assert np.abs(wv).max() <= limit and np.abs(wv).max() > 0.95 * limit
    assert wv.std() == pytest.approx(limit / np.sqrt(3), rel=0.05)
    # contrib's truncated normal: stddev sqrt(1.3 * 2 / (fan_in + fan_out)) before truncation at 2 sigma
    assert np.abs(nv).max() <= 2 * np.sqrt(2.6 / 400) + 1e-6
    assert rv == pytest.approx(0.5 * (wv ** 2).sum() / 2, rel=1e-5)
    assert bv == pytest.approx(0.1 * np.abs(wv).sum() + 0.2 * (wv ** 2).sum() / 2, rel=1e-5)
    assert tf.contrib.layers.l2_regularizer(0.0)(w) is None
    with pytest.raises(InvalidArgumentError, match="scale cannot be an integer"):
        tf.contrib.layers.l2_regularizer(1)
    with pytest.raises(InvalidArgumentError, match="less than 0"):
        tf.contrib.layers.l1_regularizer(-0.5)


def test_regularizers_batch_norm_and_dropout_from_contrib_train():
    tf.set_random_seed(0)
    x = tf.placeholder(tf.float32, [None, 4])
    y = tf.placeholder(tf.float32, [None, 1])
    is_training = tf.placeholder(tf.bool, [])
    h = tf.contrib.layers.fully_connected(x, 16, normalizer_fn=tf.contrib.layers.batch_norm,
                                          normalizer_params={"is_training": is_training},
                                          weights_regularizer=tf.contrib.layers.l2_regularizer(1e-3))
    h = tf.contrib.layers.dropout(h, keep_prob=0.9, is_training=is_training)
    out = tf.contrib.layers.linear(h, 1)
    assert "fully_connected/biases:0" not in _names(tf.global_variables())  # the normalizer replaces biases
    assert "fully_connected/BatchNorm/moving_variance:0" in _names(tf.global_variables())
    assert len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)) == 2
    reg = tf.losses.get_regularization_loss()
    loss = tf.reduce_mean(tf.square(out - y)) + reg
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        step = tf.train.AdamOptimizer(0.02).minimize(loss)
    xs = np.random.RandomState(0).rand(64, 4).astype(np.float32)
    ys = xs.sum(axis=1, keepdims=True)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first = sess.run(loss, {x: xs, y: ys, is_training: False})
        for _ in range(60):
            sess.run(step, {x: xs, y: ys, is_training: True})
        assert sess.run(loss, {x: xs, y: ys, is_training: False}) < first / 4


def test_summarize_helpers_write_tf1_tags(tmp_path):
    x = tf.placeholder(tf.float32, [None, 3])
    h = tf.contrib.layers.fully_connected(x, 2, outputs_collections=tf.GraphKeys.ACTIVATIONS)
    tf.contrib.layers.summarize_activations()
    tf.contrib.layers.summarize_tensor(tf.reduce_mean(h, name="mean_h"))
    tf.contrib.layers.summarize_variables("fully_connected/weights")
    merged = tf.summary.merge_all()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        writer = tf.summary.FileWriter(str(tmp_path))
        writer.add_summary(sess.run(merged, {x: np.ones((2, 3))}), 3)
        writer.close()
    acc = read_back(tmp_path)
    assert sorted(acc.Tags()["scalars"]) == ["fully_connected/Relu/zeros", "mean_h_summary"]
    assert sorted(acc.Tags()["histograms"]) == ["fully_connected/Relu/activation", "fully_connected/weights_summary"]
    assert [s for s, _ in points(acc, "mean_h_summary")] == [3]


def test_visualize_embeddings_writes_the_projector_config(tmp_path):
    projector = tf.contrib.tensorboard.plugins.projector
    config = projector.ProjectorConfig()
    emb = config.embeddings.add()
    emb.tensor_name = "embedding:0"
    emb.metadata_path = "labels.tsv"
    emb.sprite.image_path = "sprite.png"
    emb.sprite.single_image_dim.extend([28, 28])
    writer = tf.summary.FileWriter(str(tmp_path))
    projector.visualize_embeddings(writer, config)
    writer.close()
    text = (tmp_path / "projector_config.pbtxt").read_text()
    parsed = text_format.Parse(text, projector.ProjectorConfig())
    assert parsed == config and 'tensor_name: "embedding:0"' in text
    with pytest.raises(InvalidArgumentError, match="ProjectorConfig"):
        projector.visualize_embeddings(writer, "embedding:0")


def test_contrib_summary_writes_scalars_at_the_global_step(tmp_path):
    global_step = tf.train.get_or_create_global_step()
    loss = tf.placeholder(tf.float32, [], name="loss_value")
    writer = tf.contrib.summary.create_file_writer(str(tmp_path), flush_millis=10000)
    with writer.as_default(), tf.contrib.summary.always_record_summaries():
        tf.contrib.summary.scalar("loss", loss)
        tf.contrib.summary.histogram("weights", tf.random_normal([20]))
    with writer.as_default(), tf.contrib.summary.record_summaries_every_n_global_steps(3):
        tf.contrib.summary.scalar("sparse_loss", loss)
    with writer.as_default():  # TF1: no recording condition means nothing is recorded
        tf.contrib.summary.scalar("never", loss)
    increment = tf.assign_add(global_step, 1)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with writer.as_default():  # no session=: the default one, as TF1's tutorials called it
            tf.contrib.summary.initialize(graph=tf.get_default_graph())
        for i in range(7):
            sess.run(tf.contrib.summary.all_summary_ops(), {loss: 10.0 - i})
            sess.run(increment)
        sess.run(tf.contrib.summary.flush(writer=writer._resource))  # 2018 code reached for the resource
    acc = read_back(tmp_path)
    assert sorted(acc.Tags()["scalars"]) == ["loss", "sparse_loss"]
    assert points(acc, "loss") == [(i, 10.0 - i) for i in range(7)]
    assert points(acc, "sparse_loss") == [(0, 10.0), (3, 7.0), (6, 4.0)]
    assert acc.Tags()["histograms"] == ["weights"] and acc.Tags()["graph"]
    assert tf.contrib.summary.eval_dir("/m", "x") == "/m/eval_x"


def test_other_contrib_names_say_what_replaced_them():
    with pytest.raises(RemovedAPIError, match=r"tf\.contrib\.seq2seq .*tensorflow_addons\.seq2seq"):
        tf.contrib.seq2seq
    with pytest.raises(RemovedAPIError, match=r"tf\.contrib\.rnn\.LayerNormBasicLSTMCell .*provides only"):
        tf.contrib.rnn.LayerNormBasicLSTMCell
    with pytest.raises(ImportError, match=r"tf\.contrib\.slim .*tf_slim"):
        from tfcompat.v1.contrib import slim  # noqa: F401
    with pytest.raises(RemovedAPIError, match=r"tf\.contrib\.layers\.embed_sequence .*provides only"):
        tf.contrib.layers.embed_sequence
    with pytest.raises(RemovedAPIError, match=r"tf\.contrib\.learn\.Estimator .*tf\.estimator"):
        tf.contrib.learn.Estimator
    with pytest.raises(RemovedAPIError, match="create_db_writer"):
        tf.contrib.summary.create_db_writer("db")
    assert tf.contrib.framework.get_or_create_global_step().name == "global_step:0"
