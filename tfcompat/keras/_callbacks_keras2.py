"""Keras 2.2's monitoring and logging callbacks, with Keras 2's arguments and rules.

Keras 3 renamed or changed what 2018 code relies on, so these follow Keras 2.2.4:

* ``EarlyStopping``: ``baseline`` is where ``best`` starts, and stopping may come on
  any epoch (Keras 3 counts the baseline differently and never stops on epoch 0);
* ``ModelCheckpoint(filepath, ..., period=1)``: every ``period`` epochs, to any path
  (HDF5 unless ``.keras``/``.weights.h5``), ``filepath`` formatted with ``epoch`` and the logs;
* ``ReduceLROnPlateau(..., min_delta=1e-4)``: ``epsilon=`` is its old name (with a
  warning); reads and sets ``optimizer.lr`` with ``K.get_value``/``K.set_value`` (any
  object with an ``lr`` variable works) and logs ``lr``;
* ``LearningRateScheduler(schedule)``: ``schedule(epoch)`` or ``schedule(epoch, lr)``;
  logs ``lr``;
* ``CSVLogger``: the columns are the logged keys, sorted, with Keras 2's names
  (``acc``, never ``acc`` and ``accuracy``); Keras 3 adds ``val_*`` columns, Keras 2 did not;
* ``BaseLogger``: kept for code that constructs it; Keras 3 already averages the epoch logs.

In ``mode='auto'``, a monitored name containing ``acc`` (or starting with ``fmeasure``)
is maximised, as in Keras 2.
"""

import collections
import csv
import os
import warnings

import numpy as np

from tfcompat._errors import InvalidArgumentError
from tfcompat.keras import backend as K
from tfcompat.keras._callback_base import Callback
from tfcompat.keras._hdf5_saving import save_model, save_weights
from tfcompat.keras._logs import keras2_columns

__all__ = ["EarlyStopping", "ModelCheckpoint", "ReduceLROnPlateau", "LearningRateScheduler", "CSVLogger",
           "BaseLogger"]


def _maximises(monitor):
    return "acc" in monitor or monitor.startswith("fmeasure")


def _mode(mode, owner):
    if mode not in ("auto", "min", "max"):
        warnings.warn(f"{owner} mode {mode!r} is unknown; 'auto' is used, as in Keras 2.", RuntimeWarning, stacklevel=3)
        return "auto"
    return mode


def _missing_monitor(owner, monitor, logs):
    warnings.warn(f"{owner} conditioned on metric `{monitor}`, which is not available. "
                  f"Available metrics are: {','.join(sorted(logs))}", RuntimeWarning, stacklevel=3)


class EarlyStopping(Callback):
    """Keras 2.2 ``EarlyStopping(monitor='val_loss', min_delta=0, patience=0, verbose=0, mode='auto',
    baseline=None, restore_best_weights=False)``: stops after ``patience`` epochs without improvement."""

    def __init__(self, monitor="val_loss", min_delta=0, patience=0, verbose=0, mode="auto", baseline=None,
                 restore_best_weights=False):
        super().__init__()
        self.monitor, self.patience, self.verbose = monitor, patience, verbose
        self.baseline, self.restore_best_weights = baseline, restore_best_weights
        self.wait = self.stopped_epoch = 0
        self.best_weights = None
        mode = _mode(mode, "EarlyStopping")
        maximise = mode == "max" or (mode == "auto" and _maximises(monitor))
        self.monitor_op = np.greater if maximise else np.less
        self.min_delta = abs(min_delta) if maximise else -abs(min_delta)

    def on_train_begin(self, logs=None):
        self.wait = self.stopped_epoch = 0
        if self.baseline is not None:
            self.best = self.baseline
        else:
            self.best = np.inf if self.monitor_op is np.less else -np.inf

    def on_epoch_end(self, epoch, logs=None):
        current = (logs or {}).get(self.monitor)
        if current is None:
            _missing_monitor("Early stopping", self.monitor, logs or {})
            return
        if self.monitor_op(current - self.min_delta, self.best):
            self.best, self.wait = current, 0
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            return
        self.wait += 1
        if self.wait >= self.patience:
            self.stopped_epoch = epoch
            self.model.stop_training = True
            if self.restore_best_weights and self.best_weights is not None:
                if self.verbose > 0:
                    print("Restoring model weights from the end of the best epoch")
                self.model.set_weights(self.best_weights)

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            print(f"Epoch {self.stopped_epoch + 1:05d}: early stopping")


