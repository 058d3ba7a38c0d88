"""The ONE place that decides whether a name shared by TF1 and TF2 means the TF1 or the TF2 API.

Under ``tfcompat run`` / ``tfcompat.patch()`` a legacy script and TF2 code (Keras 3
included, which calls ``tf.*`` internally) share the ``tensorflow`` module. A shared
name (``tf.summary.scalar``, ``tf.Variable``, ``tf.matmul``...) takes its TF1 meaning
only when its ARGUMENTS say so, never by guessing who calls:

  * an argument is a graph tensor / variable / operation of a non-function graph
    (the tfcompat legacy graph or a graph the user entered): TF1;
  * a summary op without ``step`` while no default step is set
    (``tf.summary.experimental.set_step``), or with TF1-only keywords
    (``collections=``, ``family=``): TF1;
  * otherwise: TF2, the untouched original.
"""

import functools
import threading
import warnings
import weakref

from tfcompat._lazy_tf import import_tf, internal
from tfcompat._names import TF1_SUMMARY_KEYWORDS, TF2_SUMMARY_STEP_SLOT
from tfcompat.v1._graph import legacy_graph

__all__ = [
    "graph_of",
    "find_graph_arg",
    "summary_is_tf1",
    "shared_function",
    "shared_summary_op",
    "VariableDispatcher",
    "graph_twin",
    "twin_aware",
    "twin_aware_class",
    "TF1",
    "TF2",
]

TF1 = "tf1"
TF2 = "tf2"

# TF1-only keywords of tf.summary.{scalar,histogram,image,audio,text}.
# Position of `step` in the TF2 signature (name, data, step) / audio (name, data, sample_rate, step).


def graph_of(obj):
    """The non-function ``tf.Graph`` that ``obj`` (tensor, variable, op) lives in, or None.

    Eager tensors, Python values and tensors of a ``tf.function`` graph give None.
    """
    if obj is None or isinstance(obj, (int, float, str, bytes, bool)):
        return None
    try:
        graph = obj.graph
    except Exception:  # eager tensors raise AttributeError; some objects raise others
        return None
    if graph is None or getattr(graph, "building_function", False):
        return None
    tf = import_tf()
    return graph if isinstance(graph, tf.Graph) else None


def find_graph_arg(args, kwargs):
    """First TF1 graph (see :func:`graph_of`) among the arguments, one container level deep; else None."""
    for value in _flat(args, kwargs):
        graph = graph_of(value)
        if graph is not None:
            return graph
    return None


def _flat(args, kwargs):
    for value in list(args) + list(kwargs.values()):
        yield value
        if isinstance(value, (list, tuple)):
            for item in value:
                yield item
        elif isinstance(value, dict):
            for item in value.values():
                yield item


def summary_is_tf1(op_name, args, kwargs):
    """True when ``tf.summary.<op_name>(*args, **kwargs)`` means the TF1 summary op.

    Mirrors the TF1 ``tf.summary.scalar(name, tensor, collections=None, family=None)``
    vs TF2 ``tf.summary.scalar(name, data, step=None, description=None)`` split.
    """
    if find_graph_arg(args, kwargs) is not None:
        return True
    if TF1_SUMMARY_KEYWORDS & set(kwargs):
        return True
    slot = TF2_SUMMARY_STEP_SLOT.get(op_name, 2)
    if "step" in kwargs and kwargs["step"] is not None:
        return False
    if len(args) > slot:
        step = args[slot]
        if isinstance(step, (list, tuple)):  # TF1's third positional is `collections`
            return True
        if step is not None:
            return False
    tf = import_tf()
    return tf.summary.experimental.get_step() is None


def _mark(wrapper, original, tf1):
    wrapper.__tfcompat_tf2__ = original
    wrapper.__tfcompat_tf1__ = tf1
    return wrapper


def shared_function(original, tf1=None):
    """A function that runs the TF1 meaning of ``original`` in the graph of its first graph-tensor argument.

    Mirrors the TF 1.x function of the same name: ``tf1`` (its ``tf.compat.v1``
    counterpart) when TF1 and TF2 differ, else ``original``, called inside
    ``graph.as_default()`` so it builds graph ops. The TF1 signature matters:
    ``tf.nn.dropout(x, keep_prob)``, ``tf.reduce_sum(x, reduction_indices=[1])``,
    ``tf.nn.in_top_k(predictions, targets, k)``. With no graph argument this is
    ``original`` itself.
    """
    tf = import_tf()
    executing_eagerly = tf.executing_eagerly
    graph_fn = original if tf1 is None else tf1

    @functools.wraps(original)
    def dispatch(*args, **kwargs):
        if executing_eagerly():
            graph = find_graph_arg(args, kwargs)
            if graph is not None:
                with graph.as_default():
                    args, kwargs = _eager_constants_into(graph, args, kwargs, eager_tensor)
                    return graph_fn(*args, **kwargs)
        return original(*args, **kwargs)

    eager_tensor = internal("tensorflow.python.framework.ops").EagerTensor

    return _mark(dispatch, original, tf1)


