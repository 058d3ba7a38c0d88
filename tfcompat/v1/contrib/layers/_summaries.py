"""Mirrors TF 1.x's ``tf.contrib.layers`` summary helpers (``summarize_tensor``, ``summarize_activation``...).

TF1 tags: ``<op name>_summary`` by default; a scalar tensor gets a scalar
summary, anything else a histogram; ``summarize_activation`` adds
``<op>/activation`` (histogram) and, for ReLU-like ops, ``<op>/zeros`` (the
fraction of negative pre-activations; ``<op>/sixes`` for ReLU6). The
summaries join ``tf.GraphKeys.SUMMARIES`` so ``tf.summary.merge_all()`` finds them.
"""

import re

from tfcompat._lazy_tf import import_tf
from tfcompat.v1.layers import in_default_graph

__all__ = [
    "summarize_tensor", "summarize_tensors", "summarize_activation", "summarize_collection",
    "summarize_variables", "summarize_weights", "summarize_biases", "summarize_activations",
]


def _scalar(tensor, tag=None):
    tensor.shape.assert_has_rank(0)
    return import_tf().compat.v1.summary.scalar(tag or f"{tensor.op.name}_summary", tensor)


def _histogram(tensor, tag=None):
    return import_tf().compat.v1.summary.histogram(tag or f"{tensor.op.name}_summary", tensor)


@in_default_graph
def summarize_tensor(tensor, tag=None):
    """Mirrors ``tf.contrib.layers.summarize_tensor(tensor, tag=None)``: scalar or histogram summary (None: strings, bools)."""
    tf = import_tf()
    if tensor.dtype.is_compatible_with(tf.string) or tensor.dtype.base_dtype == tf.bool:
        return None
    if tensor.shape.rank == 0:
        return _scalar(tensor, tag)
    return _histogram(tensor, tag)


@in_default_graph
def summarize_activation(op):
    """Mirrors ``tf.contrib.layers.summarize_activation(op)``: ``<op>/activation`` plus ``<op>/zeros`` for ReLUs."""
    v1 = import_tf().compat.v1
    kind = op.op.type
    if kind in ("Relu", "Softplus", "Relu6"):
        pre = op.op.inputs[0]
        _scalar(v1.reduce_mean(v1.cast(v1.less(pre, v1.cast(0.0, pre.dtype)), v1.float32)),
                f"{op.op.name}/zeros")
    if kind == "Relu6":
        pre = op.op.inputs[0]
        _scalar(v1.reduce_mean(v1.cast(v1.greater(pre, v1.cast(6.0, pre.dtype)), v1.float32)),
                f"{op.op.name}/sixes")
    return _histogram(op, f"{op.op.name}/activation")


def summarize_tensors(tensors, summarizer=summarize_tensor):
    """Mirrors ``tf.contrib.layers.summarize_tensors(tensors, summarizer=summarize_tensor)``."""
    return [summarizer(t) for t in tensors]


@in_default_graph
def summarize_collection(collection, name_filter=None, summarizer=summarize_tensor):
    """Mirrors ``tf.contrib.layers.summarize_collection(collection, name_filter=None, summarizer=summarize_tensor)``."""
    v1 = import_tf().compat.v1
    tensors = [t for t in v1.get_collection(collection)
               if name_filter is None or re.match(name_filter, t.op.name)]
    return summarize_tensors(tensors, summarizer)


def summarize_variables(name_filter=None, summarizer=summarize_tensor):
    """Mirrors ``tf.contrib.layers.summarize_variables``: the ``GLOBAL_VARIABLES`` collection."""
    return summarize_collection("variables", name_filter, summarizer)


def summarize_weights(name_filter=None, summarizer=summarize_tensor):
    """Mirrors ``tf.contrib.layers.summarize_weights``: the ``WEIGHTS`` collection."""
    return summarize_collection("weights", name_filter, summarizer)


def summarize_biases(name_filter=None, summarizer=summarize_tensor):
    """Mirrors ``tf.contrib.layers.summarize_biases``: the ``BIASES`` collection."""
    return summarize_collection("biases", name_filter, summarizer)


def summarize_activations(name_filter=None, summarizer=summarize_activation):
    """Mirrors ``tf.contrib.layers.summarize_activations``: the ``ACTIVATIONS`` collection."""
    return summarize_collection("activations", name_filter, summarizer)
