"""Keras 2.2's ``keras.callbacks.Callback`` on Keras 3: Keras 2 ``logs``, ``model``, ``params``, ``validation_data``.

* Every hook a subclass defines receives logs passed through
  :func:`tfcompat.keras._logs.alias_logs`: ``acc``/``val_acc`` beside Keras 3's
  ``accuracy``/``val_accuracy``, numpy scalar values; keys a hook adds
  (``logs['lr'] = ...``) reach the callbacks after it and ``History``, as in Keras 2.
* ``model`` is a plain settable attribute (Keras 2 tests and tools assign
  ``callback.model = ...``; Keras 3 made it a read-only property).
* ``validation_data``: Keras 2's ``[x, y, sample_weights]`` of the running ``fit``.
  A Keras 2 model (:mod:`tfcompat.keras.models`) sets it itself; with a Keras 3
  model it is found in ``fit``'s arguments when the callback is attached.
* Using one of these callbacks installs Keras 2's ``optimizer.lr`` on Keras 3's
  optimizers (:func:`tfcompat.keras._optimizer_lr.ensure_lr_property`).
"""

import functools
import sys

import numpy as np

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._logs import alias_logs
from tfcompat.keras._optimizer_lr import ensure_lr_property
from tfcompat.keras._tf_keras import refuse_tf_keras_model

keras = import_keras()

__all__ = ["Callback", "Keras2Hooks", "with_keras2_logs", "HOOKS", "fit_locals", "validation_data_from_fit"]

# Hook name -> index of `logs` among the arguments after `self`.
HOOKS = {
    "on_epoch_begin": 1, "on_epoch_end": 1,
    "on_batch_begin": 1, "on_batch_end": 1,
    "on_train_batch_begin": 1, "on_train_batch_end": 1,
    "on_test_batch_begin": 1, "on_test_batch_end": 1,
    "on_predict_batch_begin": 1, "on_predict_batch_end": 1,
    "on_train_begin": 0, "on_train_end": 0,
    "on_test_begin": 0, "on_test_end": 0,
    "on_predict_begin": 0, "on_predict_end": 0,
}


def with_keras2_logs(fn, logs_pos, positional=False):
    """Wraps a hook so its ``logs`` argument (positional ``logs_pos`` or keyword) is aliased.

    ``positional=True`` (LambdaCallback functions) always passes ``logs``
    positionally: Keras 3 calls ``on_batch_end(batch, logs=logs)`` but Keras 2
    lambdas are written ``lambda batch, l: ...``.
    """

    @functools.wraps(fn)
    def hook_with_keras2_logs(*args, **kwargs):
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
        if isinstance(original, dict) and logs is not original:
            # Keras 2 callbacks add keys for the ones after them (ReduceLROnPlateau's `lr`,
            # which History records): keep doing that.
            for key in set(logs).difference(original, aliases):
                original[key] = logs[key]
        return result

    hook_with_keras2_logs.__tfcompat_logs__ = True
    return hook_with_keras2_logs


def _alias_hooks(cls):
    base = keras.callbacks.Callback
    for name, logs_pos in HOOKS.items():
        method = getattr(cls, name, None)
        if method is None or method is getattr(base, name, None) or getattr(method, "__tfcompat_logs__", False):
            continue
        # +1: as class attributes these are called with `self` first.
        setattr(cls, name, with_keras2_logs(method, logs_pos + 1))


class Keras2Hooks:
    """Mixin: every hook a (sub)class defines receives Keras 2 style logs."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _alias_hooks(cls)


class Callback(Keras2Hooks, keras.callbacks.Callback):
    """Keras 2 ``keras.callbacks.Callback``: see the module docstring."""

    # Class-level defaults: 2018 subclasses often skip `super().__init__()`.
    validation_data = None
    params = None
    _model = None

    def __init__(self):
        super().__init__()
        self.validation_data = None
        ensure_lr_property()

    @property
    def model(self):
        """The model being trained (Keras 2: a plain attribute, set by ``set_model`` or by hand)."""
        return self._model

    @model.setter
    def model(self, model):
        self._model = model

    def set_model(self, model):
        refuse_tf_keras_model(model, type(self).__name__)  # a tf-keras fit would fail deep inside
        self.model = model
        ensure_lr_property()
        if self.validation_data is None:
            found = validation_data_from_fit(fit_locals(model))
            if found is not None:
                self.validation_data = found


def fit_locals(model):
    """The local variables of the running ``model.fit`` call, or None.

    Keras 2 handed callbacks the validation arrays and each batch's ``size``;
    Keras 3 keeps both in fit's locals (``val_x``/``val_y``, ``epoch_iterator``).
    """
    if model is None:
        return None
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "fit" and frame.f_locals.get("self") is model:
            return frame.f_locals
        frame = frame.f_back
    return None


def _in_memory(data):
    items = list(data) if isinstance(data, (list, tuple)) else [data]
    return bool(items) and all(hasattr(a, "shape") and hasattr(a, "__getitem__") for a in items)


def validation_data_from_fit(locals_of_fit):
    """Keras 2's ``[x..., y..., sample_weights...]`` of the running Keras 3 ``fit``, or None.

    Keras 3 keeps the validation arrays in fit's locals (``val_x``/``val_y``, after
    ``validation_split`` too); only in-memory arrays count, as Keras 2 set
    ``validation_data`` only for them.
    """
    loc = locals_of_fit or {}
    x, y, sw = loc.get("val_x"), loc.get("val_y"), loc.get("val_sample_weight")
    if x is None or y is None or not _in_memory(x) or not _in_memory(y):
        return None
    xs = list(x) if isinstance(x, (list, tuple)) else [x]
    ys = list(y) if isinstance(y, (list, tuple)) else [y]
    ys = [np.expand_dims(a, 1) if getattr(a, "ndim", 2) == 1 else a for a in ys]
    if sw is None:
        weights = [np.ones((len(a),), dtype=keras.config.floatx()) for a in ys]
    else:
        weights = list(sw) if isinstance(sw, (list, tuple)) else [sw]
    return xs + ys + weights
