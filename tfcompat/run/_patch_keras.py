"""What :func:`tfcompat.patch` puts on ``keras``: Keras 2 names and behaviours on Keras 3.

Mirrors Keras 2.1/2.2 where 2018 scripts rely on it: ``keras.backend`` gains
``get_session``/``eval``/``get_value``/``set_value``... (from
:mod:`tfcompat.keras.backend`), optimizers get ``lr`` and accept ``lr=``/``decay=``
(:mod:`tfcompat.keras.optimizers`), ``keras.callbacks.TensorBoard`` takes the 2.1
signature (:mod:`tfcompat.keras._tensorboard_21`), user callbacks see
``acc``/``val_acc``, and ``Model`` has ``fit(nb_epoch=)``, ``fit_generator``,
``evaluate_generator``, ``predict_generator``; ``keras.utils.np_utils`` and
``Metric.reset_states()`` are back.
"""

import functools
import warnings

from tfcompat._lazy_tf import import_keras, import_tf, internal
from tfcompat._names import (
    KERAS2_OPTIMIZER_KEYWORDS,
    KERAS2_OPTIMIZERS,
    KERAS3_LOG_KEYS,
    TENSORBOARD_21_ONLY,
)
from tfcompat.keras import _optimizer_lr
from tfcompat.keras import backend as k2
from tfcompat.keras._logs import alias_logs
from tfcompat.run import _dispatch

__all__ = ["apply"]

# Keras 2 fit_generator/evaluate_generator/predict_generator arguments Keras 3's fit/evaluate/predict lack:
# they only tuned the input pipeline's parallelism.
_GENERATOR_ONLY = ("workers", "use_multiprocessing", "max_queue_size")
# Keras' own callbacks that write or print every log key: they keep Keras 3's keys.
_KERAS_OWN_MODULE = "keras."


def apply(rec):
    """Applies every Keras patch through ``rec`` (a :class:`tfcompat.run._patch._Recorder`)."""
    keras = import_keras()
    _apply_backend(rec, keras)
    _apply_optimizers(rec, keras)
    _apply_callbacks(rec, keras)
    _apply_model(rec, keras)
    _apply_np_utils(rec, keras)
    _apply_metrics(rec, keras)


def _apply_metrics(rec, keras):
    """``metric.reset_states()``: Keras 2's name of Keras 3's ``reset_state()`` (TF 2.0-2.15 tutorials)."""
    metric = keras.metrics.Metric
    if hasattr(metric, "reset_states"):
        return

    def reset_states(self):
        """Mirrors Keras 2 ``Metric.reset_states()``: calls ``reset_state()``."""
        return self.reset_state()

    rec.set(metric, "reset_states", reset_states)


def _apply_np_utils(rec, keras):
    """``from keras.utils import np_utils`` / ``keras.utils.np_utils.to_categorical`` (Keras 1 and 2.0-2.3)."""
    import sys
    import types

    module = types.ModuleType("keras.utils.np_utils", "Mirrors Keras 2 ``keras.utils.np_utils`` (tfcompat).")
    module.to_categorical = keras.utils.to_categorical
    module.normalize = keras.utils.normalize
    rec.set(keras.utils, "np_utils", module)
    rec.set(sys.modules, "keras.utils.np_utils", module)


def _apply_backend(rec, keras):
    tf = import_tf()
    modules = [keras.backend]
    tf_backend = getattr(tf.keras, "backend", None)
    if tf_backend is not None and tf_backend is not keras.backend:
        modules.append(tf_backend)
    for module in modules:
        for name in getattr(k2, "__all__", ()):
            if not hasattr(module, name):
                rec.set(module, name, getattr(k2, name))


def _apply_optimizers(rec, keras):
    from tfcompat.keras import optimizers as k2opt  # loads Keras
    base = keras.optimizers.Optimizer
    if "lr" not in vars(base):
        rec.set(base, "lr", _optimizer_lr.LR_PROPERTY)

    def keras2_call(args, kwargs):
        # Keras 2 spelling: lr=/decay= keywords, or positional arguments past the
        # learning rate (their order differs from Keras 3's for several optimizers).
        return bool(KERAS2_OPTIMIZER_KEYWORDS & set(kwargs)) or len(args) > 1

    for name in KERAS2_OPTIMIZERS:
        tf2_class = getattr(keras.optimizers, name, None)
        k2_class = getattr(k2opt, name, None)
        if tf2_class is None or k2_class is None:
            continue
        rec.set(keras.optimizers, name, _dispatch.class_standin(tf2_class, k2_class, keras2_call))


