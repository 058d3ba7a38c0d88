"""The callback container of a Keras 2 model's ``fit``: Keras 2.2's ``logs``, ``params`` and ``validation_data``.

Mirrors what Keras 2.2's training loop handed its callbacks, on top of Keras 3's
``CallbackList`` (which adds ``History`` and the progress bar as before):

* ``logs`` values are numpy scalars (``np.float64``; ``logs['loss'].item()`` works)
  and one dict is shared by every callback of a hook, as in Keras 2, so a key one
  callback adds (``logs['lr']``) reaches the ones after it and ``History``;
* batch logs carry ``batch`` and, when the data are arrays, ``size``;
* ``params`` has Keras 2's keys (``batch_size``, ``epochs``, ``steps``, ``samples``,
  ``verbose``, ``do_validation``, ``metrics``);
* every callback's ``validation_data`` is ``[x..., y..., sample_weights...]`` when the
  validation data are arrays.
"""

import numpy as np

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._logs import Keras2Logs, numpy_scalar

keras = import_keras()

__all__ = ["Keras2CallbackList", "keras2_logs"]


def _scalar(value):
    if value is None or isinstance(value, (str, np.generic)):
        return value
    if isinstance(value, (int, float)):
        return np.float64(value)
    if isinstance(value, np.ndarray) and value.ndim:
        return value  # an array a callback put there: as it is
    scalar = numpy_scalar(value)  # 0-d arrays (Keras 3.12), scalar tensors
    return value if scalar is None else np.float64(scalar)


def keras2_logs(logs, **first):
    """A :class:`Keras2Logs` of ``logs`` (nested dicts flattened) with numpy scalar values, ``first`` keys first."""
    out = Keras2Logs(first)
    for key, value in (logs or {}).items():
        if isinstance(value, dict):
            out.update(keras2_logs(value))
        else:
            out[key] = _scalar(value)
    return out


class Keras2CallbackList(keras.callbacks.CallbackList):
    """Keras 3's ``CallbackList`` handing callbacks Keras 2.2's logs, params and validation data.

    Args:
        callbacks: the user's callbacks.
        model: the model being trained.
        params: Keras 2 params (``batch_size``, ``epochs``, ``steps``, ``samples``, ``verbose``,
            ``do_validation``); ``metrics`` is filled in when training begins.
        validation_data: Keras 2's ``[x..., y..., sample_weights...]``, or None to leave each
            callback's ``validation_data`` as it is.
    """

    def __init__(self, callbacks, model, params, validation_data=None):
        self._keras2_params = dict(params, metrics=[])
        self._orders = {}
        super().__init__(callbacks, add_history=True, add_progbar=params.get("verbose", 1) != 0, model=model,
                         verbose=params.get("verbose", 1), epochs=params.get("epochs"), steps=params.get("steps"))
        if validation_data is not None:
            for callback in self.callbacks:
                callback.validation_data = validation_data

    def set_params(self, params):
        # Keras 3 passes verbose/epochs/steps; Keras 2 callbacks read more (`params['metrics']`).
        merged = dict(params or {})
        merged.update(getattr(self, "_keras2_params", {}))
        super().set_params(merged)

    def _size(self, batch):
        batch_size, samples = self.params.get("batch_size"), self.params.get("samples")
        if not batch_size or not samples:
            return None
        return max(0, min(batch_size, samples - batch * batch_size))

    def _batch_logs(self, batch, logs):
        logs = self._in_keras2_order(logs)
        size = self._size(batch)
        return keras2_logs(logs, batch=batch) if size is None else keras2_logs(logs, batch=batch, size=size)

    def _each(self, hook, *args, logs, keyword=False):
        for callback in self.callbacks:
            if keyword:
                getattr(callback, hook)(*args, logs=logs)
            else:
                getattr(callback, hook)(*args, logs)

    # -- training ---------------------------------------------------------------

    def on_train_begin(self, logs=None):
        model = self.model
        names = list(getattr(model, "metrics_names", None) or [])
        if self.params.get("do_validation"):
            names += ["val_" + n for n in names]
        self.params["metrics"] = names  # the dict every callback holds
        self._on_begin()
        self._each("on_train_begin", logs=keras2_logs(logs))

    def on_train_end(self, logs=None):
        if self._async_train:
            self._flush_futures()
        self._each("on_train_end", logs=keras2_logs(logs))
        self._on_end()

    def on_epoch_begin(self, epoch, logs=None):
        self._each("on_epoch_begin", epoch, logs=keras2_logs(logs))

    def on_epoch_end(self, epoch, logs=None):
        if self._async_train:
            self._flush_futures()
        self._each("on_epoch_end", epoch, logs=keras2_logs(self._in_keras2_order(logs)))

    def _in_keras2_order(self, logs):
        # Keras 2 built its logs from metrics_names, then val_ + metrics_names (History keys, CSV columns, the
        # order of the summaries a callback writes); Keras 3.12 hands them sorted (`acc` before `loss`).
        if not logs:
            return logs
        keys = tuple(logs)
        order = self._orders.get(keys)
        if order is None:  # once per set of keys: metrics_names asks every metric for its result
            names = list(getattr(self.model, "metrics_names", None) or [])  # built by now (not at train begin)
            names += ["val_" + name for name in names]
            order = self._orders[keys] = [k for k in names if k in logs] + [k for k in keys if k not in names]
        return {key: logs[key] for key in order}

    def on_batch_begin(self, batch, logs=None):
        self._each("on_batch_begin", batch, logs=self._batch_logs(batch, logs), keyword=True)

    def on_train_batch_begin(self, batch, logs=None):
        self._each("on_train_batch_begin", batch, logs=self._batch_logs(batch, logs), keyword=True)

    def _on_batch_end(self, batch, logs=None):
        self._each("on_batch_end", batch, logs=self._batch_logs(batch, logs), keyword=True)

    def _on_train_batch_end(self, batch, logs=None):
        self._each("on_train_batch_end", batch, logs=self._batch_logs(batch, logs), keyword=True)

    # -- evaluation and prediction ------------------------------------------------

    def on_test_begin(self, logs=None):
        self._on_begin()
        self._each("on_test_begin", logs=keras2_logs(logs))

    def on_test_end(self, logs=None):
        if self._async_test:
            self._flush_futures()
        self._each("on_test_end", logs=keras2_logs(logs))
        self._on_end()

    def on_test_batch_begin(self, batch, logs=None):
        self._each("on_test_batch_begin", batch, logs=keras2_logs(logs, batch=batch), keyword=True)

    def _on_test_batch_end(self, batch, logs=None):
        self._each("on_test_batch_end", batch, logs=keras2_logs(logs, batch=batch), keyword=True)

    def on_predict_begin(self, logs=None):
        self._on_begin()
        self._each("on_predict_begin", logs=keras2_logs(logs))

    def on_predict_end(self, logs=None):
        if self._async_predict:
            self._flush_futures()
        self._each("on_predict_end", logs=keras2_logs(logs))
        self._on_end()

    def on_predict_batch_begin(self, batch, logs=None):
        self._each("on_predict_batch_begin", batch, logs=keras2_logs(logs, batch=batch), keyword=True)

    def _on_predict_batch_end(self, batch, logs=None):
        # Predict logs hold the outputs (arrays): passed as they are.
        self._each("on_predict_batch_end", batch, logs=Keras2Logs(logs or {}, batch=batch), keyword=True)
