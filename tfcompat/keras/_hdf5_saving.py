"""Keras 2's HDF5 files on Keras 3: ``model.save('x.h5')``, ``load_model``, ``save_weights('w.h5')``, ``ModelCheckpoint``.

Mirrors ``keras.engine.saving`` of Keras 2.2 (and ``keras.callbacks.ModelCheckpoint``),
where every model or weights file was HDF5 whatever its name. Keras 3 writes
HDF5 only for names ending in ``.h5``/``.hdf5`` (full models) or
``.weights.h5`` (weights, in its own layout), so 2018 code saving
``weights.{epoch:02d}-{val_loss:.2f}.hdf5`` or ``model.save_weights('w.h5')``
fails there. Here:

* :func:`save_model` / :func:`save_weights` write Keras 2's HDF5 layout (Keras 3's
  legacy writer) for any name; only ``.keras`` / ``.weights.h5`` go to Keras 3's
  own formats, as Keras 3 wants;
* :func:`load_model` / :func:`load_weights` read those, Keras 3 files, and files
  written by Keras 2.2 itself (a ``Sequential`` config that is a bare list of
  layers, optimizer configs with ``lr``/``decay``, which become tfcompat's Keras 2
  optimizers), restoring the optimizer state on the model's trainable variables
  (after Keras 3's own HDF5 loader a loaded Sequential cannot ``fit``);
* :class:`ModelCheckpoint` is Keras 2.2's callback (``period``, ``mode='auto'``
  choosing max for names with ``acc``, ``save_best_only`` skipping when the
  monitored value is missing) writing through these functions.

For tfcompat's Keras 2 surface (``tfcompat.keras.models``/``callbacks``): ``Model.save``,
``save_weights``, ``load_weights``, ``models.load_model``/``save_model`` and
``callbacks.ModelCheckpoint`` can be these.
"""

import io
import json
import os
import warnings

import h5py

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras, internal
from tfcompat._names import KERAS2_OPTIMIZERS
from tfcompat.keras import optimizers as keras2_optimizers

keras = import_keras()

__all__ = ["save_model", "load_model", "save_weights", "load_weights"]


def _path(filepath, arg="filepath"):
    if not isinstance(filepath, (str, os.PathLike)) or not os.fspath(filepath):
        raise InvalidArgumentError(f"`{arg}` must be a file path. Received: {arg}={filepath!r}")
    return os.fspath(filepath)


def _legacy():
    return internal("keras.src.legacy.saving.legacy_h5_format")


def save_model(model, filepath, overwrite=True, include_optimizer=True):
    """Mirrors Keras 2 ``model.save(filepath)`` / ``keras.models.save_model``: an HDF5 file whatever the name.

    ``.keras`` names get Keras 3's native format (a Keras 2 script never wrote those).
    """
    path = _path(filepath)
    if path.endswith(".keras"):
        keras.Model.save(model, path, overwrite=overwrite)  # Keras 3's own: a Keras 2 model's `save` comes here
        return
    if include_optimizer and type(getattr(model, "optimizer", None)).__name__ == "TFOptimizer":
        warnings.warn("A tf.train optimizer (TFOptimizer) exposes no state to save; the model is saved without "
                      "its optimizer, as Keras 2 did.", UserWarning, stacklevel=2)
        include_optimizer = False
    _legacy().save_model_to_hdf5(model, path, overwrite=overwrite, include_optimizer=include_optimizer)


def save_weights(model, filepath, overwrite=True):
    """Mirrors Keras 2 ``model.save_weights(filepath)``: Keras 2's HDF5 weights layout whatever the name.

    ``.weights.h5`` names get Keras 3's own weights layout (what Keras 3's ``load_weights`` expects).
    """
    path = _path(filepath)
    if path.endswith(".weights.h5"):
        keras.Model.save_weights(model, path, overwrite=overwrite)
        return
    if not overwrite and os.path.exists(path):
        if not internal("keras.src.utils.io_utils").ask_to_proceed_with_overwrite(path):
            return
    with h5py.File(path, "w") as f:
        _legacy().save_weights_to_hdf5_group(f, model)


