"""Keras 2 ``keras.callbacks`` on Keras 3: callbacks that see ``logs["acc"]``.

Mirrors Keras 2.1/2.2 callbacks where 2018 code depends on Keras 2 behaviour:

  * every callback here (and every subclass of :class:`Callback`) receives logs
    passed through :func:`tfcompat.keras._logs.alias_logs`: a model compiled with
    ``metrics=['accuracy']`` reports ``acc``/``val_acc`` as well as Keras 3's
    ``accuracy``/``val_accuracy`` (and the reverse for ``'acc'``);
  * ``EarlyStopping``/``ModelCheckpoint``/``ReduceLROnPlateau`` accept
    ``monitor='val_acc'`` and, in ``mode='auto'``, maximise any monitor whose
    name contains ``acc`` (Keras 2's rule; Keras 3 raises for names it cannot
    find among the compiled metrics);
  * ``LambdaCallback`` takes Keras 2's positional order and ``on_batch_begin``/
    ``on_batch_end``;
  * ``TensorBoard`` is the Keras 2.1 callback (``tfcompat.keras._tensorboard_21``).

Every other ``keras.callbacks`` name is re-exported unchanged.
"""

import functools

import numpy as np

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._logs import alias_logs
from tfcompat.keras._optimizer_lr import BASE_LR_ATTR
from tfcompat.keras._tensorboard_21 import TensorBoard
from tfcompat.keras._tf_keras import refuse_tf_keras_model

keras = import_keras()

__all__ = [
    "Callback",
    "LambdaCallback",
    "EarlyStopping",
    "ModelCheckpoint",
    "ReduceLROnPlateau",
    "CSVLogger",
    "RemoteMonitor",
    "TerminateOnNaN",
    "TensorBoard",
    "alias_logs",
]

# Hook name -> index of `logs` among the arguments after `self`.
_HOOKS = {
    "on_epoch_begin": 1, "on_epoch_end": 1,
    "on_batch_begin": 1, "on_batch_end": 1,
    "on_train_batch_begin": 1, "on_train_batch_end": 1,
    "on_test_batch_begin": 1, "on_test_batch_end": 1,
    "on_predict_batch_begin": 1, "on_predict_batch_end": 1,
    "on_train_begin": 0, "on_train_end": 0,
    "on_test_begin": 0, "on_test_end": 0,
    "on_predict_begin": 0, "on_predict_end": 0,
}


def _with_keras2_logs(fn, logs_pos, positional=False):
    """Wraps a hook so its ``logs`` argument (positional ``logs_pos`` or keyword) is aliased.

    ``positional=True`` (LambdaCallback functions) always passes ``logs``
    positionally: Keras 3 calls ``on_batch_end(batch, logs=logs)`` but Keras 2
    lambdas are written ``lambda batch, l: ...``.
    """

    @functools.wraps(fn)
    def with_keras2_logs(*args, **kwargs):
        as_keyword = "logs" in kwargs
        if as_keyword:
            original = kwargs.pop("logs")
        elif len(args) > logs_pos:
            original = args[logs_pos]
            args = args[:logs_pos] + args[logs_pos + 1:]
        else:
            return fn(*args, **kwargs)
        logs = alias_logs(original)
        aliases = set(logs).difference(original or ())
        if as_keyword and not (positional and len(args) == logs_pos):
            kwargs["logs"] = logs
        else:
            args = args[:logs_pos] + (logs,) + args[logs_pos:]
        result = fn(*args, **kwargs)
        if isinstance(original, dict):
            # Keras 3 callbacks may add keys for the ones after them (ReduceLROnPlateau
            # adds `learning_rate`, which History records): keep doing that.
            for key in set(logs).difference(original, aliases):
                original[key] = logs[key]
        return result

    with_keras2_logs.__tfcompat_logs__ = True
    return with_keras2_logs


def _alias_hooks(cls):
    base = keras.callbacks.Callback
    for name, logs_pos in _HOOKS.items():
        method = getattr(cls, name, None)
        if method is None or method is getattr(base, name, None) or getattr(method, "__tfcompat_logs__", False):
            continue
        # +1: as class attributes these are called with `self` first.
        setattr(cls, name, _with_keras2_logs(method, logs_pos + 1))


