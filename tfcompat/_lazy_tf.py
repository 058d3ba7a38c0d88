"""Imports TensorFlow and Keras on first use, with a clear error when missing.

Nothing else in tfcompat writes ``import tensorflow`` at module level: the
reading side must never load it, and the TF side loads it only when a TF-side
name is first used. Keras 3 on the JAX or PyTorch backend needs no TensorFlow:
:func:`import_keras` then imports Keras alone, and the few TensorFlow-only
features ask :func:`optional_tf` / :func:`keras_backend` first.
"""

import importlib
import json
import os
import sys

from tfcompat._errors import MissingDependencyError

__all__ = ["import_tf", "import_keras", "internal", "tf_loaded", "keras_backend", "optional_tf"]

_MIN_TF = (2, 16)
_MIN_KERAS = (3, 12)
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


def optional_tf():
    """The ``tensorflow`` module, or None when it is not installed (or too old)."""
    try:
        return import_tf()
    except MissingDependencyError:
        return None


def _configured_backend():
    """Keras 3's backend as Keras will pick it: ``KERAS_BACKEND``, then ``keras.json``, else TensorFlow."""
    name = os.environ.get("KERAS_BACKEND")
    if name:
        return name
    home = os.environ.get("KERAS_HOME")
    if not home:
        base = os.path.expanduser("~")
        home = os.path.join(base if os.access(base, os.W_OK) else "/tmp", ".keras")  # as Keras decides
    try:
        with open(os.path.join(home, "keras.json"), encoding="utf-8") as f:
            name = json.load(f).get("backend")
    except (OSError, ValueError, AttributeError):
        name = None
    return name if isinstance(name, str) and name else "tensorflow"


def keras_backend() -> str:
    """The Keras 3 backend of this process (``tensorflow``, ``jax``, ``torch`` ...), without importing Keras."""
    keras = sys.modules.get("keras")
    backend = getattr(getattr(keras, "backend", None), "backend", None)
    if callable(backend):
        return backend()
    return _configured_backend()


def import_keras():
    """Returns the Keras 3 ``keras`` module.

    On the TensorFlow backend (the default) TensorFlow is imported and checked
    first; on JAX, PyTorch or NumPy Keras is imported alone.
    """
    if "keras" not in sys.modules and keras_backend() == "tensorflow":
        import_tf()
    try:
        import keras
    except ImportError as e:
        backend = keras_backend()
        hint = _HINT if backend == "tensorflow" else f"`pip install keras` and the {backend!r} backend's package."
        raise MissingDependencyError(f"This part of tfcompat needs Keras 3 (KERAS_BACKEND={backend!r}). {hint}") from e
    version = tuple(int(p) for p in keras.__version__.split(".")[:2] if p.isdigit())
    if version < _MIN_KERAS:
        # tfcompat's Keras 2 callback list builds on the callback hooks Keras 3.12 added (setup.cfg's floor).
        raise MissingDependencyError(
            f"tfcompat needs Keras >= 3.12. Received: keras=={keras.__version__}. `pip install \"keras>=3.12\"`."
        )
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
