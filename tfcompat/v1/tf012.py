"""``import tfcompat.v1.tf012 as tf``: TensorFlow 0.12's ``tensorflow`` module, for code written before TF 1.0.

Everything is :mod:`tfcompat.v1`'s (the TF 0.12 names included: ``tf.scalar_summary``,
``tf.mul``, ``tf.concat_v2``...), except the functions whose arguments TF 1.0
reordered (:data:`tfcompat._names.TF012_ARGUMENT_ORDER`): here they take 0.12's
order and keywords, ``tf.concat(1, [a, b])``, ``tf.split(0, n_steps, x)``,
``tf.nn.nce_loss(weights, biases, inputs, labels, ...)``.

``tfcompat run`` gives this module to a TF 0.12 module's ``import tensorflow``
(``tfcompat check`` says which modules are, from their source); every other 2018
module gets :mod:`tfcompat.v1`. Importing it does not import TensorFlow.
"""

import inspect

import tfcompat.v1 as _tf1
from tfcompat._names import TF012_ARGUMENT_ORDER

# TF 0.12's `tf.__version__` (see tfcompat.v1's): code of the time tested it to pick 0.12's or 1.0's spellings
__version__ = VERSION = "0.12.1+tfcompat"

__all__ = sorted(set(_tf1.__all__) | {name for name in TF012_ARGUMENT_ORDER if "." not in name})

# the first parameter of these was a dimension in 0.12 and is the tensors in 1.x: a list there is 1.x's order
_DIMENSION_FIRST = {"concat": "concat_dim", "split": "split_dim"}


def _v1(path=""):
    """``tfcompat.v1`` or one of its namespaces (``"nn"``)."""
    value = _tf1
    for part in filter(None, path.split(".")):
        value = getattr(value, part)
    return value


def _shown(got):
    return ", ".join(f"{k}={v!r}" for k, v in got.items()) or "no argument"


def _reordered(name):
    """TF 0.12's ``tf.<name>``: its arguments by 0.12's positions and keywords, handed to TF 1.x's by keyword."""
    order, _, renamed, required = TF012_ARGUMENT_ORDER[name]
    namespace, _, short = name.rpartition(".")
    signature = ", ".join(order[:required]) + (", ..." if required < len(order) - 1 else "") + ", name=None"

    def op(*args, **kwargs):
        if len(args) > len(order):
            raise TypeError(f"tf.{name}() takes TF 0.12's arguments ({signature}). "
                            f"Received: {len(args)} positional arguments: {args!r}")
        got = dict(zip(order, args))
        for key, value in kwargs.items():
            if key not in order:
                raise TypeError(f"tf.{name}() got an unexpected keyword argument {key!r}: TF 0.12's "
                                f"signature is tf.{name}({signature}). Received: {key}={value!r}")
            if key in got:
                raise TypeError(f"tf.{name}() got multiple values for argument {key!r}. Received: {key}={value!r}")
            got[key] = value
        missing = [p for p in order[:required] if p not in got]
        if missing:
            raise TypeError(f"tf.{name}() is missing {', '.join(repr(p) for p in missing)} (TF 0.12's signature: "
                            f"tf.{name}({signature})). Received: {_shown(got)}")
        first = _DIMENSION_FIRST.get(name)
        if first is not None and isinstance(got.get(first), (list, tuple)):
            raise TypeError(f"tf.{name}() in TF 0.12's order takes the dimension first, and {first} is a "
                            f"{type(got[first]).__name__}: this is TF 1.x's order. `tfcompat run --explain` says why "
                            f"the module was read as TF 0.12 code; a line `# tfcompat: tf1` in it reads it as TF 1.x. "
                            f"Received: {_shown(got)}")
        return getattr(_v1(namespace), short)(**{renamed.get(k, k): v for k, v in got.items()})

    op.__name__ = op.__qualname__ = short
    op.__module__ = __name__
    order_1x = TF012_ARGUMENT_ORDER[name][1]
    moved = ", ".join(f"{a} -> {b}" for a, b in renamed.items()) or ", ".join(
        f"{p} at position {i}" for i, p in enumerate(order) if i < len(order_1x) and order_1x[i] != p)
    op.__doc__ = (f"Mirrors TF 0.12's ``tf.{name}({signature})``: TF 1.x's with 0.12's argument order ({moved}); "
                  f"an argument left out takes TF 1.x's default.")
    op.__signature__ = inspect.Signature(
        [inspect.Parameter(p, inspect.Parameter.POSITIONAL_OR_KEYWORD) for p in order[:required]]
        + [inspect.Parameter(p, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None) for p in order[required:]])
    return op


class _Namespace:
    """TF 0.12's ``tf.<path>``: tfcompat.v1's namespace, with the functions 1.0 reordered in 0.12's order."""

    def __init__(self, path, functions):
        self._path, self._functions = path, functions

    def __getattr__(self, name):
        value = self._functions[name] if name in self._functions else getattr(_v1(self._path), name)
        setattr(self, name, value)  # looked up once: scripts reach tf.nn.relu on every call
        return value

    def __dir__(self):
        return sorted(set(dir(_v1(self._path))) | set(self._functions))

    def __repr__(self):
        return f"<TF 0.12's tf.{self._path} (tfcompat.v1.tf012)>"


_NAMESPACES = {}
for _name in TF012_ARGUMENT_ORDER:
    _path, _, _short = _name.rpartition(".")
    if _path:
        _NAMESPACES.setdefault(_path, {})[_short] = _reordered(_name)
    else:
        globals()[_name] = _reordered(_name)
for _path, _functions in _NAMESPACES.items():
    globals()[_path] = _Namespace(_path, _functions)
del _name, _path, _short, _functions


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_tf1, name)
    globals()[name] = value  # looked up once, as tfcompat.v1 does: a 0.12 module reaches tf.X in its loops
    return value


def __dir__():
    # 0.12 had concat_v2: code of the time tested `"concat_v2" in dir(tf)` to pick the argument order
    return sorted(set(dir(_v1())) | set(__all__) | set(_NAMESPACES) | {"concat_v2"})
