"""Keras 2 ``K.conv1d``/``K.conv2d``/``K.conv3d``/``K.pool2d``/``K.separable_conv2d``...: convolutions and pooling.

Part of :mod:`tfcompat.keras.backend`, with Keras 2's argument order,
kernel layouts (``(rows, cols, in, out)``; depthwise ``(rows, cols, in,
multiplier)``; transposed ``(rows, cols, out, in)``), ``data_format`` (None is
``K.image_data_format()``; channels-first data is transposed around the op, as
Keras 2 did on CPU) and padding names ``'valid'``/``'same'`` (``'causal'`` for
``conv1d``). Each op runs eagerly, in a TF1 graph or on Keras 3 symbolic tensors.
"""

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.keras._backend_graph import builds, check_data_format, check_padding
from tfcompat.keras._backend_math import tensor

__all__ = [
    "conv1d", "conv2d", "conv3d", "conv2d_transpose", "conv3d_transpose", "separable_conv1d",
    "separable_conv2d", "depthwise_conv2d", "pool2d", "pool3d", "local_conv1d", "local_conv2d",
]


def _tuple(value, n, arg):
    if isinstance(value, int):
        return (value,) * n
    try:
        out = tuple(int(v) for v in value)
    except (TypeError, ValueError):
        out = ()
    if len(out) != n:
        raise InvalidArgumentError(f"`{arg}` must be an int or {n} ints. Received: {arg}={value!r}")
    return out


def _to_last(x, channels_first):
    # (N, C, ...) -> (N, ..., C)
    if not channels_first:
        return x
    rank = x.shape.rank
    return import_tf().transpose(x, [0] + list(range(2, rank)) + [1])


def _to_first(x, channels_first):
    # (N, ..., C) -> (N, C, ...)
    if not channels_first:
        return x
    rank = x.shape.rank
    return import_tf().transpose(x, [0, rank - 1] + list(range(1, rank - 1)))


def _convolve(x, kernel, strides, padding, data_format, dilation_rate, n):
    tf = import_tf()
    first = check_data_format(data_format) == "channels_first"
    padding = check_padding(padding)
    x = _to_last(tensor(x), first)
    out = tf.nn.convolution(x, kernel, strides=_tuple(strides, n, "strides"), padding=padding,
                            dilations=_tuple(dilation_rate, n, "dilation_rate"))
    return _to_first(out, first)


