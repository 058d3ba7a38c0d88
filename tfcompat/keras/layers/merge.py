"""Mirrors Keras 2.2's ``keras.layers.merge``: the merge layers and their functional forms.

``Concatenate``/``concatenate``, ``Add``/``add``, ``Subtract``/``subtract``,
``Multiply``/``multiply``, ``Average``/``average``, ``Maximum``/``maximum``,
``Minimum``/``minimum``, ``Dot``/``dot``: same arguments as Keras 2.2, Keras 2's layer names (``concatenate_1``). Keras 1's
``Merge`` layer and ``merge`` function are in :mod:`tfcompat.keras.legacy.layers`.
"""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._keras2_layers import keras2_layer

keras = import_keras()

__all__ = [
    "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot",
    "add", "subtract", "multiply", "average", "maximum", "minimum", "concatenate", "dot",
]

Add = keras2_layer(keras.layers.Add, __name__)
Subtract = keras2_layer(keras.layers.Subtract, __name__)
Multiply = keras2_layer(keras.layers.Multiply, __name__)
Average = keras2_layer(keras.layers.Average, __name__)
Maximum = keras2_layer(keras.layers.Maximum, __name__)
Minimum = keras2_layer(keras.layers.Minimum, __name__)
Concatenate = keras2_layer(keras.layers.Concatenate, __name__)
Dot = keras2_layer(keras.layers.Dot, __name__)


def add(inputs, **kwargs):
    """Keras 2 ``add(inputs, **kwargs)``: an ``Add`` layer (named ``add_1``...) called on ``inputs``."""
    return Add(**kwargs)(inputs)


def subtract(inputs, **kwargs):
    """Keras 2 ``subtract(inputs, **kwargs)``: a ``Subtract`` layer called on ``inputs``."""
    return Subtract(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    """Keras 2 ``multiply(inputs, **kwargs)``: a ``Multiply`` layer called on ``inputs``."""
    return Multiply(**kwargs)(inputs)


def average(inputs, **kwargs):
    """Keras 2 ``average(inputs, **kwargs)``: an ``Average`` layer called on ``inputs``."""
    return Average(**kwargs)(inputs)


def maximum(inputs, **kwargs):
    """Keras 2 ``maximum(inputs, **kwargs)``: a ``Maximum`` layer called on ``inputs``."""
    return Maximum(**kwargs)(inputs)


def minimum(inputs, **kwargs):
    """Keras 2 ``minimum(inputs, **kwargs)``: a ``Minimum`` layer called on ``inputs``."""
    return Minimum(**kwargs)(inputs)


def concatenate(inputs, axis=-1, **kwargs):
    """Keras 2 ``concatenate(inputs, axis=-1, **kwargs)``: a ``Concatenate`` layer called on ``inputs``."""
    return Concatenate(axis=axis, **kwargs)(inputs)


def dot(inputs, axes, normalize=False, **kwargs):
    """Keras 2 ``dot(inputs, axes, normalize=False, **kwargs)``: a ``Dot`` layer called on ``inputs``."""
    return Dot(axes=axes, normalize=normalize, **kwargs)(inputs)
