"""Mirrors Keras 2.2's ``keras.layers.advanced_activations``: LeakyReLU, PReLU, ELU, ThresholdedReLU, Softmax, ReLU.

``ThresholdedReLU`` is Keras 3's own legacy copy of the Keras 2 layer; the others are Keras 3's
layers (Keras 2's ``LeakyReLU(alpha=0.3)`` keyword is accepted by Keras 3 with a warning).
"""

from tfcompat._lazy_tf import import_keras, internal

keras = import_keras()

__all__ = ["LeakyReLU", "PReLU", "ELU", "ThresholdedReLU", "Softmax", "ReLU"]

LeakyReLU = keras.layers.LeakyReLU
PReLU = keras.layers.PReLU
ELU = keras.layers.ELU
Softmax = keras.layers.Softmax
ReLU = keras.layers.ReLU
ThresholdedReLU = internal("keras.src.legacy.layers").ThresholdedReLU
