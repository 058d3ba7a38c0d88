"""``tf.data`` as TF1 graph code used it: datasets and iterators in the legacy graph.

``tf.data.Dataset.from_tensor_slices(...)`` called through tfcompat.v1 builds
a graph dataset in the legacy graph; its chained methods (``batch``,
``shuffle``, ``map`` ...) and ``make_one_shot_iterator()`` /
``make_initializable_iterator()`` / ``get_next()`` then enter the dataset's
own graph when TF is executing eagerly, as tensor operators do (see
:func:`tfcompat.v1._graph._install_operator_fix`). Eager datasets (Keras 3's)
are untouched.
"""

import inspect

from tfcompat._lazy_tf import import_tf, internal
from tfcompat.v1._graph import enter_own_graph, legacy_graph, stand_in

__all__ = ["install_dataset_fix", "data_overrides"]


def _public_methods(cls):
    for name, member in vars(cls).items():
        if not name.startswith("_") and inspect.isfunction(member):
            yield name, member


def install_dataset_fix(enter_own_graph, executing_eagerly):
    """Makes methods of graph datasets and v1 iterators build in their own graph."""
    dataset_ops = internal("tensorflow.python.data.ops.dataset_ops")
    iterator_ops = internal("tensorflow.python.data.ops.iterator_ops")
    for cls in (dataset_ops.DatasetV2, dataset_ops.DatasetV1, dataset_ops.DatasetV1Adapter, iterator_ops.Iterator):
        for name, method in list(_public_methods(cls)):
            if getattr(method, "__tfcompat_wrapped__", None) is None:
                setattr(cls, name, enter_own_graph(method, executing_eagerly))


def data_overrides():
    """``tf.data`` names whose construction must happen in the legacy graph."""
    tf = import_tf()
    dataset_ops = internal("tensorflow.python.data.ops.dataset_ops")
    iterator_ops = internal("tensorflow.python.data.ops.iterator_ops")
    legacy_graph()
    install_dataset_fix(enter_own_graph, tf.executing_eagerly)  # before the first dataset exists
    v1 = tf.compat.v1.data
    return {
        "Dataset": stand_in(v1.Dataset, "Dataset", also=(dataset_ops.DatasetV2,)),
        "TFRecordDataset": stand_in(v1.TFRecordDataset, "TFRecordDataset"),
        "TextLineDataset": stand_in(v1.TextLineDataset, "TextLineDataset"),
        "FixedLengthRecordDataset": stand_in(v1.FixedLengthRecordDataset, "FixedLengthRecordDataset"),
        "Iterator": stand_in(iterator_ops.Iterator, "Iterator"),
    }
