"""Keras 2 ``K.concatenate``/``K.reshape``/``K.expand_dims``/``K.resize_images``...: shapes, padding, resizing.

Part of :mod:`tfcompat.keras.backend`, with Keras 2's signatures
(``squeeze(x, axis)``, ``expand_dims(x, axis=-1)``, ``arange(start, stop=None,
step=1, dtype='int32')``, ``repeat(x, n)`` on 2-D tensors...) and data formats
(``None`` is ``K.image_data_format()``). Each op runs eagerly, in a TF1 graph or
on Keras 3 symbolic tensors.
"""

import math as _math

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.keras._backend_graph import builds, check_data_format
from tfcompat.keras._backend_math import tensor
from tfcompat.keras._backend_tensors import check_dtype, to_dense

__all__ = [
    "concatenate", "reshape", "permute_dimensions", "repeat_elements", "repeat", "arange", "tile",
    "flatten", "batch_flatten", "expand_dims", "squeeze", "stack", "one_hot", "reverse", "slice",
    "temporal_padding", "spatial_2d_padding", "spatial_3d_padding", "resize_images", "resize_volumes",
]


def _note_shape(x):
    # Keras 2 tensors carried `_keras_shape`; 2018 custom layers read it.
    try:
        x._keras_shape = tuple(x.shape.as_list()) if x.shape.rank is not None else None
    except (AttributeError, TypeError):
        pass
    return x


@builds
def concatenate(tensors, axis=-1):
    """Mirrors Keras 2 ``K.concatenate(tensors, axis=-1)``; all-sparse inputs give a sparse result."""
    tf = import_tf()
    if not isinstance(tensors, (list, tuple)) or not tensors:
        raise InvalidArgumentError(f"`tensors` must be a non-empty list of tensors. Received: tensors={tensors!r:.200}")
    sparse = [type(t).__name__ == "SparseTensor" for t in tensors]
    if axis < 0:
        rank = tensors[0].shape.rank if hasattr(tensors[0], "shape") else None
        axis = axis % rank if rank else 0
    if all(sparse):
        return tf.sparse.concat(axis, list(tensors))
    return tf.concat([to_dense(t) if s else t for t, s in zip(tensors, sparse)], axis)


@builds
def reshape(x, shape):
    """Mirrors Keras 2 ``K.reshape(x, shape)``."""
    return import_tf().reshape(x, shape)


@builds
def permute_dimensions(x, pattern):
    """Mirrors Keras 2 ``K.permute_dimensions(x, pattern)``: ``pattern`` lists every axis, e.g. (0, 2, 1)."""
    return import_tf().transpose(x, perm=list(pattern))


@builds
def repeat_elements(x, rep, axis):
    """Mirrors Keras 2 ``K.repeat_elements(x, rep, axis)``: each element ``rep`` times along ``axis``.

    ``np.repeat`` semantics: ``[1, 2]`` with ``rep=2`` gives ``[1, 1, 2, 2]``.
    """
    return _note_shape(import_tf().repeat(x, rep, axis=axis))


@builds
def repeat(x, n):
    """Mirrors Keras 2 ``K.repeat(x, n)``: a 2-D ``(samples, dim)`` tensor to ``(samples, n, dim)``."""
    tf = import_tf()
    x = tensor(x)
    if x.shape.rank != 2:
        raise InvalidArgumentError(f"`x` must be 2-D (samples, dim). Received: x with shape {x.shape}")
    return tf.tile(tf.expand_dims(x, 1), [1, n, 1])


@builds
def arange(start, stop=None, step=1, dtype="int32"):
    """Mirrors Keras 2 ``K.arange(start, stop=None, step=1, dtype='int32')``: a 1-D range tensor.

    With one argument, ``arange(n)`` counts from 0 and a negative ``n`` gives
    an empty tensor, as ``np.arange``.
    """
    tf = import_tf()
    dtype = check_dtype(dtype)
    if stop is None:  # arange(n): 0..n-1, empty for a negative n
        stop, start = start, 0
        if hasattr(stop, "dtype"):
            start = tf.zeros((), stop.dtype)
            stop = tf.maximum(stop, start)
        elif stop < 0:
            stop = 0
    result = tf.range(start, limit=stop, delta=step, name="arange")
    return result if dtype == "int32" else tf.cast(result, dtype)


@builds
def tile(x, n):
    """Mirrors Keras 2 ``K.tile(x, n)``: ``n`` repetitions per axis (an int for a 1-D ``x``)."""
    return import_tf().tile(x, [n] if isinstance(n, int) else n)


@builds
def flatten(x):
    """Mirrors Keras 2 ``K.flatten(x)``: a 1-D tensor."""
    return import_tf().reshape(x, [-1])


@builds
def batch_flatten(x):
    """Mirrors Keras 2 ``K.batch_flatten(x)``: ``(samples, ...)`` to ``(samples, features)``."""
    tf = import_tf()
    x = tensor(x)
    rest = x.shape.as_list()[1:] if x.shape.rank is not None else [None]
    if all(d is not None for d in rest):
        return tf.reshape(x, [-1, _math.prod(rest)])
    return tf.reshape(x, tf.stack([-1, tf.reduce_prod(tf.shape(x)[1:])]))


