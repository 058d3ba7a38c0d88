"""Keras 2 (2016-2019) names on Keras 3: ``backend as K``, ``optimizers``, ``callbacks``.

Mirrors the ``keras`` package of Keras 2.1/2.2 where Keras 3 changed behaviour
that 2018 TensorBoard code relies on:

  * :mod:`tfcompat.keras.backend` -- ``K.get_session``, ``K.eval``, ``K.get_value``/
    ``K.set_value`` on Keras 3 variables and learning rates, ``K.clear_session``...
  * :mod:`tfcompat.keras.optimizers` -- ``Adam(lr=...)``, Keras 2 ``decay=``, ``opt.lr``.
  * :mod:`tfcompat.keras.callbacks` -- ``LambdaCallback`` & co. seeing ``logs["acc"]``.

Importing ``tfcompat.keras`` (or ``tfcompat.keras.backend``) loads neither
TensorFlow nor Keras: ``backend`` loads them on its first call, while
``optimizers`` and ``callbacks`` (subclasses of Keras 3's classes) load Keras
when they are imported.
"""

import importlib

__all__ = ["backend", "optimizers", "callbacks"]


def __getattr__(name):
    if name in __all__:
        module = importlib.import_module(f"tfcompat.keras.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'tfcompat.keras' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
