"""Keras 2 names whose meaning Keras 3 kept: module ``__getattr__`` helpers that fall through to Keras 3.

A ``tfcompat.keras`` module lists what Keras 2 changed or Keras 3 lacks; every other
name of the matching Keras 3 module is Keras 3's own object, found here on first access.
"""

from tfcompat._errors import TfcompatError

__all__ = ["keras3_name", "keras3_dir", "RemovedInKeras3Error", "removed_class"]


class RemovedInKeras3Error(TfcompatError, NotImplementedError):
    """A Keras 2 name that Keras 3 removed and tfcompat cannot give its Keras 2 meaning."""


def keras3_name(module, name, owner):
    """``getattr(module, name)`` for the module ``owner`` mirrors, or AttributeError naming ``owner``."""
    if not name.startswith("_"):
        try:
            return getattr(module, name)
        except AttributeError:
            pass
    raise AttributeError(f"module {owner!r} has no attribute {name!r}")


def keras3_dir(module, own):
    """``dir()`` of a mirroring module: its own names and the public names of ``module``."""
    return sorted(set(own) | {n for n in dir(module) if not n.startswith("_")})


def removed_class(name, why, instead):
    """A stand-in for a Keras 2 class Keras 3 removed: building it raises :class:`RemovedInKeras3Error`.

    Args:
        name: the Keras 2 name (``"LocallyConnected2D"``).
        why: what Keras 3 did with it.
        instead: what to write today.
    """

    def __init__(self, *args, **kwargs):
        raise RemovedInKeras3Error(f"Keras 2's {name} cannot be built on Keras 3: {why}. Use {instead}.")

    return type(name, (), {"__init__": __init__, "__doc__": f"Keras 2 ``{name}``: removed in Keras 3 ({why})."})
