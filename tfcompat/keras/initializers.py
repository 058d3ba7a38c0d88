"""Mirrors Keras 2.2's ``keras.initializers``: Keras 3's ``keras.initializers``, whose names kept their Keras 2 meaning."""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._same_names import keras3_dir, keras3_name

keras = import_keras()


def __getattr__(name):
    return keras3_name(keras.initializers, name, __name__)


def __dir__():
    return keras3_dir(keras.initializers, globals())
