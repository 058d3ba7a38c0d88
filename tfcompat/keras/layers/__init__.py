"""Mirrors Keras 2.2's ``keras.layers`` package and its submodules (``core``, ``convolutional``, ...).

Keras 2.2's module paths are real modules here (``from keras.layers.core import
Dense`` under ``tfcompat run`` imports :mod:`tfcompat.keras.layers.core`). The layers
are Keras 3's own classes where Keras 3 kept them; Keras 2 aliases
(``Deconvolution2D``, ``CuDNNLSTM``...) are added, and layers Keras 3 removed raise
a :class:`~tfcompat.keras._same_names.RemovedInKeras3Error` naming the replacement.
Any other ``keras.layers`` name is Keras 3's.
"""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._same_names import keras3_dir, keras3_name
from tfcompat.keras.layers import (
    advanced_activations,
    convolutional,
    convolutional_recurrent,
    core,
    cudnn_recurrent,
    embeddings,
    local,
    merge,
    noise,
    normalization,
    pooling,
    recurrent,
    wrappers,
)
from tfcompat.keras.layers.advanced_activations import ThresholdedReLU
from tfcompat.keras.layers.convolutional import (
    AtrousConv1D,
    AtrousConv2D,
    AtrousConvolution1D,
    AtrousConvolution2D,
    Deconv2D,
    Deconv3D,
    Deconvolution2D,
    Deconvolution3D,
)
from tfcompat.keras.layers.convolutional_recurrent import ConvRecurrent2D
from tfcompat.keras.layers.cudnn_recurrent import CuDNNGRU, CuDNNLSTM
from tfcompat.keras.layers.local import LocallyConnected1D, LocallyConnected2D
from tfcompat.keras.layers.recurrent import Recurrent

keras = import_keras()

__all__ = [
    "advanced_activations", "convolutional", "convolutional_recurrent", "core", "cudnn_recurrent", "embeddings",
    "local", "merge", "noise", "normalization", "pooling", "recurrent", "wrappers",
    "ThresholdedReLU", "AtrousConv1D", "AtrousConv2D", "AtrousConvolution1D", "AtrousConvolution2D", "Deconv2D",
    "Deconv3D", "Deconvolution2D", "Deconvolution3D", "ConvRecurrent2D", "CuDNNGRU", "CuDNNLSTM",
    "LocallyConnected1D", "LocallyConnected2D", "Recurrent",
]


def __getattr__(name):
    return keras3_name(keras.layers, name, __name__)


def __dir__():
    return keras3_dir(keras.layers, globals())
