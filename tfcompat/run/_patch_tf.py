"""What :func:`tfcompat.patch` puts on ``tensorflow``, ``tensorflow.summary`` and ``tensorflow.train``.

Mirrors the TF 1.x module layout: the TF1-only names come from :mod:`tfcompat.v1`
(private legacy graph, eager stays on), names shared with TF2 are dispatched on
their arguments (:mod:`tfcompat.run._dispatch`), the TF 0.12 summary names come from
:mod:`tfcompat.run._tf012`, and ``trace_on``/``trace_export`` accept the TF 2.0-2.15
``trace_export(profiler_outdir=)`` call.
"""

import importlib
import os
import shutil
import sys
import tempfile
import threading
import types
import warnings

import tfcompat.v1 as v1
from tfcompat._lazy_tf import import_tf, internal
from tfcompat.run import _dispatch, _tf012
from tfcompat.v1._graph import legacy_graph_if_any

__all__ = ["apply"]

# Never re-pointed: switching TF to global graph mode breaks Keras 3, and the
# graph/execution machinery must stay TF2's own.
_KEEP_TOP = frozenset([
    "disable_eager_execution", "disable_v2_behavior", "enable_eager_execution", "enable_v2_behavior",
    "disable_resource_variables", "enable_resource_variables", "disable_tensor_equality",
    "enable_tensor_equality", "disable_v2_tensorshape", "enable_v2_tensorshape", "disable_control_flow_v2",
    "enable_control_flow_v2", "executing_eagerly", "compat", "keras", "estimator",
    # tf.compat.v1.layers needs tf_keras (Keras 2), which TF 2.21 does not ship.
    "layers", "VERSION", "GIT_VERSION", "COMPILER_VERSION", "CXX11_ABI_FLAG",
    "CXX_VERSION", "MONOLITHIC_BUILD", "GRAPH_DEF_VERSION", "GRAPH_DEF_VERSION_MIN_CONSUMER",
    "GRAPH_DEF_VERSION_MIN_PRODUCER", "user_ops", "resource_loader",
])
# tf2 functions that must not be wrapped: they are the machinery, or take no tensors.
_NO_DISPATCH = frozenset([
    "function", "executing_eagerly", "init_scope", "device", "control_dependencies", "get_logger",
    "py_function", "numpy_function", "print", "inside_function", "is_tensor", "is_symbolic_tensor",
    "convert_to_tensor", "no_gradient", "custom_gradient", "recompute_grad", "get_current_name_scope",
    "register_tensor_conversion_function", "load_library", "load_op_library", "variable_creator_scope",
    "name_scope", "Variable", "as_dtype", "DType", "timestamp", "switch_case", "cond", "while_loop", "case",
    "vectorized_map", "map_fn", "scan", "foldl", "foldr", "nondifferentiable_batch_function",
])
_SHARED_NAMESPACES = ("", "nn", "math")
_SUMMARY_OPS = ("scalar", "histogram", "image", "audio", "text")




def _tf1_value(value, name=""):
    """A TF1 object as put on ``tensorflow``: graph functions/optimizers accept eager variables too."""
    if isinstance(value, types.FunctionType):
        return _dispatch.twin_aware(value)
    if isinstance(value, type) and name.endswith("Optimizer"):
        return _dispatch.twin_aware_class(value, ("minimize", "apply_gradients", "compute_gradients"))
    if isinstance(value, type) and name in ("Session", "InteractiveSession"):
        return _dispatch.twin_aware_class(value, ("run",))
    return value


def _namespaces(rec, tf, name):
    """Every module object that is ``tf.<name>`` (TF rebinds some, e.g. ``tf.summary``, on first import).

    ``import tensorflow.summary`` (Keras' TensorBoard does it) replaces ``tf.summary`` with a
    new module object; patching only one of them would miss calls through the other.
    The rebinding is done here, first, and recorded so that unpatch puts back the original.
    """
    before = vars(tf).get(name)
    try:
        dir(before)  # a LazyLoader (tf.losses, tf.metrics...) loads and rebinds itself on first use
        importlib.import_module(f"tensorflow.{name}")
    except ImportError:
        pass
    after = vars(tf).get(name)
    if after is not before:
        rec.note_changed(tf, name, before)
    found = []
    for module in (after, before, sys.modules.get(f"tensorflow.{name}"), sys.modules.get(f"tensorflow._api.v2.{name}")):
        if isinstance(module, types.ModuleType) and all(module is not m for m in found):
            found.append(module)
    return found


