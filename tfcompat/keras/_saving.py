"""Keras 2.2's model and weight files: HDF5 at any path (``model.h5``, ``weights.best.hdf5``, ``ckpt.model``).

Keras 3 writes HDF5 only for ``.h5``/``.hdf5`` model paths and wants weights files named
``*.weights.h5`` (its own layout); Keras 2 wrote HDF5 whatever the name. Here a
``.keras`` path keeps Keras 3's zip format and a ``.weights.h5`` path Keras 3's weights
format; every other path is the HDF5 layout Keras 2 wrote, through Keras 3's own
legacy-HDF5 code (which also reads Keras 2's files).
"""

import json
import os
import warnings

from tfcompat._lazy_tf import import_keras, internal

keras = import_keras()
_h5 = internal("keras.src.legacy.saving.legacy_h5_format")

__all__ = ["save_model", "save_weights", "load_weights", "load_model", "compile_from_hdf5"]


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
    """Keras 2 ``load_model(filepath, custom_objects=None, compile=True)``: a Keras 3 model object.

    An HDF5 file is read uncompiled (see :func:`compile_from_hdf5`).
    """
    path = _path(filepath)
    if path.endswith(".keras"):
        return keras.saving.load_model(path, custom_objects=custom_objects, compile=compile)
    return _h5.load_model_from_hdf5(path, custom_objects=custom_objects, compile=False)


def _objects(value, custom_objects):
    # Loss/metric entries: names stay names; serialized objects ({'class_name': ...}) are rebuilt.
    if isinstance(value, dict) and "class_name" in value:
        return keras.saving.deserialize_keras_object(value, custom_objects=custom_objects)
    if isinstance(value, dict):
        return {k: _objects(v, custom_objects) for k, v in value.items()}
    if isinstance(value, list):
        return [_objects(v, custom_objects) for v in value]
    return value


def compile_from_hdf5(model, filepath, deserialize_optimizer, custom_objects=None):
    """Compiles ``model`` as its HDF5 file's ``training_config`` says, and restores the optimizer's state.

    Keras 3's own legacy loader cannot rebuild every Keras 2 loss name (``'mse'``, the most
    common, fails); names are passed to ``model.compile`` as they are, which resolves them.

    Returns:
        True if the file had a training configuration (the model is compiled), else False.
    """
    import h5py

    with h5py.File(_path(filepath), "r") as f:
        raw = f.attrs.get("training_config")
        if raw is None:
            return False
        config = json.loads(raw.decode("utf-8") if hasattr(raw, "decode") else raw)
        optimizer = deserialize_optimizer(config["optimizer_config"])
        model.compile(
            optimizer=optimizer,
            loss=_objects(config.get("loss"), custom_objects),
            metrics=_objects(config.get("metrics"), custom_objects),
            loss_weights=config.get("loss_weights"),
            weighted_metrics=_objects(config.get("weighted_metrics"), custom_objects),
            sample_weight_mode=config.get("sample_weight_mode"),
        )
        if "optimizer_weights" in f and not _is_tf_optimizer(optimizer):
            optimizer.build(model.trainable_variables)
            values = _h5.load_optimizer_weights_from_hdf5_group(f)
            try:
                optimizer.set_weights(values)
            except ValueError as e:  # a file from another optimizer layout (Keras 2's own slots)
                warnings.warn(f"The optimizer state saved in {filepath} does not fit this optimizer ({e}); "
                              "it starts afresh.", RuntimeWarning, stacklevel=3)
    return True
