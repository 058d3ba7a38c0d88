"""Mirrors TF 1.x's ``tf.layers`` convolution and pooling layers and their functional forms.

``Conv1D/2D/3D``, ``Conv2DTranspose``, ``SeparableConv2D``, ``MaxPooling1D/2D/3D``,
``AveragePooling1D/2D/3D`` (and ``conv2d``, ``max_pooling2d``...). Kernels are
``<scope>/kernel`` in TF1's HWIO layout whatever the data format;
``channels_first`` inputs are transposed around the op (TF's CPU kernels only
take channels-last), which gives TF1's values.
"""

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.v1.layers._base import InputSpec, Layer, in_default_graph, normalize_data_format, normalize_padding, normalize_tuple

__all__ = [
    "Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose", "Conv3DTranspose", "SeparableConv1D", "SeparableConv2D",
    "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D",
    "conv1d", "conv2d", "conv3d", "conv2d_transpose", "conv3d_transpose", "separable_conv1d", "separable_conv2d",
    "max_pooling1d", "max_pooling2d", "max_pooling3d", "average_pooling1d", "average_pooling2d",
    "average_pooling3d",
]


def _to_last(v1, x, rank, data_format):
    if data_format == "channels_first":
        return v1.transpose(x, [0] + list(range(2, rank)) + [1])
    return x


def _to_first(v1, x, rank, data_format):
    if data_format == "channels_first":
        return v1.transpose(x, [0, rank - 1] + list(range(1, rank - 1)))
    return x


