"""Mirrors TF 1.x's ``tensorflow.examples`` package: only ``tutorials.mnist.input_data``."""
