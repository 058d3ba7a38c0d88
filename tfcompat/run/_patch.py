"""``tfcompat.patch()`` / ``unpatch()`` / ``patched()``: the 2018 environment of ``tfcompat run``, in a process.

Mirrors what unmodified TF1 / Keras 2 modules expect, in two parts:

* the module rule (:mod:`tfcompat.run._module_rule`): each user module imported
  from now on is classified from its source, and a 2018 module's ``tensorflow``
  and ``keras`` are tfcompat's surfaces;
* the names TF 2 / Keras 3 lack entirely (:mod:`tfcompat.run._global`), added to
  the real packages when each is first imported (at once if it already is).

Every attribute set is recorded with its previous state (value, or absent) and
:func:`unpatch` puts back exactly that, in reverse order, and removes the module
rule. Nothing is patched at import time. Nested calls are counted: only the
outermost ``unpatch`` restores.
"""

import contextlib
import sys
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator

from tfcompat.check import Overrides
from tfcompat.keras._optimizer_lr import uninstall_lr_property
from tfcompat.run import _global
from tfcompat.run._module_rule import ModuleRule
from tfcompat.wire import writer_hooks

__all__ = ["patch", "unpatch", "patched", "is_patched", "current_rule"]

_MISSING = object()
_lock = threading.RLock()
_state = {"depth": 0, "recorder": None, "rule": None, "applied": set(), "pending": set()}


def _own(obj):
    """The namespace ``obj``'s own attributes live in (a dict such as ``sys.modules`` is its own)."""
    return obj if isinstance(obj, dict) else vars(obj)


class _Recorder:
    """Sets attributes (or dict items, e.g. in ``sys.modules``) and remembers how to undo each one."""

    def __init__(self):
        self.records = []

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


_APPLY = {"tensorflow": _global.apply_tensorflow, "keras": _global.apply_keras}


def _importing(name):
    spec = getattr(sys.modules.get(name), "__spec__", None)
    return bool(getattr(spec, "_initializing", False))


def _imported(name):
    return name in sys.modules and not _importing(name)


def _on_package(name):
    """``tensorflow`` / ``keras`` finished importing: add the names it lacks (once per patch).

    ``import keras`` imports tensorflow half-way through its own import: what TF lacks
    is added only once no other of the two is still importing (TF's names reach Keras).
    """
    with _lock:
        rec = _state["recorder"]
        if rec is None:
            return
        _state["pending"].add(name)
        if any(_importing(other) for other in _APPLY if other != name):
            return
        for package in _APPLY:  # tensorflow first
            if package in _state["pending"] and package not in _state["applied"]:
                _state["applied"].add(package)
                try:
                    _APPLY[package](rec)
                except Exception as e:  # never break the user's `import keras`
                    warnings.warn(f"tfcompat: could not add the TF 1.x / Keras 2 names {package} lacks: "
                                  f"{type(e).__name__}: {e}", RuntimeWarning, stacklevel=2)


def patch(legacy: Iterable[str] = (), modern: Iterable[str] = (),
          explain: Callable[[str], object] | None = None) -> int:
    """Gives modules imported from now on the 2018 environment of ``tfcompat run`` (see the module docstring).

    Args:
        legacy: globs of files that are 2018 code whatever their source says (``tfcompat run --legacy``).
        modern: globs of files that are today's code (``--modern``).
        explain: a callable given one line per module decision (``tfcompat run --explain``), or None.

    Returns:
        The nesting depth after the call (1 for the outermost call).
    """
    with _lock:
        if _state["depth"] == 0:
            rule = ModuleRule(Overrides(legacy, modern), explain, on_package=_on_package)
            _state.update(recorder=_Recorder(), rule=rule, applied=set(), pending=set())
            rule.install()
            for name in ("tensorflow", "keras"):
                if _imported(name):
                    _on_package(name)
        _state["depth"] += 1
        return _state["depth"]


def unpatch() -> bool:
    """Undoes :func:`patch`: every attribute it set gets back its exact previous value, the module rule goes.

    With no patch left in effect it also removes Keras 2's ``optimizer.lr`` from Keras 3's
    optimizers, which the first use of :mod:`tfcompat.keras` adds.

    Returns:
        True if this call restored the modules, False if patches remain (nested
        ``patch()``) or nothing was patched.
    """
    # Writers closed off the main thread could not take their SIGTERM handler with them.
    writer_hooks.remove_sigterm_handler()
    with _lock:
        if _state["depth"] == 0:
            # Keras 2's `optimizer.lr`, added by the first use of tfcompat.keras, goes too.
            uninstall_lr_property()
            return False
        _state["depth"] -= 1
        if _state["depth"] > 0:
            return False
        _state["rule"].uninstall()
        errors = _state["recorder"].undo()
        _state.update(recorder=None, rule=None, applied=set(), pending=set())
        uninstall_lr_property()
        if errors:
            raise RuntimeError("tfcompat.unpatch() could not restore: " + "; ".join(errors))
        return True


@contextlib.contextmanager
def patched(legacy: Iterable[str] = (), modern: Iterable[str] = (),
            explain: Callable[[str], object] | None = None) -> Iterator[None]:
    """Context manager form: ``with tfcompat.patched(): ...`` patches for the block only."""
    patch(legacy, modern, explain)
    try:
        yield
    finally:
        unpatch()


def is_patched() -> bool:
    """True while :func:`patch` is in effect."""
    return _state["depth"] > 0


def current_rule():
    """The :class:`~tfcompat.run._module_rule.ModuleRule` of the current patch, or None."""
    return _state["rule"]
