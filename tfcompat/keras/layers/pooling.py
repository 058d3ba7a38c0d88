"""Mirrors Keras 2.2's ``keras.layers.pooling``: pooling layers and their short aliases (Keras 3's classes)."""

from tfcompat._lazy_tf import import_keras

keras = import_keras()

__all__ = [
    "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D",
    "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D", "GlobalAveragePooling1D",
    "GlobalAveragePooling2D", "GlobalAveragePooling3D", "MaxPool1D", "MaxPool2D", "MaxPool3D", "AvgPool1D",
    "AvgPool2D", "AvgPool3D", "GlobalMaxPool1D", "GlobalMaxPool2D", "GlobalMaxPool3D", "GlobalAvgPool1D",
    "GlobalAvgPool2D", "GlobalAvgPool3D",
]

MaxPooling1D = MaxPool1D = keras.layers.MaxPooling1D
MaxPooling2D = MaxPool2D = keras.layers.MaxPooling2D
MaxPooling3D = MaxPool3D = keras.layers.MaxPooling3D
AveragePooling1D = AvgPool1D = keras.layers.AveragePooling1D
AveragePooling2D = AvgPool2D = keras.layers.AveragePooling2D
AveragePooling3D = AvgPool3D = keras.layers.AveragePooling3D
GlobalMaxPooling1D = GlobalMaxPool1D = keras.layers.GlobalMaxPooling1D
GlobalMaxPooling2D = GlobalMaxPool2D = keras.layers.GlobalMaxPooling2D
GlobalMaxPooling3D = GlobalMaxPool3D = keras.layers.GlobalMaxPooling3D
GlobalAveragePooling1D = GlobalAvgPool1D = keras.layers.GlobalAveragePooling1D
GlobalAveragePooling2D = GlobalAvgPool2D = keras.layers.GlobalAveragePooling2D
GlobalAveragePooling3D = GlobalAvgPool3D = keras.layers.GlobalAveragePooling3D
