"""Eager values given to TF1 graph code: brought into the graph as TF 1.x would have had them.

In TF 1.x everything was in the default graph. Under Keras 3 a model's variables and
an eager tensor live outside it, and a TF1 op built on them fails ("Attempting to
capture an EagerTensor"). :func:`lift` brings them in: an eager tensor as a constant
(or rebuilt from its recipe, when a ``K`` op made it from variables), an eager variable
(Keras 3's, or a TF variable outside any graph) as a read of its *current* value at
``Session.run`` time (an ``EagerPyFunc`` op), so a change between runs is seen, as
with a TF1 graph variable. Used by every ``tfcompat.v1`` op, the legacy graph's
operators and the Keras 2 backend.
"""

import functools
import weakref

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf

__all__ = ["graph_of", "is_keras_tensor_like", "is_eager_variable", "tensor_leaves", "lift", "lift_all",
           "lifted_read"]

_lifted = weakref.WeakKeyDictionary()  # graph -> {id(value): (value, graph tensor)}


def graph_of(x):
    """The TF1 ``tf.Graph`` a symbolic tensor, variable or op belongs to; None for anything else.

    Function graphs (``tf.function`` traces) are not TF1 graphs: None.
    """
    module = type(x).__module__
    if not module.startswith("tensorflow") or module.startswith("tensorflow.python.framework.sparse"):
        if type(x).__name__ != "SparseTensor":
            return None
        x = x.values
    try:
        graph = x.graph
    except (AttributeError, ValueError, RuntimeError):
        graph = None
    if graph is None:
        graph = _dataset_graph(x)
    if graph is None or getattr(graph, "building_function", False):
        return None
    return graph


def _dataset_graph(obj):
    # tf.data datasets and v1 iterators: the graph of the tensor they wrap.
    for attr in ("_variant_tensor_attr", "_iterator_resource"):
        t = getattr(obj, attr, None)
        if t is not None:
            try:
                return t.graph
            except (AttributeError, ValueError, RuntimeError):  # an eager resource has no graph
                return None
    return None


def is_keras_tensor_like(x):
    """True for Keras 3 symbolic tensors (``keras.Input``, ``layer.output``)."""
    return type(x).__name__ == "KerasTensor" and type(x).__module__.startswith("keras")


def is_eager_variable(x):
    """True for a Keras 3 variable, or a TF variable living outside any TF1 graph."""
    module = type(x).__module__
    if module.startswith("keras"):
        return type(x).__name__ == "Variable" or hasattr(x, "assign") and hasattr(x, "_value")
    if not module.startswith("tensorflow"):
        return False
    tf = import_tf()
    return isinstance(x, tf.Variable) and not getattr(x, "_in_graph_mode", False)


def tensor_leaves(values, kwargs=None, depth=0):
    """The tensor-like leaves of nested lists/tuples/dicts ``values`` (and of ``kwargs`` values)."""
    if kwargs:
        values = list(values) + list(kwargs.values())
    for v in values:
        if isinstance(v, (list, tuple)) and depth < 4:
            yield from tensor_leaves(v, None, depth + 1)
        elif isinstance(v, dict) and depth < 4:
            yield from tensor_leaves(list(v.values()), None, depth + 1)
        elif hasattr(v, "dtype") and hasattr(v, "shape") and not type(v).__module__.startswith("numpy"):
            yield v


def _read_current(variable):
    # Runs at Session.run time, eagerly: the variable's value at that moment.
    tf = import_tf()
    return tf.convert_to_tensor(variable)


def lift(x, graph):
    """``x`` made usable by ops of the TF1 ``graph`` (call inside ``graph.as_default()``).

    Eager tensors become constants; eager variables (Keras 3 or TF) a read of
    their value at run time, one per variable and graph, so gradients taken
    with respect to the variable (:func:`K.gradients`) find the same tensor.
    Lists and tuples are lifted item by item; anything else is returned as is.
    """
    if isinstance(x, (list, tuple)):
        items = [lift(v, graph) for v in x]
        return type(x)(items) if type(x) in (list, tuple) else items
    if is_eager_variable(x):
        table = _lifted.setdefault(graph, {})
        hit = table.get(id(x))
        if hit is not None and hit[0] is x:
            return hit[1]
        tf = import_tf()
        dtype = tf.as_dtype(getattr(x.dtype, "name", x.dtype))  # a Keras 3 variable's dtype is a string
        with graph.as_default():
            read = tf.py_function(functools.partial(_read_current, x), [], dtype, name="eager_variable_read")
            read.set_shape(tuple(x.shape))
        read._tfcompat_variable = x
        table[id(x)] = (x, read)
        return read
    module = type(x).__module__
    if module.startswith("tensorflow") and type(x).__name__ == "EagerTensor":
        recipe = getattr(x, "_tfcompat_recipe", None)
        table = _lifted.setdefault(graph, {})
        hit = table.get(id(x))
        if hit is not None and hit[0] is x:
            return hit[1]
        tf = import_tf()
        with graph.as_default():
            if recipe is None:
                out = tf.constant(x.numpy())
            else:
                op, args, kwargs, index = recipe
                out = op(*args, **kwargs)
                out = out if index is None else out[index]
        table[id(x)] = (x, out)
        return out
    if module.startswith("keras") and is_keras_tensor_like(x):
        raise InvalidArgumentError(
            "A Keras 3 symbolic tensor (model.input, layer.output) cannot be combined with a tensor "
            "of a TF1 graph (a K.placeholder or a tfcompat.v1 tensor) in one op: build the whole "
            f"expression from one of them. Received: {x!r}"
        )
    return x


def lifted_read(variable, graph):
    """The read of eager ``variable`` already lifted into ``graph``, or None."""
    hit = _lifted.get(graph, {}).get(id(variable))
    return hit[1] if hit is not None and hit[0] is variable else None


def lift_all(args, kwargs, graph):
    """:func:`lift` of every argument; the same objects back when none is eager (the common case)."""
    if not any(_liftable(v) for v in _shallow(args, kwargs)):
        return args, kwargs
    return [lift(a, graph) for a in args], {k: lift(v, graph) for k, v in kwargs.items()}


def _shallow(args, kwargs):
    for value in list(args) + list(kwargs.values()):
        if isinstance(value, (list, tuple)):
            yield from value
        else:
            yield value


def _liftable(value):
    module = type(value).__module__
    if module.startswith("keras"):
        return is_eager_variable(value)
    return module.startswith("tensorflow") and (type(value).__name__ == "EagerTensor" or is_eager_variable(value))
