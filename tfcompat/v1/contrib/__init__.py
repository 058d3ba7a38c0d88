"""Mirrors the parts of TF 1.x's ``tf.contrib`` that TensorBoard-era code used; the rest says what replaced it.

Provided: ``tf.contrib.layers`` (layer functions, initializers, regularizers,
``summarize_*``), ``tf.contrib.tensorboard.plugins.projector``,
``tf.contrib.summary``, ``tf.contrib.learn.datasets`` (MNIST),
``tf.contrib.framework`` (global-step helpers), ``tf.contrib.rnn`` (the core
cells and static RNNs). Any other name raises :class:`tfcompat.RemovedAPIError`
(an ``ImportError``) naming it and what replaced it, for ``tf.contrib.slim`` and
``from tensorflow.contrib import slim`` alike.
"""

import importlib

from tfcompat._names import CONTRIB_PROVIDED
from tfcompat.v1.contrib._removed import removed

__all__ = list(CONTRIB_PROVIDED)


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    if name in CONTRIB_PROVIDED:
        module = importlib.import_module(f"tfcompat.v1.contrib.{name}")
        globals()[name] = module
        return module
    raise removed(f"contrib.{name}", "tf.contrib." + ", tf.contrib.".join(CONTRIB_PROVIDED))


def __dir__():
    return sorted(set(globals()) | set(CONTRIB_PROVIDED))
