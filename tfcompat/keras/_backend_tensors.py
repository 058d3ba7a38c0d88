"""Keras 2 ``K.variable``/``K.constant``/``K.placeholder``/``K.int_shape``/``K.function`` on Keras 3.

Part of :mod:`tfcompat.keras.backend` (which re-exports every name here);
kept apart so each module stays small. Imports TensorFlow/Keras on first call only.
"""

import tfcompat.v1 as v1
from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras, import_tf

__all__ = [
    "variable",
    "constant",
    "zeros",
    "ones",
    "placeholder",
    "int_shape",
    "ndim",
    "dtype",
    "count_params",
    "function",
]


def _check_dtype(dtype):
    keras = import_keras()
    if dtype is None:
        return keras.backend.floatx()
    try:
        return keras.backend.standardize_dtype(dtype)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"`dtype` must be a dtype name such as 'float32'. Received: dtype={dtype!r}") from None


def variable(value, dtype=None, name=None, constraint=None):
    """Mirrors Keras 2 ``K.variable(value, dtype=None, name=None, constraint=None)``.

    Returns a (trainable, as in Keras 2) Keras 3 variable, usable with
    ``get_value``/``set_value``. ``/`` in ``name`` (allowed in TF1 names,
    refused by Keras 3) becomes ``_``.
    """
    import numpy as np

    keras = import_keras()
    dtype = _check_dtype(dtype)
    if name is not None and not isinstance(name, str):
        raise InvalidArgumentError(f"`name` must be a string. Received: name={name!r}")
    try:
        if hasattr(value, "dtype") and not isinstance(value, (np.ndarray, np.generic)):
            value = keras.ops.convert_to_numpy(value)  # a tensor or variable
        initial = np.asarray(value, dtype=dtype)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"`value` must convert to a {dtype} array. Received: value={value!r}") from None
    return keras.Variable(initial, dtype=dtype, name=name.replace("/", "_") if name else None,
                          constraint=constraint, trainable=True)


def constant(value, dtype=None, shape=None, name=None):
    """Mirrors Keras 2 ``K.constant(value, dtype=None, shape=None, name=None)``: an eager tensor."""
    tf = import_tf()
    dtype = _check_dtype(dtype)
    try:
        return tf.constant(value, dtype=dtype, shape=shape, name=name)
    except (TypeError, ValueError) as e:
        raise InvalidArgumentError(
            f"`value` must convert to a {dtype} tensor of shape {shape}. Received: value={value!r} ({e})"
        ) from None


def zeros(shape, dtype=None, name=None):
    """Mirrors Keras 2 ``K.zeros(shape)``: a variable of zeros."""
    import numpy as np

    return variable(np.zeros(_check_shape(shape)), dtype=dtype, name=name)


def ones(shape, dtype=None, name=None):
    """Mirrors Keras 2 ``K.ones(shape)``: a variable of ones."""
    import numpy as np

    return variable(np.ones(_check_shape(shape)), dtype=dtype, name=name)


def _check_shape(shape):
    if isinstance(shape, int) and not isinstance(shape, bool):
        shape = (shape,)
    try:
        dims = tuple(int(d) for d in shape)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"`shape` must be a tuple of ints. Received: shape={shape!r}") from None
    if any(d < 0 for d in dims):
        raise InvalidArgumentError(f"`shape` must not have negative dimensions. Received: shape={shape!r}")
    return dims


def placeholder(shape=None, ndim=None, dtype=None, sparse=False, name=None):
    """Mirrors Keras 2 ``K.placeholder(...)``: a TF1 placeholder in the legacy graph.

    Feed it with ``K.get_session().run(..., feed_dict=...)``. Sparse placeholders
    are not supported.
    """
    if sparse:
        raise InvalidArgumentError(f"`sparse` placeholders are not supported by tfcompat. Received: sparse={sparse!r}")
    if shape is None and ndim is not None:
        shape = (None,) * int(ndim)
    dtype = _check_dtype(dtype)
    return v1.placeholder(dtype, shape=shape, name=name)