class ModelCheckpoint(Callback):
    """Keras 2.2 ``ModelCheckpoint(filepath, monitor='val_loss', verbose=0, save_best_only=False,
    save_weights_only=False, mode='auto', period=1)``: saves every ``period`` epochs.

    ``filepath`` may contain ``{epoch:02d}`` and log keys (``{val_acc:.2f}``); any file name
    works (HDF5 unless it ends in ``.keras`` or ``.weights.h5``).
    """

    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False, save_weights_only=False,
                 mode="auto", period=1):
        super().__init__()
        if isinstance(period, bool) or not isinstance(period, (int, np.integer)) or period < 1:
            raise InvalidArgumentError(f"`period` must be an int >= 1 (epochs between saves). Received: period={period!r}")
        self.filepath = os.fspath(filepath)
        self.monitor, self.verbose, self.period = monitor, verbose, int(period)
        self.save_best_only, self.save_weights_only = save_best_only, save_weights_only
        self.epochs_since_last_save = 0
        mode = _mode(mode, "ModelCheckpoint")
        maximise = mode == "max" or (mode == "auto" and _maximises(monitor))
        self.monitor_op = np.greater if maximise else np.less
        self.best = -np.inf if maximise else np.inf

    def _save(self, path):
        if self.save_weights_only:
            save_weights(self.model, path, overwrite=True)
        else:
            save_model(self.model, path, overwrite=True)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        self.epochs_since_last_save += 1
        if self.epochs_since_last_save < self.period:
            return
        self.epochs_since_last_save = 0
        path = self.filepath.format(epoch=epoch + 1, **logs)
        if not self.save_best_only:
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1:05d}: saving model to {path}")
            self._save(path)
            return
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(f"Can save best model only with {self.monitor} available, skipping.", RuntimeWarning,
                          stacklevel=2)
            return
        if self.monitor_op(current, self.best):
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1:05d}: {self.monitor} improved from {self.best:0.5f} to {current:0.5f},"
                      f" saving model to {path}")
            self.best = current
            self._save(path)
        elif self.verbose > 0:
            print(f"\nEpoch {epoch + 1:05d}: {self.monitor} did not improve from {self.best:0.5f}")


class ReduceLROnPlateau(Callback):
    """Keras 2.2 ``ReduceLROnPlateau(monitor='val_loss', factor=0.1, patience=10, verbose=0, mode='auto',
    min_delta=1e-4, cooldown=0, min_lr=0)``; ``epsilon=`` is accepted as ``min_delta``'s old name."""

    def __init__(self, monitor="val_loss", factor=0.1, patience=10, verbose=0, mode="auto", min_delta=1e-4,
                 cooldown=0, min_lr=0, **kwargs):
        super().__init__()
        if "epsilon" in kwargs:
            min_delta = kwargs.pop("epsilon")
            warnings.warn("`epsilon` argument is deprecated in Keras 2.1.6+; it is `min_delta` (same meaning).",
                          UserWarning, stacklevel=2)
        if kwargs:
            received = ", ".join(f"{k}={v!r}" for k, v in sorted(kwargs.items()))
            raise TypeError(f"ReduceLROnPlateau() got unexpected keyword arguments: {sorted(kwargs)}. Received: {received}")
        if factor >= 1.0:
            raise InvalidArgumentError(f"ReduceLROnPlateau reduces the rate: `factor` must be < 1.0. "
                                       f"Received: factor={factor!r}")
        self.monitor, self.factor, self.min_lr, self.min_delta = monitor, factor, min_lr, min_delta
        self.patience, self.verbose, self.cooldown = patience, verbose, cooldown
        self.cooldown_counter = self.wait = 0
        self.mode = _mode(mode, "ReduceLROnPlateau")
        self._reset()

    def _reset(self):
        if self.mode == "min" or (self.mode == "auto" and "acc" not in self.monitor):
            self.monitor_op = lambda a, b: np.less(a, b - self.min_delta)
            self.best = np.inf
        else:
            self.monitor_op = lambda a, b: np.greater(a, b + self.min_delta)
            self.best = -np.inf
        self.cooldown_counter = self.wait = 0

    def on_train_begin(self, logs=None):
        self._reset()

    def in_cooldown(self):
        return self.cooldown_counter > 0

    def on_epoch_end(self, epoch, logs=None):
        logs = logs if logs is not None else {}
        optimizer = self.model.optimizer
        logs["lr"] = K.get_value(optimizer.lr)
        current = logs.get(self.monitor)
        if current is None:
            _missing_monitor("Reduce LR on plateau", self.monitor, logs)
            return
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if self.monitor_op(current, self.best):
            self.best, self.wait = current, 0
        elif not self.in_cooldown():
            self.wait += 1
            if self.wait >= self.patience:
                old_lr = float(K.get_value(optimizer.lr))
                if old_lr > self.min_lr:
                    new_lr = max(old_lr * self.factor, self.min_lr)
                    K.set_value(optimizer.lr, new_lr)
                    if self.verbose > 0:
                        print(f"\nEpoch {epoch + 1:05d}: ReduceLROnPlateau reducing learning rate to {new_lr}.")
                    self.cooldown_counter, self.wait = self.cooldown, 0


