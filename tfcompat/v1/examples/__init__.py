"""Mirrors TF 1.x's ``tensorflow.examples`` package: only ``tutorials.mnist.input_data``."""

from tfcompat.v1.examples import tutorials

__all__ = ["tutorials"]
