"""tfcompat.keras.callbacks: Keras 2 log keys and ``monitor='val_acc'`` on Keras 3 models."""

import csv

import numpy as np
import pytest

pytest.importorskip("tensorflow")

import keras  # noqa: E402

import tfcompat  # noqa: E402
from tfcompat.keras import backend as K  # noqa: E402
from tfcompat.keras import callbacks  # noqa: E402
from tfcompat.keras.optimizers import SGD  # noqa: E402

pytestmark = [pytest.mark.tf, pytest.mark.filterwarnings("ignore:`lr` is the Keras 2 name")]


def _data(n=32, seed=0):
    rng = np.random.RandomState(seed)
    x = rng.normal(size=(n, 3)).astype("float32")
    return x, (x[:, 0] > 0).astype("float32")


def _model(metric="accuracy", lr=0.1):
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=SGD(lr=lr), loss="binary_crossentropy", metrics=[metric])
    return model


def _fit(model, cbs, epochs=2):
    x, y = _data()
    return model.fit(x, y, validation_data=(x, y), epochs=epochs, batch_size=16, verbose=0, callbacks=cbs)


def test_lambda_callback_sees_acc_on_a_model_compiled_with_accuracy():
    epochs, batches, begins = [], [], []
    cb = callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: epochs.append(dict(logs)),
        on_batch_end=lambda batch, logs: batches.append(dict(logs)),  # Keras 2 name, called logs=... by Keras 3
        on_train_begin=lambda logs: begins.append(logs),
    )
    history = _fit(_model("accuracy"), [cb])
    assert len(epochs) == 2 and len(batches) == 4 and begins == [{}]
    for i, logs in enumerate(epochs):
        assert logs["acc"] == logs["accuracy"] == history.history["accuracy"][i]
        assert logs["val_acc"] == logs["val_accuracy"] == history.history["val_accuracy"][i]
        assert logs["loss"] == history.history["loss"][i]
    assert all(b["acc"] == b["accuracy"] for b in batches)
    # Keras' own record is untouched (the aliases live in a copy).
    assert sorted(history.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]


def test_keras2_positional_order_of_lambda_callback():
    seen = []
    cb = callbacks.LambdaCallback(None, None, None, lambda batch, logs: seen.append(batch))  # on_batch_end
    _fit(_model(), [cb], epochs=1)
    assert seen == [0, 1]


def test_model_compiled_with_acc_gets_accuracy_too():
    seen = []
    _fit(_model("acc"), [callbacks.LambdaCallback(on_epoch_end=lambda e, logs: seen.append(logs))], epochs=1)
    assert seen[0]["accuracy"] == seen[0]["acc"] and seen[0]["val_accuracy"] == seen[0]["val_acc"]


def test_callback_subclass_hooks_see_keras2_keys():
    class AccHistory(callbacks.Callback):  # the 2018 custom-callback idiom
        def on_train_begin(self, logs={}):  # noqa: B006 - the 2018 spelling under test
            self.acc = []

        def on_epoch_end(self, epoch, logs={}):  # noqa: B006 - the 2018 spelling under test
            self.acc.append(logs.get("acc"))

    class Deeper(AccHistory):
        def on_epoch_end(self, epoch, logs=None):
            super().on_epoch_end(epoch, logs)
            self.val_acc = logs["val_acc"]

    first, second = AccHistory(), Deeper()
    history = _fit(_model(), [first, second])
    assert first.acc == history.history["accuracy"] == second.acc
    assert second.val_acc == history.history["val_accuracy"][-1]


@pytest.mark.slow  # 1.5-4 s of whole fits or saves: not in the quick run
def test_keras3_early_stopping_rejects_val_acc_but_ours_stops():
    with pytest.raises(ValueError, match="monitor=val_acc"):
        _fit(_model(), [keras.callbacks.EarlyStopping(monitor="val_acc")])
    # lr = 0: val_acc never improves, so patience=0 stops after the second epoch.
    stop = callbacks.EarlyStopping(monitor="val_acc", patience=0)
    history = _fit(_model(lr=0.0), [stop], epochs=5)
    assert len(history.history["loss"]) == 2
    assert stop.stopped_epoch == 1 and stop.best == history.history["val_accuracy"][0]
    assert stop.monitor_op is np.greater  # Keras 2: np.greater when the name has "acc"


