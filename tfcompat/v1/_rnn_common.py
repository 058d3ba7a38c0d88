"""Mirrors no TF 1.x API itself: the argument checks and the linear map TF 1.x's RNN cells share.

Used by :mod:`tfcompat.v1._rnn_cell` (``tf.nn.rnn_cell``, which exposes only
TF1's names), :mod:`tfcompat.v1._rnn_wrappers` and :mod:`tfcompat.v1.contrib.rnn`.
"""

import numbers

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf

__all__ = ["positive_int", "optional_number", "flag", "activation", "input_depth", "affine", "map_structure",
           "check_cell"]


def positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value <= 0:
        raise InvalidArgumentError(f"`{name}` must be a positive int. Received: {name}={value!r}")
    return int(value)


def optional_number(value, name: str):
    if value is not None and (isinstance(value, bool) or not isinstance(value, numbers.Real)):
        raise InvalidArgumentError(f"`{name}` must be a number or None. Received: {name}={value!r}")
    return value


def _is_bool(value) -> bool:
    return isinstance(value, bool) or type(value).__name__ == "bool_"  # numpy's too


def flag(value, name: str, tf012_cls: str | None = None) -> bool:
    """A bool argument; ``tf012_cls``: the cell whose TF 0.12 signature had ``input_size`` in this positional slot
    (an int there means a 0.12 call, which must not turn the option on)."""
    if not _is_bool(value):
        hint = (f" (TF 0.12's {tf012_cls} took input_size in this positional slot; input_size was unused and "
                f"TF 1.x dropped it: pass it by keyword, or leave it out)") if tf012_cls else ""
        raise InvalidArgumentError(f"`{name}` must be True or False{hint}. Received: {name}={value!r}")
    return bool(value)


def activation(value):
    """``None`` (tanh), a callable, or a name of ``tf.nn`` / ``tf.math`` (TF 1.13+ took names too)."""
    if value is None or callable(value):
        return value or import_tf().math.tanh
    if isinstance(value, str):
        tf = import_tf()
        fn = getattr(tf.nn, value, None) or getattr(tf.math, value, None)
        if fn is not None:
            return fn
    hint = (" (TF 0.12 took input_size in this positional slot: pass input_size= by keyword, or leave it out)"
            if isinstance(value, numbers.Integral) else "")
    raise InvalidArgumentError(f"`activation` must be a callable or the name of a tf.nn function{hint}. "
                               f"Received: activation={value!r}")


def input_depth(inputs_shape, cell) -> int:
    depth = inputs_shape[-1] if inputs_shape.rank else None
    if depth is None:
        raise ValueError(f"{type(cell).__name__} needs inputs whose last dimension is known, to size its kernel. "
                         f"Received: inputs.shape={inputs_shape}")
    return int(depth)


def affine(parts, kernel, bias):
    """``concat(parts, 1) @ kernel + bias``: the one linear map every TF1 cell applies to ``[x, h]``."""
    v1 = import_tf().compat.v1
    return v1.nn.bias_add(v1.matmul(v1.concat(parts, 1), kernel), bias)


def map_structure(fn, *structures):
    return import_tf().nest.map_structure(fn, *structures)


def check_cell(cell, name: str = "cell"):
    if not all(hasattr(cell, a) for a in ("output_size", "state_size")) or not callable(cell):
        raise InvalidArgumentError(f"`{name}` must be an RNN cell (with output_size, state_size, zero_state and "
                                   f"__call__). Received: {name}={cell!r}")
    return cell
