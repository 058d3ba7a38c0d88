"""The shim's one legacy graph, and wrappers that build TF1 ops in it.

TF 2 runs eagerly; TF1 code builds ops in "the default graph". Turning eager
off globally breaks Keras 3, so tfcompat keeps ONE private ``tf.Graph`` per
process (the *legacy graph*) and enters it around every graph-building call
made through ``tfcompat.v1``: ``placeholder``, ``matmul``, ``train.*``,
``summary.*``... A call made while the user is inside their own
``with tf.Graph().as_default():`` (TF is then not executing eagerly) goes
straight to ``tf.compat.v1`` and builds in their graph, as TF1 did.

The legacy graph is a :func:`tfcompat.v1._legacy_objects.new_legacy_graph`: its
tensors, variables and datasets use Python operators outside any graph context
(``tf.matmul(x, W) + b`` at the top level of a 2017 script) as TF1 did, and no
TensorFlow class is changed.
"""

import functools
import inspect
import threading
import types

from tfcompat._lazy_tf import import_tf, internal
from tfcompat.v1._legacy_objects import adopt_result, new_legacy_graph
from tfcompat.v1._lift import graph_of, lift_all

__all__ = [
    "legacy_graph",
    "reset_legacy_graph",
    "current_graph",
    "in_user_graph",
    "legacy_graph_if_any",
    "wrap_function",
    "graph_of",
    "SessionBase",
    "wrap",
    "LegacyNamespace",
]

_lock = threading.RLock()
_state = {"graph": None, "generation": 0}
_wrapped_cache = {}


def legacy_graph():
    """The process-wide legacy ``tf.Graph`` (created on first use)."""
    g = _state["graph"]
    if g is None:
        with _lock:
            g = _state["graph"]
            if g is None:
                g = _state["graph"] = new_legacy_graph()
    return g


def reset_legacy_graph():
    """Drops the legacy graph; the next TF1 call builds in a fresh one.

    Mirrors ``tf.reset_default_graph()``; :func:`tfcompat.v1._session.reset_default_graph`
    also drops the shared session.
    """
    with _lock:
        _state["graph"] = None
        _state["generation"] += 1


def legacy_graph_if_any():
    """The legacy graph if it exists, else None (never creates it)."""
    return _state["graph"]


def in_user_graph():
    """True when TF is not executing eagerly: the user (or TF) entered a graph."""
    tf = import_tf()
    return not tf.executing_eagerly()


def current_graph():
    """Mirrors ``tf.get_default_graph()``: the user's graph if inside one, else the legacy graph."""
    tf = import_tf()
    if not tf.executing_eagerly():
        # TF's own function, not tf.compat.v1's name: tfcompat.patch() may re-bind that to this one.
        return internal("tensorflow.python.framework.ops").get_default_graph()
    return legacy_graph()


class SessionBase:
    """Base of ``tfcompat.v1.Session``: TF's own code is handed the real ``tf.Session`` it runs (``real``)."""

    real = None


def _unwrap_sessions(args, kwargs):
    # TF's own code (Saver.save, simple_save, start_queue_runners...) checks
    # isinstance(sess, tf.Session): hand it the real session behind ours.
    if any(isinstance(a, SessionBase) for a in args):
        args = tuple(a.real if isinstance(a, SessionBase) else a for a in args)
    if kwargs and any(isinstance(v, SessionBase) for v in kwargs.values()):
        kwargs = {k: (v.real if isinstance(v, SessionBase) else v) for k, v in kwargs.items()}
    return args, kwargs


def wrap_function(fn):
    executing_eagerly = import_tf().executing_eagerly
    default_graph = internal("tensorflow.python.framework.ops").get_default_graph

    @functools.wraps(fn)
    def in_legacy_graph(*args, **kwargs):
        args, kwargs = _unwrap_sessions(args, kwargs)
        if executing_eagerly():
            graph = legacy_graph()
            with graph.as_default():
                # A Keras 3 variable or an eager tensor given to a TF1 op: read at run time / a constant,
                # as in TF1's one graph.
                args, kwargs = lift_all(args, kwargs, graph)
                return adopt_result(fn(*args, **kwargs))
        graph = default_graph()  # inside `with tf.name_scope(...)` or the user's graph
        if not getattr(graph, "building_function", False):  # (a tf.function captures eager values itself)
            args, kwargs = lift_all(args, kwargs, graph)
        return fn(*args, **kwargs)

    in_legacy_graph.__tfcompat_wrapped__ = fn
    return in_legacy_graph


