"""TF 1.x's default graph as tfcompat keeps it: a ``tf.Graph`` whose tensors, variables and datasets act as TF1's did.

TF 2 runs eagerly, and a graph tensor used with a Python operator outside any
graph context (``loss * 0.5``, ``1 - keep_prob``, ``W * x`` at the top level of a
2017 script) fails there: the Python number becomes an eager constant that the
graph cannot capture. In TF1 the operator built its op in the default graph.

Only objects of tfcompat's legacy graph get TF1's behaviour back, and TensorFlow's
own classes are never changed: :class:`LegacyGraph` makes every tensor of the
graph an instance of a subclass of its TF class whose operators enter the
tensor's own graph when TF is executing eagerly; variables made in the graph get
the same (plus TF1's identity ``hash``/``==``, which feed_dicts and sets rely on);
datasets and iterators built there get methods that build in their graph.
Everywhere else (inside a ``tf.function``, a user's ``with g.as_default():``)
they behave exactly as TF's own objects.
"""

import functools
import inspect
import threading

from tfcompat._lazy_tf import import_tf, internal
from tfcompat.v1._lift import graph_of, lift_all

__all__ = ["new_legacy_graph", "adopt", "adopt_result"]

_lock = threading.Lock()
_classes = {}  # TF class -> its legacy subclass
_graph_class = []

_VARIABLE_METHODS = (
    "assign", "assign_add", "assign_sub", "read_value", "value", "sparse_read", "gather_nd",
    "scatter_update", "scatter_add", "scatter_sub", "scatter_max", "scatter_min", "scatter_mul",
    "scatter_div", "scatter_nd_update", "scatter_nd_add", "scatter_nd_sub", "count_up_to",
    "initialized_value", "_dense_var_to_tensor", "eval",
)


def _in_own_graph(method, executing_eagerly, adopt_results=False):
    @functools.wraps(method)
    def in_own_graph(self, *args, **kwargs):
        if executing_eagerly():
            graph = graph_of(self)
            if graph is not None:
                with graph.as_default():
                    args, kwargs = lift_all(args, kwargs, graph)  # `x * keras_variable`: read at run time
                    result = method(self, *args, **kwargs)
                return adopt_result(result) if adopt_results else result
        return method(self, *args, **kwargs)

    return in_own_graph


def _identity_in_graph(cls):
    # In eager TF 2 a graph variable is unhashable and ``==`` builds an op; in TF1
    # (and inside any graph) both were identity.
    def __hash__(self):
        return id(self) if getattr(self, "_in_graph_mode", False) else cls.__hash__(self)

    def __eq__(self, other):
        return self is other if getattr(self, "_in_graph_mode", False) else cls.__eq__(self, other)

    def __ne__(self, other):
        return self is not other if getattr(self, "_in_graph_mode", False) else cls.__ne__(self, other)

    return {"__hash__": __hash__, "__eq__": __eq__, "__ne__": __ne__}


def _legacy_class(cls, kind):
    """The subclass of TF class ``cls`` that legacy-graph objects of that class become."""
    sub = _classes.get(cls)
    if sub is not None:
        return sub
    tf = import_tf()
    eager = tf.executing_eagerly
    operators = sorted(internal("tensorflow.python.framework.tensor").Tensor.OVERLOADABLE_OPERATORS
                       - {"__eq__", "__ne__"})
    namespace = {"__module__": cls.__module__, "__qualname__": cls.__qualname__, "__doc__": cls.__doc__,
                 "__tfcompat_legacy__": cls}
    if kind == "dataset":
        for name in dir(cls):
            static = inspect.getattr_static(cls, name, None)
            if name.startswith("_") or not inspect.isfunction(static):
                continue  # properties, static/class methods, nested classes stay TF's
            namespace[name] = _in_own_graph(getattr(cls, name), eager, adopt_results=True)
    else:
        names = operators + (list(_VARIABLE_METHODS) if kind == "variable" else ["eval"])
        for name in names:
            method = getattr(cls, name, None)
            if method is not None:
                namespace[name] = _in_own_graph(method, eager)
        if kind == "variable":
            namespace.update(_identity_in_graph(cls))
        else:
            # TF's Tensor.__hash__ is identity for a tensor of a graph that is not building a function (the
            # legacy graph never is); object's C hash is that identity without TF's attribute walk or a Python
            # call: the 2018 loop hashes its placeholders on every step (feed_dict={loss_ph: loss, ...}).
            namespace["__hash__"] = object.__hash__
    with _lock:
        sub = _classes.setdefault(cls, type(cls.__name__, (cls,), namespace))
    return sub


def _kind(obj):
    ops = internal("tensorflow.python.framework.ops")
    if isinstance(obj, ops.SymbolicTensor):
        return "tensor"
    variables = internal("tensorflow.python.ops.variables")
    if isinstance(obj, variables.Variable):
        return "variable" if getattr(obj, "_in_graph_mode", True) else None
    dataset_ops = internal("tensorflow.python.data.ops.dataset_ops")
    iterator_ops = internal("tensorflow.python.data.ops.iterator_ops")
    if isinstance(obj, (dataset_ops.DatasetV2, iterator_ops.Iterator)):
        return "dataset" if graph_of(obj) is not None else None
    return None


def adopt(obj):
    """Makes ``obj`` (a tensor, variable, dataset or iterator of a legacy graph) act as TF1's did. Returns it."""
    cls = type(obj)
    if "__tfcompat_legacy__" in vars(cls):
        return obj
    kind = _kind(obj)
    if kind is not None:
        obj.__class__ = _legacy_class(cls, kind)
    return obj


def adopt_result(result):
    """:func:`adopt` for what a graph-building call returned: datasets and iterators (tensors and variables
    already are, by the graph), one level into lists and tuples."""
    if isinstance(result, (list, tuple)):
        for item in result:
            if _is_dataset_like(item):
                adopt(item)
        return result
    if _is_dataset_like(result):
        adopt(result)
    return result


def _is_dataset_like(obj):
    return hasattr(obj, "_variant_tensor_attr") or hasattr(obj, "_iterator_resource")


def _adopting_creator(next_creator, **kwargs):
    return adopt(next_creator(**kwargs))


def _make_graph_class():
    tf = import_tf()

    class LegacyGraph(tf.Graph):
        """TF1's default graph: its tensors and variables act as TF1's did outside a graph context."""

        def _create_op_internal(self, *args, **kwargs):
            op = super()._create_op_internal(*args, **kwargs)
            for t in op.outputs:
                adopt(t)
            return op

        def _create_op_from_tf_operation(self, *args, **kwargs):
            op = super()._create_op_from_tf_operation(*args, **kwargs)
            for t in op.outputs:
                adopt(t)
            return op

        @property
        def _variable_creator_stack(self):
            local = self._thread_local
            if not hasattr(local, "_variable_creator_stack"):
                # Lowest priority: the creator nearest TF's own, so it sees the variable TF made.
                local._variable_creator_stack = [(-(10**9), _adopting_creator)]
            return local._variable_creator_stack

        @_variable_creator_stack.setter
        def _variable_creator_stack(self, stack):
            self._thread_local._variable_creator_stack = stack

    return LegacyGraph


def new_legacy_graph():
    """A new ``tf.Graph`` whose objects act as TF1's default graph's did (see the module docstring)."""
    with _lock:
        if not _graph_class:
            _graph_class.append(_make_graph_class())
        cls = _graph_class[0]
    return cls()
