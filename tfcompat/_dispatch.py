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

from tfcompat._lazy_tf import import_tf

__all__ = [
    "graph_of",
    "find_graph_arg",
    "summary_is_tf1",
    "shared_function",
    "shared_summary_op",
    "VariableDispatcher",
    "TF1",
    "TF2",
]

TF1 = "tf1"
TF2 = "tf2"

# TF1-only keywords of tf.summary.{scalar,histogram,image,audio,text}.
_TF1_SUMMARY_KEYWORDS = frozenset(["collections", "family", "tensor", "values"])
# Position of `step` in the TF2 signature (name, data, step) / audio (name, data, sample_rate, step).
_STEP_SLOT = {"scalar": 2, "histogram": 2, "image": 2, "text": 2, "audio": 3}


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
    if _TF1_SUMMARY_KEYWORDS & set(kwargs):
        return True
    slot = _STEP_SLOT.get(op_name, 2)
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


def shared_function(original):
    """A function that runs ``original`` in the graph of its first graph-tensor argument.

    TF2 ops (``tf.matmul``, ``tf.nn.relu``...) build TF1 graph ops when their graph
    is the default one, so the TF1 meaning is the same function inside
    ``graph.as_default()``. With no graph argument this is ``original`` itself.
    """
    tf = import_tf()
    executing_eagerly = tf.executing_eagerly

    @functools.wraps(original)
    def dispatch(*args, **kwargs):
        if executing_eagerly():
            graph = find_graph_arg(args, kwargs)
            if graph is not None:
                with graph.as_default():
                    return original(*args, **kwargs)
        return original(*args, **kwargs)

    return _mark(dispatch, original, None)


def shared_summary_op(op_name, tf2_op, tf1_op):
    """``tf.summary.<op_name>`` choosing between the TF2 op and the TF1 (graph, collection) op."""

    @functools.wraps(tf2_op)
    def dispatch(*args, **kwargs):
        if summary_is_tf1(op_name, args, kwargs):
            return tf1_op(*args, **kwargs)
        return tf2_op(*args, **kwargs)

    return _mark(dispatch, tf2_op, tf1_op)


class _StandinMeta(type):
    """Metaclass of a class stand-in: calling it dispatches, isinstance/issubclass see the TF2 class."""

    def __call__(cls, *args, **kwargs):
        target = cls._tfcompat_choose(args, kwargs)
        return target(*args, **kwargs)

    def __instancecheck__(cls, obj):
        return isinstance(obj, cls._tfcompat_tf2) or (
            cls._tfcompat_tf1 is not None and isinstance(cls._tfcompat_tf1, type) and isinstance(obj, cls._tfcompat_tf1)
        )

    def __subclasscheck__(cls, sub):
        return issubclass(sub, cls._tfcompat_tf2)

    def __getattr__(cls, name):
        return getattr(cls._tfcompat_tf2, name)

    def __repr__(cls):
        return f"<tfcompat dispatching {cls._tfcompat_tf2!r}>"


def class_standin(tf2_class, tf1_callable, is_tf1):
    """A stand-in for ``tf2_class`` that builds ``tf1_callable(...)`` when ``is_tf1(args, kwargs)``.

    ``isinstance(x, standin)`` and ``issubclass(c, standin)`` answer for ``tf2_class``
    (and the TF1 class), so code that type-checks (Keras does) keeps working.
    """

    def choose(args, kwargs):
        return tf1_callable if is_tf1(args, kwargs) else tf2_class

    namespace = {
        "_tfcompat_tf2": tf2_class,
        "_tfcompat_tf1": tf1_callable,
        "_tfcompat_choose": staticmethod(choose),
        "__doc__": tf2_class.__doc__,
        "__module__": tf2_class.__module__,
        "__qualname__": tf2_class.__qualname__,
        "__tfcompat_tf2__": tf2_class,
        "__tfcompat_tf1__": tf1_callable,
    }
    return _StandinMeta(tf2_class.__name__, (), namespace)


def VariableDispatcher(tf2_variable, tf1_variable):
    """``tf.Variable``: TF1 (legacy graph variable) when an argument is a graph tensor, else TF2."""
    return class_standin(tf2_variable, tf1_variable, lambda a, k: find_graph_arg(a, k) is not None)
