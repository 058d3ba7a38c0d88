"""TensorboardKeras under the JAX backend (TensorFlow installed beside it), in a child process.

Keras runs ``on_train_batch_end`` of async-safe callbacks on a thread while the next
step runs, and under JAX that step donates the model's buffers: reading the learning
rate there crashed ``fit`` ("Buffer has been deleted or donated").

Runs where a Python with jax and keras is at hand: this interpreter if it has jax,
else ``$TFCOMPAT_JAX_PYTHON`` (e.g. a venv with ``pip install jax jaxlib tensorflow-cpu``
and tfcompat); skipped otherwise.
"""

import importlib.util
import os
import subprocess
import sys
import textwrap

import pytest

from tests.support import ROOT, points, read_back

CHILD = textwrap.dedent(
    """
    import os, sys
    os.environ["KERAS_BACKEND"] = "jax"
    import numpy as np, keras, tfcompat
    assert keras.backend.backend() == "jax"
    rs = np.random.RandomState(0)
    x = rs.randn(256, 8).astype("float32"); y = (x[:, 0] > 0).astype("int32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy", metrics=["accuracy"])
    schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.1 / (epoch + 1))
    tb = tfcompat.TensorboardKeras(log_dir=sys.argv[1], update_freq=sys.argv[2])   # write_lr=True by default
    model.fit(x, y, batch_size=8, epochs=3, verbose=0, callbacks=[schedule, tb])
    print("fit done")
    """
)


def _jax_python():
    if importlib.util.find_spec("jax") is not None:
        return sys.executable
    return os.environ.get("TFCOMPAT_JAX_PYTHON")


@pytest.mark.slow
@pytest.mark.parametrize("update_freq", ["epoch", "batch"])
def test_write_lr_under_jax_does_not_crash_fit_and_logs_the_rate(tmp_path, update_freq):
    python = _jax_python()
    if python is None:
        pytest.skip("no Python with jax here: set TFCOMPAT_JAX_PYTHON to one (with keras and tfcompat)")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
               KERAS_BACKEND="jax", JAX_PLATFORMS="cpu")
    proc = subprocess.run([python, "-c", CHILD, str(tmp_path), update_freq], capture_output=True, text=True,
                          timeout=600, env=env)
    assert proc.returncode == 0 and "fit done" in proc.stdout, proc.stderr[-3000:]
    acc = read_back(tmp_path)
    assert points(acc, "lr") == [(0, pytest.approx(0.1)), (1, pytest.approx(0.05)), (2, pytest.approx(0.1 / 3))]
    assert [s for s, _ in points(acc, "train/loss")] == [0, 1, 2]
    if update_freq == "batch":
        assert [s for s, _ in points(acc, "batch/loss")] == list(range(1, 3 * 32 + 1))
