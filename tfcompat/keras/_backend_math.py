"""Keras 2 ``K.sum``/``K.mean``/``K.dot``/``K.batch_dot``/``K.argmax``...: reductions, element-wise math, products.

Part of :mod:`tfcompat.keras.backend`. Keras 2's argument orders and defaults
(``axis=None, keepdims=False``; ``argmax(x, axis=-1)``; ``cumsum(x, axis=0)``;
``clip`` accepting ``max_value=None``), its dtype rules (``mean``/``var`` of a
bool tensor in ``floatx``; ``sqrt`` of negatives is 0) and its Theano-style
``dot``/``batch_dot`` shapes. Every op runs on eager values, in a TF1 graph or
on Keras 3 symbolic tensors (:func:`tfcompat.keras._backend_graph.builds`).
"""

import builtins

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras, import_tf
from tfcompat.keras._backend_graph import builds
from tfcompat.keras._backend_tensors import check_dtype

__all__ = [
    "max", "min", "sum", "prod", "mean", "var", "std", "any", "all", "argmax", "argmin",
    "cumsum", "cumprod", "logsumexp",
    "square", "abs", "sqrt", "exp", "log", "round", "sign", "pow", "clip", "sin", "cos", "cast",
    "equal", "not_equal", "greater", "greater_equal", "less", "less_equal", "maximum", "minimum",
    "dot", "batch_dot", "transpose", "gather",
]


def tensor(x, dtype=None):
    """``x`` as a TF tensor (Keras 3 variables, numpy and Python values included)."""
    tf = import_tf()
    if isinstance(x, tf.Tensor) and (dtype is None or x.dtype == dtype):
        return x
    if type(x).__module__.startswith("keras") and dtype is None:
        dtype = import_keras().backend.standardize_dtype(x.dtype)
    return tf.convert_to_tensor(x, dtype=dtype)


def _float(x):
    # Keras 2 averaged bool tensors as floatx.
    x = tensor(x)
    if x.dtype.is_bool:
        x = import_tf().cast(x, import_keras().config.floatx())
    return x


@builds
def max(x, axis=None, keepdims=False):  # noqa: A001 - Keras 2 name
    """Mirrors Keras 2 ``K.max(x, axis=None, keepdims=False)``."""
    return import_tf().reduce_max(x, axis, keepdims)


@builds
def min(x, axis=None, keepdims=False):  # noqa: A001 - Keras 2 name
    """Mirrors Keras 2 ``K.min(x, axis=None, keepdims=False)``."""
    return import_tf().reduce_min(x, axis, keepdims)


@builds
def sum(x, axis=None, keepdims=False):  # noqa: A001 - Keras 2 name
    """Mirrors Keras 2 ``K.sum(x, axis=None, keepdims=False)``."""
    return import_tf().reduce_sum(x, axis, keepdims)


@builds
def prod(x, axis=None, keepdims=False):
    """Mirrors Keras 2 ``K.prod(x, axis=None, keepdims=False)``."""
    return import_tf().reduce_prod(x, axis, keepdims)


@builds
def mean(x, axis=None, keepdims=False):
    """Mirrors Keras 2 ``K.mean(x, axis=None, keepdims=False)`` (a bool ``x`` averages as floatx)."""
    return import_tf().reduce_mean(_float(x), axis, keepdims)


def _variance(x, axis, keepdims):
    tf = import_tf()
    x = _float(x)
    centered = x - tf.reduce_mean(x, axis, True)
    return tf.reduce_mean(tf.square(centered), axis, keepdims)


@builds
def var(x, axis=None, keepdims=False):
    """Mirrors Keras 2 ``K.var(x, axis=None, keepdims=False)``: the (biased) variance."""
    return _variance(x, axis, keepdims)


@builds
def std(x, axis=None, keepdims=False):
    """Mirrors Keras 2 ``K.std(x, axis=None, keepdims=False)``: the (biased) standard deviation."""
    return import_tf().sqrt(_variance(x, axis, keepdims))


@builds
def any(x, axis=None, keepdims=False):  # noqa: A001 - Keras 2 name
    """Mirrors Keras 2 ``K.any(x, axis=None, keepdims=False)``: bitwise reduction (logical OR)."""
    tf = import_tf()
    return tf.reduce_any(tf.cast(x, tf.bool), axis, keepdims)


