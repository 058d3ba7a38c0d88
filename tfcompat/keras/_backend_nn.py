"""Keras 2 ``K.relu``/``K.softmax``/``K.categorical_crossentropy``/``K.bias_add``/``K.batch_normalization``...

Part of :mod:`tfcompat.keras.backend`: activations, the three
cross-entropies (Keras 2's ``target, output`` order, clipping by
``K.epsilon()`` when given probabilities), ``dropout`` (``level`` is the drop
rate), ``l2_normalize``, ``in_top_k``, ``bias_add`` and the batch-normalization
helpers. Each op runs eagerly, in a TF1 graph or on Keras 3 symbolic tensors.
"""

import warnings

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras, import_tf
from tfcompat.keras._backend_graph import builds, check_data_format
from tfcompat.keras._backend_math import tensor
from tfcompat.v1._lift import graph_of

__all__ = [
    "relu", "elu", "softmax", "softplus", "softsign", "sigmoid", "hard_sigmoid", "tanh",
    "categorical_crossentropy", "sparse_categorical_crossentropy", "binary_crossentropy",
    "dropout", "l2_normalize", "in_top_k", "bias_add", "normalize_batch_in_training", "batch_normalization",
]


def _eps(dtype):
    return import_tf().constant(import_keras().config.epsilon(), dtype)


@builds
def relu(x, alpha=0.0, max_value=None, threshold=0.0):
    """Mirrors Keras 2.2 ``K.relu(x, alpha=0., max_value=None, threshold=0.)``.

    ``x`` above ``threshold``, else ``alpha * (x - threshold)``; capped at
    ``max_value`` when given.
    """
    tf = import_tf()
    x = tensor(x)
    if alpha != 0 and max_value is None and threshold == 0:
        return tf.nn.leaky_relu(x, alpha=alpha)
    if alpha == 0 and max_value == 6 and threshold == 0:
        return tf.nn.relu6(x)
    if threshold != 0:
        out = x * tf.cast(x > threshold, x.dtype)
    else:
        out = tf.nn.relu(x)
    if max_value is not None:
        out = tf.clip_by_value(out, tf.zeros((), x.dtype), tf.cast(max_value, x.dtype))
    if alpha != 0:
        out -= tf.cast(alpha, x.dtype) * tf.nn.relu(tf.cast(threshold, x.dtype) - x)
    return out


@builds
def elu(x, alpha=1.0):
    """Mirrors Keras 2 ``K.elu(x, alpha=1.)``: ``x`` if positive, else ``alpha * (exp(x) - 1)``."""
    tf = import_tf()
    x = tensor(x)
    res = tf.nn.elu(x)
    return res if alpha == 1 else tf.where(x > 0, res, tf.cast(alpha, x.dtype) * res)


@builds
def softmax(x, axis=-1):
    """Mirrors Keras 2.2 ``K.softmax(x, axis=-1)``."""
    return import_tf().nn.softmax(x, axis=axis)


@builds
def softplus(x):
    """Mirrors Keras 2 ``K.softplus(x)``: ``log(exp(x) + 1)``."""
    return import_tf().nn.softplus(x)


@builds
def softsign(x):
    """Mirrors Keras 2 ``K.softsign(x)``: ``x / (abs(x) + 1)``."""
    return import_tf().nn.softsign(x)


@builds
def sigmoid(x):
    """Mirrors Keras 2 ``K.sigmoid(x)``."""
    return import_tf().sigmoid(x)


@builds
def hard_sigmoid(x):
    """Mirrors Keras 2 ``K.hard_sigmoid(x)``: ``clip(0.2 * x + 0.5, 0, 1)`` (Keras 3 uses 1/6 and 0.5)."""
    tf = import_tf()
    x = tensor(x)
    return tf.clip_by_value(tf.cast(0.2, x.dtype) * x + tf.cast(0.5, x.dtype), tf.zeros((), x.dtype),
                            tf.ones((), x.dtype))


@builds
def tanh(x):
    """Mirrors Keras 2 ``K.tanh(x)``."""
    return import_tf().tanh(x)


