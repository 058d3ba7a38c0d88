"""TensorboardKeras and the 2.1 TensorBoard on Keras 3's JAX and PyTorch backends, in a process where
``import tensorflow`` fails: per-batch and per-epoch scalars, lr, weight histograms, gradients and images;
the graph is refused with one warning. Logs are read back with tfcompat's reader and EventAccumulator.

Each backend runs in a subprocess (the backend is chosen once per process). They skip where jax or torch
is not installed.
"""

import importlib.util
import json
import subprocess
import sys

import numpy as np
import pytest

from tests.support import NO_TF_PRELUDE, ROOT, no_tf_env, read_back
from tfcompat.logs import read_histograms, read_scalars

pytestmark = pytest.mark.slow

INSTALL = {"jax": "pip install jax jaxlib", "torch": "pip install torch (a CPU build)"}


def _backend(name):
    missing = [m for m in (name, "keras") if importlib.util.find_spec(m) is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed (Keras {name} backend): {INSTALL[name]}")
    return name


@pytest.fixture(scope="module", params=["jax", "torch"])
def fitted(request, tmp_path_factory):
    """``(backend, log dir, what the child printed)`` of one child process per backend, shared by the tests."""
    backend = _backend(request.param)
    logdir = tmp_path_factory.mktemp(f"fit-{backend}")
    return backend, logdir, _fit(backend, logdir)


FIT = NO_TF_PRELUDE + """
import json, sys, warnings
import numpy as np
import keras
import tfcompat
from tfcompat.keras.callbacks import TensorBoard

logdir, epochs = sys.argv[1], 3
rs = np.random.RandomState(0)
x = rs.randn(80, 4).astype("float32")
y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype("int32")
keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(6, activation="relu", name="hidden"),
                          keras.layers.Dense(2, activation="softmax", name="out")])
model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy", metrics=["accuracy"])
tb = tfcompat.TensorboardKeras(log_dir=logdir + "/k2018", update_freq="batch", histogram_freq=1, write_graph=True)
tb21 = TensorBoard(logdir + "/k21", histogram_freq=1, batch_size=16, write_graph=True, write_grads=True,
                   write_images=True)
sched = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.1 * 0.5 ** epoch)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    hist = model.fit(x, y, batch_size=16, epochs=epochs, validation_split=0.2, verbose=0, callbacks=[tb, sched])
    model.fit(x, y, batch_size=16, epochs=2, validation_split=0.2, verbose=0, callbacks=[tb21])
print(json.dumps({
    "backend": keras.backend.backend(),
    "tf_loaded": sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "tf_keras")),
    "history": {k: [float(v) for v in vs] for k, vs in hist.history.items()},
    "warnings": [(str(w.message), w.filename) for w in caught if "tensorboard" in str(w.message).lower()],
}))
"""


def _fit(backend, tmp_path):
    r = subprocess.run([sys.executable, "-c", FIT, str(tmp_path)], capture_output=True, text=True, timeout=600,
                       cwd=str(ROOT), env=no_tf_env(KERAS_BACKEND=backend))
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def f32(values):
    return [float(np.float32(v)) for v in values]


def test_fit_logs_every_batch_epoch_lr_and_histograms_without_tensorflow(fitted):
    backend, tmp_path, out = fitted
    assert out["backend"] == backend
    assert out["tf_loaded"] == []  # TensorFlow was never imported: the blocker would have failed it
    hist = out["history"]
    # 64 training samples in batches of 16: 4 batches an epoch, global batch steps 1..12 in order.
    got = read_scalars(tmp_path / "k2018")
    assert got[(".", "batch/loss")].step.tolist() == list(range(1, 13))
    assert got[(".", "train/loss")].value.tolist() == f32(hist["loss"])
    assert got[(".", "val/acc")].value.tolist() == f32(hist["val_accuracy"])
    assert got[(".", "lr")].value.tolist() == f32([0.1, 0.05, 0.025])
    # TensorBoard's own reader sees the same.
    acc = read_back(tmp_path / "k2018")
    assert [e.step for e in acc.Scalars("batch/loss")] == list(range(1, 13))
    assert [e.value for e in acc.Scalars("train/loss")] == f32(hist["loss"])
    assert sorted(acc.Tags()["histograms"]) == ["sequential/hidden/bias", "sequential/hidden/kernel",
                                                  "sequential/out/bias", "sequential/out/kernel"]
    assert [e.step for e in acc.Histograms("sequential/hidden/kernel")] == [0, 1, 2]
    # The graph needs TensorFlow: one warning per callback, no crash, no graph.
    graph = [(w, where) for w, where in out["warnings"] if "graph" in w]
    assert len(graph) == 2 and all("TensorFlow backend" in w for w, _ in graph), out["warnings"]
    assert {where for _, where in graph} == {"<string>"}  # at the user's fit line, not inside Keras or tfcompat
    assert acc.Tags()["graph"] is False


def test_keras21_tensorboard_histograms_gradients_images_without_tensorflow(fitted):
    _, tmp_path, _ = fitted
    acc = read_back(tmp_path / "k21")
    tags = set(acc.Tags()["histograms"])
    assert {"hidden/kernel_0", "hidden/kernel_0_grad", "out/bias_0_grad", "hidden_out"} <= tags
    assert "hidden/kernel_0/image/0" in acc.Tags()["images"]
    assert [e.step for e in acc.Scalars("val_acc")] == [0, 1]
    # Gradients are real: not all zero, and the reader agrees with EventAccumulator on them.
    grad = read_histograms(tmp_path / "k21")[(".", "hidden/kernel_0_grad")]
    assert [h.step for h in grad] == [0, 1]  # one validation batch (16 samples) an epoch, two epochs
    assert [e.histogram_value.max for e in acc.Histograms("hidden/kernel_0_grad")] == [h.max for h in grad]
    assert any(h.max > 0 or h.min < 0 for h in grad)


PATCHED = NO_TF_PRELUDE + """
import json, warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    import tfcompat
    tfcompat.patch()
    import keras
    names = {"Optimizer.lr": "lr" in vars(keras.optimizers.Optimizer),
             "Model.fit_generator": hasattr(keras.Model, "fit_generator"),
             "Metric.reset_states": hasattr(keras.metrics.Metric, "reset_states"),
             "keras.backend.get_value": hasattr(keras.backend, "get_value")}
    tfcompat.unpatch()
    names["unpatched"] = hasattr(keras.Model, "fit_generator")
print(json.dumps({"names": names, "warnings": [str(w.message) for w in caught if "tfcompat" in str(w.message)]}))
"""


def test_patch_adds_the_keras_2_names_on_jax_without_tensorflow():
    _backend("jax")
    r = subprocess.run([sys.executable, "-c", PATCHED], capture_output=True, text=True, timeout=300, cwd=str(ROOT),
                       env=no_tf_env(KERAS_BACKEND="jax"))
    assert r.returncode == 0, r.stderr[-3000:]
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert got == {"names": {"Optimizer.lr": True, "Model.fit_generator": True, "Metric.reset_states": True,
                             "keras.backend.get_value": True, "unpatched": False}, "warnings": []}
