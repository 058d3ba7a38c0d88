"""Mirrors Keras 2.2's ``keras.layers.normalization``: ``BatchNormalization``.

Keras 3's layer, built with Keras 2's name; Keras 1's ``beta_init``/``gamma_init``/``mode=0`` are converted.
"""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._keras2_layers import keras2_layer

keras = import_keras()

__all__ = ["BatchNormalization"]

BatchNormalization = keras2_layer(keras.layers.BatchNormalization, __name__)