class _StandInMeta(type):
    """Metaclass of stand-ins for TF classes: construction and static constructors build in the legacy graph.

    ``isinstance``/``issubclass`` answer for the TF class(es); instances are the
    TF class's own, so TF accepts them anywhere.
    """

    def __call__(cls, *args, **kwargs):
        return cls._make(*args, **kwargs)

    def __instancecheck__(cls, obj):
        return isinstance(obj, cls._tf_classes)

    def __subclasscheck__(cls, sub):
        return issubclass(sub, cls._tf_classes)

    def __getattr__(cls, name):
        value = getattr(cls._tf_class, name)
        if callable(value) and not isinstance(value, type) and not name.startswith("_"):
            value = wrap_function(value)  # Dataset.from_tensor_slices, Iterator.from_structure, ...
        setattr(cls, name, value)
        return value


def stand_in(tf_class, name=None, also=()):
    """A stand-in for ``tf_class`` (see :class:`_StandInMeta`); ``also``: more classes for isinstance."""
    return _StandInMeta(name or tf_class.__name__, (), {
        "_tf_class": tf_class, "_tf_classes": (tf_class,) + tuple(also),
        "_make": staticmethod(wrap_function(tf_class)),
        "__doc__": tf_class.__doc__, "__module__": "tfcompat.v1",
    })


def _variable_standin(tf_class):
    # TF 2's graph variables (ResourceVariable) are tf.Variable but not VariableV1;
    # in TF1 every variable was a tf.Variable.
    return stand_in(tf_class, "Variable", also=(import_tf().Variable,))


# Context managers that must be entered in the legacy graph, not merely created there.
_SCOPES = frozenset((
    "name_scope", "variable_scope", "control_dependencies", "device", "colocate_with",
    "container", "op_scope", "variable_op_scope", "init_scope",
))


# Process-level switches and namespaces that build no ops: never wrapped
# (executing_eagerly stays truthful: eager is on; app.run(main) must not run
# all of main() inside the legacy graph, or Keras in main() would break).
_PASSTHROUGH = frozenset(("executing_eagerly", "enable_eager_execution", "enable_v2_behavior",
                          "Graph", "inside_function", "app", "flags", "logging", "gfile", "errors",
                          "sysconfig", "resource_loader", "version", "dtypes", "GraphKeys"))
# Turning eager off globally breaks Keras 3, and tfcompat.v1 needs no global graph mode.
_IGNORED = frozenset(("disable_eager_execution", "disable_v2_behavior"))


def _ignored(name):
    def ignored(*args, **kwargs):
        import warnings

        warnings.warn(
            f"tfcompat.v1: {name}() is ignored. TF1 ops already build in tfcompat's legacy graph and run "
            "in its Session; eager execution stays on so Keras 3 keeps working.",
            stacklevel=2,
        )

    ignored.__name__ = name
    ignored.__doc__ = f"Mirrors ``tf.{name}()`` as a no-op that warns (see tfcompat.v1)."
    return ignored


class _LegacyScope:
    """``with tf.name_scope(...)`` (and friends) entered inside the legacy graph.

    Inside the block the legacy graph is the default graph, as it was in TF1.
    """

    __slots__ = ("_factory", "_args", "_kwargs", "_contexts")

    def __init__(self, factory, args, kwargs):
        self._factory = factory
        self._args = args
        self._kwargs = kwargs
        self._contexts = []

    def __enter__(self):
        if import_tf().executing_eagerly():
            g = legacy_graph().as_default()
            g.__enter__()
            self._contexts.append(g)
        try:
            inner = self._factory(*self._args, **self._kwargs)
            value = inner.__enter__()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self._contexts.append(inner)
        return value

    def __exit__(self, *exc):
        suppress = False
        while self._contexts:
            c = self._contexts.pop()
            if c.__exit__(*exc):
                suppress = True
                exc = (None, None, None)
        return suppress