def _is_keras2_weights_file(f):
    return "layer_names" in f.attrs or "model_weights" in f


def load_weights(model, filepath, by_name=False, skip_mismatch=False):
    """Mirrors Keras 2 ``model.load_weights(filepath, by_name=False, skip_mismatch=False)``.

    Reads Keras 2 HDF5 weights (from a weights file or a whole-model file, as
    Keras 2 did) in layer order, or by layer name with ``by_name=True``; any
    other file goes to Keras 3's ``load_weights``.
    """
    path = _path(filepath)
    if not (os.path.isfile(path) and h5py.is_hdf5(path)):
        keras.Model.load_weights(model, path, skip_mismatch=skip_mismatch)
        return
    with h5py.File(path, "r") as f:
        if not _is_keras2_weights_file(f):
            keras.Model.load_weights(model, path, skip_mismatch=skip_mismatch)
            return
        group = f["model_weights"] if "layer_names" not in f.attrs and "model_weights" in f else f
        if by_name:
            _legacy().load_weights_from_hdf5_group_by_name(group, model, skip_mismatch=skip_mismatch)
        else:
            _legacy().load_weights_from_hdf5_group(group, model, skip_mismatch=skip_mismatch)


def load_model(filepath, custom_objects=None, compile=True, prepare=None):
    """Mirrors Keras 2 ``keras.models.load_model(filepath, custom_objects=None, compile=True)``.

    HDF5 files written by Keras 2.2, by Keras 3's legacy writer or by
    :func:`save_model` load as HDF5; anything else (``.keras``) through Keras 3.
    A Keras 2 optimizer in the file (``Adam(lr=..., decay=...)``) becomes
    tfcompat's Keras 2 optimizer of that name, with its learning rate and decay.
    ``prepare(model) -> model``, if given, runs before the model is compiled
    (``tfcompat.keras.models`` makes it a Keras 2 model there, compiled by Keras 2's ``compile``).
    """
    path = _path(filepath)
    prepare = prepare or (lambda model: model)
    if not (os.path.isfile(path) and h5py.is_hdf5(path)):
        return prepare(keras.models.load_model(path, custom_objects=custom_objects, compile=compile))
    objects = _keras2_optimizer_objects()
    objects.update(custom_objects or {})
    with h5py.File(path, "r") as f:
        training_config = _json_attr(f, "training_config")
        fixed_training = _keras2_training_config(training_config)
        fixed_model = _keras2_model_config(_json_attr(f, "model_config"))
        if fixed_model is None:
            model = _legacy().load_model_from_hdf5(f, custom_objects=objects, compile=False)
        else:
            # Keras 3 reads the model config from the file's attributes: hand it an in-memory copy with it fixed.
            with h5py.File(io.BytesIO(), "w") as copy:
                for key, value in f.attrs.items():
                    copy.attrs[key] = value
                for key in f:
                    f.copy(f[key], copy, name=key)
                copy.attrs["model_config"] = json.dumps(fixed_model).encode("utf8")
                model = _legacy().load_model_from_hdf5(copy, custom_objects=objects, compile=False)
        model = prepare(model)
        if compile:
            _compile_as_saved(model, f, fixed_training or training_config, objects)
    return model


def _compile_as_saved(model, f, training_config, objects):
    """Compiles ``model`` from the file's training config and restores the optimizer state when it fits.

    Keras 3's own HDF5 loader builds the optimizer on the model's directly owned
    variables (none for a Sequential), so the loaded model failed its first
    ``fit`` ("Unknown variable"); here it is built on ``model.trainable_variables``.
    """
    if training_config is None:
        warnings.warn(f"No training configuration in {f.filename!r}: the model was not compiled. Compile it "
                      "yourself.", stacklevel=3)
        return
    saving_utils = internal("keras.src.legacy.saving.saving_utils")
    model.compile(**_compile_args(training_config, objects))
    saving_utils.try_build_compiled_arguments(model)
    if "optimizer_weights" not in f:
        return
    values = _legacy().load_optimizer_weights_from_hdf5_group(f)
    optimizer = model.optimizer
    optimizer.build(model.trainable_variables)
    try:
        optimizer.set_weights(values)
    except ValueError as e:  # Keras 2's slots (vhat, other order) do not map onto Keras 3's
        warnings.warn(f"The optimizer state saved in {f.filename!r} does not fit Keras 3's {type(optimizer).__name__} "
                      f"({e}); training goes on with a fresh optimizer state.", stacklevel=3)