def _public(module):
    return [n for n in dir(module) if not n.startswith("_")]


def apply(rec):
    """Applies every TensorFlow patch through ``rec`` (a :class:`tfcompat.run._patch._Recorder`)."""
    tf = import_tf()
    top_tf2 = set(_public(tf))

    # TF1-only top-level names (tf.placeholder, tf.Session, tf.global_variables_initializer...).
    for name in _public(tf.compat.v1):
        if name in top_tf2 or name in _KEEP_TOP:
            continue
        try:
            rec.set(tf, name, _tf1_value(getattr(v1, name), name))
        except AttributeError:
            continue

    # Shared names: the TF2 object unless an argument is a graph tensor.
    cache = {}
    for ns_name in _SHARED_NAMESPACES:
        v1_module = tf.compat.v1 if not ns_name else getattr(tf.compat.v1, ns_name, None)
        for module in [tf] if not ns_name else _namespaces(rec, tf, ns_name):
            for name in _public(module):
                if name in _NO_DISPATCH:
                    continue
                value = getattr(module, name)
                if not isinstance(value, types.FunctionType) or getattr(value, "__tfcompat_tf2__", None):
                    continue
                # The TF1 function when it differs (tf.nn.dropout's keep_prob, reduction_indices=...).
                tf1 = getattr(v1_module, name, None)
                tf1 = tf1 if isinstance(tf1, types.FunctionType) and tf1 is not value else None
                key = (id(value), id(tf1))
                wrapped = cache.get(key)
                if wrapped is None:
                    wrapped = cache[key] = _dispatch.shared_function(value, tf1)
                rec.set(module, name, wrapped)
    rec.set(tf, "Variable", _dispatch.VariableDispatcher(tf.Variable, v1.Variable))
    BaseResourceVariable = internal("tensorflow.python.ops.resource_variable_ops").BaseResourceVariable

    for name, hook in _dispatch.variable_hooks(BaseResourceVariable).items():
        rec.set(BaseResourceVariable, name, hook)
    rec.set(tf, "name_scope", _name_scope_standin(tf, v1))

    _apply_submodules(rec, tf, v1, top_tf2)
    _apply_summary(rec, tf, v1)
    _apply_train(rec, tf, v1)
    _apply_tf012(rec, tf, v1)


def _apply_submodules(rec, tf, v1, top_tf2):
    """TF1-only names of namespaces both versions have (``tf.nn.softmax_cross_entropy_with_logits_v2``...)."""
    for ns_name in _public(tf.compat.v1):
        if ns_name in _KEEP_TOP or ns_name in ("summary", "train") or ns_name not in top_tf2:
            continue
        v1_ns = getattr(tf.compat.v1, ns_name, None)
        if not isinstance(vars(tf).get(ns_name), types.ModuleType) or not isinstance(v1_ns, types.ModuleType):
            continue
        modules = _namespaces(rec, tf, ns_name)
        present = set(_public(modules[0]))
        shim_ns = None
        for name in _public(v1_ns):
            if name in present:
                continue
            if shim_ns is None:
                shim_ns = getattr(v1, ns_name)
            try:
                value = _tf1_value(getattr(shim_ns, name), name)
            except AttributeError:
                continue
            for module in modules:
                rec.set(module, name, value)


def _apply_summary(rec, tf, v1):
    modules = _namespaces(rec, tf, "summary")
    first, v1_summary = modules[0], v1.summary
    existing = set(_public(first))
    plan = {}
    for name in _public(tf.compat.v1.summary):
        if name in existing:
            continue
        try:
            plan[name] = _tf1_value(getattr(v1_summary, name), name)
        except AttributeError:
            continue
    for name in _SUMMARY_OPS:
        plan[name] = _dispatch.shared_summary_op(name, getattr(first, name), getattr(v1_summary, name))
    plan["trace_on"], plan["trace_export"] = _trace_pair(first.trace_on, first.trace_export)
    for module in modules:
        for name, value in plan.items():
            rec.set(module, name, value)


