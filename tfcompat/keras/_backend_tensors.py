"""Keras 2 ``K.variable``/``K.constant``/``K.placeholder``/``K.int_shape``... on Keras 3: making and describing tensors.

Part of :mod:`tfcompat.keras.backend` (which re-exports every name here);
kept apart so each module stays small. Imports TensorFlow/Keras on first call only.
"""

import tfcompat.v1 as v1
from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras, import_tf
from tfcompat.keras._backend_graph import builds
from tfcompat.keras._backend_session import to_numpy
from tfcompat.v1._lift import graph_of, is_keras_tensor_like

__all__ = [
    "variable",
    "constant",
    "zeros",
    "ones",
    "eye",
    "zeros_like",
    "ones_like",
    "identity",
    "random_uniform_variable",
    "random_normal_variable",
    "placeholder",
    "is_placeholder",
    "is_keras_tensor",
    "is_tensor",
    "is_sparse",
    "to_dense",
    "shape",
    "int_shape",
    "ndim",
    "dtype",
    "count_params",
    "get_variable_shape",
]


class DtypeError(InvalidArgumentError, TypeError):
    """A dtype name Keras does not know (Keras 2 raised TypeError, as TF's ``as_dtype``)."""


def check_dtype(dtype):
    """``dtype`` as a Keras dtype name; None is ``K.floatx()``."""
    keras = import_keras()
    if dtype is None:
        return keras.config.floatx()
    try:
        return keras.backend.standardize_dtype(dtype)
    except (TypeError, ValueError):
        raise DtypeError(f"`dtype` must be a dtype name such as 'float32'. Received: dtype={dtype!r}") from None


def _sparse_variable(value, dtype):
    # Keras 2 turned a scipy.sparse matrix into a tf.SparseTensor (not a variable).
    import numpy as np

    tf = import_tf()
    coo = value.tocoo()
    indices = np.stack([coo.row, coo.col], axis=1).astype("int64")
    return tf.SparseTensor(indices=indices, values=coo.data.astype(dtype), dense_shape=coo.shape)


def variable(value, dtype=None, name=None, constraint=None):
    """Mirrors Keras 2 ``K.variable(value, dtype=None, name=None, constraint=None)``.

    Returns a (trainable, as in Keras 2) Keras 3 variable, usable with
    ``get_value``/``set_value`` and inside legacy-graph expressions (they read
    its value when run). ``/`` in ``name`` (allowed in TF1 names, refused by
    Keras 3) becomes ``_``. A scipy sparse matrix gives a ``tf.SparseTensor``,
    as in Keras 2. Inside a user's ``with tf.Graph().as_default():`` the variable
    is a variable of that graph, as TF1 made it.
    """
    import numpy as np

    keras = import_keras()
    dtype = check_dtype(dtype)
    if name is not None and not isinstance(name, str):
        raise InvalidArgumentError(f"`name` must be a string. Received: name={name!r}")
    if hasattr(value, "tocoo"):
        return _sparse_variable(value, dtype)
    try:
        if hasattr(value, "dtype") and not isinstance(value, (np.ndarray, np.generic)):
            value = to_numpy(value, "value")  # a tensor or variable, of a TF1 graph too
        initial = np.asarray(value, dtype=dtype)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"`value` must convert to a {dtype} array. Received: value={value!r}") from None
    tf = import_tf()
    if not tf.executing_eagerly() and not getattr(tf.compat.v1.get_default_graph(), "building_function", False):
        v = tf.compat.v1.Variable(initial, dtype=dtype, name=name, constraint=constraint)
        return v
    return keras.Variable(initial, dtype=dtype, name=name.replace("/", "_") if name else None,
                          constraint=constraint, trainable=True)


def constant(value, dtype=None, shape=None, name=None):
    """Mirrors Keras 2 ``K.constant(value, dtype=None, shape=None, name=None)``: an eager tensor."""
    tf = import_tf()
    dtype = check_dtype(dtype)
    try:
        return tf.constant(value, dtype=dtype, shape=shape, name=name)
    except (TypeError, ValueError) as e:
        raise InvalidArgumentError(
            f"`value` must convert to a {dtype} tensor of shape {shape}. Received: value={value!r} ({e})"
        ) from None


def check_shape(shape):
    """``shape`` as a tuple of non-negative ints (an int is a 1-D shape)."""
    if isinstance(shape, int) and not isinstance(shape, bool):
        shape = (shape,)
    try:
        dims = tuple(int(d) for d in shape)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"`shape` must be a tuple of ints. Received: shape={shape!r}") from None
    if any(d < 0 for d in dims):
        raise InvalidArgumentError(f"`shape` must not have negative dimensions. Received: shape={shape!r}")
    return dims


def zeros(shape, dtype=None, name=None):
    """Mirrors Keras 2 ``K.zeros(shape)``: a variable of zeros."""
    import numpy as np

    return variable(np.zeros(check_shape(shape)), dtype=dtype, name=name)


def ones(shape, dtype=None, name=None):
    """Mirrors Keras 2 ``K.ones(shape)``: a variable of ones."""
    import numpy as np

    return variable(np.ones(check_shape(shape)), dtype=dtype, name=name)


def eye(size, dtype=None, name=None):
    """Mirrors Keras 2 ``K.eye(size)``: an identity-matrix variable (``size`` an int or (rows, cols))."""
    import numpy as np

    rows, cols = (size, size) if isinstance(size, int) else tuple(size)
    return variable(np.eye(rows, cols), dtype=dtype, name=name)


@builds
def zeros_like(x, dtype=None, name=None):
    """Mirrors Keras 2 ``K.zeros_like(x, dtype=None)``: a tensor of zeros shaped as ``x``."""
    return import_tf().zeros_like(x, dtype=None if dtype is None else check_dtype(dtype), name=name)


