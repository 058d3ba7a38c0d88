"""What ``tfcompat.patch()`` adds to the real ``tensorflow`` and ``keras``: only names they lack entirely.

Mirrors the TF 1.x / Keras 2 names that TF 2.21 / Keras 3 removed, for code that
reaches the real packages (``tfcompat.patch()`` in a notebook, a 2018 library):
``tf.placeholder`` and every other TF1-only name of ``tf.compat.v1`` and its
namespaces (from :mod:`tfcompat.v1`), the TF 0.12 names, ``K.get_session`` & the
Keras 2 backend functions Keras 3 lacks, ``optimizer.lr``, ``fit(nb_epoch=)``,
``Model.fit_generator``/``evaluate_generator``/``predict_generator``,
``Metric.reset_states``, ``keras.utils.np_utils``, ``trace_export(profiler_outdir=)``
(an argument TF 2.16 dropped), and training of layers whose ``call`` is a ``tf.function``
(:mod:`tfcompat.run._traced_call`). A name whose meaning changed (``tf.Variable``,
``tf.summary.scalar``, ``keras.callbacks.TensorBoard``...) is never touched here:
the module rule gives its old meaning to 2018 modules only.

Every change goes through the recorder, so ``unpatch()`` restores it exactly.
"""

import functools
import importlib
import os
import shutil
import sys
import tempfile
import threading
import types
import warnings

from tfcompat._lazy_tf import import_keras, import_tf, optional_tf
from tfcompat._names import TF012_RENAMED_OPS, TF012_SUMMARY_NAMES
from tfcompat.keras import _optimizer_lr
from tfcompat.keras import backend as k2_backend
from tfcompat.run import _traced_call

__all__ = ["apply_tensorflow", "apply_keras"]

# Never added: switching TF to global graph mode breaks Keras 3; `layers` needs Keras 2; the rest
# are build constants or namespaces TF 2 keeps under other names.
_KEEP_TOP = frozenset([
    "disable_eager_execution", "disable_v2_behavior", "enable_eager_execution", "enable_v2_behavior",
    "disable_resource_variables", "enable_resource_variables", "disable_tensor_equality",
    "enable_tensor_equality", "disable_v2_tensorshape", "enable_v2_tensorshape", "disable_control_flow_v2",
    "enable_control_flow_v2", "compat", "keras", "estimator", "layers", "VERSION", "GIT_VERSION",
    "COMPILER_VERSION", "CXX11_ABI_FLAG", "CXX_VERSION", "MONOLITHIC_BUILD", "GRAPH_DEF_VERSION",
    "GRAPH_DEF_VERSION_MIN_CONSUMER", "GRAPH_DEF_VERSION_MIN_PRODUCER", "user_ops", "resource_loader",
])
# Keras 2 Model methods Keras 3 lacks, and the Keras 3 method each forwards to.
_GENERATOR_METHODS = {"fit_generator": "fit", "evaluate_generator": "evaluate", "predict_generator": "predict"}
# Keras 2 fit_generator arguments that only tuned the input pipeline's parallelism.
_GENERATOR_ONLY = ("workers", "use_multiprocessing", "max_queue_size")


def _public(module):
    return [n for n in dir(module) if not n.startswith("_")]


