"""Mirrors Keras 2.2's ``keras.layers.wrappers``: Wrapper, TimeDistributed, Bidirectional (Keras 3's layers, Keras 2's names)."""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._keras2_layers import keras2_layer

keras = import_keras()

__all__ = ["Wrapper", "TimeDistributed", "Bidirectional"]

Wrapper = keras2_layer(keras.layers.Wrapper, __name__)
TimeDistributed = keras2_layer(keras.layers.TimeDistributed, __name__)
Bidirectional = keras2_layer(keras.layers.Bidirectional, __name__)