def _apply_callbacks(rec, keras):
    _apply_log_aliases(rec, keras, alias_logs)
    try:
        from tfcompat.keras._tensorboard_21 import TensorBoard as TensorBoard21
    except Exception as e:
        rec.missing("tfcompat.keras._tensorboard_21 (Keras 2.1 TensorBoard signature)", e)
        return

    def is_21(args, kwargs):
        return len(args) > 2 or bool(TENSORBOARD_21_ONLY & set(kwargs))

    rec.set(keras.callbacks, "TensorBoard",
            _dispatch.class_standin(keras.callbacks.TensorBoard, TensorBoard21, is_21))
    _apply_monitoring_callbacks(rec, keras)


# Where `monitor` sits among the positional arguments (Keras 2 and 3 agree).
_MONITOR_SLOT = {"EarlyStopping": 0, "ReduceLROnPlateau": 0, "ModelCheckpoint": 1}
_KERAS2_KEYS = tuple(KERAS3_LOG_KEYS)
_ACC_KEYS = (*KERAS3_LOG_KEYS, *KERAS3_LOG_KEYS.values())


def _apply_monitoring_callbacks(rec, keras):
    """``EarlyStopping(monitor='val_acc')``, ``ModelCheckpoint('w.{val_acc:.2f}...')``...: the Keras 2 callbacks.

    Keras' own callbacks keep Keras 3 log keys, so a 2018 ``monitor='val_acc'`` would
    only warn "not available" each epoch and never act. The arguments decide: a
    Keras 2 key in ``monitor`` (or in ``ModelCheckpoint``'s filepath) gives the
    :mod:`tfcompat.keras.callbacks` class, anything else Keras 3's own.
    """
    try:
        from tfcompat.keras import callbacks as k2_callbacks
    except Exception as e:
        rec.missing("tfcompat.keras.callbacks (monitor='val_acc')", e)
        return

    def wants_keras2(name):
        slot = _MONITOR_SLOT[name]

        def is_keras2(args, kwargs):
            monitor = kwargs.get("monitor", args[slot] if len(args) > slot else None)
            if monitor in _KERAS2_KEYS:
                return True
            if name == "ModelCheckpoint":
                filepath = kwargs.get("filepath", args[0] if args else "")
                return any(f"{{{key}" in str(filepath) for key in _KERAS2_KEYS)
            return False

        return is_keras2

    for name in _MONITOR_SLOT:
        tf2_class, k2_class = getattr(keras.callbacks, name, None), getattr(k2_callbacks, name, None)
        if tf2_class is None or k2_class is None:
            continue
        rec.set(keras.callbacks, name, _dispatch.class_standin(tf2_class, k2_class, wants_keras2(name)))


def _wants_alias(callback, lambda_cls, history_cls):
    # Keras' own writers (TensorBoard, CSVLogger, ProgbarLogger...) keep Keras 3's keys so TF2
    # code is unaffected; user callbacks, LambdaCallback and History see Keras 2's too.
    # tfcompat's own callbacks already translate the keys themselves.
    if isinstance(callback, (lambda_cls, history_cls)):
        return True
    module = type(callback).__module__
    return not module.startswith(_KERAS_OWN_MODULE) and not module.startswith("tfcompat.")


class _AliasingCallback:
    """Stands in for one user callback inside CallbackList: its hooks get Keras 2 log keys."""

    __slots__ = ("_callback", "_alias")

    def __init__(self, callback, alias):
        self._callback = callback
        self._alias = alias

    def __getattr__(self, name):
        return getattr(self._callback, name)

    def _logs(self, logs):
        if logs and any(k in logs for k in _ACC_KEYS):
            return self._alias(logs)
        return logs

    def on_epoch_end(self, epoch, logs=None):
        return self._callback.on_epoch_end(epoch, self._logs(logs))

    def on_batch_end(self, batch, logs=None):
        return self._callback.on_batch_end(batch, logs=self._logs(logs))

    def on_train_batch_end(self, batch, logs=None):
        return self._callback.on_train_batch_end(batch, logs=self._logs(logs))

    def on_test_batch_end(self, batch, logs=None):
        return self._callback.on_test_batch_end(batch, logs=self._logs(logs))

    def on_train_end(self, logs=None):
        return self._callback.on_train_end(self._logs(logs))

    def on_test_end(self, logs=None):
        return self._callback.on_test_end(self._logs(logs))


