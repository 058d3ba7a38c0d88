"""Mirrors Keras 2.2's ``keras.engine`` package: ``topology``, ``training``, ``sequential``... and their names."""

from tfcompat.keras.engine import base_layer, input_layer, network, saving, sequential, topology, training
from tfcompat.keras.engine.topology import Input, InputLayer, InputSpec, Layer, get_source_inputs
from tfcompat.keras.engine.training import Model

__all__ = ["base_layer", "input_layer", "network", "saving", "sequential", "topology", "training", "Input",
           "InputLayer", "InputSpec", "Layer", "Model", "get_source_inputs"]
