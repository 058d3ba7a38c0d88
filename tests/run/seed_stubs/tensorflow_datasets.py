"""A stand-in for ``tensorflow_datasets`` (not installed) for the seed tutorials: ``load('mnist')`` only.

Returns what ``tfds.load('mnist', split=[...], as_supervised=True, with_info=True)``
returns: one ``tf.data.Dataset`` of (uint8 image 28x28x1, int64 label) per split,
and an info object, built from the harness's generated arrays (sitecustomize.py).
"""

import types

import tensorflow as tf
from sitecustomize import mnist_arrays


def load(name, split=None, shuffle_files=False, as_supervised=False, with_info=False, **kwargs):
    if name != "mnist":
        raise ValueError(f"the seed harness only generates 'mnist'. Received: name={name!r}")
    (x_train, y_train), (x_test, y_test) = mnist_arrays()
    arrays = {"train": (x_train, y_train), "test": (x_test, y_test)}

    def dataset(part):
        x, y = arrays[part]
        images, labels = x[..., None], y.astype("int64")
        if as_supervised:
            return tf.data.Dataset.from_tensor_slices((images, labels))
        return tf.data.Dataset.from_tensor_slices({"image": images, "label": labels})

    result = [dataset(s) for s in split] if isinstance(split, (list, tuple)) else dataset(split or "train")
    if with_info:
        info = types.SimpleNamespace(name="mnist", splits={k: len(v[1]) for k, v in arrays.items()})
        return result, info
    return result
