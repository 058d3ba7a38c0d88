"""Mirrors ``tensorflow.python.ops`` for a 2018 module: ``rnn`` and ``rnn_cell`` are TF1's, the rest build in its graph.

TF 0.12-1.x scripts imported the RNN loops and cells from there (``from
tensorflow.python.ops import rnn, rnn_cell``, then ``rnn.rnn(cell, inputs)``), and
custom cells of the time their ops (``from tensorflow.python.ops import
variable_scope as vs, math_ops, array_ops``). TF 2.21's modules of those names lack
0.12's ``rnn.rnn``, build TF 2's cell classes, and run eagerly, refusing the
tensors of the TF1 graph 2018 modules build. Here ``rnn_cell`` is
:mod:`tfcompat.v1._rnn_cell` and ``rnn`` is :mod:`tfcompat.v1._rnn_ops` (the
modules :data:`tfcompat._names.TF1_PYTHON_OPS` lists); any other submodule is
TensorFlow's own, seen as ``tfcompat.v1`` sees ``tf.compat.v1``'s namespaces: its
functions build in tfcompat's graph. ``tfcompat run`` maps a 2018 module's
``from tensorflow.python.ops import ...`` here.
"""

import importlib

from tfcompat._names import TF1_PYTHON_OPS
from tfcompat.v1._graph import LegacyNamespace

__all__ = sorted(TF1_PYTHON_OPS)


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    ours = TF1_PYTHON_OPS.get(name)
    target = ours or f"tensorflow.python.ops.{name}"
    try:
        module = importlib.import_module(target)
    except ModuleNotFoundError as e:
        if e.name != target:
            raise
        raise AttributeError(f"module 'tensorflow.python.ops' has no attribute {name!r}") from None
    if ours is None:
        module = LegacyNamespace(module)
    globals()[name] = module
    return module