@builds
def expand_dims(x, axis=-1):
    """Mirrors Keras 2 ``K.expand_dims(x, axis=-1)``."""
    return import_tf().expand_dims(x, axis)


@builds
def squeeze(x, axis):
    """Mirrors Keras 2 ``K.squeeze(x, axis)``: removes the size-1 axis ``axis`` (required)."""
    return import_tf().squeeze(x, [axis])


@builds
def stack(x, axis=0):
    """Mirrors Keras 2 ``K.stack(x, axis=0)``: a list of tensors to one tensor."""
    return import_tf().stack(list(x), axis=axis)


@builds
def one_hot(indices, num_classes):
    """Mirrors Keras 2 ``K.one_hot(indices, num_classes)``: a float32 one-hot axis appended."""
    tf = import_tf()
    indices = tensor(indices)
    if indices.dtype.is_floating:
        indices = tf.cast(indices, "int32")
    return tf.one_hot(indices, depth=num_classes, axis=-1)


@builds
def reverse(x, axes):
    """Mirrors Keras 2 ``K.reverse(x, axes)``: reversed along ``axes`` (an int or a list)."""
    return import_tf().reverse(x, [axes] if isinstance(axes, int) else list(axes))


@builds
def slice(x, start, size):  # noqa: A001 - Keras 2 name
    """Mirrors Keras 2 ``K.slice(x, start, size)``: ``size[i]`` elements from ``start[i]`` on each axis."""
    return import_tf().slice(x, start, size)


def _pairs(padding, count, arg="padding"):
    try:
        pairs = [tuple(int(v) for v in p) for p in padding]
    except (TypeError, ValueError):
        pairs = None
    if pairs is None or len(pairs) != count or any(len(p) != 2 for p in pairs):
        raise InvalidArgumentError(
            f"`{arg}` must be {count} pairs of ints ((before, after) per spatial axis). Received: {arg}={padding!r}"
        )
    return [list(p) for p in pairs]


@builds
def temporal_padding(x, padding=(1, 1)):
    """Mirrors Keras 2 ``K.temporal_padding(x, padding=(1, 1))``: zeros around axis 1 of a 3-D tensor."""
    (pair,) = _pairs([padding], 1)
    return import_tf().pad(x, [[0, 0], pair, [0, 0]])


def _spatial_pad(x, padding, count, data_format):
    pattern = _pairs(padding, count)
    if check_data_format(data_format) == "channels_first":
        pattern = [[0, 0], [0, 0]] + pattern
    else:
        pattern = [[0, 0]] + pattern + [[0, 0]]
    return import_tf().pad(x, pattern)


@builds
def spatial_2d_padding(x, padding=((1, 1), (1, 1)), data_format=None):
    """Mirrors Keras 2 ``K.spatial_2d_padding(x, padding=((1, 1), (1, 1)), data_format=None)``."""
    return _spatial_pad(x, padding, 2, data_format)


@builds
def spatial_3d_padding(x, padding=((1, 1), (1, 1), (1, 1)), data_format=None):
    """Mirrors Keras 2 ``K.spatial_3d_padding(x, padding=((1, 1),) * 3, data_format=None)``."""
    return _spatial_pad(x, padding, 3, data_format)


@builds
def resize_images(x, height_factor, width_factor, data_format, interpolation="nearest"):
    """Mirrors Keras 2.2 ``K.resize_images(x, height_factor, width_factor, data_format, interpolation='nearest')``.

    Integer upscaling of a 4-D tensor; 'nearest' repeats pixels, 'bilinear' is
    TF1's ``resize_bilinear`` (corners not aligned), as Keras 2 on TF 1.x.
    """
    tf = import_tf()
    data_format = check_data_format(data_format)
    if interpolation not in ("nearest", "bilinear"):
        raise InvalidArgumentError(
            f"`interpolation` must be 'nearest' or 'bilinear'. Received: interpolation={interpolation!r}"
        )
    x = tensor(x)
    rows, cols = (2, 3) if data_format == "channels_first" else (1, 2)
    static = x.shape.as_list()
    size = tf.shape(x)[rows:cols + 1] * tf.constant([height_factor, width_factor], "int32")
    if data_format == "channels_first":
        x = tf.transpose(x, [0, 2, 3, 1])
    resize = (tf.compat.v1.image.resize_nearest_neighbor if interpolation == "nearest"
              else tf.compat.v1.image.resize_bilinear)
    out = resize(x, size)
    if data_format == "channels_first":
        out = tf.transpose(out, [0, 3, 1, 2])
    known = list(static)
    known[rows] = None if static[rows] is None else static[rows] * height_factor
    known[cols] = None if static[cols] is None else static[cols] * width_factor
    out.set_shape(known)
    return out


@builds
def resize_volumes(x, depth_factor, height_factor, width_factor, data_format):
    """Mirrors Keras 2 ``K.resize_volumes(x, depth_factor, height_factor, width_factor, data_format)``."""
    tf = import_tf()
    first = 2 if check_data_format(data_format) == "channels_first" else 1
    for axis, factor in zip(range(first, first + 3), (depth_factor, height_factor, width_factor)):
        x = tf.repeat(x, factor, axis=axis)
    return x
