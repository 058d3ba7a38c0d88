"""TensorFlow 0.12 summary names (``tf.scalar_summary``...) and ops renamed in TF 1.0 (``tf.mul``...).

Mirrors TF 0.12 exactly: the tag is the string given, used verbatim (TF 1.x's
``tf.summary.scalar`` derives the tag from the op name, adding name scopes and
``_1`` suffixes; 0.12 did neither). The ops are the TF1 summary kernels, built
in the legacy graph (or the graph of their input) and added to the SUMMARIES
collection so ``merge_all_summaries`` finds them. ``tfcompat.v1`` answers these
names (TF 0.12 scripts are 2018 modules too).
"""

import functools
import importlib

from tfcompat._lazy_tf import import_tf
from tfcompat._names import TF012_NN_RENAMED, TF012_RENAMED_OPS, TF012_SUMMARY_NAMES
from tfcompat.v1._graph import legacy_graph, wrap_function
from tfcompat.v1._legacy_objects import graph_of

__all__ = ["tf012_name", "nn_overrides"]


def _graph_for(args, kwargs):
    for value in list(args) + list(kwargs.values()):
        graph = graph_of(value) if not isinstance(value, (str, bytes, int, float)) else None
        if graph is not None:
            return graph
    tf = import_tf()
    if not tf.executing_eagerly():
        return tf.compat.v1.get_default_graph()
    return legacy_graph()


def _summary_op(name, build, doc):
    def op(*args, **kwargs):
        tf = import_tf()
        collections = kwargs.pop("collections", None)
        graph = _graph_for(args, kwargs)
        with graph.as_default():
            with tf.compat.v1.name_scope(kwargs.pop("name", None), name):
                tensor = build(tf, *args, **kwargs)
            for key in collections if collections is not None else [tf.compat.v1.GraphKeys.SUMMARIES]:
                tf.compat.v1.add_to_collection(key, tensor)
        return tensor

    op.__name__ = op.__qualname__ = name
    op.__doc__ = doc
    return functools.wraps(op)(op)


def _scalar(tf, tags, values):
    return tf.raw_ops.ScalarSummary(tags=tags, values=values)


def _histogram(tf, tag, values):
    return tf.raw_ops.HistogramSummary(tag=tag, values=values)


def _image(tf, tag, tensor, max_images=3):
    return tf.raw_ops.ImageSummary(tag=tag, tensor=tensor, max_images=max_images)


def _audio(tf, tag, tensor, sample_rate, max_outputs=3):
    return tf.raw_ops.AudioSummaryV2(tag=tag, tensor=tensor, sample_rate=sample_rate, max_outputs=max_outputs)


_OPS = {
    "scalar_summary": (_scalar, "Mirrors TF 0.12 ``tf.scalar_summary(tags, values, collections=None, name=None)``."),
    "histogram_summary": (_histogram,
                          "Mirrors TF 0.12 ``tf.histogram_summary(tag, values, collections=None, name=None)``."),
    "image_summary": (_image,
                      "Mirrors TF 0.12 ``tf.image_summary(tag, tensor, max_images=3, collections=None, name=None)``."),
    "audio_summary": (_audio, "Mirrors TF 0.12 ``tf.audio_summary(tag, tensor, sample_rate, max_outputs=3, ...)``."),
}


def tf012_name(v1, name):
    """What TF 0.12's ``tf.<name>`` is in ``v1`` (``tfcompat.v1``), or None when ``name`` is not a 0.12 name."""
    if name in _OPS:
        build, doc = _OPS[name]
        return _summary_op(name, build, doc)
    target = TF012_SUMMARY_NAMES.get(name) or TF012_RENAMED_OPS.get(name)
    if target is None or "." in name:
        return None
    value = v1
    for part in target.split("."):
        value = getattr(value, part)
    return value


# TF 0.12's cross-entropies took (logits, labels) positionally; TF 1.x refused positional arguments
# ("Only call ... with named arguments"), so reading them in 0.12's order changes nothing TF1 code did.
_XENT = ("softmax_cross_entropy_with_logits", "sparse_softmax_cross_entropy_with_logits",
         "sigmoid_cross_entropy_with_logits")


def _xent_012(name, tf1_fn):
    @functools.wraps(tf1_fn)
    def xent(*args, **kwargs):
        if args:
            if len(args) > 2 or "logits" in kwargs or "labels" in kwargs:
                raise TypeError(f"tf.nn.{name}: give logits and labels either positionally (TF 0.12's order: "
                                f"logits, labels) or by name. Received: {len(args)} positional, "
                                f"keywords {sorted(kwargs)}")
            kwargs.update(zip(("logits", "labels"), args))
        return tf1_fn(**kwargs)

    return xent


def nn_overrides():
    """``tf.nn`` names of tfcompat.v1's own: the TF 0.12 positional cross-entropies (built in the legacy graph),
    and ``rnn_cell`` (TF 1.x's cells, :mod:`tfcompat.v1._rnn_cell`: TF 2.21's need Keras 2)."""
    nn = import_tf().compat.v1.nn
    overrides = {name: wrap_function(_xent_012(name, getattr(nn, name))) for name in _XENT}
    overrides["rnn_cell"] = importlib.import_module("tfcompat.v1._rnn_cell")
    for old, new in TF012_NN_RENAMED.items():  # tf.nn.rnn: TF 1.x lacked it, so no 1.x code meant anything else
        overrides[old] = wrap_function(getattr(nn, new))
    return overrides
