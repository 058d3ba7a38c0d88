"""Mirrors TF 1.x's ``tf.layers.Layer`` (2017-2018): layers that build TF1 ops and variables in a graph.

``tf.compat.v1.layers`` needs Keras 2 and raises under Keras 3. This base
rebuilds the TF1 contract on ``tf.compat.v1`` ops, in the default graph (the
legacy graph, or the user's own ``with g.as_default():``):

* the variable scope is captured at the first call with
  ``variable_scope(scope, default_name=<snake class name>)``, so unnamed
  layers get ``dense``, ``dense_1``... and variables ``dense/kernel:0``;
  ops go to the scope's original name scope (``model/dense/MatMul`` inside
  ``tf.name_scope('model')``) while variables ignore name scopes, as in TF1;
* ``_scope=`` (what the functional forms and ``tf.contrib.layers`` pass)
  enters that exact scope, so ``tf.layers.dense(x, 3, name='fc')`` twice
  without ``reuse=True`` fails as TF1 did;
* a second call reuses the variables; regularization losses go to
  ``REGULARIZATION_LOSSES`` (once per variable) and update ops to
  ``UPDATE_OPS`` after each call.
"""

import functools
import re
import weakref

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.v1._graph import current_graph
from tfcompat.v1._session import get_default_session_or_create

__all__ = ["Layer", "InputSpec", "in_default_graph", "normalize_tuple", "normalize_padding",
           "normalize_data_format"]


def in_default_graph(fn):
    """Decorator: ``fn`` builds in the default graph (the legacy graph while TF is executing eagerly)."""

    @functools.wraps(fn)
    def building(*args, **kwargs):
        with current_graph().as_default():
            return fn(*args, **kwargs)

    return building


