"""Mirrors Keras 2.2's ``keras.engine.topology``: Layer, Node, InputSpec, Input, InputLayer, Network.

``Network`` (Keras 2's untrainable functional graph, used to share a frozen copy of
a model, e.g. a GAN's discriminator) is :class:`tfcompat.keras.models.Model`.
"""

from tfcompat._lazy_tf import import_keras, internal
from tfcompat.keras._keras2_layers import Input
from tfcompat.keras.layers.core import InputSpec, Layer
from tfcompat.keras.models import Model

keras = import_keras()

__all__ = ["Layer", "Node", "InputSpec", "Input", "InputLayer", "Network", "get_source_inputs"]

Node = internal("keras.src.ops.node").Node
InputLayer = keras.layers.InputLayer
Network = Model
get_source_inputs = keras.utils.get_source_inputs
