"""Imports TensorFlow and Keras on first use, with a clear error when missing.

Nothing else in tfcompat writes ``import tensorflow`` at module level: the
reading side must never load it, and the TF side loads it only when a TF-side
name is first used.
"""

import importlib
import sys

from tfcompat._errors import MissingDependencyError

__all__ = ["import_tf", "import_keras", "internal", "tf_loaded"]

_MIN_TF = (2, 16)
_HINT = (
    "Install one TensorFlow build: `pip install \"tfcompat[cpu]\"` (tensorflow-cpu) or "
    "`pip install \"tfcompat[tf]\"` (tensorflow)."
)


def import_tf():
    """Returns the ``tensorflow`` module (importing it on first call)."""
    try:
        import tensorflow as tf
    except ImportError as e:
        raise MissingDependencyError(f"This part of tfcompat needs TensorFlow >= 2.16. {_HINT}") from e
    version = tuple(int(p) for p in tf.__version__.split(".")[:2] if p.isdigit())
    if version < _MIN_TF:
        raise MissingDependencyError(
            f"tfcompat needs TensorFlow >= 2.16 (Keras 3). Received: tensorflow=={tf.__version__}. {_HINT}"
        )
    return tf


def import_keras():
    """Returns the Keras 3 ``keras`` module (importing TensorFlow first)."""
    import_tf()
    import keras

    return keras


def internal(name):
    """A module inside TensorFlow or Keras (``tensorflow.python.framework.ops``, ``keras.src...``).

    tfcompat reaches into them where TF 1.x's own objects live (TF's ``Session``
    class, the graph's op registry), after :func:`import_tf` checked the version.
    """
    if not name.startswith(("tensorflow.", "keras.")):
        raise ValueError(f"`name` must be a module of tensorflow or keras. Received: name={name!r}")
    import_keras() if name.startswith("keras.") else import_tf()
    return importlib.import_module(name)


def tf_loaded():
    """True when TensorFlow is already imported in this process."""
    return "tensorflow" in sys.modules
