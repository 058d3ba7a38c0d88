"""End to end: a real Keras 3 ``TensorBoard`` callback run compared with the 2018 log layout."""

import numpy as np
import pytest

from test_compare_cli import run_cli, write_tf1


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
