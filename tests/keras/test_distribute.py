"""TensorboardKeras under tf.distribute: only the chief writes.

Each strategy needs a fresh process (logical devices and the collective cluster
are fixed when TF initializes), so the training runs in subprocesses.
"""

import json
import os
import socket
import subprocess
import sys

import numpy as np
import pytest

from tests.support import read_back

pytestmark = [pytest.mark.tf, pytest.mark.slow]

pytest.importorskip("tensorflow")

import tfcompat  # noqa: E402
from tfcompat.keras._distribute import is_chief  # noqa: E402

MIRRORED = r"""
import json, sys
import numpy as np
import tensorflow as tf
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras, tfcompat
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
rs = np.random.RandomState(0)
x = rs.randn(64, 4).astype("float32"); y = (x[:, 0] > 0).astype("int32")
with strategy.scope():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy", metrics=["accuracy"])
tb = tfcompat.TensorboardKeras(log_dir=sys.argv[1], update_freq="batch", histogram_freq=1)
h = model.fit(x, y, batch_size=16, epochs=2, verbose=0, callbacks=[tb])
print(json.dumps({"replicas": strategy.num_replicas_in_sync, "history": h.history}), flush=True)
"""

# Keras 3.15's own fit() fails under MultiWorkerMirroredStrategy on CPU before
# any callback runs (its symbolic build reduces a PerReplica (x, y) structure),
# so the workers run a custom loop under the real strategy and call the
# callback's hooks exactly as fit would.
WORKER = r"""
import json, sys
import numpy as np
import tensorflow as tf
import keras, tfcompat
log_dir = sys.argv[1]
strategy = tf.distribute.MultiWorkerMirroredStrategy()
rs = np.random.RandomState(0)
x = rs.randn(64, 4).astype("float32"); y = (x[:, 0] > 0).astype("int32")
with strategy.scope():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    opt = keras.optimizers.SGD(0.1)
    model.compile(opt, "sparse_categorical_crossentropy")
    opt.build(model.trainable_variables)

@tf.function
def train_step(xb, yb):
    def replica_fn(xb, yb):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(yb, model(xb, training=True)))
        grads = tape.gradient(loss, model.trainable_variables)
        opt.apply_gradients(zip(grads, model.trainable_variables))
        return loss
    return strategy.reduce("MEAN", strategy.run(replica_fn, args=(xb, yb)), axis=None)

ds = strategy.experimental_distribute_dataset(tf.data.Dataset.from_tensor_slices((x, y)).batch(16))
tb = tfcompat.TensorboardKeras(model, log_dir, update_freq="batch")
tb.set_params({"epochs": 2, "steps": 4, "verbose": 0})
tb.on_train_begin()
losses = []
for epoch in range(2):
    tb.on_epoch_begin(epoch)
    total = []
    for b, (xb, yb) in enumerate(ds):
        tb.on_train_batch_begin(b)
        loss = float(train_step(xb, yb))
        total.append(loss)
        tb.on_train_batch_end(b, {"loss": loss})
    losses.append(float(np.mean(total)))
    tb.on_epoch_end(epoch, {"loss": losses[-1]})
tb.on_train_end()
print(json.dumps({"loss": losses, "replicas": strategy.num_replicas_in_sync}), flush=True)
"""


def free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def last_json(stdout):
    return json.loads([line for line in stdout.splitlines() if line.startswith("{")][-1])


def test_mirrored_strategy_two_logical_cpus_writes_once(tmp_path):
    log_dir = tmp_path / "mirrored"
    proc = subprocess.run([sys.executable, "-c", MIRRORED, str(log_dir)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = last_json(proc.stdout)
    assert out["replicas"] == 2
    assert len(os.listdir(log_dir)) == 1
    acc = read_back(log_dir)
    assert [e.step for e in acc.Scalars("train/loss")] == [0, 1]
    assert [e.value for e in acc.Scalars("train/loss")] == [float(np.float32(v)) for v in out["history"]["loss"]]
    assert [e.step for e in acc.Scalars("batch/loss")] == list(range(1, 9))
    hist_tags = acc.Tags()["histograms"]
    assert len(hist_tags) == 2 and all([h.step for h in acc.Histograms(t)] == [0, 1] for t in hist_tags)


def test_multi_worker_mirrored_only_chief_writes(tmp_path):
    ports = free_ports(2)
    cluster = {"worker": [f"127.0.0.1:{p}" for p in ports]}
    procs = []
    for index in range(2):
        env = dict(os.environ, TF_CONFIG=json.dumps({"cluster": cluster, "task": {"type": "worker", "index": index}}))
        procs.append(subprocess.Popen(
            [sys.executable, "-c", WORKER, str(tmp_path / f"worker{index}")],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outs = []
    try:
        for p in procs:
            out, err = p.communicate(timeout=240)
            assert p.returncode == 0, err[-3000:]
            outs.append(last_json(out))
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    assert outs[0]["replicas"] == 2 and outs[0]["loss"] == outs[1]["loss"]
    assert not (tmp_path / "worker1").exists()  # the non-chief wrote nothing at all
    acc = read_back(tmp_path / "worker0")
    assert [e.step for e in acc.Scalars("train/loss")] == [0, 1]
    assert [e.value for e in acc.Scalars("train/loss")] == [float(np.float32(v)) for v in outs[0]["loss"]]
    assert [e.step for e in acc.Scalars("batch/loss")] == list(range(1, 9))


@pytest.mark.parametrize(
    "tf_config, chief",
    [
        (None, True),
        ({"cluster": {"worker": ["a:1", "b:2"]}, "task": {"type": "worker", "index": 0}}, True),
        ({"cluster": {"worker": ["a:1", "b:2"]}, "task": {"type": "worker", "index": 1}}, False),
        ({"cluster": {"chief": ["c:0"], "worker": ["a:1"]}, "task": {"type": "chief", "index": 0}}, True),
        ({"cluster": {"chief": ["c:0"], "worker": ["a:1"]}, "task": {"type": "worker", "index": 0}}, False),
        ({"cluster": {"chief": ["c:0"], "ps": ["p:1"]}, "task": {"type": "ps", "index": 0}}, False),
    ],
)
def test_chief_rule_from_tf_config(monkeypatch, tf_config, chief):
    if tf_config is None:
        monkeypatch.delenv("TF_CONFIG", raising=False)
    else:
        monkeypatch.setenv("TF_CONFIG", json.dumps(tf_config))
    assert is_chief() is chief


# Every worker warns about the keys its fit lacks (no validation data here): only the chief writes.
@pytest.mark.filterwarnings("ignore:TensorboardKeras. no .* in the logs of epoch:RuntimeWarning")
def test_non_chief_callback_creates_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("TF_CONFIG", json.dumps(
        {"cluster": {"worker": ["a:1", "b:2"]}, "task": {"type": "worker", "index": 1}}))
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path / "w1"), update_freq="batch", write_lr=False)
    tb.set_params({"steps": 2, "epochs": 1})
    tb.on_train_begin()
    tb.on_epoch_begin(0)
    tb.on_train_batch_end(0, {"loss": 1.0})
    tb.on_epoch_end(0, {"loss": 1.0})
    tb.on_train_end()
    assert not (tmp_path / "w1").exists()
