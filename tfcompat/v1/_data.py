"""``tf.data`` as TF1 graph code used it: datasets and iterators in the legacy graph.

``tf.data.Dataset.from_tensor_slices(...)`` called through tfcompat.v1 builds
a graph dataset in the legacy graph; its chained methods (``batch``,
``shuffle``, ``map`` ...) and ``make_one_shot_iterator()`` /
``make_initializable_iterator()`` / ``get_next()`` then enter the dataset's
own graph when TF is executing eagerly (the dataset is adopted by the legacy
graph: see :mod:`tfcompat.v1._legacy_objects`). Eager datasets (Keras 3's)
are untouched.
"""

from tfcompat._lazy_tf import import_tf, internal
from tfcompat.v1._graph import stand_in

__all__ = ["data_overrides"]


def data_overrides():
    """``tf.data`` names whose construction must happen in the legacy graph."""
    tf = import_tf()
    dataset_ops = internal("tensorflow.python.data.ops.dataset_ops")
    iterator_ops = internal("tensorflow.python.data.ops.iterator_ops")
    v1 = tf.compat.v1.data
    return {
        "Dataset": stand_in(v1.Dataset, "Dataset", also=(dataset_ops.DatasetV2,)),
        "TFRecordDataset": stand_in(v1.TFRecordDataset, "TFRecordDataset"),
        "TextLineDataset": stand_in(v1.TextLineDataset, "TextLineDataset"),
        "FixedLengthRecordDataset": stand_in(v1.FixedLengthRecordDataset, "FixedLengthRecordDataset"),
        "Iterator": stand_in(iterator_ops.Iterator, "Iterator"),
    }