@builds
def all(x, axis=None, keepdims=False):  # noqa: A001 - Keras 2 name
    """Mirrors Keras 2 ``K.all(x, axis=None, keepdims=False)``: bitwise reduction (logical AND)."""
    tf = import_tf()
    return tf.reduce_all(tf.cast(x, tf.bool), axis, keepdims)


@builds
def argmax(x, axis=-1):
    """Mirrors Keras 2 ``K.argmax(x, axis=-1)`` (int64 indices)."""
    return import_tf().argmax(x, axis)


@builds
def argmin(x, axis=-1):
    """Mirrors Keras 2 ``K.argmin(x, axis=-1)`` (int64 indices)."""
    return import_tf().argmin(x, axis)


@builds
def cumsum(x, axis=0):
    """Mirrors Keras 2 ``K.cumsum(x, axis=0)``."""
    return import_tf().cumsum(x, axis=axis)


@builds
def cumprod(x, axis=0):
    """Mirrors Keras 2 ``K.cumprod(x, axis=0)``."""
    return import_tf().math.cumprod(x, axis=axis)


@builds
def logsumexp(x, axis=None, keepdims=False):
    """Mirrors Keras 2 ``K.logsumexp(x, axis=None, keepdims=False)`` (numerically stable)."""
    return import_tf().reduce_logsumexp(x, axis, keepdims)


@builds
def square(x):
    """Mirrors Keras 2 ``K.square(x)``."""
    return import_tf().square(x)


@builds
def abs(x):  # noqa: A001 - Keras 2 name
    """Mirrors Keras 2 ``K.abs(x)``."""
    return import_tf().abs(x)


@builds
def sqrt(x):
    """Mirrors Keras 2 ``K.sqrt(x)``: negatives are clipped to 0 first (no NaN)."""
    tf = import_tf()
    x = tensor(x)
    return tf.sqrt(tf.maximum(x, tf.zeros((), x.dtype)))


@builds
def exp(x):
    """Mirrors Keras 2 ``K.exp(x)``."""
    return import_tf().exp(x)


@builds
def log(x):
    """Mirrors Keras 2 ``K.log(x)``."""
    return import_tf().math.log(x)


@builds
def round(x):  # noqa: A001 - Keras 2 name
    """Mirrors Keras 2 ``K.round(x)``: to the nearest integer, halves to even."""
    return import_tf().round(x)


@builds
def sign(x):
    """Mirrors Keras 2 ``K.sign(x)``."""
    return import_tf().sign(x)


@builds
def pow(x, a):  # noqa: A001 - Keras 2 name
    """Mirrors Keras 2 ``K.pow(x, a)``: element-wise ``x ** a``."""
    x = tensor(x)
    return import_tf().pow(x, import_tf().cast(a, x.dtype) if not hasattr(a, "shape") else a)


@builds
def clip(x, min_value, max_value):
    """Mirrors Keras 2 ``K.clip(x, min_value, max_value)``.

    ``max_value=None`` means no upper bound; a ``max_value`` below ``min_value``
    is raised to ``min_value``, as Keras 2 did.
    """
    tf = import_tf()
    x = tensor(x)
    if max_value is not None and not hasattr(max_value, "shape") and not hasattr(min_value, "shape") \
            and max_value < min_value:
        max_value = min_value
    if max_value is None:
        max_value = float("inf")
    return tf.clip_by_value(x, tf.cast(min_value, x.dtype), tf.cast(max_value, x.dtype))


@builds
def sin(x):
    """Mirrors Keras 2 ``K.sin(x)``."""
    return import_tf().sin(x)


@builds
def cos(x):
    """Mirrors Keras 2 ``K.cos(x)``."""
    return import_tf().cos(x)


@builds
def cast(x, dtype):
    """Mirrors Keras 2 ``K.cast(x, dtype)``."""
    return import_tf().cast(x, check_dtype(dtype))


def _compare(name, doc):
    def op(x, y):
        return getattr(import_tf().math, name)(x, y)

    op.__name__ = op.__qualname__ = name
    op.__doc__ = doc
    return builds(op)


equal = _compare("equal", "Mirrors Keras 2 ``K.equal(x, y)``: element-wise equality (bool).")
not_equal = _compare("not_equal", "Mirrors Keras 2 ``K.not_equal(x, y)`` (bool).")
greater = _compare("greater", "Mirrors Keras 2 ``K.greater(x, y)``: element-wise ``x > y`` (bool).")
greater_equal = _compare("greater_equal", "Mirrors Keras 2 ``K.greater_equal(x, y)`` (bool).")
less = _compare("less", "Mirrors Keras 2 ``K.less(x, y)``: element-wise ``x < y`` (bool).")
less_equal = _compare("less_equal", "Mirrors Keras 2 ``K.less_equal(x, y)`` (bool).")
maximum = _compare("maximum", "Mirrors Keras 2 ``K.maximum(x, y)``: element-wise maximum.")
minimum = _compare("minimum", "Mirrors Keras 2 ``K.minimum(x, y)``: element-wise minimum.")


