"""``tfcompat.patch()`` / ``unpatch()`` / ``patched()``: 2018 inside the ``tensorflow`` and ``keras`` modules.

Mirrors what an unmodified TF1 / Keras 2 script expects from ``import tensorflow as tf``
and ``from keras import backend as K`` by putting tfcompat's shims (``tfcompat.v1``,
``tfcompat.keras``...) onto those modules. Every attribute set is recorded with its
previous state (value, or absent) and :func:`unpatch` puts back exactly that, in
reverse order. Nothing is patched at import time.

Nested calls are counted: only the outermost ``unpatch`` restores, so a library
calling ``patch()`` inside a test that already patched is harmless.
"""

import contextlib
import threading
import warnings

from tfcompat.run import _patch_keras, _patch_tf

__all__ = ["patch", "unpatch", "patched", "is_patched", "unavailable"]

_MISSING = object()
_lock = threading.RLock()
_state = {"depth": 0, "records": [], "unavailable": []}


def _own(obj):
    """The namespace ``obj``'s own attributes live in (a dict such as ``sys.modules`` is its own)."""
    return obj if isinstance(obj, dict) else vars(obj)


class _Recorder:
    """Sets attributes (or dict items, e.g. in ``sys.modules``) and remembers how to undo each one."""

    def __init__(self):
        self.records = []
        self.unavailable = []

    def set(self, obj, name, value):
        """``setattr(obj, name, value)`` (``obj[name] = value`` for a dict), recording the previous own value."""
        own = _own(obj)
        previous = own.get(name, _MISSING)
        if previous is value:
            return
        if own is obj:
            obj[name] = value
        else:
            setattr(obj, name, value)
        self.records.append((obj, name, previous, value))

    def note_changed(self, obj, name, previous):
        """Records that ``obj.name`` was changed from ``previous`` by something tfcompat triggered (an import)."""
        self.records.append((obj, name, previous, _own(obj).get(name, _MISSING)))

    def missing(self, what, error):
        """Notes a part that could not be patched (a tfcompat module not available)."""
        self.unavailable.append(f"{what}: {type(error).__name__}: {error}")

    def undo(self):
        errors = []
        for obj, name, previous, value in reversed(self.records):
            own = _own(obj)
            if own.get(name, _MISSING) is not value:
                # Someone re-bound it after patch() (e.g. wrapped our function): theirs stays.
                continue
            try:
                if own is obj:
                    if previous is _MISSING:
                        del obj[name]
                    else:
                        obj[name] = previous
                elif previous is _MISSING:
                    if name in own:
                        delattr(obj, name)
                else:
                    setattr(obj, name, previous)
            except Exception as e:  # keep restoring the rest, report at the end
                errors.append(f"{getattr(obj, '__name__', obj)!s}.{name}: {e}")
        self.records.clear()
        return errors


def patch():
    """Makes ``tensorflow`` and ``keras`` answer like TF 1.x / Keras 2 where TF2 code cannot tell.

    Mirrors the 2018 ``import tensorflow as tf`` / ``from keras import backend as K``
    environment: ``tf.placeholder``, ``tf.Session``, TF1 ``tf.summary`` ops,
    ``merge_all``, ``FileWriter``, the TF 0.12 summary names, ``K.get_session``,
    ``optimizer.lr``, ``Adam(lr=)``, the Keras 2.1 ``TensorBoard`` signature,
    ``logs['acc']`` and ``fit(nb_epoch=)``/``fit_generator``. Names shared by TF1 and
    TF2 are dispatched on their arguments (see :mod:`tfcompat.run._dispatch`).

    Returns:
        The nesting depth after the call (1 for the outermost call).
    """
    with _lock:
        if _state["depth"] == 0:
            rec = _Recorder()
            try:
                _patch_tf.apply(rec)
                _patch_keras.apply(rec)
            except BaseException:
                rec.undo()
                raise
            _state["records"] = rec
            _state["unavailable"] = list(rec.unavailable)
            if rec.unavailable:
                warnings.warn(
                    "tfcompat.patch(): some parts are not available and were skipped: "
                    + "; ".join(rec.unavailable),
                    RuntimeWarning,
                    stacklevel=2,
                )
        _state["depth"] += 1
        return _state["depth"]


def unpatch():
    """Undoes :func:`patch`: every attribute it set gets back its exact previous value (or is deleted).

    Returns:
        True if this call restored the modules, False if patches remain (nested
        ``patch()``) or nothing was patched.
    """
    with _lock:
        if _state["depth"] == 0:
            return False
        _state["depth"] -= 1
        if _state["depth"] > 0:
            return False
        errors = _state["records"].undo()
        _state["records"] = []
        if errors:
            raise RuntimeError("tfcompat.unpatch() could not restore: " + "; ".join(errors))
        return True


@contextlib.contextmanager
def patched():
    """Context manager form: ``with tfcompat.patched(): ...`` patches for the block only."""
    patch()
    try:
        yield
    finally:
        unpatch()


def is_patched():
    """True while :func:`patch` is in effect."""
    return _state["depth"] > 0


def unavailable():
    """Parts the current patch skipped because a tfcompat module was missing (for diagnostics)."""
    return list(_state["unavailable"])
