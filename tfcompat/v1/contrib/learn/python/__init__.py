"""Mirrors TF 1.x's ``tensorflow.contrib.learn.python`` path: only ``learn.datasets``."""

from tfcompat.v1.contrib.learn.python import learn

__all__ = ["learn"]
