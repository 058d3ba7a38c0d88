"""Mirrors Keras 2.2's ``keras.objectives``: the Keras 1 name of ``keras.losses`` (Keras 3's losses)."""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._same_names import keras3_dir, keras3_name

keras = import_keras()


def __getattr__(name):
    return keras3_name(keras.losses, name, __name__)


def __dir__():
    return keras3_dir(keras.losses, globals())