def _wrap_scope(factory):
    @functools.wraps(factory)
    def scope(*args, **kwargs):
        return _LegacyScope(factory, args, kwargs)

    scope.__tfcompat_wrapped__ = factory
    return scope


def _graph_building_bases():
    tf = import_tf()
    bases = [tf.compat.v1.train.Optimizer, tf.compat.v1.train.Saver,
             tf.compat.v1.train.ExponentialMovingAverage, tf.compat.v1.QueueBase]
    return tuple(bases)


def _subclass_in_legacy_graph(cls):
    """A subclass of ``cls`` whose public methods (and __init__/__call__) build in the legacy graph.

    Used for optimizers, ``Saver``, ``ExponentialMovingAverage``: their
    ``minimize``/``apply``/``save`` build ops long after construction.
    Instances are real instances of ``cls``, so TF accepts them anywhere.
    """
    namespace = {"__doc__": cls.__doc__, "__module__": cls.__module__, "__qualname__": cls.__qualname__}
    for klass in reversed(cls.__mro__):
        for name, member in vars(klass).items():
            if (name.startswith("_") and name not in ("__init__", "__call__")) or not inspect.isfunction(member):
                continue
            namespace[name] = wrap_function(getattr(cls, name))
    return type(cls.__name__, (cls,), namespace)


def wrap(name, value):
    """What ``tfcompat.v1`` exposes for the ``tf.compat.v1`` attribute ``value``.

    Modules become :class:`LegacyNamespace` objects, functions build in the
    legacy graph, ``Variable`` and graph-building classes are stood in for;
    constants, dtypes and protos pass through unchanged.
    """
    module = str(getattr(value, "__module__", None) or "")
    if getattr(value, "__tfcompat_wrapped__", None) is not None or module.startswith("tfcompat."):
        return value  # already ours (tf.compat.v1 re-bound by tfcompat.patch())
    key = id(value)
    hit = _wrapped_cache.get(key)
    if hit is not None and hit[0] is value:
        return hit[1]
    tf = import_tf()
    if name in _PASSTHROUGH:
        out = value
    elif name in _IGNORED:
        out = _ignored(name)
    elif isinstance(value, types.ModuleType):
        out = LegacyNamespace(value)
    elif name in _SCOPES and callable(value):
        out = _wrap_scope(value)
    elif isinstance(value, type):
        if value is tf.compat.v1.Variable or name in ("Variable", "VariableV1"):
            out = _variable_standin(value)
        elif issubclass(value, _graph_building_bases()) and value is not tf.compat.v1.train.Optimizer:
            # (the abstract base stays TF's own so isinstance(opt, tf.train.Optimizer) holds)
            out = _subclass_in_legacy_graph(value)
        else:
            out = value
    elif callable(value) and not isinstance(value, tf.DType):
        out = wrap_function(value)
    else:
        out = value
    _wrapped_cache[key] = (value, out)
    return out


class LegacyNamespace(types.ModuleType):
    """A ``tf.compat.v1`` sub-namespace (``nn``, ``train``, ``summary``...) building in the legacy graph.

    ``overrides`` maps names to tfcompat's own objects (``summary.FileWriter``...).
    """

    def __init__(self, module, overrides=None):
        try:
            name = module.__name__
        except AttributeError:  # TF's Keras-2-only lazy modules (layers) raise here under Keras 3
            name = "tfcompat.v1.<namespace>"
        super().__init__(name.replace("tensorflow._api.v2.compat.v1", "tfcompat.v1"))
        self.__dict__["_tf_module"] = module
        self.__dict__.update(overrides or {})

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        value = wrap(name, getattr(self._tf_module, name))
        self.__dict__[name] = value
        return value

    def __dir__(self):
        return sorted(set(dir(self._tf_module)) | set(self.__dict__))

    def __repr__(self):
        return f"<tfcompat legacy namespace {self.__name__!r}>"