def snake_case(name):
    """``Conv2DTranspose`` -> ``conv2d_transpose``: the default layer (and scope) name TF1 derived from the class."""
    words = re.sub("(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    snake = re.sub("([a-z])([A-Z])", r"\1_\2", words).lower()
    return snake if not snake.startswith("_") else "private" + snake


def normalize_tuple(value, n, name):
    """An int or ``n`` ints as an ``n``-tuple of ints (TF1's ``utils.normalize_tuple``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,) * n
    try:
        values = tuple(value)
    except TypeError:
        values = None
    if values is None or len(values) != n or not all(isinstance(v, int) and not isinstance(v, bool)
                                                       for v in values):
        raise InvalidArgumentError(f"The `{name}` argument must be an int or a tuple of {n} ints. "
                                   f"Received: {name}={value!r}")
    return values


def normalize_padding(padding):
    if not isinstance(padding, str) or padding.lower() not in ("valid", "same"):
        raise InvalidArgumentError(f'The `padding` argument must be one of "valid", "same". Received: '
                                   f"padding={padding!r}")
    return padding.lower()


def normalize_data_format(data_format):
    if data_format is None:
        return "channels_last"
    if not isinstance(data_format, str) or data_format.lower() not in ("channels_last", "channels_first"):
        raise InvalidArgumentError('The `data_format` argument must be one of "channels_first", "channels_last". '
                                   f"Received: data_format={data_format!r}")
    return data_format.lower()


class InputSpec:
    """Mirrors ``tf.layers.InputSpec(dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None, axes=None)``."""

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None, axes=None):
        self.dtype = dtype
        self.shape = shape
        self.ndim = len(shape) if shape is not None else ndim
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.axes = dict(axes or {})

    def __repr__(self):
        return (f"InputSpec(dtype={self.dtype!r}, shape={self.shape!r}, ndim={self.ndim!r}, "
                f"max_ndim={self.max_ndim!r}, min_ndim={self.min_ndim!r}, axes={self.axes!r})")


# Per graph: how many layers of each base name were made (TF1 named the second `dense_1`).
_LAYER_NAMES = {}


def _unique_layer_name(base):
    graph = current_graph()
    key = id(graph)
    entry = _LAYER_NAMES.get(key)
    if entry is None or entry[0]() is not graph:
        entry = _LAYER_NAMES[key] = (weakref.ref(graph), {})
    counts = entry[1]
    n = counts.get(base, 0)
    counts[base] = n + 1
    return base if n == 0 else f"{base}_{n}"


def _flatten(structure):
    if isinstance(structure, (list, tuple)):
        return [leaf for item in structure for leaf in _flatten(item)]
    if isinstance(structure, dict):
        return [leaf for key in sorted(structure) for leaf in _flatten(structure[key])]
    return [structure]


def _map(fn, structure):
    if isinstance(structure, (list, tuple)) and not hasattr(structure, "_fields"):
        return type(structure)(_map(fn, s) for s in structure)
    if isinstance(structure, dict):
        return {k: _map(fn, v) for k, v in structure.items()}
    return fn(structure)


class Layer:
    """Mirrors ``tf.layers.Layer(trainable=True, name=None, dtype=None, activity_regularizer=None)``.

    Subclasses override ``build(input_shape)`` (creating variables with
    ``add_variable``/``add_weight``) and ``call(inputs, ...)``; ``layer(x)``
    or ``layer.apply(x)`` builds once, then reuses the variables.
    """

    def __init__(self, trainable=True, name=None, dtype=None, activity_regularizer=None, **kwargs):
        scope = kwargs.pop("_scope", None)
        self._reuse = kwargs.pop("_reuse", None)
        for key in kwargs:
            if key not in ("input_shape", "batch_input_shape", "batch_size", "weights"):
                raise TypeError(f"Keyword argument not understood: {key!r}")
        self.trainable = bool(trainable)
        self.built = False
        self._dtype = None if dtype is None else import_tf().as_dtype(dtype).base_dtype.name
        self.activity_regularizer = activity_regularizer
        self.input_spec = None
        self._trainable_weights = []
        self._non_trainable_weights = []
        self._updates = []
        self._losses = []
        self._scope = None
        self._current_scope = None
        self._regularized = set()
        self._assigners = {}
        if name is not None and not isinstance(name, str):  # a VariableScope (tf.contrib.layers passes one)
            self._base_name = name.name
            self._name = name.name
        elif name:
            self._base_name = self._name = name
        else:
            self._base_name = snake_case(type(self).__name__)
            self._name = None
        if scope is not None:
            self._capture_scope(scope)

    # -- properties ----------------------------------------------------------

    @property
    def name(self):
        if self._name is None:
            with current_graph().as_default():
                self._name = _unique_layer_name(self._base_name)
        return self._name

    @property
    def dtype(self):
        return self._dtype

    @property
    def scope_name(self):
        if self._scope is None:
            raise ValueError(f'No name available for layer scope because the layer "{self.name}" has not been '
                             "used yet. The scope name is determined the first time the layer instance is "
                             "called. You must therefore call the layer before querying `scope_name`.")
        return self._scope.name

    @property
    def trainable_weights(self):
        return list(self._trainable_weights) if self.trainable else []

    @property
    def non_trainable_weights(self):
        if self.trainable:
            return list(self._non_trainable_weights)
        return list(self._trainable_weights) + list(self._non_trainable_weights)

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights
    variables = weights

    @property
    def updates(self):
        return list(self._updates)

    @property
    def losses(self):
        return list(self._losses)

    def get_updates_for(self, inputs):
        return self.updates

    def get_losses_for(self, inputs):
        return self.losses

    # -- scope ---------------------------------------------------------------

    def _capture_scope(self, scope):
        v1 = import_tf().compat.v1
        with current_graph().as_default():
            with v1.variable_scope(scope) as captured:
                self._scope = captured

    def _set_scope(self, scope=None):
        if self._scope is not None:
            return
        v1 = import_tf().compat.v1
        if self._reuse:
            with v1.variable_scope(scope if scope is not None else self._base_name) as captured:
                self._scope = captured
        else:
            with v1.variable_scope(scope, default_name=self._base_name) as captured:
                self._scope = captured

    def _enter_scope(self, reuse):
        """The variable scope and its original name scope, as TF1 entered them for each call."""
        v1 = import_tf().compat.v1
        layer = self

        class _Scopes:
            def __enter__(self):
                self._vs = v1.variable_scope(layer._scope, reuse=reuse, auxiliary_name_scope=False)
                scope = self._vs.__enter__()
                layer._current_scope = scope
                self._ns = v1.name_scope(scope.original_name_scope)
                try:
                    self._ns.__enter__()
                except BaseException:
                    self._vs.__exit__(None, None, None)
                    raise
                return scope

            def __exit__(self, *exc):
                try:
                    self._ns.__exit__(*exc)
                finally:
                    self._vs.__exit__(*exc)
                return False

        return _Scopes()

    # -- variables, updates, losses -------------------------------------------

    @in_default_graph
    def add_weight(self, name, shape, dtype=None, initializer=None, regularizer=None, trainable=True,
                   constraint=None, partitioner=None, use_resource=None, **kwargs):
        """Mirrors ``Layer.add_variable(name, shape, dtype=None, initializer=None, regularizer=None, ...)``.

        A ``get_variable`` in the layer's variable scope (reused once built);
        the regularizer's loss joins ``REGULARIZATION_LOSSES`` once per variable.
        """
        tf = import_tf()
        v1 = tf.compat.v1
        for key in kwargs:
            if key not in ("getter", "synchronization", "aggregation", "experimental_autocast"):
                raise TypeError(f"Unknown keyword argument: {key!r}")
        dtype = tf.as_dtype(dtype or self._dtype or "float32")
        self._set_scope(None)
        with self._enter_scope(self.built or self._reuse):
            existing = {id(v) for v in v1.global_variables()}
            variable = v1.get_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                                       trainable=trainable and self.trainable, constraint=constraint,
                                       partitioner=partitioner, use_resource=use_resource)
            if regularizer is not None and id(variable) not in existing and id(variable) not in self._regularized:
                self._regularized.add(id(variable))
                with v1.name_scope(name + "/Regularizer"):
                    loss = regularizer(variable)
                if loss is not None:
                    self.add_loss(loss)
        trainable_ids = {id(v) for v in v1.trainable_variables()}
        if trainable and self.trainable and id(variable) in trainable_ids:
            self._trainable_weights.append(variable)
        else:
            self._non_trainable_weights.append(variable)
        return variable

    add_variable = add_weight

    def add_update(self, updates, inputs=None):
        """Mirrors ``Layer.add_update(updates)``: ops run with training (collected into ``UPDATE_OPS``)."""
        for u in _flatten(updates):
            if u is not None and all(u is not seen for seen in self._updates):
                self._updates.append(u)

    def add_loss(self, losses, inputs=None):
        """Mirrors ``Layer.add_loss(losses)``: added to ``REGULARIZATION_LOSSES`` as TF1 did."""
        v1 = import_tf().compat.v1
        new = [loss for loss in _flatten(losses) if loss is not None]
        self._losses.extend(new)
        with current_graph().as_default():
            collection = v1.get_collection_ref(v1.GraphKeys.REGULARIZATION_LOSSES)
            for loss in new:
                if all(loss is not seen for seen in collection):
                    collection.append(loss)

    # -- building and calling ---------------------------------------------------

    def build(self, input_shape):
        """Creates the layer's variables; the base creates none."""
        self.built = True

    def call(self, inputs, **kwargs):
        """The layer's computation; the base returns ``inputs``."""
        return inputs

    def compute_output_shape(self, input_shape):
        raise NotImplementedError(f"{type(self).__name__}.compute_output_shape")

    def _check_input(self, inputs):
        spec = self.input_spec
        if spec is None:
            return
        for x in _flatten(inputs):
            rank = x.shape.rank
            if rank is None:
                continue
            if spec.ndim is not None and rank != spec.ndim:
                raise ValueError(f"Input 0 of layer {self.name} is incompatible with the layer: expected "
                                 f"ndim={spec.ndim}, found ndim={rank}. Full shape received: {x.shape}")
            if spec.min_ndim is not None and rank < spec.min_ndim:
                raise ValueError(f"Input 0 of layer {self.name} is incompatible with the layer: expected "
                                 f"min_ndim={spec.min_ndim}, found ndim={rank}. Full shape received: {x.shape}")
            if spec.max_ndim is not None and rank > spec.max_ndim:
                raise ValueError(f"Input 0 of layer {self.name} is incompatible with the layer: expected "
                                 f"max_ndim={spec.max_ndim}, found ndim={rank}. Full shape received: {x.shape}")
            for axis, size in spec.axes.items():
                actual = x.shape[axis]
                if actual is not None and size is not None and int(actual) != int(size):
                    raise ValueError(f"Input 0 of layer {self.name} is incompatible with the layer: expected "
                                     f"axis {axis} of input shape to have value {size} but received input "
                                     f"with shape {x.shape}")

    @in_default_graph
    def __call__(self, inputs, *args, **kwargs):
        """Mirrors ``Layer.__call__(inputs, *args, **kwargs)`` (also ``apply``): builds once, then reuses."""
        tf = import_tf()
        v1 = tf.compat.v1
        scope = kwargs.pop("scope", None)
        self._set_scope(scope)
        was_built = self.built
        with self._enter_scope(True if was_built else self._reuse):
            inputs = _map(lambda x: x if _is_tensor_like(x) else v1.convert_to_tensor(x), inputs)
            if not was_built:
                first = _flatten(inputs)[0]
                if self._dtype is None and getattr(first, "dtype", None) is not None:
                    self._dtype = first.dtype.base_dtype.name
                self._check_input(inputs)
                shapes = _map(lambda x: x.shape, inputs)
                self.build(shapes)
                self.built = True
            else:
                self._check_input(inputs)
            outputs = self.call(inputs, *args, **kwargs)
            if outputs is None:
                raise ValueError(f"A layer's `call` method should return a Tensor or a list of Tensors, not None "
                                 f"(layer: {self.name}).")
            if self.activity_regularizer is not None:
                with v1.name_scope("ActivityRegularizer"):
                    self.add_loss([self.activity_regularizer(o) for o in _flatten(outputs)])
        if self._name is None or not was_built:
            self._name = self._scope.name
        collection = v1.get_collection_ref(v1.GraphKeys.UPDATE_OPS)
        for u in self._updates:
            if all(u is not seen for seen in collection):
                collection.append(u)
        return outputs

    apply = __call__

    def count_params(self):
        """Mirrors ``Layer.count_params()``."""
        if not self.built:
            raise ValueError(f"You tried to call `count_params` on {self.name}, but the layer isn't built.")
        total = 0
        for w in self.weights:
            n = 1
            for d in w.shape:
                n *= int(d)
            total += n
        return total

    def get_weights(self):
        """Mirrors ``Layer.get_weights()``: current values, read with the default (or shared) session."""
        return list(get_default_session_or_create().run(self.weights)) if self.weights else []

    def set_weights(self, weights):
        """Mirrors ``Layer.set_weights(weights)``: assigns the values with the default (or shared) session."""
        params = self.weights
        if len(params) != len(weights):
            raise ValueError(f"You called `set_weights(weights)` on layer {self.name} with a weight list of "
                             f"length {len(weights)}, but the layer was expecting {len(params)} weights.")
        if not params:
            return
        v1 = import_tf().compat.v1
        ops, feeds = [], {}
        for var, value in zip(params, weights):
            cached = self._assigners.get(id(var))
            if cached is None:  # one placeholder and assign op per variable, as Keras 2's batch_set_value
                with var.graph.as_default():
                    ph = v1.placeholder(var.dtype.base_dtype, shape=var.shape)
                    cached = self._assigners[id(var)] = (ph, var.assign(ph, read_value=False))
            feeds[cached[0]] = value
            ops.append(cached[1])
        get_default_session_or_create().run(ops, feeds)

    def __repr__(self):
        return f"<tfcompat.v1.layers.{type(self).__name__} name={self._name or self._base_name!r}>"


def _is_tensor_like(x):
    return hasattr(x, "graph") and hasattr(x, "dtype") and hasattr(x, "shape")
