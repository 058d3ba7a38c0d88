"""The real ``tensorboard`` program serves what TensorboardKeras wrote, through its HTTP data API."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import numpy as np
import pytest

pytestmark = [pytest.mark.tf, pytest.mark.slow]

keras = pytest.importorskip("keras")
pytest.importorskip("tensorboard.main")

import tfcompat  # noqa: E402

DEADLINE_S = 90


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url):
    with urllib.request.urlopen(url, timeout=5) as r:
        return json.loads(r.read().decode("utf-8"))


@pytest.fixture
def logs_and_history(tmp_path):
    rs = np.random.RandomState(0)
    x = rs.randn(48, 4).astype("float32")
    y = (x[:, 0] > 0).astype("int32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy", metrics=["accuracy"])
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path / "logs"))
    hist = model.fit(x, y, batch_size=16, epochs=3, validation_split=0.25, verbose=0, callbacks=[tb])
    return tmp_path / "logs", hist.history


def test_tensorboard_server_serves_our_scalars(logs_and_history):
    log_dir, history = logs_and_history
    port = free_port()
    cmd = [sys.executable, "-m", "tensorboard.main", "--logdir", str(log_dir), "--host", "127.0.0.1",
           "--port", str(port), "--load_fast=false", "--reload_interval", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        points, deadline = None, time.monotonic() + DEADLINE_S
        query = urllib.parse.urlencode({"run": ".", "tag": "train/loss"})
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"tensorboard exited with {proc.returncode}: {proc.stdout.read().decode()[-2000:]}")
            try:
                points = get_json(f"{base}/data/plugin/scalars/scalars?{query}")
                if len(points) == 3:
                    break
            except (urllib.error.URLError, ConnectionError, ValueError):
                pass
            time.sleep(0.5)
        assert points is not None and len(points) == 3, f"no data from tensorboard within {DEADLINE_S}s"
        assert [p[1] for p in points] == [0, 1, 2]
        assert [p[2] for p in points] == [float(np.float32(v)) for v in history["loss"]]
        tags = get_json(f"{base}/data/plugin/scalars/tags")
        assert sorted(tags["."]) == ["lr", "train/acc", "train/loss", "val/acc", "val/loss"]
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
