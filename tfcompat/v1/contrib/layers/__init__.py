"""Mirrors TF 1.x's ``tf.contrib.layers`` as TensorBoard-era code used it (layers, initializers, regularizers, summaries)."""

from tfcompat.v1.contrib._removed import removed
from tfcompat.v1.contrib.layers._initializers import (
    apply_regularization,
    l1_l2_regularizer,
    l1_regularizer,
    l2_regularizer,
    sum_regularizer,
    variance_scaling_initializer,
    xavier_initializer,
    xavier_initializer_conv2d,
)
from tfcompat.v1.contrib.layers._layers import (
    avg_pool2d,
    batch_norm,
    conv2d,
    conv2d_transpose,
    convolution,
    convolution2d,
    convolution2d_transpose,
    dropout,
    flatten,
    fully_connected,
    linear,
    max_pool2d,
    one_hot_encoding,
    relu,
    relu6,
    repeat,
    stack,
)
from tfcompat.v1.contrib.layers._summaries import (
    summarize_activation,
    summarize_activations,
    summarize_biases,
    summarize_collection,
    summarize_tensor,
    summarize_tensors,
    summarize_variables,
    summarize_weights,
)

__all__ = [
    "fully_connected", "linear", "relu", "relu6", "conv2d", "convolution", "convolution2d", "conv2d_transpose",
    "convolution2d_transpose", "max_pool2d", "avg_pool2d", "flatten", "dropout", "batch_norm", "one_hot_encoding",
    "repeat", "stack", "xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer",
    "l1_regularizer", "l2_regularizer", "l1_l2_regularizer", "sum_regularizer", "apply_regularization",
    "summarize_tensor", "summarize_tensors", "summarize_activation", "summarize_collection", "summarize_variables",
    "summarize_weights", "summarize_biases", "summarize_activations",
]


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    raise removed(f"contrib.layers.{name}", "tf.contrib.layers." + ", tf.contrib.layers.".join(__all__))
