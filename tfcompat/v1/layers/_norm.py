"""Mirrors TF 1.x's ``tf.layers.BatchNormalization`` / ``tf.layers.batch_normalization``.

Variables ``gamma``, ``beta``, ``moving_mean``, ``moving_variance`` (the last
two not trainable). With ``training`` True (or a bool tensor) the moving
averages are updated by ops the layer puts in ``tf.GraphKeys.UPDATE_OPS``,
which 2017 code ran with ``tf.control_dependencies(update_ops)``:
``moving -= (moving - batch_stat) * (1 - momentum)``. Like TF1, 4-D inputs
normalized over their channel axis use the fused kernel, whose batch variance
(fed to ``moving_variance``) is Bessel-corrected; other inputs use
``tf.nn.moments``.
"""

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.v1.layers._base import Layer, in_default_graph
from tfcompat.v1.layers._core import constant_value, smart_cond

__all__ = ["BatchNormalization", "batch_normalization", "assign_moving_average"]


def assign_moving_average(variable, value, momentum):
    """The TF1 update op ``variable -= (variable - value) * (1 - momentum)`` (``AssignMovingAvg``)."""
    v1 = import_tf().compat.v1
    with v1.name_scope(None, "AssignMovingAvg", [variable, value, momentum]) as scope:
        decay = v1.convert_to_tensor(1.0 - momentum, name="decay")
        if decay.dtype != variable.dtype.base_dtype:
            decay = v1.cast(decay, variable.dtype.base_dtype)
        delta = (variable - v1.cast(value, variable.dtype.base_dtype)) * decay
        return v1.assign_sub(variable, delta, name=scope)


