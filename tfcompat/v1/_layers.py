"""The common functions of TF1's ``tf.layers`` (gone under Keras 3), built from ``tf.compat.v1`` ops.

``tf.compat.v1.layers`` needs Keras 2 and raises under Keras 3. 2017-2018
graph scripts mostly used its functional forms; these rebuild them with
``get_variable`` in a ``variable_scope``, so variables are named as TF1's
(``dense/kernel:0``, ``dense_1/bias:0``, ``conv2d/kernel:0``), are trainable
and are shared with ``reuse=True``. Layer classes (``tf.layers.Dense``) and
``batch_normalization`` are not provided: they raise TF's own error.
"""

import numpy as np

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.v1._graph import wrap_function

__all__ = ["dense", "conv2d", "max_pooling2d", "average_pooling2d", "flatten", "dropout", "layers_overrides"]


def _pair(name, value):
    if isinstance(value, int) and not isinstance(value, bool):
        return (value, value)
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return tuple(value)
    raise InvalidArgumentError(f"`{name}` must be an int or a pair of ints. Received: {name}={value!r}")


def _padding(padding):
    if not isinstance(padding, str) or padding.lower() not in ("valid", "same"):
        raise InvalidArgumentError(f"`padding` must be 'valid' or 'same'. Received: padding={padding!r}")
    return padding.upper()


def _channels_last(data_format):
    if data_format != "channels_last":
        raise InvalidArgumentError(
            "Only `data_format='channels_last'` is supported by tfcompat's tf.layers. "
            f"Received: data_format={data_format!r}"
        )


def _activate(tf, z, activation):
    return activation(z) if activation is not None else z


def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None,
          bias_initializer=None, kernel_regularizer=None, bias_regularizer=None,
          activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
          trainable=True, name=None, reuse=None):
    """Mirrors ``tf.layers.dense``: ``activation(inputs @ kernel + bias)`` with variables ``<name>/kernel``, ``<name>/bias``."""
    tf = import_tf()
    v1 = tf.compat.v1
    if isinstance(units, bool) or not isinstance(units, (int, np.integer)) or units <= 0:
        raise InvalidArgumentError(f"`units` must be a positive int. Received: units={units!r}")
    inputs = v1.convert_to_tensor(inputs)
    n_in = inputs.shape[-1]
    if n_in is None:
        raise InvalidArgumentError(
            f"The last dimension of `inputs` must be known for dense(). Received: inputs.shape={inputs.shape}"
        )
    with v1.variable_scope(name, default_name="dense", reuse=reuse):
        kernel = v1.get_variable("kernel", [int(n_in), int(units)], dtype=inputs.dtype,
                                 initializer=kernel_initializer, regularizer=kernel_regularizer,
                                 constraint=kernel_constraint, trainable=trainable)
        if inputs.shape.rank == 2:
            z = v1.matmul(inputs, kernel)
        else:
            z = v1.tensordot(inputs, kernel, [[inputs.shape.rank - 1], [0]])
        if use_bias:
            bias = v1.get_variable("bias", [int(units)], dtype=inputs.dtype,
                                   initializer=bias_initializer or v1.zeros_initializer(),
                                   regularizer=bias_regularizer, constraint=bias_constraint,
                                   trainable=trainable)
            z = v1.nn.bias_add(z, bias)
        out = _activate(tf, z, activation)
        if activity_regularizer is not None:
            v1.add_to_collection(v1.GraphKeys.REGULARIZATION_LOSSES, activity_regularizer(out))
        return out


def conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
           dilation_rate=(1, 1), activation=None, use_bias=True, kernel_initializer=None,
           bias_initializer=None, kernel_regularizer=None, bias_regularizer=None,
           trainable=True, name=None, reuse=None):
    """Mirrors ``tf.layers.conv2d`` (NHWC) with variables ``<name>/kernel``, ``<name>/bias``."""
    tf = import_tf()
    v1 = tf.compat.v1
    _channels_last(data_format)
    kh, kw = _pair("kernel_size", kernel_size)
    sh, sw = _pair("strides", strides)
    dh, dw = _pair("dilation_rate", dilation_rate)
    pad = _padding(padding)
    inputs = v1.convert_to_tensor(inputs)
    n_in = inputs.shape[-1]
    if inputs.shape.rank != 4 or n_in is None:
        raise InvalidArgumentError(
            f"`inputs` of conv2d() must be 4-D NHWC with known channels. Received: inputs.shape={inputs.shape}"
        )
    with v1.variable_scope(name, default_name="conv2d", reuse=reuse):
        kernel = v1.get_variable("kernel", [kh, kw, int(n_in), int(filters)], dtype=inputs.dtype,
                                 initializer=kernel_initializer, regularizer=kernel_regularizer,
                                 trainable=trainable)
        z = tf.nn.conv2d(inputs, kernel, strides=[1, sh, sw, 1], padding=pad, dilations=[1, dh, dw, 1])
        if use_bias:
            bias = v1.get_variable("bias", [int(filters)], dtype=inputs.dtype,
                                   initializer=bias_initializer or v1.zeros_initializer(),
                                   regularizer=bias_regularizer, trainable=trainable)
            z = v1.nn.bias_add(z, bias)
        return _activate(tf, z, activation)


def _pool(kind, inputs, pool_size, strides, padding, data_format, name):
    tf = import_tf()
    v1 = tf.compat.v1
    _channels_last(data_format)
    ph, pw = _pair("pool_size", pool_size)
    sh, sw = _pair("strides", strides)
    op = tf.nn.max_pool2d if kind == "max" else tf.nn.avg_pool2d
    with v1.name_scope(name, default_name=f"{kind}_pooling2d"):
        return op(inputs, ksize=[1, ph, pw, 1], strides=[1, sh, sw, 1], padding=_padding(padding))


def max_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """Mirrors ``tf.layers.max_pooling2d`` (NHWC)."""
    return _pool("max", inputs, pool_size, strides, padding, data_format, name)


def average_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """Mirrors ``tf.layers.average_pooling2d`` (NHWC)."""
    return _pool("average", inputs, pool_size, strides, padding, data_format, name)


def flatten(inputs, name=None, data_format="channels_last"):
    """Mirrors ``tf.layers.flatten``: keeps the batch dimension, flattens the rest."""
    tf = import_tf()
    v1 = tf.compat.v1
    _channels_last(data_format)
    inputs = v1.convert_to_tensor(inputs)
    with v1.name_scope(name, default_name="flatten"):
        dims = inputs.shape[1:]
        if dims.is_fully_defined():
            return v1.reshape(inputs, [-1, int(np.prod(dims.as_list()))])
        return v1.reshape(inputs, v1.stack([v1.shape(inputs)[0], -1]))


def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    """Mirrors ``tf.layers.dropout``: drops a fraction ``rate`` only when ``training`` (a bool or bool tensor)."""
    tf = import_tf()
    v1 = tf.compat.v1
    if isinstance(rate, (int, float)) and not 0 <= rate < 1:
        raise InvalidArgumentError(f"`rate` must be in [0, 1). Received: rate={rate!r}")
    with v1.name_scope(name, default_name="dropout"):
        inputs = v1.convert_to_tensor(inputs)
        if isinstance(training, (bool, np.bool_)):
            if not training:
                return v1.identity(inputs)
            return tf.nn.dropout(inputs, rate=rate, noise_shape=noise_shape, seed=seed)
        return v1.cond(v1.convert_to_tensor(training),
                       lambda: tf.nn.dropout(inputs, rate=rate, noise_shape=noise_shape, seed=seed),
                       lambda: v1.identity(inputs))


def layers_overrides():
    """The ``tf.layers`` functions tfcompat provides, building in the legacy graph."""

    return {f.__name__: wrap_function(f) for f in (dense, conv2d, max_pooling2d, average_pooling2d, flatten, dropout)}
