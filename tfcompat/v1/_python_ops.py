"""Mirrors ``tensorflow.python.ops`` for a 2018 module: ``rnn`` and ``rnn_cell`` are TF1's, the rest TensorFlow's.

TF 0.12-1.x scripts imported the RNN loops and cells from there (``from
tensorflow.python.ops import rnn, rnn_cell``, then ``rnn.rnn(cell, inputs)``).
TF 2.21's modules of those names lack 0.12's ``rnn.rnn`` and build TF 2's cell
classes, which tfcompat's graph and TF1's variable names do not follow. Here
``rnn_cell`` is :mod:`tfcompat.v1._rnn_cell` and ``rnn`` is
:mod:`tfcompat.v1._rnn_ops` (the modules :data:`tfcompat._names.TF1_PYTHON_OPS`
lists); any other submodule (``math_ops``, ``array_ops``...) is TensorFlow's own.
``tfcompat run`` maps a 2018 module's ``tensorflow.python.ops`` here.
"""

import importlib

from tfcompat._names import TF1_PYTHON_OPS

__all__ = sorted(TF1_PYTHON_OPS)


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    target = TF1_PYTHON_OPS.get(name) or f"tensorflow.python.ops.{name}"
    try:
        module = importlib.import_module(target)
    except ModuleNotFoundError as e:
        if e.name != target:
            raise
        raise AttributeError(f"module 'tensorflow.python.ops' has no attribute {name!r}") from None
    globals()[name] = module
    return module
