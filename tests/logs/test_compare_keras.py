"""End to end: a real Keras 3 ``TensorBoard`` callback run compared with the 2018 log layout."""

import json

import numpy as np
import pytest

from tests.support import run_cli, write_tf1


@pytest.mark.slow
@pytest.mark.tf
def test_keras3_callback_logs_match_2018_names_with_preset(capsys, tmp_path):
    keras = pytest.importorskip("keras")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 4)).astype("float32")
    y = (x.sum(axis=1) > 0).astype("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="binary_crossentropy",
                  metrics=["accuracy"])
    new = tmp_path / "keras3"
    history = model.fit(x, y, validation_split=0.25, epochs=3, batch_size=16, verbose=0,
                        callbacks=[keras.callbacks.TensorBoard(log_dir=str(new), write_graph=False)])
    h = history.history
    lr = float(model.optimizer.learning_rate.numpy())
    # What the 2018 TensorboardKeras callback wrote for the same epochs (one run, TF1 simple_value).
    old = write_tf1(tmp_path / "2018", {
        "lr": [lr] * 3, "train/loss": h["loss"], "train/acc": h["accuracy"],
        "val/loss": h["val_loss"], "val/acc": h["val_accuracy"],
    })
    rc, out, err = run_cli(capsys, old, new, "--preset", "keras2018-to-keras3")
    assert rc == 0, out + err
    assert "EQUAL: 0 of 5 tags differ, 0 missing" in out
    # the callback's learning rate is float32 like the old placeholder's: an lr change shows up
    old2 = write_tf1(tmp_path / "2018b", {"lr": [lr * 1.001] * 3, "train/loss": h["loss"]})
    rc, out, _ = run_cli(capsys, old2, new, "--preset", "2018")
    assert rc == 1 and "3 of 3 values differ" in out


@pytest.mark.slow
@pytest.mark.tf
def test_tfcompat_tensorboardkeras_and_keras3_callback_agree_in_one_fit(capsys, tmp_path):
    """The 2018 callback (tfcompat.TensorboardKeras) and Keras 3's TensorBoard, side by side in one fit."""
    keras = pytest.importorskip("keras")
    import tfcompat

    rng = np.random.default_rng(1)
    x = rng.normal(size=(48, 3)).astype("float32")
    y = (x[:, 0] > 0).astype("float32")
    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    old, new = tmp_path / "2018", tmp_path / "keras3"
    model.fit(x, y, validation_split=0.25, epochs=2, batch_size=12, verbose=0, callbacks=[
        tfcompat.TensorboardKeras(log_dir=str(old), update_freq="batch"),
        keras.callbacks.TensorBoard(log_dir=str(new), update_freq="batch", write_graph=False),
    ])
    rc, out, err = run_cli(capsys, old, new, "--preset", "2018", "--json")
    d = json.loads(out)
    assert rc == 0, out + err
    assert {(p["old"]["tag"], p["new"]["run"] + ":" + p["new"]["tag"]) for p in d["pairs"]} == {
        ("train/loss", "train:epoch_loss"), ("train/acc", "train:epoch_accuracy"),
        ("val/loss", "validation:epoch_loss"), ("val/acc", "validation:epoch_accuracy"),
        ("lr", "train:epoch_learning_rate"),
        ("batch/loss", "train:batch_loss"), ("batch/acc", "train:batch_accuracy"),
    }
    assert d["missing"] == []


@pytest.mark.slow
@pytest.mark.tf
def test_keras21_tensorboard_callback_matches_keras3_with_keras2_preset(capsys, tmp_path):
    """tfcompat.keras.callbacks.TensorBoard (Keras 2.1/2.2 names) against Keras 3's, one fit."""
    keras = pytest.importorskip("keras")
    from tfcompat.keras.callbacks import TensorBoard as Keras21TensorBoard

    rng = np.random.default_rng(2)
    x = rng.normal(size=(48, 3)).astype("float32")
    y = (x[:, 1] > 0).astype("float32")
    keras.utils.set_random_seed(2)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    old, new = tmp_path / "keras21", tmp_path / "keras3"
    model.fit(x, y, validation_split=0.25, epochs=2, batch_size=12, verbose=0, callbacks=[
        Keras21TensorBoard(log_dir=str(old)), keras.callbacks.TensorBoard(log_dir=str(new), write_graph=False),
    ])
    rc, out, err = run_cli(capsys, old, new, "--preset", "keras2", "--json")
    d = json.loads(out)
    assert rc == 0, out + err
    assert sorted(p["old"]["tag"] for p in d["pairs"]) == ["acc", "loss", "val_acc", "val_loss"]
    assert {(e["run"], e["tag"]) for e in d["extra"]} >= {("train", "epoch_learning_rate")}