def _apply_log_aliases(rec, keras, alias_logs):
    CallbackList = internal("keras.src.callbacks.callback_list").CallbackList

    lambda_cls, history_cls = keras.callbacks.LambdaCallback, keras.callbacks.History

    def proxied(callbacks):
        return [
            _AliasingCallback(cb, alias_logs) if _wants_alias(cb, lambda_cls, history_cls) else cb
            for cb in callbacks
        ]

    def make(original):
        @functools.wraps(original)
        def with_keras2_logs(self, *args, **kwargs):
            real = self.callbacks
            self.callbacks = proxied(real)
            try:
                return original(self, *args, **kwargs)
            finally:
                self.callbacks = real

        with_keras2_logs.__tfcompat_tf2__ = original
        return with_keras2_logs

    for name in ("on_epoch_end", "_on_batch_end", "_on_train_batch_end", "_on_test_batch_end",
                 "on_train_end", "on_test_end"):
        if name in vars(CallbackList):
            rec.set(CallbackList, name, make(vars(CallbackList)[name]))


def _apply_model(rec, keras):
    model = keras.Model
    fit, evaluate, predict = model.fit, model.evaluate, model.predict

    @functools.wraps(fit)
    def fit_keras2(self, *args, **kwargs):
        if "nb_epoch" in kwargs:
            if "epochs" in kwargs:
                raise TypeError(
                    "fit() got both `nb_epoch` (Keras 1 name) and `epochs`. "
                    f"Received: nb_epoch={kwargs['nb_epoch']!r}, epochs={kwargs['epochs']!r}"
                )
            kwargs["epochs"] = kwargs.pop("nb_epoch")
        return fit(self, *args, **kwargs)

    def drop_generator_only(kwargs, method):
        dropped = {k: kwargs.pop(k) for k in _GENERATOR_ONLY if k in kwargs}
        if dropped:
            warnings.warn(
                f"Model.{method}: Keras 3 has no {', '.join(sorted(dropped))} (input-pipeline parallelism); "
                f"ignored. Received: {dropped!r}",
                UserWarning,
                stacklevel=3,
            )
        return kwargs

    def fit_generator(self, generator, steps_per_epoch=None, epochs=1, *args, **kwargs):
        """Mirrors Keras 2 ``Model.fit_generator``: forwards to Keras 3 ``fit``, which takes generators."""
        kwargs = drop_generator_only(kwargs, "fit_generator")
        if args:
            names = ("verbose", "callbacks", "validation_data", "validation_steps", "validation_freq",
                     "class_weight")
            kwargs.update(zip(names, args))
        return fit_keras2(self, generator, steps_per_epoch=steps_per_epoch, epochs=epochs, **kwargs)

    def evaluate_generator(self, generator, steps=None, *args, **kwargs):
        """Mirrors Keras 2 ``Model.evaluate_generator``: forwards to Keras 3 ``evaluate``."""
        kwargs = drop_generator_only(kwargs, "evaluate_generator")
        kwargs.setdefault("verbose", 0)  # Keras 2's default; Keras 3 prints a progress bar
        if args:
            kwargs.update(zip(("callbacks",), args))
        return evaluate(self, generator, steps=steps, **kwargs)

    def predict_generator(self, generator, steps=None, *args, **kwargs):
        """Mirrors Keras 2 ``Model.predict_generator``: forwards to Keras 3 ``predict``."""
        kwargs = drop_generator_only(kwargs, "predict_generator")
        kwargs.setdefault("verbose", 0)
        if args:
            kwargs.update(zip(("callbacks",), args))
        return predict(self, generator, steps=steps, **kwargs)

    fit_keras2.__tfcompat_tf2__ = fit
    rec.set(model, "fit", fit_keras2)
    for name, fn in (("fit_generator", fit_generator), ("evaluate_generator", evaluate_generator),
                     ("predict_generator", predict_generator)):
        if name not in vars(model) and not hasattr(model, name):
            rec.set(model, name, fn)
