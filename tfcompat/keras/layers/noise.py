"""Mirrors Keras 2.2's ``keras.layers.noise``: GaussianNoise, GaussianDropout, AlphaDropout.

Keras 3's layers, built with Keras 2's names and Keras 1 arguments (``sigma``, ``p``) converted.
"""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._keras2_layers import keras2_layer

keras = import_keras()

__all__ = ["GaussianNoise", "GaussianDropout", "AlphaDropout"]

GaussianNoise = keras2_layer(keras.layers.GaussianNoise, __name__)
GaussianDropout = keras2_layer(keras.layers.GaussianDropout, __name__)
AlphaDropout = keras2_layer(keras.layers.AlphaDropout, __name__)