def test_reduce_lr_on_plateau_with_val_acc_changes_the_rate():
    model = _model(lr=1e-6)
    _fit(model, [callbacks.ReduceLROnPlateau(monitor="val_acc", patience=0, factor=0.5)], epochs=3)
    assert K.get_value(model.optimizer.lr) == pytest.approx(0.25e-6)


def test_model_checkpoint_formats_and_monitors_val_acc(tmp_path):
    pattern = str(tmp_path / "weights.{epoch:02d}-{val_acc:.2f}.weights.h5")
    ckpt = callbacks.ModelCheckpoint(pattern, monitor="val_acc", save_best_only=True, save_weights_only=True)
    history = _fit(_model(lr=0.0), [ckpt], epochs=2)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"weights.01-{history.history['val_accuracy'][0]:.2f}.weights.h5"]  # epoch 2: no improvement


def test_csv_logger_has_keras2_columns(tmp_path):
    path = tmp_path / "log.csv"
    history = _fit(_model(), [callbacks.CSVLogger(str(path))])
    with path.open() as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 2
    assert list(rows[0]) == ["epoch", "acc", "loss", "val_acc", "val_loss"]  # Keras 2.2's columns, once each
    for row, acc, val_acc in zip(rows, history.history["accuracy"], history.history["val_accuracy"]):
        assert float(row["acc"]) == pytest.approx(acc) and float(row["val_acc"]) == pytest.approx(val_acc)


def test_other_names_reexported_and_tensorboard_is_lazy():
    assert callbacks.History is keras.callbacks.History
    assert callbacks.ProgbarLogger is keras.callbacks.ProgbarLogger
    for name in ("EarlyStopping", "ModelCheckpoint", "ReduceLROnPlateau", "LearningRateScheduler", "CSVLogger"):
        assert issubclass(getattr(callbacks, name), keras.callbacks.Callback), name  # Keras 2's, usable in fit
    with pytest.raises(AttributeError, match="NoSuchCallback"):
        callbacks.NoSuchCallback
    assert callbacks.TensorBoard.__module__ == "tfcompat.keras._tensorboard_21"


def test_keys_a_callback_adds_still_reach_history():
    # Keras 2's ReduceLROnPlateau adds `lr` to the logs; a 2018 lambda adding its own key too.
    def add_rate(epoch, logs):
        logs["rate_seen"] = float(K.get_value(model.optimizer.lr))

    model = _model(lr=0.1)
    history = _fit(model, [callbacks.ReduceLROnPlateau(monitor="val_acc"), callbacks.LambdaCallback(on_epoch_end=add_rate)])
    assert history.history["lr"] == pytest.approx([0.1, 0.1])
    assert history.history["rate_seen"] == pytest.approx([0.1, 0.1])
    assert "acc" not in history.history  # the aliases stay out of Keras' own records


def test_reduce_lr_on_plateau_with_keras2_decay_reduces_the_base_rate():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=SGD(lr=1e-6, decay=1e-3), loss="binary_crossentropy", metrics=["accuracy"])
    _fit(model, [callbacks.ReduceLROnPlateau(monitor="val_acc", patience=0, factor=0.5)], epochs=3)
    assert K.get_value(model.optimizer.lr) == pytest.approx(0.25e-6)  # base rate: halved twice


def test_alias_logs_converts_tensor_values_from_async_callbacks():
    import tensorflow

    from tfcompat.keras._logs import alias_logs

    out = alias_logs({"accuracy": tensorflow.constant(0.5), "val_accuracy": keras.Variable(0.25)})
    assert out == {"accuracy": 0.5, "val_accuracy": 0.25, "acc": 0.5, "val_acc": 0.25}
    assert all(type(v) is np.float64 for v in out.values())


# -- Keras 2.2's callback rules -------------------------------------------------------------------


class _DummyModel:
    """What Keras 2 tests and tools attach by hand: ``callback.model = ...``."""

    def __init__(self):
        self.stop_training = False
        self.weights = -1
        self.optimizer = type("Opt", (), {})()
        self.optimizer.lr = K.variable(1.0)

    def get_weights(self):
        return self.weights

    def set_weights(self, weights):
        self.weights = weights


