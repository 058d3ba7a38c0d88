"""Mirrors ``tensorflow.python.ops.rnn`` as TF 0.12-1.x scripts imported it: ``rnn.rnn``, ``rnn.dynamic_rnn``...

The 2016 RNN tutorials wrote ``from tensorflow.python.ops import rnn, rnn_cell`` and
``rnn.rnn(cell, inputs, dtype=tf.float32)``. Each name is ``tfcompat.v1.nn``'s (built
in tfcompat's graph), which answers TF 0.12's names of the loops TF 1.x renamed too
(:data:`tfcompat._names.TF012_NN_RENAMED`: ``rnn`` is ``static_rnn``). ``tfcompat run``
maps a 2018 module's ``tensorflow.python.ops.rnn`` here.
"""

import importlib


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("tfcompat.v1").nn, name)
    globals()[name] = value
    return value