def _objects(value, objects):
    # Loss and metric entries: names stay names (compile resolves them); serialized objects are rebuilt.
    if isinstance(value, dict) and "class_name" in value:
        return keras.saving.deserialize_keras_object(value, custom_objects=objects)
    if isinstance(value, dict):
        return {k: _objects(v, objects) for k, v in value.items()}
    if isinstance(value, list):
        return [_objects(v, objects) for v in value]
    return value


def _compile_args(training_config, objects):
    """``compile`` arguments of a training config. Keras 3's own reader turns the loss name ``'mse'``
    (Keras 2's most common) into an object it then cannot rebuild; names are passed on as they are."""
    args = {
        "optimizer": keras.optimizers.deserialize(training_config["optimizer_config"], custom_objects=objects),
        "loss": _objects(training_config.get("loss"), objects),
        "metrics": _objects(training_config.get("metrics"), objects),
        "weighted_metrics": _objects(training_config.get("weighted_metrics"), objects),
        "loss_weights": training_config.get("loss_weights"),
    }
    return {k: v for k, v in args.items() if v is not None or k in ("loss", "optimizer")}


def _json_attr(f, name):
    value = f.attrs.get(name)
    if value is None:
        return None
    if hasattr(value, "decode"):
        value = value.decode("utf8")
    return json.loads(value)


def _keras2_model_config(config):
    """Keras 2.2's model config in the shape Keras 3 reads, or None when it needs nothing."""
    if not isinstance(config, dict) or config.get("class_name") != "Sequential":
        return None
    layers = config.get("config")
    if not isinstance(layers, list):
        return None
    # Keras <= 2.2.4 stored a Sequential as the bare list of its layers, the input
    # shape as the first layer's batch_input_shape (Keras 3 would read that as a
    # shape without the batch axis): it becomes the InputLayer Keras 2 built.
    layers = [dict(layer, config=dict(layer.get("config") or {})) for layer in layers]
    if layers and layers[0].get("class_name") != "InputLayer" and "batch_input_shape" in layers[0]["config"]:
        first = layers[0]["config"]
        input_config = {"batch_input_shape": first.pop("batch_input_shape"), "dtype": first.get("dtype", "float32"),
                        "sparse": False, "name": f"{first.get('name', 'layer')}_input"}
        layers.insert(0, {"class_name": "InputLayer", "config": input_config})
    return {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}


def _keras2_training_config(config):
    """The training config naming tfcompat's Keras 2 optimizer (``lr``, ``decay``); None when not Keras 2's."""
    if not isinstance(config, dict):
        return None
    opt = config.get("optimizer_config")
    if not isinstance(opt, dict) or opt.get("class_name") not in KERAS2_OPTIMIZERS or "module" in opt:
        return None
    args = dict(opt.get("config") or {})
    if "lr" not in args and "decay" not in args:
        return None
    if "lr" in args:
        args["learning_rate"] = args.pop("lr")
    args.pop("name", None)
    out = dict(config)
    # The name tfcompat's optimizers are registered under: Keras 3 would pick its own Adam
    # (and drop `decay` with a warning) for the bare class name.
    out["optimizer_config"] = {"class_name": f"tfcompat>{opt['class_name']}", "config": args}
    return out


def _keras2_optimizer_objects():
    return {f"tfcompat>{name}": getattr(keras2_optimizers, name) for name in KERAS2_OPTIMIZERS}