def _warn_if_probabilities(output, fn, activation):
    # tf.keras and Keras 3 warn here too: a common 2018 bug was passing softmax output as logits.
    op_type = getattr(getattr(output, "op", None), "type", None) if graph_of(output) is not None else None
    if getattr(output, "_keras_logits", None) is not None or op_type == activation:
        warnings.warn(
            f"K.{fn} received `from_logits=True`, but `output` comes from a {activation.lower()}: it holds "
            "probabilities, not logits. Was this intended?",
            UserWarning,
            stacklevel=3,
        )


def _check_axis(axis, output):
    rank = output.shape.rank
    if axis != -1 and rank is not None and axis not in range(rank):
        raise InvalidArgumentError(
            f"`axis` must be -1 or an axis of `output`, which has {rank} dimensions. Received: axis={axis!r}"
        )


@builds
def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """Mirrors Keras 2.2 ``K.categorical_crossentropy(target, output, from_logits=False, axis=-1)``.

    Probabilities are renormalized along ``axis`` and clipped to
    ``[eps, 1 - eps]`` before the log, as Keras 2 did.
    """
    tf = import_tf()
    if from_logits:
        _warn_if_probabilities(output, "categorical_crossentropy", "Softmax")
    output = tensor(output)
    target = tensor(target, output.dtype) if not hasattr(target, "dtype") else target
    _check_axis(axis, output)
    if from_logits:
        return tf.nn.softmax_cross_entropy_with_logits(labels=target, logits=output, axis=axis)
    output = output / tf.reduce_sum(output, axis, True)
    eps = _eps(output.dtype)
    output = tf.clip_by_value(output, eps, 1.0 - eps)
    return -tf.reduce_sum(tf.cast(target, output.dtype) * tf.math.log(output), axis)


@builds
def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """Mirrors Keras 2.2 ``K.sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1)``.

    ``target`` holds class indices; the result has ``output``'s shape without ``axis``.
    """
    tf = import_tf()
    if from_logits:
        _warn_if_probabilities(output, "sparse_categorical_crossentropy", "Softmax")
    output = tensor(output)
    _check_axis(axis, output)
    rank = output.shape.rank
    if axis != -1 and rank is None:
        raise InvalidArgumentError(
            f"`axis` other than -1 needs `output` of known rank (to move the classes last). Received: axis={axis!r}"
        )
    if axis != -1 and axis != rank - 1:
        order = [d for d in range(rank) if d != axis] + [axis]
        output = tf.transpose(output, order)
    if not from_logits:
        eps = _eps(output.dtype)
        output = tf.math.log(tf.clip_by_value(output, eps, 1 - eps))
    labels = tf.cast(tf.reshape(target, [-1]), "int64")
    classes = output.shape[-1] if output.shape.rank is not None and output.shape[-1] is not None \
        else tf.shape(output)[-1]
    logits = tf.reshape(output, tf.stack([-1, classes]))
    res = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    if rank is None or rank >= 3:
        return tf.reshape(res, tf.shape(output)[:-1])
    return res


@builds
def binary_crossentropy(target, output, from_logits=False):
    """Mirrors Keras 2 ``K.binary_crossentropy(target, output, from_logits=False)`` (element-wise)."""
    tf = import_tf()
    if from_logits:
        _warn_if_probabilities(output, "binary_crossentropy", "Sigmoid")
    output = tensor(output)
    if not from_logits:
        eps = _eps(output.dtype)
        output = tf.clip_by_value(output, eps, 1 - eps)
        output = tf.math.log(output / (1 - output))
    return tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.cast(target, output.dtype), logits=output)


@builds
def dropout(x, level, noise_shape=None, seed=None):
    """Mirrors Keras 2 ``K.dropout(x, level, noise_shape=None, seed=None)``: ``level`` is the drop rate.

    Kept entries are scaled by ``1 / (1 - level)``.

    Raises:
        InvalidArgumentError: ``level`` outside [0, 1).
    """
    if not hasattr(level, "shape") and not 0 <= level < 1:
        raise InvalidArgumentError(f"`level` must be in [0, 1) (the fraction dropped). Received: level={level!r}")
    tf = import_tf()
    x = tensor(x)
    return tf.nn.dropout(x * tf.ones((), x.dtype), rate=level, noise_shape=noise_shape, seed=seed)