def _epochs_until_stop(callback, values, key="val_acc"):
    callback.model = _DummyModel()  # Keras 3 made `model` read-only; Keras 2 code sets it
    callback.on_train_begin()
    for epoch, value in enumerate(values):
        callback.model.weights = epoch
        callback.on_epoch_end(epoch, {key: value})
        if callback.model.stop_training:
            return epoch + 1
    return len(values)


def test_early_stopping_baseline_is_where_best_starts():
    # Keras 2: an epoch only counts as improvement when it beats the baseline.
    assert _epochs_until_stop(callbacks.EarlyStopping(monitor="val_acc", baseline=0.75, patience=2),
                              [0.55, 0.76, 0.81, 0.81]) == 4
    assert _epochs_until_stop(callbacks.EarlyStopping(monitor="val_acc", baseline=0.75, patience=2),
                              [0.55, 0.74, 0.81, 0.81]) == 2
    restore = callbacks.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True)
    assert _epochs_until_stop(restore, [0.2, 0.15, 0.1, 0.11, 0.12], key="val_loss") == 5
    assert restore.model.get_weights() == 2  # the best epoch's weights are back


def test_model_checkpoint_period_saves_every_nth_epoch_to_any_file_name(tmp_path):
    pattern = str(tmp_path / "ckpt.{epoch:02d}.h5")
    _fit(_model(), [callbacks.ModelCheckpoint(pattern, period=2)], epochs=4)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ckpt.02.h5", "ckpt.04.h5"]
    restored = keras.models.load_model(str(tmp_path / "ckpt.04.h5"), compile=False)
    assert len(restored.weights) == 2
    with pytest.raises(tfcompat.InvalidArgumentError, match="period=0"):
        callbacks.ModelCheckpoint(pattern, period=0)


def test_reduce_lr_on_plateau_takes_epsilon_as_min_delta():
    with pytest.warns(UserWarning, match="`epsilon` argument is deprecated"):
        reduce = callbacks.ReduceLROnPlateau(monitor="val_loss", epsilon=0.5, patience=0, factor=0.5)
    assert reduce.min_delta == 0.5 and not hasattr(reduce, "epsilon")
    reduce.model = _DummyModel()  # any model whose optimizer has an `lr` variable, as in Keras 2
    reduce.on_train_begin()
    rates = []
    for epoch, loss in enumerate([1.0, 0.7, 0.6]):  # improvements smaller than 0.5 do not count
        logs = {"val_loss": loss}
        reduce.on_epoch_end(epoch, logs)
        rates.append((float(logs["lr"]), float(K.get_value(reduce.model.optimizer.lr))))
    assert rates == [(1.0, 1.0), (1.0, 0.5), (0.5, 0.25)]


def test_learning_rate_scheduler_takes_keras_2_schedules_and_logs_lr():
    model = _model(lr=0.5)
    history = _fit(model, [callbacks.LearningRateScheduler(lambda epoch: 0.1 / (epoch + 1))], epochs=2)
    assert history.history["lr"] == pytest.approx([0.1, 0.05])
    assert K.get_value(model.optimizer.lr) == pytest.approx(0.05)


def test_logs_values_are_numpy_scalars_for_keras_2_callbacks():
    seen = []
    _fit(_model(), [callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(
        (logs["loss"].item(), type(logs["val_acc"]))))], epochs=1)  # 2018 code called .item()
    assert isinstance(seen[0][0], float) and seen[0][1] is np.float64


def test_validation_data_of_a_keras_3_fit_is_found():
    class Keeps(callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            self.shapes = [None if a is None else a.shape for a in self.validation_data]

    keeper = Keeps()
    x, y = _data()
    _model().fit(x, y, validation_data=(x[:10], y[:10]), epochs=1, verbose=0, callbacks=[keeper])
    assert keeper.shapes == [(10, 3), (10, 1), (10,)]  # Keras 2: [x, y (2-D), sample weights]


def test_reduce_lr_on_plateau_names_an_unknown_keyword_and_its_value():
    with pytest.raises(TypeError, match=r"unexpected keyword arguments: \['cooldwn'\]. Received: cooldwn=2"):
        callbacks.ReduceLROnPlateau(cooldwn=2)
