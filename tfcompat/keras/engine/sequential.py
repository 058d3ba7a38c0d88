"""Mirrors Keras 2.2's ``keras.engine.sequential``: ``Sequential`` with Keras 2's training API."""

from tfcompat.keras.models import Sequential

__all__ = ["Sequential"]
