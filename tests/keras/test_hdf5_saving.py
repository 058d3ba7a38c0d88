"""Keras 2 HDF5 files on Keras 3: model.save / load_model / save_weights / load_weights under any name,
files laid out as Keras 2.2.4 wrote them, and Keras 2's ModelCheckpoint with .hdf5 paths."""

import json
import os
import warnings

import numpy as np
import pytest

h5py = pytest.importorskip("h5py")
keras = pytest.importorskip("keras")

from tfcompat import InvalidArgumentError  # noqa: E402
from tfcompat.keras import _hdf5_saving as saving  # noqa: E402
from tfcompat.keras import optimizers as keras2_optimizers  # noqa: E402
from tfcompat.keras.callbacks import ModelCheckpoint  # noqa: E402

pytestmark = pytest.mark.tf

RNG = np.random.RandomState(0)
X = RNG.rand(16, 4).astype("float32")
Y = keras.utils.to_categorical(RNG.randint(0, 3, 16), 3)


def _model():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(5, activation="relu", name="hidden"),
                              keras.layers.Dense(3, activation="softmax", name="out")])
    with warnings.catch_warnings():  # Adam(lr=) warns once per process: whichever test comes first sees it
        warnings.filterwarnings("ignore", "`lr` is the Keras 2 name", UserWarning)
        model.compile(keras2_optimizers.Adam(lr=0.01), "categorical_crossentropy")
    model.fit(X, Y, epochs=1, verbose=0)
    return model


def _same_weights(a, b):
    wa, wb = a.get_weights(), b.get_weights()
    return len(wa) == len(wb) and all(np.array_equal(x, y) for x, y in zip(wa, wb))


@pytest.mark.slow  # 1.5-4 s of whole fits or saves: not in the quick run
@pytest.mark.parametrize("name", ["model.h5", "model.hdf5", "model", "model.ckpt"])
def test_save_model_writes_hdf5_under_any_name_and_load_model_reads_it(tmp_path, name):
    model = _model()
    path = str(tmp_path / name)
    saving.save_model(model, path)
    assert h5py.is_hdf5(path)
    loaded = saving.load_model(path)
    assert _same_weights(model, loaded)
    np.testing.assert_allclose(loaded.predict(X, verbose=0), model.predict(X, verbose=0), rtol=1e-6)
    assert isinstance(loaded.optimizer, keras.optimizers.Adam)
    assert int(loaded.optimizer.iterations) == int(model.optimizer.iterations) == 1  # its state restored
    loaded.fit(X, Y, epochs=1, verbose=0)  # compiled as saved; Keras 3's own loader fails here ("Unknown variable")


def test_keras_native_names_keep_keras_3_formats(tmp_path):
    model = _model()
    saving.save_model(model, str(tmp_path / "m.keras"))
    assert not h5py.is_hdf5(str(tmp_path / "m.keras"))  # Keras 3's zip
    assert _same_weights(model, saving.load_model(str(tmp_path / "m.keras")))
    saving.save_weights(model, str(tmp_path / "w.weights.h5"))
    other = _model()
    saving.load_weights(other, str(tmp_path / "w.weights.h5"))
    assert _same_weights(model, other)


def test_save_weights_writes_keras2_layout_and_load_weights_reads_it(tmp_path):
    model = _model()
    path = str(tmp_path / "weights.best.hdf5")
    saving.save_weights(model, path)
    with h5py.File(path, "r") as f:
        assert [n.decode() if isinstance(n, bytes) else n for n in f.attrs["layer_names"]] == ["hidden", "out"]
    other = _model()
    assert not _same_weights(model, other)
    saving.load_weights(other, path)
    assert _same_weights(model, other)


