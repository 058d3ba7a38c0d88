"""Mirrors TF 1.x's ``tf.contrib.tensorboard.plugins``: only ``projector``."""

from tfcompat.v1.contrib.tensorboard.plugins import projector

__all__ = ["projector"]
