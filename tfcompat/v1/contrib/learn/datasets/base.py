"""Mirrors TF 1.x's ``tf.contrib.learn.datasets.base``: the ``Datasets`` tuple and ``maybe_download``."""

import collections

from tfcompat.v1._mnist import Datasets, maybe_download

__all__ = ["Dataset", "Datasets", "maybe_download"]

Dataset = collections.namedtuple("Dataset", ["data", "target"])
