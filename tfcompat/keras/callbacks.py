"""Mirrors Keras 2.2's ``keras.callbacks``: callbacks with Keras 2's arguments, ``logs`` and attributes.

* :class:`Callback` (and every subclass): hooks see ``logs["acc"]``/``logs["val_acc"]``
  with numpy scalar values, ``self.model`` is settable, ``self.validation_data`` and
  ``self.params`` are Keras 2's (see :mod:`tfcompat.keras._callback_base`);
* ``EarlyStopping``, ``ModelCheckpoint(period=)``, ``ReduceLROnPlateau(epsilon=)``,
  ``LearningRateScheduler``, ``CSVLogger`` (Keras 2 columns), ``BaseLogger``: Keras 2.2's
  rules (see :mod:`tfcompat.keras._callbacks_keras2`);
* ``LambdaCallback`` takes Keras 2's positional order and ``on_batch_begin``/``on_batch_end``;
* ``TensorBoard`` is the Keras 2.1/2.2 callback (:mod:`tfcompat.keras._tensorboard_21`);
* ``RemoteMonitor``, ``TerminateOnNaN``: Keras 3's, with Keras 2 logs.

Every other ``keras.callbacks`` name (``History``, ``ProgbarLogger``...) is Keras 3's.
"""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._callback_base import HOOKS, Callback, Keras2Hooks, with_keras2_logs
from tfcompat.keras._callbacks_keras2 import (
    BaseLogger,
    CSVLogger,
    EarlyStopping,
    LearningRateScheduler,
    ModelCheckpoint,
    ReduceLROnPlateau,
)
from tfcompat.keras._logs import alias_logs
from tfcompat.keras._optimizer_lr import ensure_lr_property
from tfcompat.keras._same_names import keras3_dir, keras3_name
from tfcompat.keras._tensorboard_21 import TensorBoard

keras = import_keras()

__all__ = [
    "Callback",
    "LambdaCallback",
    "EarlyStopping",
    "ModelCheckpoint",
    "ReduceLROnPlateau",
    "LearningRateScheduler",
    "CSVLogger",
    "BaseLogger",
    "RemoteMonitor",
    "TerminateOnNaN",
    "TensorBoard",
    "alias_logs",
]


class _Keras3WithKeras2Logs(Keras2Hooks):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ensure_lr_property()


class RemoteMonitor(_Keras3WithKeras2Logs, keras.callbacks.RemoteMonitor):
    """Keras 2 ``RemoteMonitor``: Keras 3's, sending Keras 2's ``acc`` keys too."""


class TerminateOnNaN(_Keras3WithKeras2Logs, keras.callbacks.TerminateOnNaN):
    """Keras 2 ``TerminateOnNaN``: stops training on a NaN or infinite batch loss (Keras 3's)."""


class LambdaCallback(Callback):
    """Keras 2 ``LambdaCallback``: the functions receive ``logs["acc"]``/``logs["val_acc"]``.

    Args (Keras 2 order):
        on_epoch_begin, on_epoch_end: ``f(epoch, logs)``.
        on_batch_begin, on_batch_end: ``f(batch, logs)`` for training batches.
        on_train_begin, on_train_end: ``f(logs)``.
        **kwargs: any other hook (``on_test_batch_end=f``...), as in Keras 3.
    """

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_batch_begin=None, on_batch_end=None,
                 on_train_begin=None, on_train_end=None, **kwargs):
        super().__init__()
        given = dict(on_epoch_begin=on_epoch_begin, on_epoch_end=on_epoch_end, on_batch_begin=on_batch_begin,
                     on_batch_end=on_batch_end, on_train_begin=on_train_begin, on_train_end=on_train_end)
        given.update(kwargs)
        for name, fn in given.items():
            if fn is None:
                continue  # the inherited no-op hook stays
            if name in HOOKS and callable(fn):
                fn = with_keras2_logs(fn, HOOKS[name], positional=True)
            setattr(self, name, fn)


def __getattr__(name):
    return keras3_name(keras.callbacks, name, __name__)


def __dir__():
    return keras3_dir(keras.callbacks, globals())
