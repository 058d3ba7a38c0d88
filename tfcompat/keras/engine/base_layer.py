"""Mirrors Keras 2.2's ``keras.engine.base_layer``: Layer, InputSpec, Node (Keras 3's)."""

from tfcompat.keras.engine.topology import InputSpec, Layer, Node

__all__ = ["Layer", "InputSpec", "Node"]
