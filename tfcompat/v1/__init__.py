"""``import tfcompat.v1 as tf``: the TF1 graph/session API in an eager TF 2 process.

Every name of ``tf.compat.v1`` is here. Graph-building calls (``placeholder``,
``matmul``, ``train.GradientDescentOptimizer(...).minimize``, ``summary.scalar``
...) build in tfcompat's one legacy ``tf.Graph`` (see
:mod:`tfcompat.v1._graph`), unless made inside the user's own
``with tf.Graph().as_default():``. ``Session`` runs it; eager stays on for
everything else, so Keras 3 keeps training in the same process.

tfcompat's own objects: ``Session``, ``InteractiveSession``,
``get_default_session``, ``get_default_graph``, ``reset_default_graph``,
``Variable``, ``summary.FileWriter``/``FileWriterCache``/``merge_all``,
``train.summary_iterator``, ``data.Dataset``/``Iterator`` stand-ins, and the
functional ``layers.dense/conv2d/max_pooling2d/average_pooling2d/flatten/dropout``
(``tf.compat.v1.layers`` needs Keras 2). Every other name is ``tf.compat.v1``'s,
wrapped. ``disable_eager_execution()`` is ignored with a warning.

For other parts of tfcompat: ``tfcompat.v1._session.reset_default_graph()``
(``clear_session``) and ``tfcompat.v1._session.get_default_session_or_create()``
(``K.get_session``).

Importing this module does not import TensorFlow; the first attribute does.
Attributes are plain module attributes once loaded, so they can be re-bound.
"""

import importlib
import sys

from tfcompat._errors import GraphError
from tfcompat._lazy_tf import import_tf, tf_loaded
from tfcompat.v1 import _graph, _session
from tfcompat.v1._tf012 import tf012_name

__all__ = [
    "Session",
    "InteractiveSession",
    "get_default_session",
    "get_default_graph",
    "reset_default_graph",
    "summary",
    "train",
]

_OWN = {
    "Session": ("tfcompat.v1._session", "Session"),
    "InteractiveSession": ("tfcompat.v1._session", "InteractiveSession"),
    "get_default_session": ("tfcompat.v1._session", "get_default_session"),
    "get_default_graph": ("tfcompat.v1._graph", "current_graph"),
}
_NAMESPACE_OVERRIDES = {
    "summary": ("tfcompat.v1._summary", "summary_overrides"),
    "train": ("tfcompat.v1._summary", "train_overrides"),
    "layers": ("tfcompat.v1._layers", "layers_overrides"),
    "compat": ("tfcompat.v1._summary", "compat_overrides"),
    "data": ("tfcompat.v1._data", "data_overrides"),
}


def reset_default_graph():
    """Mirrors ``tf.reset_default_graph()``: later TF1 calls build in a fresh legacy graph.

    Raises:
        GraphError: inside ``with g.as_default():`` (TF1 refused that too).
    """
    if _graph.in_user_graph():
        raise GraphError(
            "reset_default_graph() was called inside a `with graph.as_default():` block (or a "
            "tf.function); TF1 refused this too. Call it outside any graph context."
        )
    _session.reset_default_graph()


def __getattr__(name):
    if name.startswith("_"):  # private submodules are imported, never looked up in tf.compat.v1
        raise AttributeError(f"module 'tfcompat.v1' has no attribute {name!r}")
    if name in _OWN:
        module, attr = _OWN[name]
        value = getattr(importlib.import_module(module), attr)
    elif name == "keras":  # TF 1.x's tf.keras was Keras 2
        value = importlib.import_module("tfcompat.keras")
    else:
        tf = import_tf()
        try:
            target = getattr(tf.compat.v1, name)
        except AttributeError:
            value = tf012_name(sys.modules[__name__], name)  # TF 0.12's tf.scalar_summary, tf.mul...
            if value is None:
                raise AttributeError(f"module 'tfcompat.v1' has no attribute {name!r} (nor has tf.compat.v1)") from None
            globals()[name] = value
            return value
        if name in _NAMESPACE_OVERRIDES:
            module, factory = _NAMESPACE_OVERRIDES[name]
            overrides = getattr(importlib.import_module(module), factory)()
            value = _graph.LegacyNamespace(target, overrides)
        else:
            value = _graph.wrap(name, target)
    globals()[name] = value
    return value


def __dir__():
    names = set(globals()) | set(__all__)
    if tf_loaded():
        names |= set(dir(import_tf().compat.v1))
    return sorted(names)
