"""Mirrors TF 1.x's ``tensorflow.contrib.learn.python.learn`` path: only ``datasets`` (as ``tf.contrib.learn.datasets``)."""

from tfcompat.v1.contrib.learn import datasets

__all__ = ["datasets"]
