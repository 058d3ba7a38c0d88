"""Mirrors TF 1.x's ``tf.layers``: layer classes and functions building TF1 ops and variables in the legacy graph."""

from tfcompat.v1.layers._base import InputSpec, Layer, in_default_graph
from tfcompat.v1.layers._conv import (
    AveragePooling1D,
    AveragePooling2D,
    AveragePooling3D,
    Conv1D,
    Conv2D,
    Conv2DTranspose,
    Conv3D,
    Conv3DTranspose,
    MaxPooling1D,
    MaxPooling2D,
    MaxPooling3D,
    SeparableConv1D,
    SeparableConv2D,
    average_pooling1d,
    average_pooling2d,
    average_pooling3d,
    conv1d,
    conv2d,
    conv2d_transpose,
    conv3d,
    conv3d_transpose,
    max_pooling1d,
    max_pooling2d,
    max_pooling3d,
    separable_conv1d,
    separable_conv2d,
)
from tfcompat.v1.layers._core import Dense, Dropout, Flatten, dense, dropout, flatten
from tfcompat.v1.layers._norm import BatchNormalization, batch_normalization

# TF 1.x's other spellings of the same classes.
Convolution1D, Convolution2D, Convolution3D = Conv1D, Conv2D, Conv3D
Convolution2DTranspose, Convolution3DTranspose = Conv2DTranspose, Conv3DTranspose
Deconvolution2D, Deconvolution3D = Conv2DTranspose, Conv3DTranspose
SeparableConvolution1D, SeparableConvolution2D = SeparableConv1D, SeparableConv2D
MaxPool1D, MaxPool2D, MaxPool3D = MaxPooling1D, MaxPooling2D, MaxPooling3D
AvgPool1D, AvgPool2D, AvgPool3D = AveragePooling1D, AveragePooling2D, AveragePooling3D
BatchNorm, batch_norm = BatchNormalization, batch_normalization

__all__ = [
    "Layer", "InputSpec", "Dense", "Dropout", "Flatten", "Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose",
    "Conv3DTranspose", "SeparableConv1D", "SeparableConv2D", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D",
    "AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "BatchNormalization", "dense", "dropout", "flatten",
    "conv1d", "conv2d", "conv3d", "conv2d_transpose", "conv3d_transpose", "separable_conv1d", "separable_conv2d",
    "max_pooling1d", "max_pooling2d", "max_pooling3d", "average_pooling1d", "average_pooling2d", "average_pooling3d",
    "batch_normalization", "Convolution1D", "Convolution2D", "Convolution3D", "Convolution2DTranspose",
    "Convolution3DTranspose", "Deconvolution2D", "Deconvolution3D", "SeparableConvolution1D",
    "SeparableConvolution2D", "MaxPool1D", "MaxPool2D", "MaxPool3D", "AvgPool1D", "AvgPool2D", "AvgPool3D",
    "BatchNorm", "batch_norm", "in_default_graph",
]


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    raise AttributeError(f"tf.layers.{name} is not provided by tfcompat.v1.layers (it provides the classes and "
                         "functions of TF 1.x's tf.layers: Dense, Conv2D, BatchNormalization, dense, conv2d, ...); "
                         "use keras.layers.")
