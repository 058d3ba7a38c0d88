"""Mirrors TF 1.x's ``tensorflow.examples.tutorials.mnist``: only ``input_data``."""
