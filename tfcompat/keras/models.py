"""Mirrors Keras 2.2's ``keras.models``: ``Sequential`` and ``Model`` with Keras 2's training API.

``Sequential`` and ``Model`` are Keras 3 models (``isinstance(m, keras.Model)`` holds,
Keras 3 callbacks and saving work) with Keras 2.2's ``compile``/``fit``/``fit_generator``/
``evaluate_generator``/``predict_generator``, ``History`` keys (``acc``, ``val_acc``),
callbacks' ``logs``/``params``/``validation_data`` and HDF5 files at any path; see
:mod:`tfcompat.keras._keras2_model`. ``Model(inputs, outputs)`` builds a functional
model, ``class M(Model)`` a subclassed one, as in Keras 2.2.

``load_model``/``model_from_json``/``model_from_config``/``clone_model`` return models
of these classes; ``load_model`` reads Keras 2's HDF5 files, whose optimizer
configurations (``{'lr': ...}``) build tfcompat's Keras 2 optimizers.
"""

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras, internal
from tfcompat.keras import _hdf5_saving
from tfcompat.keras import optimizers as keras2_optimizers
from tfcompat.keras._keras2_model import Keras2Model, Keras2SequentialMethods, lift_graph_variables

keras = import_keras()
_functional = internal("keras.src.models.functional")
_model = internal("keras.src.models.model")

__all__ = ["Sequential", "Model", "load_model", "save_model", "model_from_json", "model_from_config",
           "model_from_yaml", "clone_model", "as_keras2_model"]


class Model(Keras2Model, keras.Model):
    """Keras 2.2 ``keras.models.Model``: ``Model(inputs, outputs)`` or a subclass with ``call``."""

    def __new__(cls, *args, **kwargs):
        if cls is Model and _model.functional_init_arguments(args, kwargs):
            # As Keras 3 does for keras.Model: the functional form is its own class, so this
            # one is never rebased onto Functional (Keras 3 would do that on first use).
            return Functional.__new__(Functional)
        return super().__new__(cls, *args, **kwargs)


class Functional(Model, _functional.Functional):
    """A Keras 2 ``Model(inputs, outputs)``: Keras 3's functional model with Keras 2's training API."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lift_graph_variables(self)  # layers called inside a user's tf.Graph made graph variables


class Sequential(Keras2SequentialMethods, Keras2Model, keras.Sequential):
    """Keras 2.2 ``keras.models.Sequential(layers=None, name=None)`` with Keras 2's training API."""


def as_keras2_model(model):
    """``model`` (a Keras 3 ``Sequential`` or functional model) as tfcompat's Keras 2 class, in place.

    Subclassed Keras 3 models are returned unchanged.
    """
    if isinstance(model, Keras2Model):
        return model
    if type(model) is keras.Sequential:
        model.__class__ = Sequential
    elif type(model) is _functional.Functional:
        model.__class__ = Functional
    return model


def _custom_objects(custom_objects):
    # Keras 2 files name their optimizer 'Adam' with {'lr': ...}: tfcompat's Keras 2 classes read that.
    objects = {name: getattr(keras2_optimizers, name) for name in keras2_optimizers.KERAS2_OPTIMIZER_NAMES}
    objects.update({"Sequential": Sequential, "Model": Model, "Functional": Functional})
    objects.update(custom_objects or {})
    return objects


def load_model(filepath, custom_objects=None, compile=True):
    """Keras 2 ``load_model(filepath, custom_objects=None, compile=True)``: HDF5 at any path, or ``.keras``."""
    keras2_optimizers.register_for_saving()
    return _hdf5_saving.load_model(filepath, custom_objects=_custom_objects(custom_objects), compile=compile,
                                   prepare=as_keras2_model)


def save_model(model, filepath, overwrite=True, include_optimizer=True):
    """Keras 2 ``save_model(model, filepath, overwrite=True, include_optimizer=True)``."""
    keras2_optimizers.register_for_saving()
    _hdf5_saving.save_model(model, filepath, overwrite=overwrite, include_optimizer=include_optimizer)


def model_from_config(config, custom_objects=None):
    """Keras 2 ``model_from_config(config, custom_objects=None)``."""
    if isinstance(config, list):
        raise InvalidArgumentError(
            "`model_from_config` expects a model configuration dict (Keras 2 raised for a list too). "
            f"Received: config={config!r}")
    model = keras.models.model_from_config(config, custom_objects=_custom_objects(custom_objects))
    return as_keras2_model(model)


def model_from_json(json_string, custom_objects=None):
    """Keras 2 ``model_from_json(json_string, custom_objects=None)``."""
    return as_keras2_model(keras.models.model_from_json(json_string, custom_objects=_custom_objects(custom_objects)))


def model_from_yaml(yaml_string, custom_objects=None):
    """Keras 2 ``model_from_yaml``: Keras 3 dropped YAML (unsafe to load); raises, naming JSON."""
    raise InvalidArgumentError(
        "Keras 3 reads no YAML model configurations (removed as unsafe): save with model.to_json() and "
        "load with model_from_json(). Received: a YAML string")


def clone_model(model, input_tensors=None):
    """Keras 2 ``clone_model(model, input_tensors=None)``: new weights, same architecture."""
    return as_keras2_model(keras.models.clone_model(model, input_tensors=input_tensors))
