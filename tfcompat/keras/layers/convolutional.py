"""Mirrors Keras 2.2's ``keras.layers.convolutional``: convolutions, up-sampling, padding, cropping.

Keras 2 aliases are kept (``Convolution2D``, ``Deconvolution2D``/``Deconv2D`` = ``Conv2DTranspose``);
the Keras 1 ``AtrousConvolution1D/2D`` raise, naming the ``dilation_rate`` argument that replaced them.
"""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._keras2_layers import keras2_layer
from tfcompat.keras._same_names import removed_class
from tfcompat.keras.layers.pooling import (  # Keras 2.2 imported the pooling layers here too
    AveragePooling1D,
    AveragePooling2D,
    AveragePooling3D,
    MaxPooling1D,
    MaxPooling2D,
    MaxPooling3D,
)

keras = import_keras()

__all__ = [
    "Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose", "Conv3DTranspose", "SeparableConv1D", "SeparableConv2D",
    "DepthwiseConv2D", "UpSampling1D", "UpSampling2D", "UpSampling3D", "ZeroPadding1D", "ZeroPadding2D",
    "ZeroPadding3D", "Cropping1D", "Cropping2D", "Cropping3D", "Convolution1D", "Convolution2D", "Convolution3D",
    "SeparableConvolution1D", "SeparableConvolution2D", "Convolution2DTranspose", "Deconvolution2D", "Deconv2D",
    "Deconvolution3D", "Deconv3D", "AtrousConvolution1D", "AtrousConvolution2D", "AtrousConv1D", "AtrousConv2D",
    # Keras 2.2 imported the pooling layers here too.
    "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D",
]

Conv1D = keras2_layer(keras.layers.Conv1D, __name__)
Conv2D = keras2_layer(keras.layers.Conv2D, __name__)
Conv3D = keras2_layer(keras.layers.Conv3D, __name__)
Conv2DTranspose = keras2_layer(keras.layers.Conv2DTranspose, __name__)
Conv3DTranspose = keras2_layer(keras.layers.Conv3DTranspose, __name__)
SeparableConv1D = keras2_layer(keras.layers.SeparableConv1D, __name__)
SeparableConv2D = keras2_layer(keras.layers.SeparableConv2D, __name__)
DepthwiseConv2D = keras2_layer(keras.layers.DepthwiseConv2D, __name__)
UpSampling1D = keras2_layer(keras.layers.UpSampling1D, __name__)
UpSampling2D = keras2_layer(keras.layers.UpSampling2D, __name__)
UpSampling3D = keras2_layer(keras.layers.UpSampling3D, __name__)
ZeroPadding1D = keras2_layer(keras.layers.ZeroPadding1D, __name__)
ZeroPadding2D = keras2_layer(keras.layers.ZeroPadding2D, __name__)
ZeroPadding3D = keras2_layer(keras.layers.ZeroPadding3D, __name__)
Cropping1D = keras2_layer(keras.layers.Cropping1D, __name__)
Cropping2D = keras2_layer(keras.layers.Cropping2D, __name__)
Cropping3D = keras2_layer(keras.layers.Cropping3D, __name__)

Convolution1D, Convolution2D, Convolution3D = Conv1D, Conv2D, Conv3D
SeparableConvolution1D, SeparableConvolution2D = SeparableConv1D, SeparableConv2D
Convolution2DTranspose = Deconvolution2D = Deconv2D = Conv2DTranspose
Deconvolution3D = Deconv3D = Conv3DTranspose

AtrousConvolution1D = AtrousConv1D = removed_class(
    "AtrousConvolution1D", "Keras 2 kept it only as a Keras 1 alias", "Conv1D(..., dilation_rate=rate)")
AtrousConvolution2D = AtrousConv2D = removed_class(
    "AtrousConvolution2D", "Keras 2 kept it only as a Keras 1 alias", "Conv2D(..., dilation_rate=rate)")
