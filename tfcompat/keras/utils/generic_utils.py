"""Mirrors Keras 2.2's ``keras.utils.generic_utils``: list helpers, ``has_arg``, function (de)serialization.

``to_list``, ``unpack_singleton``, ``is_all_none``, ``object_list_uid``, ``slice_arrays``,
``transpose_shape`` and ``has_arg`` behave as in Keras 2.2; ``func_dump``/``func_load`` are
Keras 3's own copies; ``Progbar``, ``CustomObjectScope``, ``custom_object_scope``,
``get_custom_objects``, ``serialize_keras_object`` and ``deserialize_keras_object`` are
Keras 3's (same meaning).
"""

import inspect

from tfcompat._lazy_tf import import_keras, internal

keras = import_keras()
_python_utils = internal("keras.src.utils.python_utils")

__all__ = [
    "to_list", "unpack_singleton", "is_all_none", "object_list_uid", "slice_arrays", "transpose_shape", "has_arg",
    "func_dump", "func_load", "Progbar", "CustomObjectScope", "custom_object_scope", "get_custom_objects",
    "serialize_keras_object", "deserialize_keras_object",
]

func_dump = _python_utils.func_dump
func_load = _python_utils.func_load
Progbar = keras.utils.Progbar
CustomObjectScope = keras.utils.CustomObjectScope
custom_object_scope = keras.utils.custom_object_scope
get_custom_objects = keras.utils.get_custom_objects
serialize_keras_object = keras.utils.serialize_keras_object
deserialize_keras_object = keras.utils.deserialize_keras_object


def to_list(x, allow_tuple=False):
    """``x`` as a list: a list as is, a tuple as a list when ``allow_tuple``, anything else wrapped."""
    if isinstance(x, list):
        return x
    if allow_tuple and isinstance(x, tuple):
        return list(x)
    return [x]


def unpack_singleton(x):
    """The only element of a one-element list/tuple, else ``x`` itself."""
    return x[0] if len(x) == 1 else x


def is_all_none(iterable_or_element):
    """True when every element (or the element itself) is None."""
    return all(e is None for e in to_list(iterable_or_element, allow_tuple=True))


def object_list_uid(object_list):
    """The ids of the objects, joined by ``', '`` (Keras 2 keyed caches with it)."""
    return ", ".join(str(abs(id(x))) for x in to_list(object_list))


def slice_arrays(arrays, start=None, stop=None):
    """``arrays[start:stop]`` for an array or each array of a list (None stays None).

    ``start`` may be a list/array of indices instead of a bound, as in Keras 2.
    """
    if arrays is None:
        return [None]
    many = isinstance(arrays, list)
    items = arrays if many else [arrays]
    if isinstance(start, list) and stop is not None:
        raise ValueError("The stop argument has to be None if the value of start is a list.")
    if hasattr(start, "__len__"):
        if hasattr(start, "shape"):
            start = start.tolist()
        out = [None if a is None else a[start] for a in items]
    else:
        out = [None if a is None else a[start:stop] for a in items]
    return out if many else out[0]


def transpose_shape(shape, target_format, spatial_axes):
    """``shape`` as ``channels_last`` becomes it in ``target_format`` (Keras 2 conv helper)."""
    if target_format == "channels_first":
        new_values = shape[:spatial_axes[0]]
        new_values += (shape[-1],)
        new_values += tuple(shape[x] for x in spatial_axes)
        if isinstance(shape, list):
            return list(new_values)
        return new_values
    if target_format == "channels_last":
        return shape
    raise ValueError(f"The `data_format` argument must be one of 'channels_first', 'channels_last'. "
                     f"Received: data_format={target_format!r}")


def has_arg(fn, name, accept_all=False):
    """True when callable ``fn`` takes an argument ``name`` (or any keyword, with ``accept_all``)."""
    parameters = inspect.signature(fn).parameters
    if accept_all and any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return True
    param = parameters.get(name)
    return param is not None and param.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