class BatchNormalization(Layer):
    """Mirrors ``tf.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=0.001, center=True, scale=True, ...)``.

    ``call(inputs, training=False)``; ``training`` may be a Python bool or a
    bool tensor (placeholder).
    """

    # TF1's switch (an attribute, not an argument): False makes the fused kernel's moving variance biased like
    # the non-fused one's.
    _bessels_correction_test_only = True

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer=None, gamma_initializer=None, moving_mean_initializer=None,
                 moving_variance_initializer=None, beta_regularizer=None, gamma_regularizer=None,
                 beta_constraint=None, gamma_constraint=None, renorm=False, renorm_clipping=None,
                 renorm_momentum=0.99, fused=None, trainable=True, virtual_batch_size=None, adjustment=None,
                 name=None, **kwargs):
        super().__init__(trainable=trainable, name=name, **kwargs)
        for arg, value, default in (("renorm", renorm, False), ("renorm_clipping", renorm_clipping, None),
                                    ("virtual_batch_size", virtual_batch_size, None),
                                    ("adjustment", adjustment, None)):
            if value != default:
                raise InvalidArgumentError(
                    f"tfcompat's tf.layers.BatchNormalization does not implement `{arg}`. Received: {arg}={value!r}")
        if isinstance(axis, int) and not isinstance(axis, bool):
            self.axis = axis
        elif isinstance(axis, (list, tuple)) and all(isinstance(a, int) for a in axis):
            self.axis = list(axis)
        else:
            raise InvalidArgumentError(f"`axis` must be an int or a list of ints. Received: axis={axis!r}")
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = beta_initializer
        self.gamma_initializer = gamma_initializer
        self.moving_mean_initializer = moving_mean_initializer
        self.moving_variance_initializer = moving_variance_initializer
        self.beta_regularizer = beta_regularizer
        self.gamma_regularizer = gamma_regularizer
        self.beta_constraint = beta_constraint
        self.gamma_constraint = gamma_constraint
        self.fused = fused

    def build(self, input_shape):
        v1 = import_tf().compat.v1
        ndims = input_shape.rank
        if ndims is None:
            raise ValueError(f"Input has undefined rank: {input_shape}")
        axes = self.axis if isinstance(self.axis, list) else [self.axis]
        axes = [a + ndims if a < 0 else a for a in axes]
        if len(set(axes)) != len(axes):
            raise ValueError(f"Duplicate axis: {self.axis!r}")
        axes = sorted(axes)
        for a in axes:
            if not 0 <= a < ndims:
                raise ValueError(f"Invalid axis: {a} for input of rank {ndims}. Received: axis={self.axis!r}")
            if input_shape[a] is None:
                raise ValueError(f"Input has undefined `axis` dimension. Input shape: {input_shape}")
        self._axes = axes
        self._ndims = ndims
        can_fuse = ndims == 4 and axes in ([1], [3])
        if self.fused and not can_fuse:
            raise ValueError(f"`fused=True` needs 4-D inputs normalized over axis 1 or 3. Received: "
                             f"axis={self.axis!r}, input_shape={input_shape}")
        self._fused = can_fuse if self.fused is None else bool(self.fused)
        shape = [int(input_shape[a]) for a in axes]
        if len(axes) > 1:  # TF1 kept per-axis parameters in the broadcast shape
            shape = [int(input_shape[i]) if i in axes else 1 for i in range(ndims)]
        dtype = self.dtype if self.dtype not in ("float16", "bfloat16") else "float32"
        self.gamma = self.beta = None
        if self.scale:
            self.gamma = self.add_weight("gamma", shape=shape, dtype=dtype,
                                         initializer=self.gamma_initializer or v1.ones_initializer(),
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint,
                                         trainable=True)
        if self.center:
            self.beta = self.add_weight("beta", shape=shape, dtype=dtype,
                                        initializer=self.beta_initializer or v1.zeros_initializer(),
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint,
                                        trainable=True)
        self.moving_mean = self.add_weight("moving_mean", shape=shape, dtype=dtype, trainable=False,
                                           initializer=self.moving_mean_initializer or v1.zeros_initializer())
        self.moving_variance = self.add_weight(
            "moving_variance", shape=shape, dtype=dtype, trainable=False,
            initializer=self.moving_variance_initializer or v1.ones_initializer())
        self.built = True

    def _fused_call(self, v1, inputs, training):
        fmt = "NCHW" if self._axes == [1] else "NHWC"
        channels = int(inputs.shape[self._axes[0]])
        gamma = self.gamma if self.gamma is not None else v1.ones([channels], dtype=self.moving_mean.dtype)
        beta = self.beta if self.beta is not None else v1.zeros([channels], dtype=self.moving_mean.dtype)
        x = inputs if fmt == "NHWC" else v1.transpose(inputs, [0, 2, 3, 1])  # CPU kernels are NHWC only

        def train():
            return v1.nn.fused_batch_norm(x, gamma, beta, epsilon=self.epsilon, data_format="NHWC")

        def infer():
            return v1.nn.fused_batch_norm(x, gamma, beta, mean=self.moving_mean, variance=self.moving_variance,
                                          epsilon=self.epsilon, data_format="NHWC", is_training=False)

        out, mean, variance = smart_cond(training, train, infer)
        if not self._bessels_correction_test_only:
            n = v1.cast(v1.size(x) / v1.size(variance), variance.dtype)
            variance = smart_cond(training, lambda: variance * (n - 1.0) / n, lambda: variance)
        if fmt == "NCHW":
            out = v1.transpose(out, [0, 3, 1, 2])
        return out, mean, variance

    def _moments_call(self, v1, inputs, training, training_value):
        reduction = [i for i in range(self._ndims) if i not in self._axes]
        broadcast = None
        if len(self._axes) == 1 and self._axes[0] != self._ndims - 1:
            broadcast = [int(inputs.shape[i]) if i in self._axes else 1 for i in range(self._ndims)]

        def shaped(t):
            return t if t is None or broadcast is None else v1.reshape(t, broadcast)

        if training_value is False:
            mean, variance = self.moving_mean, self.moving_variance
        else:
            keep = len(self._axes) > 1
            batch_mean, batch_variance = v1.nn.moments(inputs, reduction, keep_dims=keep)
            mean = smart_cond(training, lambda: batch_mean, lambda: v1.convert_to_tensor(self.moving_mean))
            variance = smart_cond(training, lambda: batch_variance,
                                  lambda: v1.convert_to_tensor(self.moving_variance))
        out = v1.nn.batch_normalization(inputs, shaped(mean), shaped(variance), shaped(self.beta),
                                        shaped(self.gamma), self.epsilon)
        return out, mean, variance

    def call(self, inputs, training=False):
        v1 = import_tf().compat.v1
        training_value = constant_value(training)
        if self._fused:
            out, mean, variance = self._fused_call(v1, inputs, training)
        else:
            out, mean, variance = self._moments_call(v1, inputs, training, training_value)
        if training_value is not False:
            momentum = smart_cond(training, lambda: self.momentum, lambda: 1.0)
            self.add_update([assign_moving_average(self.moving_mean, mean, momentum),
                             assign_moving_average(self.moving_variance, variance, momentum)])
        return out

    def compute_output_shape(self, input_shape):
        return input_shape


@in_default_graph
def batch_normalization(inputs, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                        beta_initializer=None, gamma_initializer=None, moving_mean_initializer=None,
                        moving_variance_initializer=None, beta_regularizer=None, gamma_regularizer=None,
                        beta_constraint=None, gamma_constraint=None, training=False, trainable=True, name=None,
                        reuse=None, renorm=False, renorm_clipping=None, renorm_momentum=0.99, fused=None,
                        virtual_batch_size=None, adjustment=None):
    """Mirrors ``tf.layers.batch_normalization(inputs, ..., training=False, name=None, reuse=None)``.

    The moving-average updates land in ``tf.GraphKeys.UPDATE_OPS``: run them
    with the train op (``tf.control_dependencies(update_ops)``), as TF1 required.
    """
    layer = BatchNormalization(axis=axis, momentum=momentum, epsilon=epsilon, center=center, scale=scale,
                               beta_initializer=beta_initializer, gamma_initializer=gamma_initializer,
                               moving_mean_initializer=moving_mean_initializer,
                               moving_variance_initializer=moving_variance_initializer,
                               beta_regularizer=beta_regularizer, gamma_regularizer=gamma_regularizer,
                               beta_constraint=beta_constraint, gamma_constraint=gamma_constraint,
                               renorm=renorm, renorm_clipping=renorm_clipping, renorm_momentum=renorm_momentum,
                               fused=fused, trainable=trainable, virtual_batch_size=virtual_batch_size,
                               adjustment=adjustment, name=name, _reuse=reuse, _scope=name)
    return layer.apply(inputs, training=training)