def int_shape(x):
    """Mirrors Keras 2 ``K.int_shape(x)``: the shape as a tuple of ints / None, or None if unknown."""
    shape = getattr(x, "shape", None)
    if shape is None:
        raise InvalidArgumentError(f"`x` must be a tensor, variable or array. Received: x={x!r}")
    if getattr(shape, "rank", 0) is None:
        return None
    return tuple(None if d is None else int(d) for d in shape)


def ndim(x):
    """Mirrors Keras 2 ``K.ndim(x)``: the rank as an int (None if unknown)."""
    shape = int_shape(x)
    return None if shape is None else len(shape)


def dtype(x):
    """Mirrors Keras 2 ``K.dtype(x)``: the dtype name ('float32')."""
    if not hasattr(x, "dtype"):
        raise InvalidArgumentError(f"`x` must be a tensor, variable or array. Received: x={x!r}")
    return import_keras().backend.standardize_dtype(x.dtype)


def count_params(x):
    """Mirrors Keras 2 ``K.count_params(x)``: the number of elements."""
    shape = int_shape(x)
    if shape is None or any(d is None for d in shape):
        raise InvalidArgumentError(f"`x` must have a fully known shape. Received: x with shape {shape}")
    count = 1
    for d in shape:
        count *= d
    return count


def function(inputs, outputs, updates=None, name=None, **kwargs):
    """Mirrors Keras 2 ``K.function(inputs, outputs)``: a callable from input arrays to output arrays.

    ``inputs``/``outputs`` are Keras symbolic tensors (``model.input``,
    ``model.layers[i].output``...). An int among ``inputs`` (``K.learning_phase()``)
    marks where the call passes the learning phase: 1 runs the layers with
    ``training=True`` (dropout on), 0 for inference, as in Keras 2.

    Returns:
        ``f(list_of_arrays)`` giving a list of numpy arrays (one array when
        ``outputs`` is a single tensor, as in tf.keras 2).

    Raises:
        InvalidArgumentError: ``updates`` given (Keras 3 has no graph updates), or
            inputs/outputs that are not Keras symbolic tensors.
    """
    keras = import_keras()
    if updates:
        raise InvalidArgumentError(
            "`updates` are not supported: Keras 3 has no graph update ops (assign variables or use an "
            f"optimizer instead). Received: updates={updates!r}"
        )
    if not isinstance(inputs, (list, tuple)):
        raise InvalidArgumentError(f"`inputs` must be a list of Keras tensors. Received: inputs={inputs!r}")
    phase_at = [i for i, t in enumerate(inputs) if type(t) is int and t in (0, 1)]
    tensor_at = [i for i in range(len(inputs)) if i not in phase_at]
    single = not isinstance(outputs, (list, tuple))
    out_list = [outputs] if single else list(outputs)
    for arg, items in (("inputs", [inputs[i] for i in tensor_at]), ("outputs", out_list)):
        for t in items:
            if not isinstance(t, keras.KerasTensor):
                raise InvalidArgumentError(
                    f"`{arg}` must hold Keras symbolic tensors (model.input, layer.output...). Received: {arg} "
                    f"item {t!r}"
                )
    model = keras.Model([inputs[i] for i in tensor_at], out_list, name=name)

    def call(values):
        if not isinstance(values, (list, tuple)) or len(values) != len(inputs):
            raise InvalidArgumentError(
                f"`inputs` of this K.function must be a list of {len(inputs)} arrays. Received: {values!r:.200}"
            )
        training = bool(values[phase_at[0]]) if phase_at else False
        result = model([values[i] for i in tensor_at], training=training)
        if not isinstance(result, (list, tuple)):
            result = [result]
        arrays = [keras.ops.convert_to_numpy(r) for r in result]
        return arrays[0] if single else arrays

    return call
