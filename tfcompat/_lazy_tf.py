"""Imports TensorFlow and Keras on first use, with a clear error when missing.

Nothing else in tfcompat writes ``import tensorflow`` at module level: the
reading side must never load it, and the TF side loads it only when a TF-side
name is first used.
"""

from tfcompat._errors import MissingDependencyError

__all__ = ["import_tf", "import_keras", "tf_loaded"]

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


def tf_loaded():
    """True when TensorFlow is already imported in this process."""
    import sys

    return "tensorflow" in sys.modules
