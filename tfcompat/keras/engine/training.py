"""Mirrors Keras 2.2's ``keras.engine.training``: ``Model`` with Keras 2's training API."""

from tfcompat.keras.models import Model

__all__ = ["Model"]