class _Conv(Layer):
    """``rank``-D convolution: ``activation(conv(inputs, kernel) + bias)``; subclasses set ``_rank``."""

    _rank = 2

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                 dilation_rate=1, activation=None, use_bias=True, kernel_initializer=None, bias_initializer=None,
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name, activity_regularizer=activity_regularizer, **kwargs)
        if isinstance(filters, bool) or not isinstance(filters, int) or filters <= 0:
            raise InvalidArgumentError(f"`filters` must be a positive int. Received: filters={filters!r}")
        rank = self._rank
        self.rank = rank
        self.filters = filters
        self.kernel_size = normalize_tuple(kernel_size, rank, "kernel_size")
        self.strides = normalize_tuple(strides, rank, "strides")
        self.padding = normalize_padding(padding)
        self.data_format = normalize_data_format(data_format)
        self.dilation_rate = normalize_tuple(dilation_rate, rank, "dilation_rate")
        self.activation = activation
        self.use_bias = bool(use_bias)
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint
        self.input_spec = InputSpec(ndim=rank + 2)

    def _channels(self, input_shape):
        axis = 1 if self.data_format == "channels_first" else -1
        channels = input_shape[axis] if input_shape.rank else None
        if channels is None:
            raise ValueError(f"The channel dimension of the inputs should be defined. The input_shape received is "
                             f"{input_shape}, where axis {axis} (0-based) is the channel dimension, which found "
                             "to be `None`.")
        return axis, int(channels)

    def _kernel_shape(self, channels):
        return list(self.kernel_size) + [channels, self.filters]

    def build(self, input_shape):
        v1 = import_tf().compat.v1
        axis, channels = self._channels(input_shape)
        self.input_spec = InputSpec(ndim=self.rank + 2, axes={axis: channels})
        self.kernel = self.add_weight("kernel", shape=self._kernel_shape(channels),
                                      initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, trainable=True, dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight("bias", shape=[self.filters],
                                        initializer=self.bias_initializer or v1.zeros_initializer(),
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        trainable=True, dtype=self.dtype)
        else:
            self.bias = None
        self.built = True

    def _convolve(self, v1, x):
        return v1.nn.convolution(x, self.kernel, padding=self.padding.upper(), strides=list(self.strides),
                                 dilation_rate=list(self.dilation_rate))

    def call(self, inputs):
        v1 = import_tf().compat.v1
        rank = self.rank + 2
        outputs = self._convolve(v1, _to_last(v1, inputs, rank, self.data_format))
        if self.use_bias:
            outputs = v1.nn.bias_add(outputs, self.bias)
        outputs = _to_first(v1, outputs, rank, self.data_format)
        return self.activation(outputs) if self.activation is not None else outputs


class Conv1D(_Conv):
    """Mirrors ``tf.layers.Conv1D(filters, kernel_size, strides=1, padding='valid', data_format='channels_last', ...)``."""

    _rank = 1


class Conv2D(_Conv):
    """Mirrors ``tf.layers.Conv2D(filters, kernel_size, strides=(1, 1), padding='valid', ...)``; kernel ``[kh, kw, in, out]``."""

    _rank = 2


class Conv3D(_Conv):
    """Mirrors ``tf.layers.Conv3D(filters, kernel_size, strides=(1, 1, 1), padding='valid', ...)``."""

    _rank = 3


def _deconv_length(size, kernel, stride, padding):
    if size is None:
        return None
    if padding == "valid":
        return size * stride + max(kernel - stride, 0)
    return size * stride


class _ConvTranspose(_Conv):
    """Transposed convolution over ``_rank`` (2 or 3) dimensions; the kernel is ``[*kernel_size, filters, in]``."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                 activation=None, use_bias=True, kernel_initializer=None, bias_initializer=None,
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
                         activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         trainable=trainable, name=name, **kwargs)

    def _kernel_shape(self, channels):
        return list(self.kernel_size) + [self.filters, channels]

    def _convolve(self, v1, x):
        dynamic, static = v1.shape(x), x.shape.as_list()
        sizes = [_deconv_length(static[i + 1], k, s, self.padding)
                 for i, (k, s) in enumerate(zip(self.kernel_size, self.strides))]
        wanted = [size if size is not None else _deconv_length(dynamic[i + 1], k, s, self.padding)
                  for i, (size, k, s) in enumerate(zip(sizes, self.kernel_size, self.strides))]
        out_shape = v1.stack([dynamic[0], *wanted, self.filters])
        op = v1.nn.conv2d_transpose if self._rank == 2 else v1.nn.conv3d_transpose
        out = op(x, self.kernel, out_shape, strides=[1, *self.strides, 1], padding=self.padding.upper())
        out.set_shape([static[0], *sizes, self.filters])
        return out


class Conv2DTranspose(_ConvTranspose):
    """Mirrors ``tf.layers.Conv2DTranspose(filters, kernel_size, strides=(1, 1), padding='valid', ...)``.

    The kernel is ``[kh, kw, filters, in_channels]``, as in TF1.
    """

    _rank = 2


class Conv3DTranspose(_ConvTranspose):
    """Mirrors ``tf.layers.Conv3DTranspose(filters, kernel_size, strides=(1, 1, 1), padding='valid', ...)``."""

    _rank = 3


class _SeparableConv(_Conv):
    """Depthwise then pointwise convolution; 1-D inputs run as 2-D images of height 1, as in TF1."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                 dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True,
                 depthwise_initializer=None, pointwise_initializer=None, bias_initializer=None,
                 depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, pointwise_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
                         dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                         bias_initializer=bias_initializer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, bias_constraint=bias_constraint,
                         trainable=trainable, name=name, **kwargs)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = depthwise_initializer
        self.pointwise_initializer = pointwise_initializer
        self.depthwise_regularizer = depthwise_regularizer
        self.pointwise_regularizer = pointwise_regularizer
        self.depthwise_constraint = depthwise_constraint
        self.pointwise_constraint = pointwise_constraint

    def build(self, input_shape):
        v1 = import_tf().compat.v1
        axis, channels = self._channels(input_shape)
        self.input_spec = InputSpec(ndim=self._rank + 2, axes={axis: channels})
        self.depthwise_kernel = self.add_weight(
            "depthwise_kernel", shape=[*self.kernel_size, channels, self.depth_multiplier],
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        self.pointwise_kernel = self.add_weight(
            "pointwise_kernel", shape=[1] * self._rank + [self.depth_multiplier * channels, self.filters],
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint, trainable=True, dtype=self.dtype)
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight("bias", shape=[self.filters],
                                        initializer=self.bias_initializer or v1.zeros_initializer(),
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        trainable=True, dtype=self.dtype)
        self.built = True

    def _convolve(self, v1, x):
        depthwise, pointwise = self.depthwise_kernel, self.pointwise_kernel
        strides, rate = list(self.strides), list(self.dilation_rate)
        if self._rank == 1:
            x = v1.expand_dims(x, 1)
            depthwise, pointwise = v1.expand_dims(depthwise, 0), v1.expand_dims(pointwise, 0)
            strides, rate = [1] + strides, [1] + rate
        out = v1.nn.separable_conv2d(x, depthwise, pointwise, strides=[1, *strides, 1],
                                     padding=self.padding.upper(), rate=rate)
        return v1.squeeze(out, [1]) if self._rank == 1 else out


class SeparableConv1D(_SeparableConv):
    """Mirrors ``tf.layers.SeparableConv1D(filters, kernel_size, strides=1, padding='valid', depth_multiplier=1, ...)``."""

    _rank = 1


class SeparableConv2D(_SeparableConv):
    """Mirrors ``tf.layers.SeparableConv2D(filters, kernel_size, strides=(1, 1), padding='valid', depth_multiplier=1, ...)``.

    Variables ``depthwise_kernel``, ``pointwise_kernel`` and ``bias``.
    """

    _rank = 2


class _Pooling(Layer):
    """Max or average pooling over ``_rank`` spatial dimensions; subclasses set ``_rank`` and ``_kind``."""

    _rank = 2
    _kind = "max"

    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last", name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.rank = rank = self._rank
        self.kind = self._kind
        self.pool_size = normalize_tuple(pool_size, rank, "pool_size")
        self.strides = normalize_tuple(strides, rank, "strides")
        self.padding = normalize_padding(padding)
        self.data_format = normalize_data_format(data_format)
        self.input_spec = InputSpec(ndim=rank + 2)

    def call(self, inputs):
        v1 = import_tf().compat.v1
        rank = self.rank + 2
        x = _to_last(v1, inputs, rank, self.data_format)
        pool, stride, padding = list(self.pool_size), list(self.strides), self.padding.upper()
        if self.rank == 1:  # TF1 pooled 1-D inputs as 2-D images of height 1
            x = v1.expand_dims(x, 1)
            pool, stride = [1] + pool, [1] + stride
        if self.rank == 3:
            op = v1.nn.max_pool3d if self.kind == "max" else v1.nn.avg_pool3d
        else:
            op = v1.nn.max_pool if self.kind == "max" else v1.nn.avg_pool
        out = op(x, ksize=[1] + pool + [1], strides=[1] + stride + [1], padding=padding)
        if self.rank == 1:
            out = v1.squeeze(out, [1])
        return _to_first(v1, out, rank, self.data_format)


class MaxPooling1D(_Pooling):
    """Mirrors ``tf.layers.MaxPooling1D(pool_size, strides, padding='valid', data_format='channels_last')``."""

    _rank, _kind = 1, "max"


class MaxPooling2D(_Pooling):
    """Mirrors ``tf.layers.MaxPooling2D(pool_size, strides, padding='valid', data_format='channels_last')``."""

    _rank, _kind = 2, "max"


class MaxPooling3D(_Pooling):
    """Mirrors ``tf.layers.MaxPooling3D(pool_size, strides, padding='valid', data_format='channels_last')``."""

    _rank, _kind = 3, "max"


class AveragePooling1D(_Pooling):
    """Mirrors ``tf.layers.AveragePooling1D(pool_size, strides, padding='valid', data_format='channels_last')``."""

    _rank, _kind = 1, "avg"


class AveragePooling2D(_Pooling):
    """Mirrors ``tf.layers.AveragePooling2D(pool_size, strides, padding='valid', data_format='channels_last')``."""

    _rank, _kind = 2, "avg"


class AveragePooling3D(_Pooling):
    """Mirrors ``tf.layers.AveragePooling3D(pool_size, strides, padding='valid', data_format='channels_last')``."""

    _rank, _kind = 3, "avg"


def _conv_function(cls, fname):
    @in_default_graph
    def conv(inputs, filters, kernel_size, *args, name=None, reuse=None, **kwargs):
        return cls(filters, kernel_size, *args, name=name, _scope=name, _reuse=reuse, **kwargs).apply(inputs)

    conv.__name__ = conv.__qualname__ = fname
    conv.__doc__ = f"Mirrors ``tf.layers.{fname}(inputs, filters, kernel_size, ..., name=None, reuse=None)``."
    return conv


def _pool_function(cls, fname):
    @in_default_graph
    def pool(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
        return cls(pool_size, strides, padding=padding, data_format=data_format, name=name).apply(inputs)

    pool.__name__ = pool.__qualname__ = fname
    pool.__doc__ = (f"Mirrors ``tf.layers.{fname}(inputs, pool_size, strides, padding='valid', "
                    "data_format='channels_last', name=None)``.")
    return pool


conv1d = _conv_function(Conv1D, "conv1d")
conv2d = _conv_function(Conv2D, "conv2d")
conv3d = _conv_function(Conv3D, "conv3d")
conv2d_transpose = _conv_function(Conv2DTranspose, "conv2d_transpose")
conv3d_transpose = _conv_function(Conv3DTranspose, "conv3d_transpose")
separable_conv1d = _conv_function(SeparableConv1D, "separable_conv1d")
separable_conv2d = _conv_function(SeparableConv2D, "separable_conv2d")
max_pooling1d = _pool_function(MaxPooling1D, "max_pooling1d")
max_pooling2d = _pool_function(MaxPooling2D, "max_pooling2d")
max_pooling3d = _pool_function(MaxPooling3D, "max_pooling3d")
average_pooling1d = _pool_function(AveragePooling1D, "average_pooling1d")
average_pooling2d = _pool_function(AveragePooling2D, "average_pooling2d")
average_pooling3d = _pool_function(AveragePooling3D, "average_pooling3d")