@builds
def conv1d(x, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    """Mirrors Keras 2 ``K.conv1d(x, kernel, strides=1, padding='valid', data_format=None, dilation_rate=1)``.

    ``padding='causal'`` pads on the left only (channels-last data).
    """
    if padding == "causal":
        if check_data_format(data_format) != "channels_last":
            raise InvalidArgumentError(
                f"`padding='causal'` needs `data_format='channels_last'`. Received: data_format={data_format!r}"
            )
        tf = import_tf()
        left = _tuple(dilation_rate, 1, "dilation_rate")[0] * (int(kernel.shape[0]) - 1)
        x = tf.pad(x, [[0, 0], [left, 0], [0, 0]])
        padding = "valid"
    return _convolve(x, kernel, strides, padding, data_format, dilation_rate, 1)


@builds
def conv2d(x, kernel, strides=(1, 1), padding="valid", data_format=None, dilation_rate=(1, 1)):
    """Mirrors Keras 2 ``K.conv2d(x, kernel, strides=(1, 1), padding='valid', data_format=None, dilation_rate=(1, 1))``."""
    return _convolve(x, kernel, strides, padding, data_format, dilation_rate, 2)


@builds
def conv3d(x, kernel, strides=(1, 1, 1), padding="valid", data_format=None, dilation_rate=(1, 1, 1)):
    """Mirrors Keras 2 ``K.conv3d(x, kernel, strides=(1, 1, 1), padding='valid', data_format=None, ...)``."""
    return _convolve(x, kernel, strides, padding, data_format, dilation_rate, 3)


def _transpose_conv(x, kernel, output_shape, strides, padding, data_format, dilation_rate, n):
    tf = import_tf()
    first = check_data_format(data_format) == "channels_first"
    padding = check_padding(padding)
    x = _to_last(tensor(x), first)
    shape = list(output_shape) if isinstance(output_shape, (list, tuple)) else None
    if shape is not None:
        if first:
            shape = [shape[0]] + shape[2:] + [shape[1]]
        if shape[0] is None:
            shape[0] = tf.shape(x)[0]
        shape = tf.stack(shape)
    else:  # a tensor, in the data's own layout
        shape = tf.convert_to_tensor(output_shape)
        if first:
            shape = tf.gather(shape, [0] + list(range(2, n + 2)) + [1])
    dilations = _tuple(dilation_rate, n, "dilation_rate")
    if len(set(dilations)) > 1:  # Keras 2 (atrous_conv2d_transpose) took one rate for all axes
        raise InvalidArgumentError(
            f"`dilation_rate` must be the same on every spatial axis. Received: dilation_rate={dilation_rate!r}"
        )
    fn = tf.nn.conv2d_transpose if n == 2 else tf.nn.conv3d_transpose
    out = fn(x, kernel, shape, strides=(1,) + _tuple(strides, n, "strides") + (1,), padding=padding,
             dilations=(1,) + dilations + (1,))
    return _to_first(out, first)


@builds
def conv2d_transpose(x, kernel, output_shape, strides=(1, 1), padding="valid", data_format=None,
                     dilation_rate=(1, 1)):
    """Mirrors Keras 2.2 ``K.conv2d_transpose(x, kernel, output_shape, strides=(1, 1), padding='valid', ...)``.

    ``kernel`` is ``(rows, cols, output_depth, input_depth)``; ``output_shape``
    may leave the batch size as None.
    """
    return _transpose_conv(x, kernel, output_shape, strides, padding, data_format, dilation_rate, 2)


@builds
def conv3d_transpose(x, kernel, output_shape, strides=(1, 1, 1), padding="valid", data_format=None):
    """Mirrors Keras 2 ``K.conv3d_transpose(x, kernel, output_shape, strides=(1, 1, 1), padding='valid', ...)``."""
    return _transpose_conv(x, kernel, output_shape, strides, padding, data_format, 1, 3)


@builds
def separable_conv2d(x, depthwise_kernel, pointwise_kernel, strides=(1, 1), padding="valid", data_format=None,
                     dilation_rate=(1, 1)):
    """Mirrors Keras 2 ``K.separable_conv2d(x, depthwise_kernel, pointwise_kernel, strides=(1, 1), ...)``."""
    tf = import_tf()
    first = check_data_format(data_format) == "channels_first"
    padding = check_padding(padding)
    x = _to_last(tensor(x), first)
    out = tf.nn.separable_conv2d(x, depthwise_kernel, pointwise_kernel,
                                 strides=(1,) + _tuple(strides, 2, "strides") + (1,), padding=padding,
                                 dilations=_tuple(dilation_rate, 2, "dilation_rate"))
    return _to_first(out, first)


@builds
def separable_conv1d(x, depthwise_kernel, pointwise_kernel, strides=1, padding="valid", data_format=None,
                     dilation_rate=1):
    """Mirrors Keras 2 ``K.separable_conv1d(x, depthwise_kernel, pointwise_kernel, strides=1, ...)``."""
    tf = import_tf()
    first = check_data_format(data_format) == "channels_first"
    padding = check_padding(padding)
    x = tf.expand_dims(_to_last(tensor(x), first), 1)
    out = tf.nn.separable_conv2d(x, tf.expand_dims(depthwise_kernel, 0), tf.expand_dims(pointwise_kernel, 0),
                                 strides=(1, 1) + _tuple(strides, 1, "strides") + (1,), padding=padding,
                                 dilations=(1,) + _tuple(dilation_rate, 1, "dilation_rate"))
    return _to_first(tf.squeeze(out, [1]), first)


@builds
def depthwise_conv2d(x, depthwise_kernel, strides=(1, 1), padding="valid", data_format=None, dilation_rate=(1, 1)):
    """Mirrors Keras 2 ``K.depthwise_conv2d(x, depthwise_kernel, strides=(1, 1), padding='valid', ...)``."""
    tf = import_tf()
    first = check_data_format(data_format) == "channels_first"
    padding = check_padding(padding)
    x = _to_last(tensor(x), first)
    out = tf.nn.depthwise_conv2d(x, depthwise_kernel, strides=(1,) + _tuple(strides, 2, "strides") + (1,),
                                 padding=padding, dilations=_tuple(dilation_rate, 2, "dilation_rate"))
    return _to_first(out, first)


def _pool(x, pool_size, strides, padding, data_format, pool_mode, n):
    tf = import_tf()
    first = check_data_format(data_format) == "channels_first"
    padding = check_padding(padding)
    if pool_mode not in ("max", "avg"):
        raise InvalidArgumentError(f"`pool_mode` must be 'max' or 'avg'. Received: pool_mode={pool_mode!r}")
    x = _to_last(tensor(x), first)
    fn = tf.nn.max_pool if pool_mode == "max" else tf.nn.avg_pool
    out = fn(x, _tuple(pool_size, n, "pool_size"), _tuple(strides, n, "strides"), padding)
    return _to_first(out, first)


@builds
def pool2d(x, pool_size, strides=(1, 1), padding="valid", data_format=None, pool_mode="max"):
    """Mirrors Keras 2 ``K.pool2d(x, pool_size, strides=(1, 1), padding='valid', data_format=None, pool_mode='max')``."""
    return _pool(x, pool_size, strides, padding, data_format, pool_mode, 2)


@builds
def pool3d(x, pool_size, strides=(1, 1, 1), padding="valid", data_format=None, pool_mode="max"):
    """Mirrors Keras 2 ``K.pool3d(x, pool_size, strides=(1, 1, 1), padding='valid', data_format=None, pool_mode='max')``."""
    return _pool(x, pool_size, strides, padding, data_format, pool_mode, 3)


def _local(patches, kernel, tf):
    # patches: (positions, batch, features); kernel: (positions, features, filters)
    return tf.matmul(tf.concat(patches, axis=0), kernel)


@builds
def local_conv1d(inputs, kernel, kernel_size, strides, data_format=None):
    """Mirrors Keras 2 ``K.local_conv1d(inputs, kernel, kernel_size, strides, data_format=None)``: unshared weights.

    ``inputs`` ``(batch, steps, features)``; ``kernel`` ``(output_length,
    kernel_size * features, filters)``; the result ``(batch, output_length, filters)``.
    """
    tf = import_tf()
    inputs = tensor(inputs)
    output_length, feature_dim, _ = kernel.shape
    stride, size = _tuple(strides, 1, "strides")[0], _tuple(kernel_size, 1, "kernel_size")[0]
    patches = [tf.reshape(inputs[:, i * stride:i * stride + size, :], (1, -1, feature_dim))
               for i in range(output_length)]
    return tf.transpose(_local(patches, kernel, tf), (1, 0, 2))


@builds
def local_conv2d(inputs, kernel, kernel_size, strides, output_shape, data_format=None):
    """Mirrors Keras 2 ``K.local_conv2d(inputs, kernel, kernel_size, strides, output_shape, data_format=None)``.

    ``kernel`` is ``(output_rows * output_cols, rows * cols * channels, filters)``.
    """
    tf = import_tf()
    first = check_data_format(data_format) == "channels_first"
    inputs = tensor(inputs)
    stride_row, stride_col = _tuple(strides, 2, "strides")
    size_row, size_col = _tuple(kernel_size, 2, "kernel_size")
    output_row, output_col = _tuple(output_shape, 2, "output_shape")
    feature_dim, filters = kernel.shape[1], kernel.shape[2]
    patches = []
    for i in range(output_row):
        rows = slice(i * stride_row, i * stride_row + size_row)
        for j in range(output_col):
            cols = slice(j * stride_col, j * stride_col + size_col)
            patch = inputs[:, :, rows, cols] if first else inputs[:, rows, cols, :]
            patches.append(tf.reshape(patch, (1, -1, feature_dim)))
    out = tf.reshape(_local(patches, kernel, tf), (output_row, output_col, -1, filters))
    return tf.transpose(out, (2, 3, 0, 1) if first else (2, 0, 1, 3))
