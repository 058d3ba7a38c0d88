"""TensorboardKeras crash safety (a real SIGKILL) and resuming with ``initial_epoch``."""

import json
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

# Most tests here fit without validation data on purpose: the one warning about the missing val_* keys is
# pinned in test_tensorboard_2018.py and ignored elsewhere.
pytestmark = [pytest.mark.tf, pytest.mark.filterwarnings("ignore:TensorboardKeras. no .* in the logs of epoch:RuntimeWarning")]

keras = pytest.importorskip("keras")

import tfcompat  # noqa: E402
from tests.support import read_back

STEPS = 4  # batches per epoch below: 64 samples, batch 16

CHILD = textwrap.dedent(
    """
    import json, os, signal, sys
    import numpy as np, keras, tfcompat

    log_dir, kill_epoch = sys.argv[1], int(sys.argv[2])
    rs = np.random.RandomState(0)
    x = rs.randn(64, 4).astype("float32"); y = (x[:, 0] > 0).astype("int32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy", metrics=["accuracy"])

    def report(epoch, logs):
        print(json.dumps({"epoch": epoch, "loss": logs["loss"]}), flush=True)

    def maybe_die(batch, logs):
        if model._tfcompat_epoch == kill_epoch and batch == 1:
            os.kill(os.getpid(), signal.SIGKILL)

    def mark(epoch, logs):
        model._tfcompat_epoch = epoch

    tb = tfcompat.TensorboardKeras(log_dir=log_dir, update_freq="batch", flush_secs=3600)
    model.fit(x, y, batch_size=16, epochs=10, verbose=0, callbacks=[
        keras.callbacks.LambdaCallback(on_epoch_begin=mark, on_train_batch_end=maybe_die, on_epoch_end=report),
        tb,
    ])
    """
)


def steps(acc, tag):
    return [e.step for e in acc.Scalars(tag)]


@pytest.mark.slow
def test_sigkill_in_epoch_n_keeps_epochs_before_it_then_resume_continues(tmp_path):
    log_dir = tmp_path / "run"
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(log_dir), "3"], capture_output=True, text=True, timeout=180
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    reported = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    # The reporting callback runs BEFORE TensorboardKeras in the list, so epoch 2's
    # line proves nothing: only what on_epoch_end returned from must be on disk.
    assert [r["epoch"] for r in reported] == [0, 1, 2]

    acc = read_back(log_dir)
    assert steps(acc, "train/loss") == [0, 1, 2]
    assert [e.value for e in acc.Scalars("train/loss")] == [float(np.float32(r["loss"])) for r in reported]
    assert steps(acc, "batch/loss") == list(range(1, 3 * STEPS + 1))

    # Resume in this process from epoch 3, as after restoring a checkpoint. A restart comes later than the killed
    # run's start: event files sort by name, the start second first (within one second, by process id, as TF's).
    time.sleep(max(0.0, 1.05 - time.time() % 1))
    rs = np.random.RandomState(0)
    x = rs.randn(64, 4).astype("float32")
    y = (x[:, 0] > 0).astype("int32")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy", metrics=["accuracy"])
    tb = tfcompat.TensorboardKeras(log_dir=str(log_dir), update_freq="batch")
    model.fit(x, y, batch_size=16, epochs=5, initial_epoch=3, verbose=0, callbacks=[tb])

    acc = read_back(log_dir)
    assert steps(acc, "train/loss") == [0, 1, 2, 3, 4]
    assert steps(acc, "batch/loss") == list(range(1, 5 * STEPS + 1))


def _fit(log_dir, model, x, y, **kw):
    tb = tfcompat.TensorboardKeras(log_dir=str(log_dir), update_freq="batch")
    return model.fit(x, y, batch_size=16, verbose=0, callbacks=[tb], **kw)


def test_resume_with_initial_epoch_continues_steps_without_duplicates(tmp_path):
    rs = np.random.RandomState(1)
    x = rs.randn(64, 4).astype("float32")
    y = (x[:, 0] > 0).astype("int32")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy")
    first = _fit(tmp_path, model, x, y, epochs=2)
    second = _fit(tmp_path, model, x, y, epochs=4, initial_epoch=2)
    acc = read_back(tmp_path)
    assert steps(acc, "train/loss") == [0, 1, 2, 3]
    values = [e.value for e in acc.Scalars("train/loss")]
    assert values == [float(np.float32(v)) for v in first.history["loss"] + second.history["loss"]]
    assert steps(acc, "batch/loss") == list(range(1, 4 * STEPS + 1))


BIG_STEPS = 600  # batches per epoch below: enough for per-batch points of the killed epoch to reach the disk

KILLED_MID_EPOCH = textwrap.dedent(
    """
    import os, signal, sys, time
    import numpy as np, keras, tfcompat

    log_dir, weights = sys.argv[1], sys.argv[2]
    rs = np.random.RandomState(0)
    x = rs.randn(600, 4).astype("float32"); y = (x[:, 0] > 0).astype("int32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.01), "sparse_categorical_crossentropy", metrics=["accuracy"])
    epoch = [0]

    def die_late_in_epoch_1(batch, logs):
        if epoch[0] == 1 and batch == 590:
            time.sleep(1.0)  # the writer's background thread writes what it holds (flush_secs=0.2)
            os.kill(os.getpid(), signal.SIGKILL)

    tb = tfcompat.TensorboardKeras(log_dir=log_dir, update_freq="batch", flush_secs=0.2)
    model.fit(x, y, batch_size=1, epochs=3, verbose=0, callbacks=[
        keras.callbacks.LambdaCallback(on_epoch_begin=lambda e, logs: epoch.__setitem__(0, e),
                                       on_train_batch_end=die_late_in_epoch_1),
        keras.callbacks.ModelCheckpoint(weights, save_weights_only=True),
        tb,
    ])
    """
)


@pytest.mark.slow
def test_resume_after_sigkill_mid_epoch_writes_no_batch_step_twice(tmp_path):
    log_dir, weights = tmp_path / "run", str(tmp_path / "ckpt.weights.h5")
    proc = subprocess.run([sys.executable, "-c", KILLED_MID_EPOCH, str(log_dir), weights],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    before = read_back(log_dir)
    on_disk = {e.step: e.value for e in before.Scalars("batch/loss")}
    # Epoch 0 whole, and part of epoch 1 (the interrupted one): the overlap a resume must not repeat.
    assert steps(before, "train/loss") == [0]
    assert BIG_STEPS + 100 < max(on_disk) < 2 * BIG_STEPS, max(on_disk)
    assert sorted(on_disk) == list(range(1, max(on_disk) + 1))

    # Resume from the checkpoint of epoch 0, as after the kill.
    rs = np.random.RandomState(0)
    x = rs.randn(600, 4).astype("float32")
    y = (x[:, 0] > 0).astype("int32")
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.01), "sparse_categorical_crossentropy", metrics=["accuracy"])
    model.load_weights(weights)
    tb = tfcompat.TensorboardKeras(log_dir=str(log_dir), update_freq="batch")
    model.fit(x, y, batch_size=1, epochs=3, initial_epoch=1, verbose=0, callbacks=[tb])

    acc = read_back(log_dir)
    assert steps(acc, "batch/loss") == list(range(1, 3 * BIG_STEPS + 1))  # each step once
    assert steps(acc, "batch/acc") == list(range(1, 3 * BIG_STEPS + 1))
    assert steps(acc, "train/loss") == [0, 1, 2]
    # The steps already on disk keep the values the interrupted run wrote.
    after = {e.step: e.value for e in acc.Scalars("batch/loss")}
    assert all(after[s] == v for s, v in on_disk.items())