@builds
def l2_normalize(x, axis=None):
    """Mirrors Keras 2 ``K.l2_normalize(x, axis=None)``."""
    return import_tf().math.l2_normalize(x, axis=axis)


@builds
def in_top_k(predictions, targets, k):
    """Mirrors Keras 2 ``K.in_top_k(predictions, targets, k)``: whether each target is in its row's top ``k``."""
    tf = import_tf()
    targets = tensor(targets)
    if not targets.dtype.is_integer:
        targets = tf.cast(targets, "int32")
    return tf.compat.v1.math.in_top_k(tf.cast(predictions, "float32"), targets, k)


@builds
def bias_add(x, bias, data_format=None):
    """Mirrors Keras 2.2 ``K.bias_add(x, bias, data_format=None)``.

    ``bias`` is 1-D (one value per channel) or has ``x``'s shape without the
    batch axis (in channels-last order; reshaped, as Keras 2 did, for
    channels-first data).

    Raises:
        InvalidArgumentError: ``bias`` of another rank, or an unknown ``data_format``.
    """
    tf = import_tf()
    data_format = check_data_format(data_format)
    x, bias = tensor(x), tensor(bias)
    rank, bias_shape = x.shape.rank, bias.shape.as_list()
    if len(bias_shape) not in (1, rank - 1):
        raise InvalidArgumentError(
            f"`bias` must have 1 or {rank - 1} dimensions for `x` of rank {rank}. Received: bias with shape "
            f"{tuple(bias_shape)}"
        )
    if rank < 3:
        return tf.nn.bias_add(x, bias)
    if len(bias_shape) == 1:
        new_shape = [1] * (rank - 1) + bias_shape
        if data_format == "channels_first":
            new_shape = [1] + bias_shape + [1] * (rank - 2)
    else:
        new_shape = [1] + bias_shape
        if data_format == "channels_first":
            new_shape = [1, bias_shape[-1]] + bias_shape[:-1]
    return x + tf.reshape(bias, new_shape)


def _broadcast_shape(x, axes):
    tf = import_tf()
    dynamic = tf.shape(x)
    return tf.stack([1 if i in axes else dynamic[i] for i in range(x.shape.rank)])


@builds
def normalize_batch_in_training(x, gamma, beta, reduction_axes, epsilon=1e-3):
    """Mirrors Keras 2 ``K.normalize_batch_in_training(x, gamma, beta, reduction_axes, epsilon=1e-3)``.

    Returns:
        ``(normalized x, batch mean, batch variance)``; mean and variance have
        the reduced axes dropped.
    """
    tf = import_tf()
    x = tensor(x)
    axes = [a % x.shape.rank for a in reduction_axes]
    mean, variance = tf.nn.moments(x, axes, keepdims=False)
    target = _broadcast_shape(x, axes)

    def fit(t):
        return None if t is None else tf.reshape(t, target)

    normed = tf.nn.batch_normalization(x, fit(mean), fit(variance), fit(beta), fit(gamma), epsilon)
    return normed, mean, variance


@builds
def batch_normalization(x, mean, var, beta, gamma, axis=-1, epsilon=1e-3):
    """Mirrors Keras 2.2 ``K.batch_normalization(x, mean, var, beta, gamma, axis=-1, epsilon=1e-3)``.

    ``(x - mean) / sqrt(var + epsilon) * gamma + beta``; the statistics
    broadcast against ``x``; 1-D ones apply along ``axis``.
    """
    tf = import_tf()
    x = tensor(x)
    rank = x.shape.rank
    if rank is not None and axis % rank != rank - 1:
        # one value per channel on another axis (channels-first): shaped to broadcast along `axis`
        shape = [1] * rank
        shape[axis % rank] = -1

        def fit(t):
            return t if t is None or tensor(t).shape.rank != 1 else tf.reshape(t, shape)

        mean, var, beta, gamma = fit(mean), fit(var), fit(beta), fit(gamma)
    elif rank == 4:
        def flat(t):
            return None if t is None else tf.reshape(t, [-1])

        mean, var, beta, gamma = flat(mean), flat(var), flat(beta), flat(gamma)
    return tf.nn.batch_normalization(x, mean, var, beta, gamma, epsilon)
