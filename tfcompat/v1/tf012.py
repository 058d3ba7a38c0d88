"""``import tfcompat.v1.tf012 as tf``: TensorFlow 0.12's ``tensorflow`` module, for code written before TF 1.0.

Everything is :mod:`tfcompat.v1`'s (the TF 0.12 names included: ``tf.scalar_summary``,
``tf.mul``...), except the functions whose positional arguments TF 1.0 reordered
(:data:`tfcompat._names.TF012_ARGUMENT_ORDER`): here they take 0.12's order and
keywords, ``tf.concat(1, [a, b])`` and ``tf.split(0, n_steps, x)``. ``tf.concat_v2``
(0.12's name for the 1.0 order) is ``tf.concat`` of TF 1.x.

``tfcompat run`` gives this module to a TF 0.12 module's ``import tensorflow``
(``tfcompat check`` says which modules are, from their source); every other 2018
module gets :mod:`tfcompat.v1`. Importing it does not import TensorFlow.
"""

import importlib
import inspect

from tfcompat._names import TF012_ARGUMENT_ORDER

__all__ = sorted(TF012_ARGUMENT_ORDER)


def _v1():
    return importlib.import_module("tfcompat.v1")


def _reordered(name, params):
    """TF 0.12's ``tf.<name>``: its arguments by 0.12's positions and keywords, handed to TF 1.x's by keyword."""
    order = [p for p, _ in params]
    to_1x = dict(params)
    required = order[:-1]  # every parameter but `name`
    signature = ", ".join(order[:-1]) + f", name={name!r}"

    def op(*args, **kwargs):
        if len(args) > len(order):
            raise TypeError(f"tf.{name}() takes TF 0.12's arguments ({signature}). "
                            f"Received: {len(args)} positional arguments")
        got = dict(zip(order, args))
        for key, value in kwargs.items():
            if key not in to_1x:
                raise TypeError(f"tf.{name}() got an unexpected keyword argument {key!r}: TF 0.12's "
                                f"signature is tf.{name}({signature}). Received: {key}={value!r}")
            if key in got:
                raise TypeError(f"tf.{name}() got multiple values for argument {key!r}. Received: {key}={value!r}")
            got[key] = value
        missing = [p for p in required if p not in got]
        if missing:
            raise TypeError(f"tf.{name}() is missing {', '.join(repr(p) for p in missing)} (TF 0.12's signature: "
                            f"tf.{name}({signature})). Received: {sorted(got)}")
        return getattr(_v1(), name)(**{to_1x[k]: v for k, v in got.items()})

    op.__name__ = op.__qualname__ = name
    op.__module__ = __name__
    op.__doc__ = (f"Mirrors TF 0.12's ``tf.{name}({signature})``: TF 1.x's ``tf.{name}`` with 0.12's argument "
                  f"order ({', '.join(f'{a} -> {b}' for a, b in params if a != b)}).")
    op.__signature__ = inspect.Signature(
        [inspect.Parameter(p, inspect.Parameter.POSITIONAL_OR_KEYWORD) for p in required]
        + [inspect.Parameter("name", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=name)])
    return op


for _name, _params in TF012_ARGUMENT_ORDER.items():
    globals()[_name] = _reordered(_name, _params)
del _name, _params


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(_v1(), name)


def __dir__():
    # 0.12 had concat_v2: code of the time tested `"concat_v2" in dir(tf)` to pick the argument order
    return sorted(set(dir(_v1())) | set(__all__) | {"concat_v2"})
