"""Mirrors Keras 2.2's ``keras.engine.network``: Network (tfcompat's Keras 2 ``Model``), get_source_inputs."""

from tfcompat.keras.engine.topology import Network, get_source_inputs

__all__ = ["Network", "get_source_inputs"]
