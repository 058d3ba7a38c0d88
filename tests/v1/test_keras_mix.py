"""A 2017 graph script through tfcompat.v1 in the same process as Keras 3 fit."""

import subprocess
import sys

import numpy as np
import pytest
from tensorboard.backend.event_processing import event_accumulator

import tfcompat.v1 as tf
from tests.support import EXAMPLES

pytestmark = pytest.mark.tf


def _acc(logdir):
    acc = event_accumulator.EventAccumulator(str(logdir), size_guidance={
        event_accumulator.SCALARS: 0, event_accumulator.HISTOGRAMS: 0})
    acc.Reload()
    return acc


def _keras_fit(seed):
    import keras

    rng = np.random.RandomState(seed)
    x = rng.rand(64, 4).astype("float32")
    y = (x.sum(axis=1, keepdims=True) > 2).astype("float32")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.5), loss="binary_crossentropy")
    return model, model.fit(x, y, epochs=3, batch_size=16, verbose=0)


def test_graph_script_trains_and_logs_next_to_keras_fit(tmp_path):
    tf.reset_default_graph()
    model, hist_before = _keras_fit(0)  # Keras first ...

    rng = np.random.RandomState(1)
    x_data = rng.rand(256, 3).astype("float32")
    y_data = x_data @ np.array([[2.0], [-1.0], [0.5]], "float32") + 0.3
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y_ = tf.placeholder(tf.float32, [None, 1], name="y")
    with tf.name_scope("model"):
        W = tf.Variable(tf.random_normal([3, 1], stddev=0.1, seed=1), name="W")
        b = tf.Variable(tf.zeros([1]), name="b")
        y = tf.matmul(x, W) + b
    with tf.name_scope("loss"):
        loss = tf.reduce_mean(tf.square(y - y_))
    tf.summary.scalar("loss", loss)
    tf.summary.histogram("W", W)
    lr = tf.placeholder_with_default(0.2, [], name="lr")
    tf.summary.scalar("lr", lr)
    train_op = tf.train.GradientDescentOptimizer(lr).minimize(loss)
    merged = tf.summary.merge_all()

    losses = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        writer = tf.summary.FileWriter(str(tmp_path), sess.graph)
        for step in range(60):
            _, loss_value, summ = sess.run([train_op, loss, merged], {x: x_data, y_: y_data})
            losses.append(loss_value)
            if step % 10 == 0:
                writer.add_summary(summ, step)
        # ... Keras again, inside the session block: eager is still on.
        _, hist_inside = _keras_fit(2)
        writer.close()
    assert losses[-1] < losses[0] / 10
    import tensorflow as real_tf

    assert real_tf.executing_eagerly()  # Keras 3 fit ran inside the session block
    assert np.isfinite(hist_inside.history["loss"]).all() and np.isfinite(hist_before.history["loss"]).all()
    acc = _acc(tmp_path)
    # TF1's tags: the "loss" name scope and the "lr" placeholder already took those names.
    assert sorted(acc.Tags()["scalars"]) == ["loss_1", "lr_1"]
    logged = acc.Scalars("loss_1")
    assert [e.step for e in logged] == list(range(0, 60, 10))
    assert logged[-1].value < logged[0].value
    assert acc.Tags()["histograms"] == ["W"]
    assert [e.value for e in acc.Scalars("lr_1")] == pytest.approx([0.2] * 6)
    assert acc.Tags()["graph"]


@pytest.mark.slow
def test_legacy_example_runs_and_its_loss_falls(tmp_path):
    script = str(EXAMPLES / "tf1_graph_2017.py")
    out = subprocess.run([sys.executable, script, str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    acc = _acc(tmp_path / "train")
    xent = acc.Scalars("loss/cross_entropy")
    assert xent[-1].value < xent[0].value / 2
    assert len(xent) == 20
    assert set(acc.Tags()["histograms"]) == {"hidden/weights_1", "output/weights_1"}  # as TF1 named them
    assert acc.Tags()["graph"]
    test_acc = _acc(tmp_path / "test").Scalars("accuracy/accuracy")
    assert test_acc[-1].value > 0.9