class LearningRateScheduler(Callback):
    """Keras 2.2 ``LearningRateScheduler(schedule, verbose=0)``: ``schedule(epoch)`` or ``schedule(epoch, lr)``."""

    def __init__(self, schedule, verbose=0):
        super().__init__()
        self.schedule, self.verbose = schedule, verbose

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = self.model.optimizer
        if not hasattr(optimizer, "lr"):
            raise InvalidArgumentError(f'Optimizer must have a "lr" attribute. Received: optimizer={optimizer!r}')
        lr = float(K.get_value(optimizer.lr))
        try:
            lr = self.schedule(epoch, lr)
        except TypeError:  # Keras 2.0 schedules take only the epoch
            lr = self.schedule(epoch)
        if not isinstance(lr, (float, np.float32, np.float64)):
            raise InvalidArgumentError(f'The output of the "schedule" function should be float. Received: {lr!r}')
        K.set_value(optimizer.lr, lr)
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1:05d}: LearningRateScheduler setting learning rate to {lr}.")

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["lr"] = K.get_value(self.model.optimizer.lr)


def _csv_value(value):
    if isinstance(value, str) or (isinstance(value, np.ndarray) and value.ndim == 0):
        return value
    if isinstance(value, collections.abc.Iterable):
        return '"[{}]"'.format(", ".join(map(str, value)))
    return value


class CSVLogger(Callback):
    """Keras 2.2 ``CSVLogger(filename, separator=',', append=False)``: one row per epoch.

    Columns: ``epoch`` then the epoch's log keys, sorted, fixed by the first epoch, with
    Keras 2's names (``acc``/``val_acc``). When training stops early, missing values are ``NA``.
    """

    def __init__(self, filename, separator=",", append=False):
        super().__init__()
        self.sep, self.filename, self.append = separator, os.fspath(filename), append
        self.writer = None
        self.keys = None
        self.append_header = True
        self.csv_file = None

    def on_train_begin(self, logs=None):
        mode = "w"
        if self.append:
            if os.path.exists(self.filename):
                with open(self.filename) as f:
                    self.append_header = not f.readline()
            mode = "a"
        self.csv_file = open(self.filename, mode, newline="")  # noqa: SIM115 (closed in on_train_end)

    def on_epoch_end(self, epoch, logs=None):
        logs = keras2_columns(logs)
        if self.keys is None:
            self.keys = sorted(logs)
        if self.model is not None and getattr(self.model, "stop_training", False):
            logs = {k: logs.get(k, "NA") for k in self.keys}
        if self.writer is None:
            dialect = type("Keras2CSV", (csv.excel,), {"delimiter": self.sep})
            self.writer = csv.DictWriter(self.csv_file, fieldnames=["epoch"] + self.keys, dialect=dialect)
            if self.append_header:
                self.writer.writeheader()
        row = {"epoch": epoch}
        row.update((key, _csv_value(logs.get(key, "NA"))) for key in self.keys)
        self.writer.writerow(row)
        self.csv_file.flush()

    def on_train_end(self, logs=None):
        if self.csv_file is not None:
            self.csv_file.close()
        self.writer = None


class BaseLogger(Callback):
    """Keras 2 ``BaseLogger(stateful_metrics=None)``: Keras 2 added it to average batch metrics into the
    epoch logs; Keras 3's epoch logs are already those averages, so it leaves them as they are."""

    def __init__(self, stateful_metrics=None):
        super().__init__()
        self.stateful_metrics = set(stateful_metrics or [])
