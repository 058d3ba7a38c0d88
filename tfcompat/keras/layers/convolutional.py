"""Mirrors Keras 2.2's ``keras.layers.convolutional``: convolutions, up-sampling, padding, cropping.

Keras 2 aliases are kept (``Convolution2D``, ``Deconvolution2D``/``Deconv2D`` = ``Conv2DTranspose``);
the Keras 1 ``AtrousConvolution1D/2D`` raise, naming the ``dilation_rate`` argument that replaced them.
"""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._same_names import removed_class

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

Conv1D = keras.layers.Conv1D
Conv2D = keras.layers.Conv2D
Conv3D = keras.layers.Conv3D
Conv2DTranspose = keras.layers.Conv2DTranspose
Conv3DTranspose = keras.layers.Conv3DTranspose
SeparableConv1D = keras.layers.SeparableConv1D
SeparableConv2D = keras.layers.SeparableConv2D
DepthwiseConv2D = keras.layers.DepthwiseConv2D
UpSampling1D = keras.layers.UpSampling1D
UpSampling2D = keras.layers.UpSampling2D
UpSampling3D = keras.layers.UpSampling3D
ZeroPadding1D = keras.layers.ZeroPadding1D
ZeroPadding2D = keras.layers.ZeroPadding2D
ZeroPadding3D = keras.layers.ZeroPadding3D
Cropping1D = keras.layers.Cropping1D
Cropping2D = keras.layers.Cropping2D
Cropping3D = keras.layers.Cropping3D
MaxPooling1D = keras.layers.MaxPooling1D
MaxPooling2D = keras.layers.MaxPooling2D
MaxPooling3D = keras.layers.MaxPooling3D
AveragePooling1D = keras.layers.AveragePooling1D
AveragePooling2D = keras.layers.AveragePooling2D
AveragePooling3D = keras.layers.AveragePooling3D

Convolution1D, Convolution2D, Convolution3D = Conv1D, Conv2D, Conv3D
SeparableConvolution1D, SeparableConvolution2D = SeparableConv1D, SeparableConv2D
Convolution2DTranspose = Deconvolution2D = Deconv2D = Conv2DTranspose
Deconvolution3D = Deconv3D = Conv3DTranspose

AtrousConvolution1D = AtrousConv1D = removed_class(
    "AtrousConvolution1D", "Keras 2 kept it only as a Keras 1 alias", "Conv1D(..., dilation_rate=rate)")
AtrousConvolution2D = AtrousConv2D = removed_class(
    "AtrousConvolution2D", "Keras 2 kept it only as a Keras 1 alias", "Conv2D(..., dilation_rate=rate)")