def test_load_weights_by_name_and_from_a_whole_model_file(tmp_path):
    model = _model()
    saving.save_model(model, str(tmp_path / "model.h5"))
    # another architecture sharing only the layer "out": by_name loads just that one (Keras 2 transfer learning)
    other = keras.Sequential([keras.Input((4,)), keras.layers.Dense(5, name="new_hidden"),
                              keras.layers.Dense(3, name="out")])
    before = other.get_layer("new_hidden").get_weights()[0].copy()
    saving.load_weights(other, str(tmp_path / "model.h5"), by_name=True)
    np.testing.assert_array_equal(other.get_layer("out").get_weights()[0], model.get_layer("out").get_weights()[0])
    np.testing.assert_array_equal(other.get_layer("new_hidden").get_weights()[0], before)


# -- a file as Keras 2.2.4 wrote it (built with h5py: no Keras 2 here) ------------------------------

def _keras224_dense(name, units, activation, input_dim=None):
    config = {"name": name, "trainable": True, "units": units, "activation": activation, "use_bias": True,
              "kernel_initializer": {"class_name": "VarianceScaling",
                                     "config": {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform",
                                                "seed": None}},
              "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": None,
              "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None,
              "bias_constraint": None}
    if input_dim is not None:
        config.update(batch_input_shape=[None, input_dim], dtype="float32")
    return {"class_name": "Dense", "config": config}


def _write_keras224_file(path, weights, optimizer_config):
    (k1, b1), (k2, b2) = weights
    layers = [_keras224_dense("dense_1", k1.shape[1], "relu", k1.shape[0]),
              {"class_name": "Dropout", "config": {"name": "dropout_1", "trainable": True, "rate": 0.5,
                                                    "noise_shape": None, "seed": None}},
              _keras224_dense("dense_2", k2.shape[1], "softmax")]
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = b"2.2.4"
        f.attrs["backend"] = b"tensorflow"
        # Keras <= 2.2.4: a Sequential's config is the bare list of its layers
        f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": layers}).encode()
        f.attrs["training_config"] = json.dumps({
            "optimizer_config": optimizer_config, "loss": "categorical_crossentropy", "metrics": ["acc"],
            "sample_weight_mode": None, "loss_weights": None}).encode()
        group = f.create_group("model_weights")
        group.attrs["layer_names"] = [b"dense_1", b"dropout_1", b"dense_2"]
        group.attrs["backend"] = b"tensorflow"
        group.attrs["keras_version"] = b"2.2.4"
        for name, (k, b) in (("dense_1", (k1, b1)), ("dense_2", (k2, b2))):
            layer = group.create_group(name)
            layer.attrs["weight_names"] = [f"{name}/kernel:0".encode(), f"{name}/bias:0".encode()]
            layer.create_dataset(f"{name}/kernel:0", data=k)
            layer.create_dataset(f"{name}/bias:0", data=b)
        group.create_group("dropout_1").attrs["weight_names"] = np.array([], dtype="S1")


def _keras224_weights():
    rng = np.random.RandomState(1)
    return [(rng.randn(4, 5).astype("float32"), rng.randn(5).astype("float32")),
            (rng.randn(5, 3).astype("float32"), rng.randn(3).astype("float32"))]


def _forward(weights, x):
    (k1, b1), (k2, b2) = weights
    z = np.maximum(x @ k1 + b1, 0) @ k2 + b2
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def test_load_model_reads_a_keras_224_file(tmp_path):
    weights = _keras224_weights()
    path = str(tmp_path / "keras224.h5")
    _write_keras224_file(path, weights, {"class_name": "Adam", "config": {
        "lr": 0.01, "beta_1": 0.9, "beta_2": 0.999, "decay": 0.5, "epsilon": 1e-07, "amsgrad": False}})
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # Keras 3's "`decay` is no longer supported" must not happen
        model = saving.load_model(path)
    assert [layer.name for layer in model.layers] == ["dense_1", "dropout_1", "dense_2"]
    assert model.input_shape == (None, 4)
    np.testing.assert_allclose(model.predict(X, verbose=0), _forward(weights, X), rtol=1e-5, atol=1e-6)
    # the Keras 2 optimizer, with its lr and its decay applied as Keras 2 did: lr / (1 + decay * iterations)
    assert isinstance(model.optimizer, keras2_optimizers.Adam)
    schedule = model.optimizer._learning_rate
    assert isinstance(schedule, keras2_optimizers.Keras2InverseTimeDecay)
    assert float(schedule(2)) == pytest.approx(0.01 / (1 + 0.5 * 2))
    model.fit(X, Y, epochs=1, verbose=0)


