"""tfcompat: TensorFlow 1.x / Keras 2 TensorBoard code under TensorFlow 2.16+ and Keras 3.

``import tfcompat`` is cheap: it imports neither TensorFlow nor Keras. They load
on first use of a TF-side name (``tfcompat.TensorboardKeras``, ``tfcompat.v1``,
``tfcompat.keras``, ``tfcompat.patch``). The reading side (``tfcompat.logs``,
``tfcompat.testing``) never loads them.
"""

import importlib

from tfcompat._errors import (
    DamagedRecordError,
    DataDownloadError,
    GraphError,
    InvalidArgumentError,
    LogReadError,
    MissingDependencyError,
    RemovedAPIError,
    TfcompatError,
    WriterClosedError,
    WriterError,
)
from tfcompat._lazy_class import lazy_class
from tfcompat._version import __version__
from tfcompat.keras._tensorboard_keras_doc import TENSORBOARD_KERAS_DOC

__all__ = [
    "__version__",
    # TF side (loads TensorFlow on first use)
    "TensorboardKeras",
    "patch",
    "unpatch",
    "patched",
    "v1",
    "keras",
    # reading side (never loads TensorFlow)
    "logs",
    "testing",
    # errors
    "TfcompatError",
    "InvalidArgumentError",
    "LogReadError",
    "DamagedRecordError",
    "WriterError",
    "WriterClosedError",
    "GraphError",
    "MissingDependencyError",
    "RemovedAPIError",
    "DataDownloadError",
]

_LAZY_ATTRS = {
    "patch": ("tfcompat.run", "patch"),
    "unpatch": ("tfcompat.run", "unpatch"),
    "patched": ("tfcompat.run", "patched"),
}
_SUBMODULES = ("v1", "keras", "logs", "testing")


def __getattr__(name):
    if name == "TensorboardKeras":  # a stand-in: help() shows its docstring without loading TensorFlow
        value = lazy_class("tfcompat.keras._tensorboard_2018", "TensorboardKeras", "tfcompat", TENSORBOARD_KERAS_DOC)
    elif name in _LAZY_ATTRS:
        module, attr = _LAZY_ATTRS[name]
        value = getattr(importlib.import_module(module), attr)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"tfcompat.{name}")
    else:
        raise AttributeError(f"module 'tfcompat' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