def _dims(x):
    # static dims where known, dynamic ones (scalar tensors) elsewhere
    tf = import_tf()
    dynamic = tf.shape(x)
    return [d if d is not None else dynamic[i] for i, d in enumerate(x.shape.as_list())]


@builds
def dot(x, y):
    """Mirrors Keras 2 ``K.dot(x, y)``, Theano-style for n-D: ``(2, 3) . (4, 3, 5) -> (2, 4, 5)``.

    ``x`` contracts its last axis with ``y``'s second-to-last; a sparse ``x``
    (``tf.SparseTensor``) multiplies a dense ``y``.
    """
    tf = import_tf()
    if type(x).__name__ == "SparseTensor":
        return tf.sparse.sparse_dense_matmul(x, tensor(y))
    x, y = tensor(x), tensor(y)
    if x.shape.rank is not None and (x.shape.rank > 2 or y.shape.rank > 2):
        x_dims, y_dims = _dims(x), _dims(y)
        order = list(range(y.shape.rank))
        order = [order.pop(-2)] + order  # the contracted axis first
        x2 = tf.reshape(x, [-1, x_dims[-1]])
        y2 = tf.reshape(tf.transpose(y, order), [y_dims[-2], -1])
        return tf.reshape(tf.matmul(x2, y2), x_dims[:-1] + y_dims[:-2] + y_dims[-1:])
    return tf.matmul(x, y)


@builds
def batch_dot(x, y, axes=None):
    """Mirrors Keras 2.2 ``K.batch_dot(x, y, axes=None)``: dot products of the samples of two batches.

    ``axes`` (an int, or one int per tensor) names the axes reduced, default
    ``(ndim(x) - 1, ndim(y) - 2)``. The result keeps ``x``'s other axes then
    ``y``'s other non-batch axes, and is at least 2-D (Keras 2.2's shapes).

    Raises:
        InvalidArgumentError: several axes per tensor.
    """
    tf = import_tf()
    x, y = tensor(x), tensor(y)
    if isinstance(axes, int):
        axes = (axes, axes)
    x_ndim, y_ndim = x.shape.rank, y.shape.rank
    if axes is None:
        axes = (x_ndim - 1, y_ndim - 2)
    if builtins.any(isinstance(a, (list, tuple)) for a in axes):
        raise InvalidArgumentError(
            f"`axes` must be None, an int or a pair of ints (one axis per tensor). Received: axes={axes!r}"
        )
    axes = [a % r if a < 0 else a for a, r in zip(axes, (x_ndim, y_ndim))]
    diff = builtins.abs(x_ndim - y_ndim)
    if x_ndim > y_ndim:
        y = tf.reshape(y, tf.concat([tf.shape(y), [1] * diff], axis=0))
    elif y_ndim > x_ndim:
        x = tf.reshape(x, tf.concat([tf.shape(x), [1] * diff], axis=0))
    rank = builtins.max(x_ndim, y_ndim)
    if rank == 2:
        if axes[0] == axes[1]:
            out = tf.reduce_sum(x * y, axes[0])
        else:
            out = tf.reduce_sum(tf.transpose(x, [1, 0]) * y, axes[1])
    else:
        out = tf.matmul(x, y, adjoint_a=axes[0] != rank - 1, adjoint_b=axes[1] == rank - 1)
    if diff:
        start = x_ndim + y_ndim - 3 if x_ndim > y_ndim else x_ndim - 1
        out = tf.squeeze(out, list(range(start, start + diff)))
    if out.shape.rank == 1:
        out = tf.expand_dims(out, 1)
    return out


@builds
def transpose(x):
    """Mirrors Keras 2 ``K.transpose(x)``: all axes reversed."""
    return import_tf().transpose(x)


@builds
def gather(reference, indices):
    """Mirrors Keras 2 ``K.gather(reference, indices)``: rows of ``reference`` (axis 0)."""
    tf = import_tf()
    return tf.gather(reference, tf.cast(indices, "int32") if tensor(indices).dtype.is_floating else indices)
