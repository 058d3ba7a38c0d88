"""Log directories that are not local: anything tf.io.gfile opens (``ram://`` here, like gs:// / s3://)."""

import uuid

import numpy as np
import pytest

pytestmark = pytest.mark.tf

tf = pytest.importorskip("tensorflow")
keras = pytest.importorskip("keras")

import tfcompat  # noqa: E402
from tests.support import read_back


def ram_dir(name):
    return f"ram://tfcompat-{uuid.uuid4().hex[:8]}/{name}"


def test_fit_to_ram_logdir_read_back_by_tensorboard():
    log_dir = ram_dir("run1")
    rs = np.random.RandomState(0)
    x = rs.randn(32, 4).astype("float32")
    y = (x[:, 0] > 0).astype("int32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy", metrics=["accuracy"])
    tb = tfcompat.TensorboardKeras(log_dir=log_dir, update_freq="batch")
    hist = model.fit(x, y, batch_size=16, epochs=2, validation_data=(x, y), verbose=0, callbacks=[tb])
    assert len(tf.io.gfile.listdir(log_dir)) == 1
    acc = read_back(log_dir)
    assert [e.value for e in acc.Scalars("train/loss")] == [float(np.float32(v)) for v in hist.history["loss"]]
    assert [e.step for e in acc.Scalars("batch/loss")] == [1, 2, 3, 4]


def test_each_epoch_is_visible_in_ram_before_close():
    log_dir = ram_dir("live")
    tb = tfcompat.TensorboardKeras(log_dir=log_dir, write_lr=False)
    full = {"loss": 1.0, "acc": 0.5, "val_loss": 1.5, "val_acc": 0.25}
    tb.on_epoch_end(0, full)
    assert [e.step for e in read_back(log_dir).Scalars("train/loss")] == [0]
    tb.on_epoch_end(1, dict(full, loss=0.5))
    assert [(e.step, e.value) for e in read_back(log_dir).Scalars("train/loss")] == [(0, 1.0), (1, 0.5)]
    tb.on_train_end()


def test_keras3_preset_sub_runs_under_ram_url():
    log_dir = ram_dir("k3") + "/"  # a trailing slash must not give '//' paths
    tb = tfcompat.TensorboardKeras(log_dir=log_dir, preset="keras3", write_lr=False)
    tb.on_epoch_end(0, {"loss": 1.0, "val_loss": 2.0})
    tb.on_train_end()
    assert sorted(tf.io.gfile.listdir(log_dir)) == ["train", "validation"]
    val = read_back(log_dir.rstrip("/") + "/validation")
    assert val.Tags()["tensors"] == ["epoch_loss"]


def _fit_to(log_dir):
    rs = np.random.RandomState(0)
    x = rs.randn(32, 4).astype("float32")
    y = (x[:, 0] > 0).astype("int32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy", metrics=["accuracy"])
    tb = tfcompat.TensorboardKeras(log_dir=log_dir, update_freq="batch", preset="keras3")
    tb21 = tfcompat.keras.callbacks.TensorBoard(log_dir + "/k21", histogram_freq=1, embeddings_freq=0)
    return model.fit(x, y, batch_size=16, epochs=2, validation_data=(x, y), verbose=0, callbacks=[tb, tb21])


def _check_fit_logs(url, hist, tmp_path):
    from tfcompat.logs import read_scalars

    got = read_scalars(url)
    assert got[("train", "epoch_loss")].value.tolist() == [float(np.float32(v)) for v in hist.history["loss"]]
    assert got[("train", "batch_loss")].step.tolist() == [1, 2, 3, 4]
    assert got[("k21", "val_acc")].step.tolist() == [0, 1]
    import fsspec

    fs, path = fsspec.core.url_to_fs(url)
    fs.get(path.rstrip("/") + "/", str(tmp_path) + "/", recursive=True)
    acc = read_back(tmp_path / "validation")
    assert [e.step for e in acc.Tensors("epoch_loss")] == [0, 1]
    assert any(t.endswith("/kernel_0") for t in read_back(tmp_path / "k21").Tags()["histograms"])


@pytest.fixture
def fsspec_installed():
    pytest.importorskip("fsspec", reason="fsspec not installed (URL log dirs): pip install 'tfcompat[fsspec]'")


def test_fit_to_memory_url_through_fsspec(fsspec_installed, tmp_path):
    url = f"memory://tfcompat-{uuid.uuid4().hex[:8]}"
    _check_fit_logs(url, _fit_to(url), tmp_path)


@pytest.mark.slow
def test_fit_to_s3_on_a_local_s3_server(fsspec_installed, s3_bucket, tmp_path):
    url = s3_bucket + "/fit"
    _check_fit_logs(url, _fit_to(url), tmp_path)
