"""Mirrors TF 1.x's ``tf.contrib.learn``: only ``datasets`` (MNIST); the estimators were replaced by ``tf.estimator``."""

from tfcompat.v1.contrib._removed import removed
from tfcompat.v1.contrib.learn import datasets, python

__all__ = ["datasets", "python"]


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    raise removed(f"contrib.learn.{name}", "tf.contrib.learn.datasets")
