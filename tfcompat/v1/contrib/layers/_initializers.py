"""Mirrors TF 1.x's ``tf.contrib.layers`` initializers and regularizers.

``xavier_initializer(uniform=True, seed=None, dtype=tf.float32)`` and
``variance_scaling_initializer(factor=2.0, mode='FAN_IN', uniform=False, ...)``
with contrib's formulas (uniform limit ``sqrt(3 * factor / n)``, truncated
normal stddev ``sqrt(1.3 * factor / n)``); ``l1_regularizer``,
``l2_regularizer``, ``l1_l2_regularizer``, ``sum_regularizer`` and
``apply_regularization``, whose losses carry TF1's op names
(``.../l2_regularizer``).
"""

import math
import numbers

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.v1._graph import current_graph
from tfcompat.v1.layers import in_default_graph

__all__ = [
    "xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer",
    "l1_regularizer", "l2_regularizer", "l1_l2_regularizer", "sum_regularizer", "apply_regularization",
]

_MODES = ("FAN_IN", "FAN_OUT", "FAN_AVG")


class _VarianceScaling:
    """A TF1 initializer: ``init(shape, dtype=None, partition_info=None)`` builds the random op."""

    def __init__(self, factor, mode, uniform, seed, dtype):
        self.factor = float(factor)
        self.mode = mode
        self.uniform = bool(uniform)
        self.seed = seed
        self.dtype = dtype

    @in_default_graph
    def __call__(self, shape, dtype=None, partition_info=None):
        tf = import_tf()
        v1 = tf.compat.v1
        dtype = tf.as_dtype(dtype or self.dtype)
        if not dtype.is_floating:
            raise TypeError(f"Cannot create initializer for non-floating point type. Received: dtype={dtype!r}")
        shape = [int(d) for d in shape]
        if partition_info is not None and getattr(partition_info, "full_shape", None) is not None:
            fan_shape = list(partition_info.full_shape)
        else:
            fan_shape = shape
        if fan_shape:
            fan_in = float(fan_shape[-2]) if len(fan_shape) > 1 else float(fan_shape[-1])
            fan_out = float(fan_shape[-1])
            for dim in fan_shape[:-2]:
                fan_in *= dim
                fan_out *= dim
        else:
            fan_in = fan_out = 1.0
        n = {"FAN_IN": fan_in, "FAN_OUT": fan_out, "FAN_AVG": (fan_in + fan_out) / 2.0}[self.mode]
        if self.uniform:
            limit = math.sqrt(3.0 * self.factor / n)
            return v1.random_uniform(shape, -limit, limit, dtype, seed=self.seed)
        return v1.truncated_normal(shape, 0.0, math.sqrt(1.3 * self.factor / n), dtype, seed=self.seed)

    def get_config(self):
        return {"factor": self.factor, "mode": self.mode, "uniform": self.uniform, "seed": self.seed,
                "dtype": getattr(self.dtype, "name", self.dtype)}

    def __repr__(self):
        return (f"variance_scaling_initializer(factor={self.factor}, mode={self.mode!r}, "
                f"uniform={self.uniform}, seed={self.seed})")


def variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=False, seed=None, dtype="float32"):
    """Mirrors ``tf.contrib.layers.variance_scaling_initializer(factor=2.0, mode='FAN_IN', uniform=False, seed=None, ...)``."""
    dtype = import_tf().as_dtype(dtype)
    if not dtype.is_floating:
        raise TypeError(f"Cannot create initializer for non-floating point type. Received: dtype={dtype!r}")
    if mode not in _MODES:
        raise TypeError(f"Unknown mode {mode} [FAN_IN, FAN_OUT, FAN_AVG]. Received: mode={mode!r}")
    return _VarianceScaling(factor, mode, uniform, seed, dtype)


def xavier_initializer(uniform=True, seed=None, dtype="float32"):
    """Mirrors ``tf.contrib.layers.xavier_initializer(uniform=True, seed=None, dtype=tf.float32)`` (Glorot)."""
    return variance_scaling_initializer(factor=1.0, mode="FAN_AVG", uniform=uniform, seed=seed, dtype=dtype)


