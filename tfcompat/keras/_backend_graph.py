"""Where a Keras 2 backend op builds: eagerly, in a TF1 graph, or as a Keras 3 symbolic op.

Keras 2's ``K`` functions took whatever tensor they were given: a variable, a
placeholder of the default graph, a Keras tensor. Under Keras 3 those are three
worlds, and :func:`builds` (the decorator of every ``K`` op in tfcompat) picks one
per call from the arguments, as Keras 2's TF ops did from theirs:

* a tensor of a TF1 graph among the arguments (a ``K.placeholder``, a
  ``tfcompat.v1`` tensor): the op builds in that graph. Eager arguments are
  brought in: an eager tensor as a constant, a Keras 3 / eager TF variable as a
  read of its *current* value at ``Session.run`` time (an ``EagerPyFunc`` op), so
  ``K.set_value`` between runs is seen, as with a Keras 2 graph variable;
* a Keras 3 symbolic tensor (``model.input``, ``layer.output``): the op becomes a
  small Keras layer, so its result is a Keras tensor that ``K.function`` and
  ``keras.Model`` accept; ``training`` reaches ``K.in_train_phase`` inside it;
* inside a ``tf.function`` or a user's ``with tf.Graph().as_default():``: plain
  TF ops, where TF puts them;
* otherwise eager TF ops on the values.

Imports TensorFlow/Keras on first call only.
"""

import functools
import inspect
import threading

from tfcompat._errors import GraphError, InvalidArgumentError
from tfcompat._lazy_tf import import_keras, import_tf
from tfcompat.v1._lift import graph_of, is_eager_variable, is_keras_tensor_like, lift, tensor_leaves

__all__ = [
    "builds",
    "phase_override",
    "set_phase_override",
    "check_data_format",
    "check_padding",
]

_local = threading.local()
_layer_class = []
















def _graph_among(args, kwargs):
    """(TF1 graph, has Keras symbolic tensors) of the arguments; refuses two different graphs."""
    graph, symbolic = None, False
    for leaf in tensor_leaves(list(args) + list(kwargs.values())):
        g = graph_of(leaf)
        if g is not None:
            if graph is not None and g is not graph:
                raise GraphError(
                    f"Arguments belong to two different TF1 graphs ({graph!r} and {g!r}); a Keras 2 "
                    "backend op builds in one graph."
                )
            graph = g
        elif is_keras_tensor_like(leaf):
            symbolic = True
    return graph, symbolic


def _arguments_text(fn, args, kwargs):
    """``name=value, ...`` of a call of ``fn``, for error messages (each value cut at 200 characters)."""
    try:
        named = inspect.signature(fn).bind(*args, **kwargs).arguments
    except (TypeError, ValueError):
        named = {**{f"args[{i}]": a for i, a in enumerate(args)}, **kwargs}
    return ", ".join(f"{k}={v!r:.200}" for k, v in named.items())


def builds(fn):
    """Decorator of a ``K`` op written with TF ops: runs it eagerly, in a TF1 graph, or symbolically.

    See the module docstring for the rule.
    """

    @functools.wraps(fn)
    def op(*args, **kwargs):
        tf = import_tf()
        if not tf.executing_eagerly():
            graph = tf.compat.v1.get_default_graph()
            if not getattr(graph, "building_function", False):
                return _call_in_graph(graph, fn, args, kwargs)
            root = _root_graph(tf)
            if root is None:  # a tf.function traced from eager code: TF captures eager values itself
                return fn(*args, **kwargs)
            # a while_loop/cond body inside a TF1 graph: eager values enter the TF1 graph first
            args = [lift(a, root) for a in args]
            kwargs = {k: lift(v, root) for k, v in kwargs.items()}
            return fn(*args, **kwargs)
        graph, symbolic = _graph_among(args, kwargs)
        if graph is not None:
            if symbolic:
                raise InvalidArgumentError(
                    f"K.{fn.__name__}: a Keras 3 symbolic tensor (model.input, layer.output) cannot be "
                    "combined with a tensor of a TF1 graph (K.placeholder, a tfcompat.v1 tensor) in one op; "
                    f"build the expression from one of them. Received: {_arguments_text(fn, args, kwargs)}"
                )
            return _call_in_graph(graph, fn, args, kwargs)
        if symbolic:
            return _call_symbolic(fn, args, kwargs)
        result = fn(*args, **kwargs)
        if any(is_eager_variable(v) or hasattr(v, "_tfcompat_recipe") for v in tensor_leaves(args, kwargs)):
            _note_recipe(result, op, args, kwargs)
        return result

    op.__tfcompat_builds__ = fn
    return op


