"""TF_USE_LEGACY_KERAS=1 with tf-keras: tfcompat's Keras 3 callbacks refuse a tf.keras model at once, saying what
to do (fit used to fail deep inside tf-keras with AttributeError '_implements_train_batch_hooks'); `tfcompat run`
refuses instead of silently skipping its fixes; the backend's get_value/set_value work on tf.keras variables.

Runs in a child process (TF_USE_LEGACY_KERAS is read when TensorFlow is imported). Skips where tf-keras is not
installed: ``pip install --no-deps tf-keras==<your TensorFlow's major.minor>`` (README, "Installing").
"""

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from tests.support import ROOT

pytestmark = [pytest.mark.tf, pytest.mark.slow]

if importlib.util.find_spec("tf_keras") is None:
    pytest.skip("tf-keras not installed: pip install --no-deps tf-keras==<TensorFlow's version>",
                allow_module_level=True)

CHILD = """
import json, numpy as np, tensorflow as tf
import tfcompat
from tfcompat.keras import backend as K
from tfcompat.keras.callbacks import TensorBoard, LambdaCallback
out = {"keras_module": type(tf.keras.Sequential()).__module__}
model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(2, activation="softmax")])
model.compile(tf.keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy", metrics=["accuracy"])
x, y = np.zeros((8, 4), "float32"), np.zeros(8, "int32")
for name, cb in [("TensorboardKeras", tfcompat.TensorboardKeras(log_dir=LOGDIR)),
                 ("TensorBoard", TensorBoard(LOGDIR + "/k21")),
                 ("LambdaCallback", LambdaCallback(on_epoch_end=lambda e, l: None))]:
    try:
        model.fit(x, y, epochs=1, verbose=0, callbacks=[cb])
        out[name] = "fitted"
    except tfcompat.InvalidArgumentError as e:
        out[name] = str(e)
out["iterations_after"] = int(model.optimizer.iterations.numpy())
K.set_value(model.optimizer.learning_rate, 0.05)
out["lr"] = float(K.get_value(model.optimizer.learning_rate))
print(json.dumps(out))
"""


def _env():
    env = dict(os.environ, TF_USE_LEGACY_KERAS="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def test_callbacks_refuse_a_tf_keras_model_before_training_and_backend_works(tmp_path):
    code = f"LOGDIR = {str(tmp_path)!r}\n" + CHILD
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=_env())
    assert r.returncode == 0, r.stderr[-3000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["keras_module"].startswith("tf_keras")
    for name in ("TensorboardKeras", "TensorBoard", "LambdaCallback"):
        assert "tf-keras (Keras 2) model" in out[name] and "TF_USE_LEGACY_KERAS" in out[name], out[name]
        assert "import keras" in out[name]
    assert out["iterations_after"] == 0  # refused at once: not one step was trained
    assert out["lr"] == pytest.approx(0.05)


def test_run_refuses_legacy_keras_saying_how(tmp_path):
    script = tmp_path / "s.py"
    script.write_text("print('ran')\n")
    r = subprocess.run([sys.executable, "-m", "tfcompat", "run", str(script)], capture_output=True, text=True,
                       timeout=120, env=_env())
    assert r.returncode == 2 and "ran" not in r.stdout
    assert "TF_USE_LEGACY_KERAS" in r.stderr and "env -u TF_USE_LEGACY_KERAS" in r.stderr, r.stderr