@builds
def ones_like(x, dtype=None, name=None):
    """Mirrors Keras 2 ``K.ones_like(x, dtype=None)``: a tensor of ones shaped as ``x``."""
    return import_tf().ones_like(x, dtype=None if dtype is None else check_dtype(dtype), name=name)


@builds
def identity(x, name=None):
    """Mirrors Keras 2 ``K.identity(x)``: a tensor with ``x``'s content."""
    return import_tf().identity(x, name=name)


def random_uniform_variable(shape, low, high, dtype=None, name=None, seed=None):
    """Mirrors Keras 2 ``K.random_uniform_variable(shape, low, high, dtype=None, name=None, seed=None)``."""
    import numpy as np

    rng = np.random.RandomState(seed)
    return variable(rng.uniform(low, high, size=check_shape(shape)), dtype=dtype, name=name)


def random_normal_variable(shape, mean, scale, dtype=None, name=None, seed=None):
    """Mirrors Keras 2 ``K.random_normal_variable(shape, mean, scale, dtype=None, name=None, seed=None)``."""
    import numpy as np

    rng = np.random.RandomState(seed)
    return variable(rng.normal(mean, scale, size=check_shape(shape)), dtype=dtype, name=name)


def placeholder(shape=None, ndim=None, dtype=None, sparse=False, name=None):
    """Mirrors Keras 2 ``K.placeholder(shape=None, ndim=None, dtype=None, sparse=False, name=None)``.

    A TF1 placeholder in the legacy graph (``tfcompat.v1``), fed through
    ``K.function`` or ``K.get_session().run(..., feed_dict=...)``; a sparse one
    with ``sparse=True``.
    """
    if not shape and ndim is not None:
        shape = (None,) * int(ndim)
    dtype = check_dtype(dtype)
    if sparse:
        return v1.sparse_placeholder(dtype, shape=shape, name=name)
    return v1.placeholder(dtype, shape=shape, name=name)


def is_placeholder(x) -> bool:
    """Mirrors Keras 2 ``K.is_placeholder(x)``: True for a TF1 placeholder."""
    try:
        return x.op.type in ("Placeholder", "PlaceholderWithDefault")
    except AttributeError:
        return False


def is_tensor(x) -> bool:
    """Mirrors Keras 2 ``K.is_tensor(x)``: a TF tensor, variable or Keras 3 tensor/variable (not numpy)."""
    if is_keras_tensor_like(x):
        return True
    module = type(x).__module__
    if module.startswith("keras"):
        return type(x).__name__ == "Variable"
    if not module.startswith("tensorflow"):
        return False
    return import_tf().is_tensor(x) or hasattr(x, "handle")


def is_keras_tensor(x) -> bool:
    """Mirrors Keras 2 ``K.is_keras_tensor(x)``: True for Keras 3 symbolic tensors (``model.input``...).

    Raises:
        InvalidArgumentError: (a ValueError, as in Keras 2) ``x`` is not a tensor at all.
    """
    if not is_tensor(x):
        raise InvalidArgumentError(
            f"`x` must be a symbolic tensor or a variable. Received: x of type {type(x).__name__}"
        )
    return is_keras_tensor_like(x)


def is_sparse(tensor) -> bool:
    """Mirrors Keras 2 ``K.is_sparse(tensor)``: True for a ``tf.SparseTensor``."""
    return type(tensor).__name__ == "SparseTensor" and type(tensor).__module__.startswith("tensorflow")


def to_dense(tensor):
    """Mirrors Keras 2 ``K.to_dense(tensor)``: a sparse tensor made dense; others unchanged."""
    if not is_sparse(tensor):
        return tensor
    tf = import_tf()
    graph = graph_of(tensor)
    if graph is not None and tf.executing_eagerly():
        with graph.as_default():
            return tf.sparse.to_dense(tensor)
    return tf.sparse.to_dense(tensor)


@builds
def shape(x):
    """Mirrors Keras 2 ``K.shape(x)``: the dynamic shape as an int32 tensor."""
    return import_tf().shape(x)


def int_shape(x):
    """Mirrors Keras 2 ``K.int_shape(x)``: the shape as a tuple of ints / None, or None if unknown."""
    shape_ = getattr(x, "shape", None)
    if shape_ is None:
        raise InvalidArgumentError(f"`x` must be a tensor, variable or array. Received: x={x!r}")
    if getattr(shape_, "rank", 0) is None:
        return None
    return tuple(None if d is None else int(d) for d in shape_)


def ndim(x):
    """Mirrors Keras 2 ``K.ndim(x)``: the rank as an int (None if unknown)."""
    shape_ = int_shape(x)
    return None if shape_ is None else len(shape_)


def dtype(x):
    """Mirrors Keras 2 ``K.dtype(x)``: the dtype name ('float32')."""
    if not hasattr(x, "dtype"):
        raise InvalidArgumentError(f"`x` must be a tensor, variable or array. Received: x={x!r}")
    return import_keras().backend.standardize_dtype(x.dtype)


def count_params(x):
    """Mirrors Keras 2 ``K.count_params(x)``: the number of elements."""
    shape_ = int_shape(x)
    if shape_ is None or any(d is None for d in shape_):
        raise InvalidArgumentError(f"`x` must have a fully known shape. Received: x with shape {shape_}")
    count = 1
    for d in shape_:
        count *= d
    return count


def get_variable_shape(x):
    """Mirrors Keras 2 ``K.get_variable_shape(x)``: ``K.int_shape(x)``."""
    return int_shape(x)