def _note_recipe(result, op, args, kwargs):
    # An eager result computed from variables remembers how it was made, so that a
    # TF1 graph using it recomputes it from the variables' values at run time (as a
    # Keras 2 graph did) instead of freezing today's value.
    items = enumerate(result) if isinstance(result, (list, tuple)) else [(None, result)]
    for index, item in items:
        if type(item).__name__ == "EagerTensor":
            try:
                item._tfcompat_recipe = (op, args, kwargs, index)
            except AttributeError:
                pass


def _root_graph(tf):
    """The TF1 graph a function graph is being built in, or None when it is built from eager code."""
    with tf.init_scope():
        if tf.executing_eagerly():
            return None
        return tf.compat.v1.get_default_graph()


def _call_in_graph(graph, fn, args, kwargs):
    with graph.as_default():
        args = [lift(a, graph) for a in args]
        kwargs = {k: lift(v, graph) for k, v in kwargs.items()}
        return fn(*args, **kwargs)


# -- Keras 3 symbolic tensors -----------------------------------------------------

def phase_override():
    """The learning phase set by the enclosing symbolic call or ``learning_phase_scope`` (None if none)."""
    return getattr(_local, "phase", None)


def set_phase_override(value):
    """Sets the value :func:`phase_override` returns in this thread; returns the previous one."""
    previous = getattr(_local, "phase", None)
    _local.phase = value
    return previous


def _template(value, tensors):
    # Keras tensors are replaced by their index in `tensors`, nested lists/tuples kept.
    if is_keras_tensor_like(value):
        tensors.append(value)
        return ("t", len(tensors) - 1)
    if isinstance(value, (list, tuple)):
        return ("seq", type(value) is list, [_template(v, tensors) for v in value])
    return ("v", value)


def _fill(template, tensors):
    kind = template[0]
    if kind == "t":
        return tensors[template[1]]
    if kind == "seq":
        items = [_fill(t, tensors) for t in template[2]]
        return items if template[1] else tuple(items)
    return template[1]


def _op_layer_class():
    if _layer_class:
        return _layer_class[0]
    keras = import_keras()

    class KerasBackendOp(keras.layers.Layer):
        """A Keras 2 backend op applied to Keras 3 symbolic tensors (one call, no weights)."""

        def __init__(self, fn, args_template, kwargs_template):
            super().__init__(name=f"k_{fn.__name__}_{keras.backend.get_uid('k_' + fn.__name__)}")
            self._fn = fn
            self._templates = (args_template, kwargs_template)

        def call(self, tensors, training=None):
            tensors = list(tensors)
            args_template, kwargs_template = self._templates
            previous = set_phase_override(None if training is None else int(bool(training)))
            try:
                return self._fn(*[_fill(t, tensors) for t in args_template],
                                **{k: _fill(t, tensors) for k, t in kwargs_template.items()})
            finally:
                set_phase_override(previous)

    _layer_class.append(KerasBackendOp)
    return KerasBackendOp


def _call_symbolic(fn, args, kwargs):
    tensors = []
    args_template = [_template(a, tensors) for a in args]
    kwargs_template = {k: _template(v, tensors) for k, v in kwargs.items()}
    return _op_layer_class()(fn, args_template, kwargs_template)(tensors)


# -- argument checks shared by the image/conv ops ---------------------------------

def check_data_format(data_format):
    """Keras 2's ``normalize_data_format``: None is ``K.image_data_format()``; else the two names."""
    if data_format is None:
        return import_keras().backend.image_data_format()
    value = str(data_format).lower() if isinstance(data_format, str) else data_format
    if value not in ("channels_first", "channels_last"):
        raise InvalidArgumentError(
            "`data_format` must be 'channels_first' or 'channels_last'. "
            f"Received: data_format={data_format!r}"
        )
    return value


def check_padding(padding):
    """Keras 2's padding names 'same'/'valid' as TF's 'SAME'/'VALID'."""
    if padding not in ("same", "valid"):
        raise InvalidArgumentError(f"`padding` must be 'same' or 'valid'. Received: padding={padding!r}")
    return padding.upper()
