"""Mirrors TF 1.x's ``tensorflow.examples.tutorials``: only ``mnist.input_data``."""
