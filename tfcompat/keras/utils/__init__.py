"""Mirrors Keras 2.2's ``keras.utils`` package (``np_utils``, ``generic_utils`` and the names it exported).

``to_categorical`` is Keras 2's (float32, trailing 1-axis dropped); ``multi_gpu_model``,
``HDF5Matrix`` and the Keras 2 enqueuers raise, naming today's replacement. Every other
``keras.utils`` name (``Sequence``, ``get_file``, ``plot_model``, ``Progbar``...) is Keras 3's.
"""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._same_names import RemovedInKeras3Error, keras3_dir, keras3_name, removed_class
from tfcompat.keras.utils import generic_utils, np_utils
from tfcompat.keras.utils.generic_utils import (
    CustomObjectScope,
    Progbar,
    custom_object_scope,
    deserialize_keras_object,
    get_custom_objects,
    serialize_keras_object,
)
from tfcompat.keras.utils.np_utils import normalize, to_categorical

keras = import_keras()

__all__ = [
    "np_utils", "generic_utils", "to_categorical", "normalize", "CustomObjectScope", "custom_object_scope",
    "get_custom_objects", "serialize_keras_object", "deserialize_keras_object", "Progbar", "print_summary",
    "multi_gpu_model", "HDF5Matrix", "GeneratorEnqueuer", "OrderedEnqueuer",
]

HDF5Matrix = removed_class("HDF5Matrix", "Keras 3 reads no HDF5 datasets", "h5py arrays or a keras.utils.PyDataset")
GeneratorEnqueuer = removed_class(
    "GeneratorEnqueuer", "Keras 3 runs generators itself", "model.fit(generator, steps_per_epoch=...)")
OrderedEnqueuer = removed_class(
    "OrderedEnqueuer", "Keras 3 runs Sequences itself", "a keras.utils.PyDataset(workers=...) passed to fit")


def print_summary(model, line_length=None, positions=None, print_fn=None):
    """Keras 2 ``keras.utils.print_summary(model, ...)``: ``model.summary(...)``."""
    return model.summary(line_length=line_length, positions=positions, print_fn=print_fn)


def multi_gpu_model(model, gpus=None, cpu_merge=True, cpu_relocation=False):
    """Keras 2 ``multi_gpu_model``: Keras 3 has none; raises, naming ``tf.distribute.MirroredStrategy``."""
    raise RemovedInKeras3Error(
        "Keras 3 has no multi_gpu_model: build and compile the model inside "
        "`with tf.distribute.MirroredStrategy().scope():` instead. "
        f"Received: gpus={gpus!r}"
    )


def __getattr__(name):
    return keras3_name(keras.utils, name, __name__)


def __dir__():
    return keras3_dir(keras.utils, globals())
