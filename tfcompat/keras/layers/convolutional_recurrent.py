"""Mirrors Keras 2.2's ``keras.layers.convolutional_recurrent``: ``ConvLSTM2D`` (Keras 3's layers, Keras 2's names)."""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._keras2_layers import keras2_layer
from tfcompat.keras._same_names import removed_class

keras = import_keras()

__all__ = ["ConvLSTM2D", "ConvRecurrent2D"]

ConvLSTM2D = keras2_layer(keras.layers.ConvLSTM2D, __name__)
ConvRecurrent2D = removed_class(
    "ConvRecurrent2D", "Keras 2 kept it only as the Keras 1 base class", "keras.layers.ConvLSTM2D")
