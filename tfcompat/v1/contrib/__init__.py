"""Mirrors the parts of TF 1.x's ``tf.contrib`` that TensorBoard-era code used; the rest says what replaced it.

Provided: ``tf.contrib.layers`` (layer functions, initializers, regularizers,
``summarize_*``), ``tf.contrib.tensorboard.plugins.projector``,
``tf.contrib.summary``, ``tf.contrib.learn.datasets`` (MNIST),
``tf.contrib.framework`` (global-step helpers). Any other name raises
:class:`tfcompat.RemovedAPIError` (an ``ImportError``) naming it and what
replaced it, for ``tf.contrib.rnn`` and ``from tensorflow.contrib import rnn`` alike.
"""

import importlib

from tfcompat.v1.contrib._removed import removed

__all__ = ["layers", "tensorboard", "summary", "learn", "framework"]

_PROVIDED = {
    "layers": "tfcompat.v1.contrib.layers",
    "tensorboard": "tfcompat.v1.contrib.tensorboard",
    "summary": "tfcompat.v1.contrib.summary",
    "learn": "tfcompat.v1.contrib.learn",
    "framework": "tfcompat.v1.contrib.framework",
}


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    if name in _PROVIDED:
        module = importlib.import_module(_PROVIDED[name])
        globals()[name] = module
        return module
    raise removed(f"contrib.{name}", "tf.contrib." + ", tf.contrib.".join(sorted(_PROVIDED)))


def __dir__():
    return sorted(set(globals()) | set(_PROVIDED))