def _eager_constants_into(graph, args, kwargs, eager_tensor):
    """EagerTensors (``tf.zeros([3])`` evaluated eagerly) become constants of ``graph``, as TF1 built them."""

    def convert(value):
        if isinstance(value, eager_tensor):
            tf = import_tf()
            return tf.constant(value.numpy(), dtype=value.dtype)
        if isinstance(value, list) and any(isinstance(v, eager_tensor) for v in value):
            return [convert(v) for v in value]
        return value

    if not any(isinstance(v, (eager_tensor, list)) for v in list(args) + list(kwargs.values())):
        return args, kwargs
    return tuple(convert(a) for a in args), {k: convert(v) for k, v in kwargs.items()}


def shared_summary_op(op_name, tf2_op, tf1_op):
    """``tf.summary.<op_name>`` choosing between the TF2 op and the TF1 (graph, collection) op."""

    @functools.wraps(tf2_op)
    def dispatch(*args, **kwargs):
        if summary_is_tf1(op_name, args, kwargs):
            args, kwargs = _eager_values_for_tf1_summary(op_name, args, kwargs)
            return tf1_op(*args, **kwargs)
        return tf2_op(*args, **kwargs)

    return _mark(dispatch, tf2_op, tf1_op)


def _eager_values_for_tf1_summary(op_name, args, kwargs):
    """EagerTensors given to a TF1 summary op become graph constants, with a warning naming the tag.

    TF1 code reaches this with ``tf.reduce_mean(v)`` on a ``tf.Variable(tf.constant(...))``:
    neither has a graph argument, so both are eager (TF2) and the value is fixed. Logging
    it as a constant keeps the script running; the warning says it will not change.
    """
    eager = internal("tensorflow.python.framework.ops").EagerTensor

    if not any(isinstance(v, eager) for v in list(args) + list(kwargs.values())):
        return args, kwargs
    tag = args[0] if args else kwargs.get("name")
    warnings.warn(
        f"tf.summary.{op_name}({tag!r}, ...) has no step, so it is the TF1 op, but its value is an eager "
        "tensor: it is logged as a constant and will not change between sess.run calls. It was computed "
        "without a graph argument, e.g. from a tf.Variable(tf.constant(...)) or tf.Variable(tf.zeros(...)); "
        "under tfcompat such a variable is eager and only gets a graph twin when used with graph tensors.",
        UserWarning,
        stacklevel=3,
    )

    def plain(value):
        return value.numpy() if isinstance(value, eager) else value

    return tuple(plain(a) for a in args), {k: plain(v) for k, v in kwargs.items()}


class ClassStandin:
    """Stands where a class was (``keras.optimizers.Adam``, ``tf.Variable``...) and dispatches calls.

    Calling it builds the TF1 / Keras 2 object when ``is_tf1(args, kwargs)`` says
    so, else the original class. For everything else it answers as the original
    class: ``isinstance(x, standin)``, ``issubclass(c, standin)``, class attributes,
    and subclassing (``class MyBoard(keras.callbacks.TensorBoard)`` subclasses the
    original: a subclass cannot be decided by arguments that do not exist yet).
    """

    def __init__(self, tf2_class, tf1_callable, is_tf1):
        self.__dict__.update(__tfcompat_tf2__=tf2_class, __tfcompat_tf1__=tf1_callable, _is_tf1=is_tf1,
                             __doc__=tf2_class.__doc__, __wrapped__=tf2_class)

    def _choose(self, args, kwargs):
        return self.__tfcompat_tf1__ if self._is_tf1(args, kwargs) else self.__tfcompat_tf2__

    def __call__(self, *args, **kwargs):
        return self._choose(args, kwargs)(*args, **kwargs)

    def __instancecheck__(self, obj):
        tf1 = self.__tfcompat_tf1__
        return isinstance(obj, self.__tfcompat_tf2__) or (isinstance(tf1, type) and isinstance(obj, tf1))

    def __subclasscheck__(self, sub):
        return issubclass(sub, self.__tfcompat_tf2__)

    def __mro_entries__(self, bases):
        return (self.__tfcompat_tf2__,)

    def __getattr__(self, name):
        return getattr(self.__tfcompat_tf2__, name)

    def __repr__(self):
        return f"<tfcompat dispatching {self.__tfcompat_tf2__!r}>"


def class_standin(tf2_class, tf1_callable, is_tf1):
    """A :class:`ClassStandin` for ``tf2_class`` that builds ``tf1_callable(...)`` when ``is_tf1(args, kwargs)``."""
    return ClassStandin(tf2_class, tf1_callable, is_tf1)


