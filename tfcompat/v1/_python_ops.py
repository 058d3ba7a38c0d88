"""Mirrors ``tensorflow.python.ops`` for a 2018 module: ``rnn`` and ``rnn_cell`` are TF1's, the rest TensorFlow's.

TF 0.12-1.x scripts imported the RNN cells and loops from there (``from
tensorflow.python.ops import rnn, rnn_cell``); TF 2.21's modules of those names need
Keras 2. ``rnn_cell`` is :mod:`tfcompat.v1._rnn_cell`, ``rnn`` is
:mod:`tfcompat.v1._rnn_ops`; any other submodule (``math_ops``, ``array_ops``...) is
TensorFlow's own. ``tfcompat run`` maps a 2018 module's ``tensorflow.python.ops``
here.
"""

import importlib

_OURS = {"rnn": "tfcompat.v1._rnn_ops", "rnn_cell": "tfcompat.v1._rnn_cell"}


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(_OURS.get(name) or f"tensorflow.python.ops.{name}")
    globals()[name] = module
    return module
