"""``import tfcompat.v1 as tf``: TF 1.x's ``tensorflow`` module, in an eager TF 2 process.

Every name of ``tf.compat.v1`` is here. Graph-building calls (``placeholder``,
``matmul``, ``train.GradientDescentOptimizer(...).minimize``, ``summary.scalar``
...) build in tfcompat's one legacy ``tf.Graph`` (see
:mod:`tfcompat.v1._graph`), unless made inside the user's own
``with tf.Graph().as_default():``. ``Session`` runs it; eager stays on for
everything else, so Keras 3 keeps training in the same process.

tfcompat's own objects: ``Session``, ``InteractiveSession``,
``get_default_session``, ``get_default_graph``, ``reset_default_graph``,
``Variable``, ``summary.FileWriter``/``FileWriterCache``/``merge_all``,
``train.summary_iterator``, ``data.Dataset``/``Iterator`` stand-ins;
``layers`` (TF1's ``tf.layers``, :mod:`tfcompat.v1.layers`), ``contrib``
(the TensorBoard-era parts, :mod:`tfcompat.v1.contrib`), ``examples``
(the MNIST tutorials' ``input_data``) and ``keras`` (:mod:`tfcompat.keras`).
Every other name is ``tf.compat.v1``'s, wrapped.

As TF 1.x's module sees it, this is graph mode: ``executing_eagerly()`` is
False, ``compat.v1`` is this module, and ``disable_v2_behavior()`` /
``disable_eager_execution()`` have nothing left to do. Eager execution stays
on for the process, so Keras 3 keeps training beside TF1 code.

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

# TF 1.x's `tf.__version__` / `tf.VERSION`: the last TF 1 release, whose API (tf.compat.v1) this module is; the
# local label says whose (PEP 440: `packaging`, LooseVersion and `int(v.split(".")[0])` all read it). Scripts of the
# time printed it and branched on it (`< "1.0"`: TF 0.12 code; `>= "2"`: a TF 2 path the TF1 API does not have).
__version__ = VERSION = "1.15.5+tfcompat"

_OWN = {
    "Session": ("tfcompat.v1._session", "Session"),
    "InteractiveSession": ("tfcompat.v1._session", "InteractiveSession"),
    "get_default_session": ("tfcompat.v1._session", "get_default_session"),
    "get_default_graph": ("tfcompat.v1._graph", "current_graph"),
}
# TF1 namespaces that are packages of tfcompat's own.
_SUBPACKAGES = {
    "layers": "tfcompat.v1.layers",
    "contrib": "tfcompat.v1.contrib",
    "examples": "tfcompat.v1.examples",
    "keras": "tfcompat.keras",
}
_NAMESPACE_OVERRIDES = {
    "summary": ("tfcompat.v1._summary", "summary_overrides"),
    "train": ("tfcompat.v1._summary", "train_overrides"),
    "compat": ("tfcompat.v1._summary", "compat_overrides"),
    "data": ("tfcompat.v1._data", "data_overrides"),
    "nn": ("tfcompat.v1._tf012", "nn_overrides"),
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


def executing_eagerly():
    """Mirrors TF 1.x's ``tf.executing_eagerly()``: False, the graph mode this module's ops build in.

    Eager execution stays on for the process; real ``tf.executing_eagerly()`` says True.
    """
    return False


def disable_eager_execution():
    """Mirrors ``tf.disable_eager_execution()``: nothing to do, this module already builds graphs.

    Eager execution is not turned off for the process, so Keras 3 keeps training beside TF1 code.
    """


def disable_v2_behavior():
    """Mirrors ``tf.disable_v2_behavior()``: nothing to do, this module already has TF 1.x behaviour.

    Eager execution is not turned off for the process, so Keras 3 keeps training beside TF1 code.
    """


def __getattr__(name):
    if name.startswith("_"):  # private submodules are imported, never looked up in tf.compat.v1
        raise AttributeError(f"module 'tfcompat.v1' has no attribute {name!r}")
    if name in _SUBPACKAGES:
        value = importlib.import_module(_SUBPACKAGES[name])
    elif name in _OWN:
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