def VariableDispatcher(tf2_variable, tf1_variable):
    """``tf.Variable``: TF1 (a graph variable) when an argument is a graph tensor, else TF2.

    ``tf.Variable(tf.zeros([10]))`` has no graph argument, so it is a TF2 (eager)
    variable; TF1 code that later uses it in a graph gets its graph twin
    (:func:`graph_twin`), so both meanings hold.
    """

    def tf2_registered(*args, **kwargs):
        variable = tf2_variable(*args, **kwargs)
        _register(variable)
        return variable

    def choose(args, kwargs):
        return tf1_variable if find_graph_arg(args, kwargs) is not None else tf2_registered

    standin = class_standin(tf2_variable, tf1_variable, lambda a, k: False)
    standin.__dict__["_choose"] = choose
    return standin


# -- graph twins of eager variables --------------------------------------------
# id(variable) -> [weakref to it, {graph: twin}]. Only variables made through the
# patched tf.Variable are listed; every other variable is never looked at.
_twins = {}
_twins_lock = threading.Lock()


def _register(variable):
    key = id(variable)
    try:
        ref = weakref.ref(variable, lambda _r, key=key: _twins.pop(key, None))
    except TypeError:
        return
    with _twins_lock:
        _twins[key] = [ref, {}]


def graph_twin(variable, graph):
    """The variable of ``graph`` standing for the eager ``variable`` in TF1 graph code, or None.

    Mirrors TF1, where ``tf.Variable(tf.zeros([n]))`` was a graph variable: the twin
    has the eager variable's name, dtype, trainability and value (at first use), so
    ``tf.global_variables_initializer()``, optimizers and ``Session.run`` see it.
    None when ``variable`` was not made through the patched ``tf.Variable``.
    """
    entry = _twins.get(id(variable))
    if entry is None or entry[0]() is not variable:
        return None
    twin = entry[1].get(graph)
    if twin is None:
        tf = import_tf()
        context = internal("tensorflow.python.eager.context")

        with context.eager_mode():  # init_scope would stop at the (non-function) graph
            value = variable.numpy()
        with graph.as_default(), graph.name_scope(None):
            twin = tf.compat.v1.Variable(value, name=variable.name.split(":")[0], dtype=variable.dtype,
                                         trainable=variable.trainable)
        with _twins_lock:
            entry[1][graph] = twin
    return twin


def _twin_graph():
    graph = _current_legacy_graph()
    if graph is not None:
        return graph
    return legacy_graph()


def _substitute(value):
    if id(value) in _twins:
        twin = graph_twin(value, _twin_graph())
        return value if twin is None else twin
    if isinstance(value, (list, tuple)) and any(id(v) in _twins for v in value):
        return type(value)(_substitute(v) for v in value)
    return value


def substitute_twins(args, kwargs):
    """Replaces eager variables made by the patched ``tf.Variable`` with their graph twins."""
    if not _twins:
        return args, kwargs
    return tuple(_substitute(a) for a in args), {k: _substitute(v) for k, v in kwargs.items()}


def twin_aware(fn):
    """``fn`` (a TF1 graph function) receiving graph twins instead of eager variables (``tf.assign(v, x)``...)."""

    @functools.wraps(fn)
    def call(*args, **kwargs):
        if _twins:
            args, kwargs = substitute_twins(args, kwargs)
        return fn(*args, **kwargs)

    call.__tfcompat_tf1__ = fn
    return call


def twin_aware_class(cls, methods):
    """A subclass of a TF1 class (optimizer, Session) whose ``methods`` accept eager variables.

    ``minimize(global_step=v)`` and ``sess.run(v)`` then act on the graph twin of
    ``v``, the variable the TF1 graph really updates.
    """
    namespace = {"__doc__": cls.__doc__, "__module__": cls.__module__, "__qualname__": cls.__qualname__}
    for name in methods:
        if hasattr(cls, name):
            namespace[name] = twin_aware(getattr(cls, name))
    return type(cls.__name__, (cls,), namespace)


def _current_legacy_graph():
    """The default graph when it is a non-function graph being built (TF1 code), else None."""
    tf = import_tf()
    if tf.executing_eagerly():
        return None
    graph = tf.compat.v1.get_default_graph()
    return None if getattr(graph, "building_function", False) else graph


def variable_hooks(base_class):
    """Replacements for ``base_class._dense_var_to_tensor`` / ``_as_graph_element`` that use graph twins."""
    to_tensor = base_class._dense_var_to_tensor
    as_element = base_class._as_graph_element

    @functools.wraps(to_tensor)
    def _dense_var_to_tensor(self, *args, **kwargs):
        if _twins and id(self) in _twins:
            graph = _current_legacy_graph()
            if graph is not None:
                twin = graph_twin(self, graph)
                if twin is not None:
                    return twin._dense_var_to_tensor(*args, **kwargs)
        return to_tensor(self, *args, **kwargs)

    @functools.wraps(as_element)
    def _as_graph_element(self):
        entry = _twins.get(id(self)) if _twins else None
        if entry is not None and entry[0]() is self and entry[1]:
            return next(iter(entry[1].values()))._as_graph_element()
        return as_element(self)

    return {"_dense_var_to_tensor": _dense_var_to_tensor, "_as_graph_element": _as_graph_element}
