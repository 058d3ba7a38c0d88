"""Mirrors Keras 2.2's ``keras.utils.np_utils``: ``to_categorical`` (float32 by default) and ``normalize``."""

import numpy as np

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras

keras = import_keras()

__all__ = ["to_categorical", "normalize"]

normalize = keras.utils.normalize


def to_categorical(y, num_classes=None, dtype="float32"):
    """Keras 2 ``to_categorical(y, num_classes=None, dtype='float32')``: class indices to one-hot rows.

    A trailing axis of size 1 is dropped first (``(n, 1)`` labels give ``(n, num_classes)``),
    as Keras 2 did; the result is ``dtype`` (Keras 3's is float64).

    Args:
        y: integer class indices, any shape.
        num_classes: number of classes; default ``max(y) + 1``.
        dtype: dtype of the result.

    Raises:
        InvalidArgumentError: a label is negative or not below ``num_classes``.
    """
    labels = np.asarray(y, dtype="int64")
    shape = labels.shape
    if len(shape) > 1 and shape[-1] == 1:
        shape = shape[:-1]
    flat = labels.reshape(-1)
    if num_classes is None:
        num_classes = int(flat.max()) + 1 if flat.size else 0
    if flat.size and (flat.min() < 0 or flat.max() >= num_classes):
        raise InvalidArgumentError(
            f"`y` must hold class indices in [0, {num_classes}). Received: y with values in "
            f"[{flat.min()}, {flat.max()}], num_classes={num_classes!r}"
        )
    out = np.zeros((flat.size, num_classes), dtype=dtype)
    out[np.arange(flat.size), flat] = 1
    return out.reshape(tuple(shape) + (num_classes,))
