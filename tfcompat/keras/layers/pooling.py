"""Mirrors Keras 2.2's ``keras.layers.pooling``: pooling layers and their short aliases.

Keras 3's layers, built with Keras 2's names and Keras 1 arguments (``pool_length``, ``border_mode``) converted.
"""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._keras2_layers import keras2_layer

keras = import_keras()

__all__ = [
    "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D",
    "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D", "GlobalAveragePooling1D",
    "GlobalAveragePooling2D", "GlobalAveragePooling3D", "MaxPool1D", "MaxPool2D", "MaxPool3D", "AvgPool1D",
    "AvgPool2D", "AvgPool3D", "GlobalMaxPool1D", "GlobalMaxPool2D", "GlobalMaxPool3D", "GlobalAvgPool1D",
    "GlobalAvgPool2D", "GlobalAvgPool3D",
]

MaxPooling1D = MaxPool1D = keras2_layer(keras.layers.MaxPooling1D, __name__)
MaxPooling2D = MaxPool2D = keras2_layer(keras.layers.MaxPooling2D, __name__)
MaxPooling3D = MaxPool3D = keras2_layer(keras.layers.MaxPooling3D, __name__)
AveragePooling1D = AvgPool1D = keras2_layer(keras.layers.AveragePooling1D, __name__)
AveragePooling2D = AvgPool2D = keras2_layer(keras.layers.AveragePooling2D, __name__)
AveragePooling3D = AvgPool3D = keras2_layer(keras.layers.AveragePooling3D, __name__)
GlobalMaxPooling1D = GlobalMaxPool1D = keras2_layer(keras.layers.GlobalMaxPooling1D, __name__)
GlobalMaxPooling2D = GlobalMaxPool2D = keras2_layer(keras.layers.GlobalMaxPooling2D, __name__)
GlobalMaxPooling3D = GlobalMaxPool3D = keras2_layer(keras.layers.GlobalMaxPooling3D, __name__)
GlobalAveragePooling1D = GlobalAvgPool1D = keras2_layer(keras.layers.GlobalAveragePooling1D, __name__)
GlobalAveragePooling2D = GlobalAvgPool2D = keras2_layer(keras.layers.GlobalAveragePooling2D, __name__)
GlobalAveragePooling3D = GlobalAvgPool3D = keras2_layer(keras.layers.GlobalAveragePooling3D, __name__)
