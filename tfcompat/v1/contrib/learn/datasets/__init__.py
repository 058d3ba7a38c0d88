"""Mirrors TF 1.x's ``tf.contrib.learn.datasets``: ``mnist``, ``base`` and ``load_dataset('mnist')``."""

from tfcompat._errors import InvalidArgumentError
from tfcompat.v1.contrib._removed import removed
from tfcompat.v1.contrib.learn.datasets import base, mnist

__all__ = ["base", "mnist", "load_dataset", "DATASETS"]

DATASETS = {"mnist": mnist.load_mnist}


def load_dataset(name, size="small", test_with_fake_data=False):
    """Mirrors ``tf.contrib.learn.datasets.load_dataset(name, size='small', test_with_fake_data=False)`` for ``'mnist'``.

    Raises:
        ValueError: ``name`` is not a dataset tfcompat provides.
    """
    if name not in DATASETS:
        raise InvalidArgumentError(f"Name of dataset is not one tfcompat provides (only 'mnist'; iris, boston and "
                                   f"the text datasets are gone with tf.contrib). Received: name={name!r}")
    return DATASETS[name]()


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    raise removed(f"contrib.learn.datasets.{name}", "tf.contrib.learn.datasets.mnist, .base, .load_dataset")
