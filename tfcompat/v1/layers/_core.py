"""Mirrors TF 1.x's ``tf.layers`` core layers: ``Dense``, ``Dropout``, ``Flatten`` and ``dense``, ``dropout``, ``flatten``."""

import numpy as np

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf, internal
from tfcompat.v1.layers._base import InputSpec, Layer, in_default_graph, normalize_data_format

__all__ = ["Dense", "Dropout", "Flatten", "dense", "dropout", "flatten", "smart_cond"]


def smart_cond(pred, true_fn, false_fn):
    """``true_fn()`` / ``false_fn()`` chosen now when ``pred`` is a Python bool or constant, else a ``tf.cond``."""
    if isinstance(pred, (bool, np.bool_)):
        return true_fn() if pred else false_fn()
    return internal("tensorflow.python.framework.smart_cond").smart_cond(pred, true_fn, false_fn)


def constant_value(pred):
    """The Python value of a bool, a constant bool tensor, or None when only known at run time."""
    if isinstance(pred, (bool, np.bool_, int)):
        return bool(pred)
    return internal("tensorflow.python.framework.smart_cond").smart_constant_value(pred)


class Dense(Layer):
    """Mirrors ``tf.layers.Dense(units, activation=None, use_bias=True, kernel_initializer=None, bias_initializer=zeros, ...)``.

    Variables ``<scope>/kernel`` and ``<scope>/bias``; ``kernel_initializer=None``
    means ``get_variable``'s default (Glorot uniform), as in TF1.
    """

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer=None, bias_initializer=None,
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name, activity_regularizer=activity_regularizer, **kwargs)
        if isinstance(units, bool) or not isinstance(units, (int, np.integer)) or units <= 0:
            raise InvalidArgumentError(f"`units` must be a positive int. Received: units={units!r}")
        self.units = int(units)
        self.activation = activation
        self.use_bias = bool(use_bias)
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint
        self.input_spec = InputSpec(min_ndim=2)

    def build(self, input_shape):
        v1 = import_tf().compat.v1
        last = input_shape[-1] if input_shape.rank else None
        if last is None:
            raise ValueError("The last dimension of the inputs to `Dense` should be defined. Found `None`. "
                             f"Received: input_shape={input_shape}")
        last = int(last)
        self.input_spec = InputSpec(min_ndim=2, axes={-1: last})
        self.kernel = self.add_weight("kernel", shape=[last, self.units], initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, constraint=self.kernel_constraint,
                                      dtype=self.dtype, trainable=True)
        if self.use_bias:
            self.bias = self.add_weight("bias", shape=[self.units],
                                        initializer=self.bias_initializer or v1.zeros_initializer(),
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        dtype=self.dtype, trainable=True)
        else:
            self.bias = None
        self.built = True

    def call(self, inputs):
        v1 = import_tf().compat.v1
        rank = inputs.shape.rank
        if rank is not None and rank > 2:
            outputs = v1.tensordot(inputs, self.kernel, [[rank - 1], [0]])
            outputs.set_shape(inputs.shape[:-1].concatenate([self.units]))
        else:
            outputs = v1.matmul(inputs, self.kernel)
        if self.use_bias:
            outputs = v1.nn.bias_add(outputs, self.bias)
        return self.activation(outputs) if self.activation is not None else outputs

    def compute_output_shape(self, input_shape):
        shape = import_tf().TensorShape(input_shape).with_rank_at_least(2)
        if shape[-1] is None:
            raise ValueError(f"The innermost dimension of input_shape must be defined, but saw: {shape}")
        return shape[:-1].concatenate([self.units])


class Dropout(Layer):
    """Mirrors ``tf.layers.Dropout(rate=0.5, noise_shape=None, seed=None)``: drops only when ``training``."""

    def __init__(self, rate=0.5, noise_shape=None, seed=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        if isinstance(rate, (int, float)) and not isinstance(rate, bool) and not 0 <= rate < 1:
            raise InvalidArgumentError(f"`rate` must be a float in [0, 1). Received: rate={rate!r}")
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed

    def call(self, inputs, training=False):
        tf = import_tf()
        v1 = tf.compat.v1

        def dropped():
            return v1.nn.dropout(inputs, noise_shape=self.noise_shape, seed=self.seed, rate=self.rate)

        return smart_cond(training, dropped, lambda: v1.identity(inputs))

    def compute_output_shape(self, input_shape):
        return input_shape


class Flatten(Layer):
    """Mirrors ``tf.layers.Flatten(data_format='channels_last')``: keeps the batch dimension, flattens the rest."""

    def __init__(self, data_format="channels_last", name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.data_format = normalize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)

    def call(self, inputs):
        v1 = import_tf().compat.v1
        rank = inputs.shape.rank
        if rank == 1:  # a batch of scalars becomes [batch, 1]
            return v1.expand_dims(inputs, 1)
        if self.data_format == "channels_first" and rank is not None and rank > 2:
            inputs = v1.transpose(inputs, [0] + list(range(2, rank)) + [1])
        dims, batch = inputs.shape[1:], inputs.shape[0] if rank else None
        if dims.is_fully_defined():
            target = [-1, int(np.prod(dims.as_list()))]
        elif batch is not None:  # a known batch size may exceed int32
            target = [int(batch), -1]
        else:
            target = v1.stack([v1.shape(inputs)[0], -1])
        outputs = v1.reshape(inputs, target)
        outputs.set_shape(self.compute_output_shape(inputs.shape))
        return outputs

    def compute_output_shape(self, input_shape):
        tf = import_tf()
        shape = tf.TensorShape(input_shape)
        if shape.rank is None:
            return tf.TensorShape([None, None])
        if shape.rank == 1:
            return tf.TensorShape([shape[0], 1])
        rest = shape[1:]
        return tf.TensorShape([shape[0], rest.num_elements() if rest.is_fully_defined() else None])


@in_default_graph
def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None, bias_initializer=None,
          kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
          bias_constraint=None, trainable=True, name=None, reuse=None):
    """Mirrors ``tf.layers.dense(inputs, units, ...)``: ``activation(inputs @ kernel + bias)``."""
    layer = Dense(units, activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                  bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                  bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                  kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, trainable=trainable,
                  name=name, _scope=name, _reuse=reuse)
    return layer.apply(inputs)


@in_default_graph
def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    """Mirrors ``tf.layers.dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None)``."""
    return Dropout(rate, noise_shape=noise_shape, seed=seed, name=name).apply(inputs, training=training)


@in_default_graph
def flatten(inputs, name=None, data_format="channels_last"):
    """Mirrors ``tf.layers.flatten(inputs, name=None, data_format='channels_last')``."""
    return Flatten(data_format=data_format, name=name).apply(inputs)
