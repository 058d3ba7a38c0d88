"""Mirrors Keras 2.2.4's ``keras`` package on Keras 3: ``import tfcompat.keras as keras``.

Under ``tfcompat run`` a 2018 module's ``import keras`` (and ``tf.keras``) is this
package. Its modules are Keras 2.2's, at Keras 2.2's paths:

  * :mod:`~tfcompat.keras.backend` -- ``K.get_session``, ``K.eval``, ``K.get_value``/``K.set_value``...
  * :mod:`~tfcompat.keras.optimizers` -- ``Adam(lr=..., decay=...)``, ``opt.lr``, one instance for several
    models, ``TFOptimizer``, Keras 2 configs.
  * :mod:`~tfcompat.keras.callbacks` -- Keras 2 ``logs`` (``acc``, numpy values), ``validation_data``,
    ``ModelCheckpoint(period=)``, the 2.1 ``TensorBoard``...
  * :mod:`~tfcompat.keras.models` -- ``Sequential``/``Model`` with ``fit(nb_epoch=)``, ``fit_generator``...
  * :mod:`~tfcompat.keras.layers` (``.core``, ``.convolutional``, ``.pooling``, ``.recurrent``,
    ``.embeddings``, ``.normalization``, ``.merge``...), :mod:`~tfcompat.keras.utils` (``.np_utils``,
    ``.generic_utils``), :mod:`~tfcompat.keras.engine` (``.topology``...), :mod:`~tfcompat.keras.legacy`,
    and ``activations``, ``constraints``, ``initializers``, ``losses``, ``metrics``, ``objectives``,
    ``regularizers``.

Names whose Keras 2 meaning equals Keras 3's are Keras 3's own objects; any other
``keras`` attribute (``keras.ops``, ``keras.datasets``...) is Keras 3's.

Importing ``tfcompat.keras`` loads neither TensorFlow nor Keras; a submodule loads
them when it is first imported. Nothing is changed at import: Keras 2's
``optimizer.lr`` is added to Keras 3's optimizers when a callback, optimizer or
model of this package is first used.
"""

import importlib

__version__ = "2.2.4"

__all__ = [
    "backend", "optimizers", "callbacks", "models", "layers", "utils", "engine", "legacy", "activations",
    "constraints", "initializers", "losses", "metrics", "objectives", "regularizers", "Input", "Sequential", "Model",
]

_SUBMODULES = frozenset(__all__[:15])
# Top-level names of Keras 2.2's `keras` package and the module that holds them here.
_NAMES = {"Input": "tfcompat.keras.engine.topology", "Sequential": "tfcompat.keras.models",
          "Model": "tfcompat.keras.models"}


def __getattr__(name):
    if name in _SUBMODULES:
        value = importlib.import_module(f"{__name__}.{name}")
    elif name in _NAMES:
        value = getattr(importlib.import_module(_NAMES[name]), name)
    elif name.startswith("_"):  # private submodules are imported, never looked up in Keras 3
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    else:
        keras = importlib.import_module("tfcompat._lazy_tf").import_keras()
        try:
            value = getattr(keras, name)
        except AttributeError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
