"""Keras 2.2's model and weight files: HDF5 at any path (``model.h5``, ``weights.best.hdf5``, ``ckpt.model``).

Keras 3 writes HDF5 only for ``.h5``/``.hdf5`` model paths and wants weights files named
``*.weights.h5`` (its own layout); Keras 2 wrote HDF5 whatever the name. Here a
``.keras`` path keeps Keras 3's zip format and a ``.weights.h5`` path Keras 3's weights
format; every other path is the HDF5 layout Keras 2 wrote, through Keras 3's own
legacy-HDF5 code (which also reads Keras 2's files).
"""

import os
import warnings

from tfcompat._lazy_tf import import_keras, internal

keras = import_keras()
_h5 = internal("keras.src.legacy.saving.legacy_h5_format")

__all__ = ["save_model", "save_weights", "load_weights", "load_model"]


def _path(filepath):
    return os.fspath(filepath)


def _is_tf_optimizer(optimizer):
    return type(optimizer).__name__ == "TFOptimizer"


def save_model(model, filepath, overwrite=True, include_optimizer=True, **kwargs):
    """Keras 2 ``save_model(model, filepath, overwrite=True, include_optimizer=True)``."""
    path = _path(filepath)
    if path.endswith(".keras"):
        keras.saving.save_model(model, path, overwrite=overwrite, **kwargs)
        return
    if include_optimizer and _is_tf_optimizer(getattr(model, "optimizer", None)):
        warnings.warn("A tf.train optimizer (TFOptimizer) exposes no state to save; the model is saved "
                      "without its optimizer, as Keras 2 did.", UserWarning, stacklevel=3)
        include_optimizer = False
    _h5.save_model_to_hdf5(model, path, overwrite=overwrite, include_optimizer=include_optimizer)


def save_weights(model, filepath, overwrite=True, **kwargs):
    """Keras 2 ``model.save_weights(filepath, overwrite=True)``: HDF5 unless the name ends in ``.weights.h5``."""
    path = _path(filepath)
    if path.endswith(".weights.h5") or path.endswith(".keras"):
        keras.Model.save_weights(model, path, overwrite=overwrite, **kwargs)
        return
    import h5py

    directory = os.path.dirname(path)
    if directory:
        os.makedirs(directory, exist_ok=True)
    with h5py.File(path, "w") as f:
        _h5.save_weights_to_hdf5_group(f, model)


def load_weights(model, filepath, by_name=False, skip_mismatch=False, **kwargs):
    """Keras 2 ``model.load_weights(filepath, by_name=False, skip_mismatch=False)`` from any HDF5 path."""
    path = _path(filepath)
    if path.endswith(".weights.h5") or path.endswith(".keras"):
        keras.Model.load_weights(model, path, skip_mismatch=skip_mismatch, **kwargs)
        return
    import h5py

    with h5py.File(path, "r") as f:
        group = f["model_weights"] if "layer_names" not in f.attrs and "model_weights" in f else f
        if by_name:
            _h5.load_weights_from_hdf5_group_by_name(group, model, skip_mismatch=skip_mismatch)
        else:
            _h5.load_weights_from_hdf5_group(group, model, skip_mismatch=skip_mismatch)


def load_model(filepath, custom_objects=None, compile=True):
    """Keras 2 ``load_model(filepath, custom_objects=None, compile=True)``: a Keras 3 model object."""
    path = _path(filepath)
    if path.endswith(".keras"):
        return keras.saving.load_model(path, custom_objects=custom_objects, compile=compile)
    return _h5.load_model_from_hdf5(path, custom_objects=custom_objects, compile=compile)
