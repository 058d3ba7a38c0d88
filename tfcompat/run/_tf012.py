"""TensorFlow 0.12 summary names (``tf.scalar_summary``...) and ops renamed in TF 1.0 (``tf.mul``...).

Mirrors TF 0.12 exactly: the tag is the string given, used verbatim (TF 1.x's
``tf.summary.scalar`` derives the tag from the op name, adding name scopes and
``_1`` suffixes; 0.12 did neither). The ops are the TF1 summary kernels, built
in the legacy graph (or the graph of their input) and added to the SUMMARIES
collection so ``merge_all_summaries`` finds them.
"""

import functools

from tfcompat._lazy_tf import import_tf
from tfcompat.run import _dispatch

__all__ = ["names", "RENAMED_OPS"]


def _graph_for(args, kwargs, v1):
    graph = _dispatch.find_graph_arg(args, kwargs)
    if graph is not None:
        return graph
    tf = import_tf()
    if not tf.executing_eagerly():
        return tf.compat.v1.get_default_graph()
    return v1.get_default_graph()


def _summary_op(build):
    def decorator(fn):
        @functools.wraps(fn)
        def op(*args, **kwargs):
            v1 = fn.__tfcompat_v1__
            tf = import_tf()
            collections = kwargs.pop("collections", None)
            graph = _graph_for(args, kwargs, v1)
            with graph.as_default():
                with tf.compat.v1.name_scope(kwargs.pop("name", None), fn.__name__):
                    tensor = build(tf, *args, **kwargs)
                for key in collections if collections is not None else [tf.compat.v1.GraphKeys.SUMMARIES]:
                    tf.compat.v1.add_to_collection(key, tensor)
            return tensor

        return op

    return decorator


def _scalar(tf, tags, values):
    return tf.raw_ops.ScalarSummary(tags=tags, values=values)


def _histogram(tf, tag, values):
    return tf.raw_ops.HistogramSummary(tag=tag, values=values)


def _image(tf, tag, tensor, max_images=3):
    return tf.raw_ops.ImageSummary(tag=tag, tensor=tensor, max_images=max_images)


def _audio(tf, tag, tensor, sample_rate, max_outputs=3):
    return tf.raw_ops.AudioSummaryV2(tag=tag, tensor=tensor, sample_rate=sample_rate, max_outputs=max_outputs)


def names(v1):
    """The TF 0.12 names, bound to the legacy graph of ``v1`` (``tfcompat.v1`` or its fallback)."""

    def make(build, name, doc):
        def fn(*args, **kwargs):
            pass

        fn.__name__ = name
        fn.__qualname__ = name
        fn.__doc__ = doc
        fn.__tfcompat_v1__ = v1
        return _summary_op(build)(fn)

    return {
        "scalar_summary": make(_scalar, "scalar_summary",
                               "Mirrors TF 0.12 ``tf.scalar_summary(tags, values, collections=None, name=None)``."),
        "histogram_summary": make(_histogram, "histogram_summary",
                                  "Mirrors TF 0.12 ``tf.histogram_summary(tag, values, collections=None, name=None)``."),
        "image_summary": make(_image, "image_summary",
                              "Mirrors TF 0.12 ``tf.image_summary(tag, tensor, max_images=3, collections=None, name=None)``."),
        "audio_summary": make(_audio, "audio_summary",
                              "Mirrors TF 0.12 ``tf.audio_summary(tag, tensor, sample_rate, max_outputs=3, ...)``."),
        "merge_summary": v1.summary.merge,
        "merge_all_summaries": v1.summary.merge_all,
        "initialize_all_variables": v1.global_variables_initializer,
    }


# TF 0.12 op name -> its TF 1.0 name, same arguments and meaning (``tf.concat``, whose
# arguments were swapped, is not here). :mod:`tfcompat.run._patch_tf` points each at the
# patched TF 1.0 name, so it dispatches on its arguments like that one.
RENAMED_OPS = {
    "mul": "multiply",
    "sub": "subtract",
    "neg": "negative",
    "pack": "stack",
    "unpack": "unstack",
    "batch_matmul": "matmul",
    "select": "where",
}