def _namespaces(rec, tf, name):
    """Every module object that is ``tf.<name>`` (TF rebinds some, e.g. ``tf.summary``, on first import).

    ``import tensorflow.summary`` (Keras' TensorBoard does it) replaces ``tf.summary`` with a
    new module object; adding to only one of them would miss code reaching the other. The
    rebinding is done here, first, and recorded so that unpatch puts back the original.
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


def apply_tensorflow(rec):
    """Adds to ``tensorflow`` the TF1 / TF 0.12 names it lacks, and ``trace_export(profiler_outdir=)``."""
    tf = import_tf()
    v1 = importlib.import_module("tfcompat.v1")
    top = set(_public(tf))
    for name in _public(tf.compat.v1):
        if name not in top and name not in _KEEP_TOP:
            try:
                rec.set(tf, name, getattr(v1, name))
            except AttributeError:
                continue
    for ns_name in _public(tf.compat.v1):
        if ns_name in _KEEP_TOP or ns_name not in top:
            continue
        if not isinstance(vars(tf).get(ns_name), types.ModuleType) or not isinstance(
                getattr(tf.compat.v1, ns_name, None), types.ModuleType):
            continue
        modules = _namespaces(rec, tf, ns_name)
        present = set(_public(modules[0]))
        missing = [n for n in _public(getattr(tf.compat.v1, ns_name)) if n not in present]
        if ns_name == "train":
            missing.append("SummaryWriter")  # TF 0.12's name of tf.summary.FileWriter
        shim = getattr(v1, ns_name)
        for name in missing:
            try:
                value = getattr(shim, name)
            except AttributeError:
                continue
            for module in modules:
                rec.set(module, name, value)
    for name in list(TF012_RENAMED_OPS) + [n for n in TF012_SUMMARY_NAMES if "." not in n]:
        if name not in vars(tf):
            rec.set(tf, name, getattr(v1, name))
    summaries = _namespaces(rec, tf, "summary")
    trace_on, trace_export = _trace_pair(summaries[0].trace_on, summaries[0].trace_export)
    for module in summaries:
        rec.set(module, "trace_on", trace_on)
        rec.set(module, "trace_export", trace_export)


def apply_keras(rec):
    """Adds to ``keras`` the Keras 2 names it lacks (backend functions, ``lr``, generator methods...)."""
    keras = import_keras()
    tf = optional_tf()  # None on Keras 3's JAX/torch backends without TensorFlow: the Keras names still apply
    backends = [keras.backend]
    tf_backend = getattr(tf.keras, "backend", None) if tf is not None else None
    if tf_backend is not None and tf_backend is not keras.backend:
        backends.append(tf_backend)
    for module in backends:
        for name in k2_backend.__all__:
            if not hasattr(module, name):
                rec.set(module, name, getattr(k2_backend, name))
    base = keras.optimizers.Optimizer
    if "lr" not in vars(base):
        rec.set(base, "lr", _optimizer_lr.LR_PROPERTY)
    model = keras.Model
    rec.set(model, "fit", _fit_with_nb_epoch(model.fit))
    for name, successor in _GENERATOR_METHODS.items():
        if not hasattr(model, name):
            rec.set(model, name, _generator_method(name, successor))
    metric = keras.metrics.Metric
    if not hasattr(metric, "reset_states"):
        rec.set(metric, "reset_states", _reset_states)
    if tf is not None:  # the build traces of a tf.function `call` exist only with TensorFlow
        _traced_call.apply_keras(rec)
    np_utils = types.ModuleType("keras.utils.np_utils", "Mirrors Keras 2 ``keras.utils.np_utils`` (tfcompat).")
    np_utils.to_categorical = keras.utils.to_categorical
    np_utils.normalize = keras.utils.normalize
    if not hasattr(keras.utils, "np_utils"):
        rec.set(keras.utils, "np_utils", np_utils)
        rec.set(sys.modules, "keras.utils.np_utils", np_utils)


def _fit_with_nb_epoch(fit):
    @functools.wraps(fit)
    def fit_keras1(self, *args, **kwargs):
        """Keras 3 ``Model.fit``, also taking Keras 1's ``nb_epoch=`` (kept by Keras 2) as ``epochs=``."""
        if "nb_epoch" in kwargs:
            if "epochs" in kwargs:
                raise TypeError("fit() got both `nb_epoch` (Keras 1 name) and `epochs`. "
                                f"Received: nb_epoch={kwargs['nb_epoch']!r}, epochs={kwargs['epochs']!r}")
            kwargs["epochs"] = kwargs.pop("nb_epoch")
        return fit(self, *args, **kwargs)

    fit_keras1.__tfcompat_tf2__ = fit
    return fit_keras1


def _reset_states(self):
    """Mirrors Keras 2 ``Metric.reset_states()``: calls ``reset_state()``."""
    return self.reset_state()


def _generator_method(name, successor):
    def method(self, generator, *args, **kwargs):
        dropped = {k: kwargs.pop(k) for k in _GENERATOR_ONLY if k in kwargs}
        if dropped:
            warnings.warn(f"Model.{name}: Keras 3 has no {', '.join(sorted(dropped))} (input-pipeline "
                          f"parallelism); ignored. Received: {dropped!r}", UserWarning, stacklevel=2)
        if successor != "fit":
            kwargs.setdefault("verbose", 0)  # Keras 2's default; Keras 3 prints a progress bar
        if args:
            names = {"fit": ("steps_per_epoch", "epochs", "verbose", "callbacks", "validation_data",
                             "validation_steps", "validation_freq", "class_weight"),
                     "evaluate": ("steps", "callbacks"), "predict": ("steps", "callbacks")}[successor]
            kwargs.update(zip(names, args))
        if "nb_epoch" in kwargs:
            kwargs["epochs"] = kwargs.pop("nb_epoch")
        return getattr(self, successor)(generator, **kwargs)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"Mirrors Keras 2 ``Model.{name}``: forwards to Keras 3 ``{successor}``, which takes generators."
    return method


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
