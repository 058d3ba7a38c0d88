"""Mirrors Keras 2.2's ``keras.layers`` package and its submodules (``core``, ``convolutional``, ...).

Keras 2.2's module paths are real modules here (``from keras.layers.core import
Dense`` under ``tfcompat run`` imports :mod:`tfcompat.keras.layers.core`). Each layer
class of Keras 2.2 builds Keras 3's layer with Keras 2's default name (``dense_1``)
and Keras 1 arguments converted with Keras 2's warning (``Dense(init=)``); see
:mod:`tfcompat.keras._keras2_layers`. ``Input`` takes Keras 2's argument order.
Keras 2 aliases (``Deconvolution2D``, ``CuDNNLSTM``...) are added, and layers Keras 3
removed raise a :class:`~tfcompat.keras._same_names.RemovedInKeras3Error` naming the
replacement. Any other ``keras.layers`` name is Keras 3's.
"""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._keras2_layers import Input
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
from tfcompat.keras.layers.advanced_activations import *  # noqa: F403
from tfcompat.keras.layers.convolutional import *  # noqa: F403
from tfcompat.keras.layers.convolutional_recurrent import *  # noqa: F403
from tfcompat.keras.layers.core import *  # noqa: F403
from tfcompat.keras.layers.cudnn_recurrent import *  # noqa: F403
from tfcompat.keras.layers.embeddings import *  # noqa: F403
from tfcompat.keras.layers.local import *  # noqa: F403
from tfcompat.keras.layers.merge import *  # noqa: F403
from tfcompat.keras.layers.noise import *  # noqa: F403
from tfcompat.keras.layers.normalization import *  # noqa: F403
from tfcompat.keras.layers.pooling import *  # noqa: F403
from tfcompat.keras.layers.recurrent import *  # noqa: F403
from tfcompat.keras.layers.wrappers import *  # noqa: F403

keras = import_keras()

_SUBMODULES = (advanced_activations, convolutional, convolutional_recurrent, core, cudnn_recurrent, embeddings,
               local, merge, noise, normalization, pooling, recurrent, wrappers)
__all__ = [
    "advanced_activations", "convolutional", "convolutional_recurrent", "core", "cudnn_recurrent", "embeddings",
    "local", "merge", "noise", "normalization", "pooling", "recurrent", "wrappers", "Input",
    *sorted({name for module in _SUBMODULES for name in module.__all__}),
]


def __getattr__(name):
    return keras3_name(keras.layers, name, __name__)


def __dir__():
    return keras3_dir(keras.layers, globals())
