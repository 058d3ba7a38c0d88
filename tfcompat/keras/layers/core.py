"""Mirrors Keras 2.2's ``keras.layers.core``: the core layers, Keras 3's classes (same arguments)."""

from tfcompat._lazy_tf import import_keras

keras = import_keras()

__all__ = [
    "Layer", "InputSpec", "Masking", "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
    "Activation", "Reshape", "Permute", "Flatten", "RepeatVector", "Lambda", "Dense", "ActivityRegularization",
]

Layer = keras.layers.Layer
InputSpec = keras.layers.InputSpec
Masking = keras.layers.Masking
Dropout = keras.layers.Dropout
SpatialDropout1D = keras.layers.SpatialDropout1D
SpatialDropout2D = keras.layers.SpatialDropout2D
SpatialDropout3D = keras.layers.SpatialDropout3D
Activation = keras.layers.Activation
Reshape = keras.layers.Reshape
Permute = keras.layers.Permute
Flatten = keras.layers.Flatten
RepeatVector = keras.layers.RepeatVector
Lambda = keras.layers.Lambda
Dense = keras.layers.Dense
ActivityRegularization = keras.layers.ActivityRegularization
