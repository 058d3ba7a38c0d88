"""Mirrors TF 1.x's ``tf.contrib.tensorboard``: only ``plugins.projector``."""

from tfcompat.v1.contrib.tensorboard import plugins

__all__ = ["plugins"]
