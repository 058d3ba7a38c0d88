"""Mirrors Keras 2.2's ``keras.layers.merge``: the merge layers and their functional forms (Keras 3's).

``Concatenate``/``concatenate``, ``Add``/``add``, ``Subtract``/``subtract``,
``Multiply``/``multiply``, ``Average``/``average``, ``Maximum``/``maximum``,
``Minimum``/``minimum``, ``Dot``/``dot``: same arguments as Keras 2.2. Keras 1's
``Merge`` layer and ``merge`` function are in :mod:`tfcompat.keras.legacy.layers`.
"""

from tfcompat._lazy_tf import import_keras

keras = import_keras()

__all__ = [
    "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot",
    "add", "subtract", "multiply", "average", "maximum", "minimum", "concatenate", "dot",
]

Add = keras.layers.Add
Subtract = keras.layers.Subtract
Multiply = keras.layers.Multiply
Average = keras.layers.Average
Maximum = keras.layers.Maximum
Minimum = keras.layers.Minimum
Concatenate = keras.layers.Concatenate
Dot = keras.layers.Dot
add = keras.layers.add
subtract = keras.layers.subtract
multiply = keras.layers.multiply
average = keras.layers.average
maximum = keras.layers.maximum
minimum = keras.layers.minimum
concatenate = keras.layers.concatenate
dot = keras.layers.dot
