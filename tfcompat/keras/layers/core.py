"""Mirrors Keras 2.2's ``keras.layers.core``: the core layers (Keras 2 names, Keras 1 arguments converted).

``Layer`` is the base of 2018 custom layers: ``class MyLayer(Layer)`` is named ``my_layer_1``.
"""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._keras2_layers import keras2_layer

keras = import_keras()

__all__ = [
    "Layer", "InputSpec", "Masking", "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
    "Activation", "Reshape", "Permute", "Flatten", "RepeatVector", "Lambda", "Dense", "ActivityRegularization",
]

Layer = keras2_layer(keras.layers.Layer, __name__)
InputSpec = keras.layers.InputSpec
Masking = keras2_layer(keras.layers.Masking, __name__)
Dropout = keras2_layer(keras.layers.Dropout, __name__)
SpatialDropout1D = keras2_layer(keras.layers.SpatialDropout1D, __name__)
SpatialDropout2D = keras2_layer(keras.layers.SpatialDropout2D, __name__)
SpatialDropout3D = keras2_layer(keras.layers.SpatialDropout3D, __name__)
Activation = keras2_layer(keras.layers.Activation, __name__)
Reshape = keras2_layer(keras.layers.Reshape, __name__)
Permute = keras2_layer(keras.layers.Permute, __name__)
Flatten = keras2_layer(keras.layers.Flatten, __name__)
RepeatVector = keras2_layer(keras.layers.RepeatVector, __name__)
Lambda = keras2_layer(keras.layers.Lambda, __name__)
Dense = keras2_layer(keras.layers.Dense, __name__)
ActivityRegularization = keras2_layer(keras.layers.ActivityRegularization, __name__)
