"""Keras 2 log-key aliases (``acc`` <-> ``accuracy``) for callbacks written in 2018.

Keras 2 reported a model compiled with ``metrics=['accuracy']`` as ``acc`` and
``val_acc``; Keras 3 echoes the metric string (``accuracy``). 2018 callbacks read
``logs["acc"]``, so every callback tfcompat ships passes its logs through
:func:`alias_logs` first.
"""

from tfcompat._names import KERAS2_LOG_KEYS, KERAS3_LOG_KEYS

__all__ = ["alias_logs", "alias_name"]

# Both directions: a model compiled with 'acc' reports `acc`, and Keras 3 code
# reading `accuracy` should still find it.
_ALIASES = {**KERAS2_LOG_KEYS, **KERAS3_LOG_KEYS}


def alias_name(name):
    """Returns the Keras 2 / Keras 3 twin of a log key (``val_acc`` <-> ``val_accuracy``), or None."""
    return _ALIASES.get(name)


_PLAIN = (float, int, bool, str)


def _to_python(value):
    # Async Keras 3 callbacks may receive scalar tensors; 2018 code feeds these
    # values to placeholders and formats them with `%f`, so hand back a float.
    # Plain Python numbers (the common case) are returned without any work.
    if value is None or type(value) in _PLAIN:
        return value
    size = getattr(value, "size", None)
    shape = getattr(value, "shape", None)
    if shape is not None and (tuple(shape) == () or size == 1):
        try:
            return float(value)
        except (TypeError, ValueError):
            return value
    return value


def alias_logs(logs):
    """Mirrors the logs dict Keras 2.x handed to callbacks (``acc``/``val_acc`` keys).

    Returns a NEW dict (Keras 3 shares one logs dict between all callbacks, so
    it is never mutated) that keeps every original key and adds the missing
    twin of ``acc``/``accuracy`` and ``val_acc``/``val_accuracy``. Scalar tensor
    values become Python floats. ``None`` gives an empty dict.

    Args:
        logs: the ``logs`` argument a Keras callback received, or None.

    Returns:
        A dict with the original keys plus their Keras 2 / Keras 3 twins.
    """
    if not logs:
        return {}
    out = {key: _to_python(value) for key, value in logs.items()}
    for key in list(out):
        twin = _ALIASES.get(key)
        if twin is not None and twin not in out:
            out[twin] = out[key]
    return out
