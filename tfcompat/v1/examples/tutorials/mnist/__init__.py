"""Mirrors TF 1.x's ``tensorflow.examples.tutorials.mnist``: only ``input_data``."""

from tfcompat.v1.examples.tutorials.mnist import input_data

__all__ = ["input_data"]