xavier_initializer_conv2d = xavier_initializer


def _check_scale(scale):
    if isinstance(scale, numbers.Integral):
        raise InvalidArgumentError(f"scale cannot be an integer: {scale}. Received: scale={scale!r}")
    if isinstance(scale, numbers.Real):
        if scale < 0.0:
            raise InvalidArgumentError(f"Setting a scale less than 0 on a regularizer: {scale:g}.")
        return scale != 0.0
    return True


def _penalty(default_name, scale, scope, compute):
    if not _check_scale(scale):
        return lambda _: None  # TF1: "Scale of 0 disables regularizer."

    @in_default_graph
    def regularizer(weights):
        v1 = import_tf().compat.v1
        with v1.name_scope(scope, default_name, [weights]) as name:
            my_scale = v1.convert_to_tensor(scale, dtype=weights.dtype.base_dtype, name="scale")
            return v1.multiply(my_scale, compute(v1, weights), name=name)

    regularizer.__name__ = default_name
    return regularizer


def l1_regularizer(scale, scope=None):
    """Mirrors ``tf.contrib.layers.l1_regularizer(scale, scope=None)``: ``scale * sum(|w|)``."""
    return _penalty("l1_regularizer", scale, scope, lambda v1, w: v1.reduce_sum(v1.abs(w)))


def l2_regularizer(scale, scope=None):
    """Mirrors ``tf.contrib.layers.l2_regularizer(scale, scope=None)``: ``scale * sum(w**2) / 2``."""
    return _penalty("l2_regularizer", scale, scope, lambda v1, w: v1.nn.l2_loss(w))


def sum_regularizer(regularizer_list, scope=None):
    """Mirrors ``tf.contrib.layers.sum_regularizer(regularizer_list, scope=None)``."""
    regularizers = [r for r in regularizer_list if r is not None]
    if not regularizers:
        return None

    @in_default_graph
    def summed(weights):
        v1 = import_tf().compat.v1
        with v1.name_scope(scope, "sum_regularizer", [weights]) as name:
            tensors = [t for t in (r(weights) for r in regularizers) if t is not None]
            return v1.add_n(tensors, name=name) if tensors else None

    return summed


def l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0, scope=None):
    """Mirrors ``tf.contrib.layers.l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0, scope=None)``."""
    if isinstance(scale_l1, numbers.Real) and isinstance(scale_l2, numbers.Real) and scale_l1 == 0 == scale_l2:
        return lambda _: None
    return sum_regularizer([l1_regularizer(scale_l1), l2_regularizer(scale_l2)],
                           scope=scope if scope is not None else "l1_l2_regularizer")


def apply_regularization(regularizer, weights_list=None):
    """Mirrors ``tf.contrib.layers.apply_regularization(regularizer, weights_list=None)``.

    Sums ``regularizer(w)`` over ``weights_list`` (default: the ``WEIGHTS``
    collection), adds the sum to ``REGULARIZATION_LOSSES`` and returns it.
    """
    v1 = import_tf().compat.v1
    with current_graph().as_default():
        if not weights_list:
            weights_list = v1.get_collection(v1.GraphKeys.WEIGHTS)
        if not weights_list:
            raise InvalidArgumentError("No weights to regularize: `weights_list` is empty and the WEIGHTS "
                                       "collection holds nothing. Received: weights_list=None")
        with v1.name_scope("get_regularization_penalty", values=weights_list) as scope:
            penalties = [regularizer(w) for w in weights_list]
            penalties = [p if p is not None else v1.constant(0.0) for p in penalties]
            for p in penalties:
                if p.shape.rank != 0:
                    raise InvalidArgumentError(
                        f"regularizer must return a scalar Tensor instead of a Tensor with rank {p.shape.rank}.")
            total = v1.add_n(penalties, name=scope)
            v1.add_to_collection(v1.GraphKeys.REGULARIZATION_LOSSES, total)
            return total
