"""Mirrors Keras 2.2's ``keras.legacy`` package: ``interfaces`` (no-op decorators) and ``layers`` (Keras 1 layers)."""

from tfcompat.keras.legacy import interfaces, layers

__all__ = ["interfaces", "layers"]
