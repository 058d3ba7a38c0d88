"""Keras 2 ``logs`` for callbacks written in 2018: ``acc`` <-> ``accuracy`` keys, numpy scalar values.

Keras 2 reported a model compiled with ``metrics=['accuracy']`` as ``acc`` and
``val_acc``, with numpy scalar values (``logs['loss'].item()``); Keras 3 echoes the
metric string (``accuracy``) and hands Python floats. Every callback tfcompat ships
passes its logs through :func:`alias_logs` first. A Keras 2 model
(:mod:`tfcompat.keras.models`) already hands Keras 2 logs (:class:`Keras2Logs`),
which pass through unchanged.
"""

import numpy as np

from tfcompat._names import KERAS2_LOG_KEYS, KERAS3_LOG_KEYS

__all__ = ["Keras2Logs", "alias_logs", "alias_name", "keras2_columns", "log_number", "numpy_scalar"]

# Both directions: a model compiled with 'acc' reports `acc`, and Keras 3 code
# reading `accuracy` should still find it.
_ALIASES = {**KERAS2_LOG_KEYS, **KERAS3_LOG_KEYS}


class Keras2Logs(dict):
    """A ``logs`` dict already in Keras 2's form (keys and numpy values), shared by a hook's callbacks."""


def alias_name(name):
    """Returns the Keras 2 / Keras 3 twin of a log key (``val_acc`` <-> ``val_accuracy``), or None."""
    return _ALIASES.get(name)


_NUMBER_KINDS = "biuf"


def numpy_scalar(value):
    """The numpy scalar that ``value`` holds when it is one number, else None.

    One number: a numpy scalar, or a 0-d or one-element array, tensor or variable (its dtype kept).
    Python numbers, strings and containers give None. Keras 3 hands 0-d arrays or Python floats,
    depending on its version, where Keras 2 handed numpy scalars; protobuf 3.20 refuses a 0-d array
    as ``simple_value`` (newer protobuf takes it), so every value tfcompat hands out or writes as a
    number goes through here.
    """
    if isinstance(value, np.generic):
        return value if value.dtype.kind in _NUMBER_KINDS else None
    if value is None or isinstance(value, (str, bytes, int, float, dict, list, tuple)):
        return None
    if getattr(value, "shape", None) is None:
        return None
    try:
        array = np.asarray(value)
    except Exception:  # a symbolic tensor: no value
        return None
    if array.size != 1 or array.dtype.kind not in _NUMBER_KINDS:
        return None
    return array.reshape(())[()]


def log_number(value):
    """``value`` as the Python float a summary stores, or None when it is not one number.

    Keras 2's TensorBoard wrote ``value.item()``: numpy scalars and one-element arrays; Keras 3 adds
    Python floats and scalar tensors.
    """
    if isinstance(value, (int, float)):
        return float(value)
    scalar = numpy_scalar(value)
    return None if scalar is None else float(scalar)


def _to_numpy(value):
    # Keras 2 handed numpy scalars (2018 code calls `.item()` on them); np.float64 is
    # also a Python float, so `%f`, json and placeholders take it as before.
    if value is None or isinstance(value, (str, bool, int, np.generic)):
        return value
    if isinstance(value, float):
        return np.float64(value)
    scalar = numpy_scalar(value)
    return value if scalar is None else np.float64(scalar)


def alias_logs(logs):
    """Mirrors the logs dict Keras 2.x handed to callbacks (``acc``/``val_acc`` keys, numpy values).

    Returns a NEW dict (Keras 3 shares one logs dict between all callbacks, so
    it is never mutated) that keeps every original key and adds the missing
    twin of ``acc``/``accuracy`` and ``val_acc``/``val_accuracy``. Float and
    scalar tensor values become ``np.float64``. ``None`` gives an empty dict; a
    :class:`Keras2Logs` (from a Keras 2 model) is returned as it is.

    Args:
        logs: the ``logs`` argument a Keras callback received, or None.

    Returns:
        A dict with the original keys plus their Keras 2 / Keras 3 twins.
    """
    if isinstance(logs, Keras2Logs):
        return logs
    if not logs:
        return {}
    out = {key: _to_numpy(value) for key, value in logs.items()}
    for key in list(out):
        twin = _ALIASES.get(key)
        if twin is not None and twin not in out:
            out[twin] = out[key]
    return out


def keras2_columns(logs):
    """``logs`` with each Keras 3 key replaced by its Keras 2 twin (``accuracy`` -> ``acc``), never both."""
    out = {}
    for key, value in (logs or {}).items():
        k2 = KERAS2_LOG_KEYS.get(key)
        if k2 is None:
            out[key] = value
        elif k2 not in logs:
            out[k2] = value
    return out