class _Keras2Logs:
    """Mixin: every hook a (sub)class defines receives Keras 2 style logs."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _alias_hooks(cls)

    def set_model(self, model):
        refuse_tf_keras_model(model, type(self).__name__)  # a tf-keras fit would fail deep inside
        super().set_model(model)


class _Keras2Monitor:
    """Mixin: Keras 2's ``mode='auto'`` rule for monitored quantities."""

    def _set_monitor_op(self):
        monitor = str(getattr(self, "monitor", ""))
        if self.mode == "auto" and ("acc" in monitor or monitor.startswith("fmeasure")):
            # Keras 2: `if 'acc' in self.monitor or self.monitor.startswith('fmeasure'): np.greater`.
            self.monitor_op = keras.ops.greater
            return
        super()._set_monitor_op()


class Callback(_Keras2Logs, keras.callbacks.Callback):
    """Keras 2 ``keras.callbacks.Callback``: subclasses' hooks see ``logs["acc"]``/``logs["val_acc"]``."""


def _keras2_callback(base, doc, monitor=False):
    bases = (_Keras2Logs, _Keras2Monitor, base) if monitor else (_Keras2Logs, base)
    return type(base.__name__, bases, {"__doc__": doc, "__module__": __name__, "__qualname__": base.__name__})


EarlyStopping = _keras2_callback(
    keras.callbacks.EarlyStopping, "Keras 2 ``EarlyStopping``: ``monitor='val_acc'`` works with ``'accuracy'``.", True
)
ModelCheckpoint = _keras2_callback(
    keras.callbacks.ModelCheckpoint,
    "Keras 2 ``ModelCheckpoint``: ``monitor='val_acc'`` and ``{val_acc:.2f}`` in ``filepath`` work.",
    True,
)
_ReduceLROnPlateau = _keras2_callback(keras.callbacks.ReduceLROnPlateau, "", True)


class ReduceLROnPlateau(_ReduceLROnPlateau):
    """Keras 2 ``ReduceLROnPlateau``: ``monitor='val_acc'`` works, and with Keras 2 ``decay=``
    it reduces the base rate (``optimizer.lr``) as Keras 2 did, instead of failing on the schedule."""

    def _reduce_optimizer_lr(self, optimizer, epoch, name=""):
        base = getattr(getattr(optimizer, "_learning_rate", None), BASE_LR_ATTR, None)
        if base is None:
            return super()._reduce_optimizer_lr(optimizer, epoch, name)
        old_lr = float(keras.ops.convert_to_numpy(base))
        if old_lr <= np.float32(self.min_lr):
            return False
        new_lr = max(old_lr * self.factor, self.min_lr)
        base.assign(new_lr)
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing{' ' + name if name else ''} "
                  f"learning rate to {new_lr}.")
        return True


CSVLogger = _keras2_callback(
    keras.callbacks.CSVLogger, "Keras 2 ``CSVLogger``: the CSV has ``acc``/``val_acc`` columns (and Keras 3's)."
)
RemoteMonitor = _keras2_callback(keras.callbacks.RemoteMonitor, "Keras 2 ``RemoteMonitor``: sends ``acc`` keys too.")
TerminateOnNaN = _keras2_callback(keras.callbacks.TerminateOnNaN, "Keras 2 ``TerminateOnNaN``.")


class LambdaCallback(_Keras2Logs, keras.callbacks.LambdaCallback):
    """Keras 2 ``LambdaCallback``: the functions receive ``logs["acc"]``/``logs["val_acc"]``.

    Args (Keras 2 order):
        on_epoch_begin, on_epoch_end: ``f(epoch, logs)``.
        on_batch_begin, on_batch_end: ``f(batch, logs)`` for training batches.
        on_train_begin, on_train_end: ``f(logs)``.
        **kwargs: any other hook (``on_test_batch_end=f``...), as in Keras 3.
    """

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_batch_begin=None, on_batch_end=None,
                 on_train_begin=None, on_train_end=None, **kwargs):
        given = dict(on_epoch_begin=on_epoch_begin, on_epoch_end=on_epoch_end, on_batch_begin=on_batch_begin,
                     on_batch_end=on_batch_end, on_train_begin=on_train_begin, on_train_end=on_train_end)
        given.update(kwargs)
        wrapped = {}
        for name, fn in given.items():
            if fn is None:
                continue  # Keras 3 would store None as the hook and then call it
            if name in _HOOKS and callable(fn):
                fn = _with_keras2_logs(fn, _HOOKS[name], positional=True)
            wrapped[name] = fn
        super().__init__(**wrapped)


def __getattr__(name):
    try:
        return getattr(keras.callbacks, name)
    except AttributeError:
        raise AttributeError(f"module 'tfcompat.keras.callbacks' has no attribute {name!r}") from None


def __dir__():
    return sorted(set(globals()) | {n for n in dir(keras.callbacks) if not n.startswith("_")})
