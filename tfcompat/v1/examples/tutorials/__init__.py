"""Mirrors TF 1.x's ``tensorflow.examples.tutorials``: only ``mnist.input_data``."""

from tfcompat.v1.examples.tutorials import mnist

__all__ = ["mnist"]
