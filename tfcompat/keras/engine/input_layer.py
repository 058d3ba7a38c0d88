"""Mirrors Keras 2.2's ``keras.engine.input_layer``: Input, InputLayer (Keras 3's)."""

from tfcompat.keras.engine.topology import Input, InputLayer

__all__ = ["Input", "InputLayer"]