def test_load_model_of_a_keras_224_file_without_compile(tmp_path):
    path = str(tmp_path / "keras224.hdf5")
    _write_keras224_file(path, _keras224_weights(), {"class_name": "SGD", "config": {
        "lr": 0.1, "momentum": 0.0, "decay": 0.0, "nesterov": False}})
    model = saving.load_model(path, compile=False)
    assert getattr(model, "optimizer", None) is None
    np.testing.assert_allclose(model.predict(X, verbose=0), _forward(_keras224_weights(), X), rtol=1e-5, atol=1e-6)
    assert isinstance(saving.load_model(path).optimizer, keras2_optimizers.SGD)


def test_bad_paths_are_named():
    with pytest.raises(InvalidArgumentError, match="filepath=None"):
        saving.load_model(None)
    with pytest.raises(InvalidArgumentError, match="period=0"):
        ModelCheckpoint("w.hdf5", period=0)


# -- ModelCheckpoint -------------------------------------------------------------------------------

@pytest.mark.slow  # 2-4 s of CPU (whole fits) on a quiet machine: not in the quick run
def test_model_checkpoint_writes_hdf5_paths_every_period(tmp_path):
    model = _model()
    (tmp_path / "ck").mkdir()  # Keras 2 did not create folders (h5py fails on a missing one)
    full = ModelCheckpoint(str(tmp_path / "ck" / "model.{epoch:02d}-{val_loss:.2f}.hdf5"), period=2)
    weights = ModelCheckpoint(str(tmp_path / "w.{epoch:02d}.hdf5"), save_weights_only=True)
    model.fit(X, Y, epochs=4, verbose=0, validation_data=(X[:4], Y[:4]), callbacks=[full, weights])
    names = sorted(os.listdir(tmp_path / "ck"))
    assert [n[:9] for n in names] == ["model.02-", "model.04-"] and all(n.endswith(".hdf5") for n in names)
    assert sorted(n for n in os.listdir(tmp_path) if n.startswith("w.")) == [f"w.0{i}.hdf5" for i in range(1, 5)]
    assert _same_weights(model, saving.load_model(str(tmp_path / "ck" / names[-1])))
    other = _model()
    saving.load_weights(other, str(tmp_path / "w.04.hdf5"))
    assert _same_weights(model, other)


def test_model_checkpoint_best_only_follows_keras2_rules(tmp_path):
    model = _model()
    cb = ModelCheckpoint(str(tmp_path / "best.{epoch:02d}.h5"), monitor="val_acc", save_best_only=True)
    cb.set_model(model)
    for epoch, val_acc in enumerate([0.5, 0.4, 0.7, 0.6]):  # mode 'auto': a name with 'acc' is maximized
        cb.on_epoch_begin(epoch)
        cb.on_epoch_end(epoch, {"val_acc": val_acc, "val_loss": 1.0})
    assert sorted(os.listdir(tmp_path)) == ["best.01.h5", "best.03.h5"]
    with pytest.warns(RuntimeWarning, match="val_acc available, skipping"):
        cb.on_epoch_begin(4)
        cb.on_epoch_end(4, {"val_loss": 1.0})
    assert sorted(os.listdir(tmp_path)) == ["best.01.h5", "best.03.h5"]
    loss_cb = ModelCheckpoint(str(tmp_path / "loss.{epoch}.h5"), monitor="val_loss", save_best_only=True)
    loss_cb.set_model(model)
    for epoch, val_loss in enumerate([1.0, 2.0, 0.5]):  # any other name is minimized
        loss_cb.on_epoch_begin(epoch)
        loss_cb.on_epoch_end(epoch, {"val_loss": val_loss})
    assert sorted(n for n in os.listdir(tmp_path) if n.startswith("loss")) == ["loss.1.h5", "loss.3.h5"]
