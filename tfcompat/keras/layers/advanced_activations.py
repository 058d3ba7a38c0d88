"""Mirrors Keras 2.2's ``keras.layers.advanced_activations``: LeakyReLU, PReLU, ELU, ThresholdedReLU, Softmax, ReLU.

``ThresholdedReLU`` is Keras 3's own legacy copy of the Keras 2 layer; the others are Keras 3's
layers (Keras 2's ``LeakyReLU(alpha=0.3)`` keyword is accepted by Keras 3 with a warning).
"""

from tfcompat._lazy_tf import import_keras, internal
from tfcompat.keras._keras2_layers import keras2_layer

keras = import_keras()

__all__ = ["LeakyReLU", "PReLU", "ELU", "ThresholdedReLU", "Softmax", "ReLU"]

LeakyReLU = keras2_layer(keras.layers.LeakyReLU, __name__)
PReLU = keras2_layer(keras.layers.PReLU, __name__)
ELU = keras2_layer(keras.layers.ELU, __name__)
Softmax = keras2_layer(keras.layers.Softmax, __name__)
ReLU = keras2_layer(keras.layers.ReLU, __name__)
ThresholdedReLU = keras2_layer(internal("keras.src.legacy.layers").ThresholdedReLU, __name__)
