"""Keras 2 ``K.random_normal``/``K.random_uniform``/``K.random_binomial``/``K.truncated_normal``.

Part of :mod:`tfcompat.keras.backend`. In Keras 2 these were graph ops: each
``K.eval``/``K.function`` call drew new numbers. Called with a plain shape
outside any graph, they build in tfcompat's legacy graph, so each evaluation
draws again, as in Keras 2 (an eager tensor would repeat one draw forever).
Given a tensor shape (``K.shape(x)[0]``...) they build where that tensor lives:
eagerly, in its graph, inside ``tf.function``, or on Keras 3 symbolic tensors.
"""

from tfcompat._lazy_tf import import_tf
from tfcompat.keras._backend_graph import builds
from tfcompat.keras._backend_tensors import check_dtype
from tfcompat.v1._graph import legacy_graph
from tfcompat.v1._lift import tensor_leaves

__all__ = ["random_normal", "random_uniform", "random_binomial", "truncated_normal"]


def _draw(make, shape):
    tf = import_tf()
    shape_list = shape if isinstance(shape, (list, tuple)) else [shape]
    if tf.executing_eagerly() and not any(True for _ in tensor_leaves(shape_list)):
        with legacy_graph().as_default():
            return make()
    return make()


@builds
def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Mirrors Keras 2 ``K.random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None)``."""
    tf = import_tf()
    dtype = check_dtype(dtype)
    return _draw(lambda: tf.random.normal(shape, mean=mean, stddev=stddev, dtype=dtype, seed=seed), shape)


@builds
def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    """Mirrors Keras 2 ``K.random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None)``."""
    tf = import_tf()
    dtype = check_dtype(dtype)
    return _draw(lambda: tf.random.uniform(shape, minval=minval, maxval=maxval, dtype=dtype, seed=seed), shape)


@builds
def random_binomial(shape, p=0.0, dtype=None, seed=None):
    """Mirrors Keras 2 ``K.random_binomial(shape, p=0.0, dtype=None, seed=None)``: 1 with probability ``p``, else 0."""
    tf = import_tf()
    dtype = check_dtype(dtype)

    def make():
        draw = tf.random.uniform(shape, dtype=dtype, seed=seed)
        return tf.where(draw <= p, tf.ones_like(draw), tf.zeros_like(draw))

    return _draw(make, shape)


@builds
def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Mirrors Keras 2 ``K.truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None)``.

    Values more than two standard deviations from the mean are drawn again.
    """
    tf = import_tf()
    dtype = check_dtype(dtype)
    return _draw(lambda: tf.random.truncated_normal(shape, mean, stddev, dtype=dtype, seed=seed), shape)