def _apply_train(rec, tf, v1):
    modules = _namespaces(rec, tf, "train")
    v1_train = v1.train
    existing = set(_public(modules[0]))
    plan = {}
    for name in _public(tf.compat.v1.train):
        if name in existing:
            continue
        try:
            plan[name] = _tf1_value(getattr(v1_train, name), name)
        except AttributeError:
            continue
    # TF 0.12's tf.train.SummaryWriter became tf.summary.FileWriter in 1.0.
    plan["SummaryWriter"] = v1.summary.FileWriter
    for module in modules:
        for name, value in plan.items():
            rec.set(module, name, value)


def _apply_tf012(rec, tf, v1):
    for name, value in _tf012.names(v1).items():
        if name not in vars(tf):
            rec.set(tf, name, value)
    for name, new_name in _tf012.RENAMED_OPS.items():
        if name not in vars(tf):
            rec.set(tf, name, getattr(tf, new_name))


# -- tf.name_scope ---------------------------------------------------------

def _name_scope_standin(tf, v1):
    tf2_name_scope = tf.name_scope

    class _DualNameScope:
        """``with tf.name_scope(name):`` in TF1 code: the TF2 scope and the legacy graph's scope."""

        def __init__(self, name, default_name=None, values=None):
            self._args = (name, default_name, values)
            self._stack = []

        def __enter__(self):
            name, default_name, values = self._args
            graph = _dispatch.find_graph_arg(values or [], {}) or legacy_graph_if_any()
            scope2 = tf2_name_scope(name or default_name)
            result = scope2.__enter__()
            self._stack.append(scope2)
            if graph is not None and tf.executing_eagerly():
                with graph.as_default():
                    scope1 = tf.compat.v1.name_scope(name, default_name, values)
                    result = scope1.__enter__()
                self._stack.append((graph, scope1))
            return result

        def __exit__(self, *exc):
            while self._stack:
                item = self._stack.pop()
                if isinstance(item, tuple):
                    graph, scope1 = item
                    with graph.as_default():
                        scope1.__exit__(*exc)
                else:
                    item.__exit__(*exc)
            return False

    def is_tf1(args, kwargs):
        # TF1 name_scope(name, default_name, values) / TF2 name_scope(name): TF1 when a graph
        # is involved (a graph-tensor `values`, or the legacy graph exists).
        return (len(args) > 1 or "values" in kwargs or "default_name" in kwargs
                or legacy_graph_if_any() is not None) and tf.executing_eagerly()

    return _dispatch.class_standin(tf2_name_scope, _DualNameScope, is_tf1)


# -- trace_on / trace_export --------------------------------------------------

def _trace_pair(tf2_trace_on, tf2_trace_export):
    """``trace_on``/``trace_export`` accepting the TF 2.0-2.15 ``trace_export(profiler_outdir=)`` call.

    TF 2.16+ wants the profiler directory in ``trace_on``; the tutorials pass it to
    ``trace_export``. When ``trace_on(profiler=True)`` has no directory, the profile
    goes to a temporary one that ``trace_export`` moves to ``profiler_outdir``.
    """
    pending = {}
    lock = threading.Lock()

    def trace_on(graph=True, profiler=False, profiler_outdir=None):
        if profiler and profiler_outdir is None:
            tmp = tempfile.mkdtemp(prefix="tfcompat-profile-")
            with lock:
                pending["dir"] = tmp
            return tf2_trace_on(graph=graph, profiler=True, profiler_outdir=tmp)
        return tf2_trace_on(graph=graph, profiler=profiler, profiler_outdir=profiler_outdir)

    def trace_export(name, step=None, profiler_outdir=None):
        with lock:
            tmp = pending.pop("dir", None)
        result = tf2_trace_export(name, step=step)
        if tmp is not None:
            if profiler_outdir:
                os.makedirs(profiler_outdir, exist_ok=True)
                shutil.copytree(tmp, profiler_outdir, dirs_exist_ok=True)
            else:
                warnings.warn(
                    "trace_on(profiler=True) without profiler_outdir and trace_export() without one either: "
                    "the profile was discarded. Pass profiler_outdir to trace_on (TF >= 2.16) or trace_export.",
                    UserWarning,
                    stacklevel=2,
                )
            shutil.rmtree(tmp, ignore_errors=True)
        return result

    for fn, original in ((trace_on, tf2_trace_on), (trace_export, tf2_trace_export)):
        fn.__doc__ = original.__doc__
        fn.__tfcompat_tf2__ = original
    return trace_on, trace_export
