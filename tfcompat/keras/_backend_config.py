"""Keras 2 ``keras.backend.common``: ``floatx``, ``epsilon``, ``image_data_format``, ``image_dim_ordering``...

Part of :mod:`tfcompat.keras.backend`. The values live in Keras 3's config
(``keras.config``), so Keras 3 layers see what ``K.set_floatx`` /
``K.set_image_data_format`` set, as Keras 2 layers did. Imports Keras on first
call only.
"""

import collections

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras, import_tf

__all__ = [
    "backend",
    "epsilon",
    "set_epsilon",
    "floatx",
    "set_floatx",
    "cast_to_floatx",
    "image_data_format",
    "set_image_data_format",
    "normalize_data_format",
    "image_dim_ordering",
    "set_image_dim_ordering",
    "get_uid",
    "reset_uids",
    "manual_variable_initialization",
    "manual_initialization",
]

_FLOATS = ("float16", "float32", "float64")
_uids = collections.defaultdict(int)
_manual = {"value": False}


def backend() -> str:
    """Mirrors Keras 2 ``K.backend()``: ``'tensorflow'``."""
    return "tensorflow"


def epsilon() -> float:
    """Mirrors Keras 2 ``K.epsilon()``: the fuzz factor (1e-7 unless set)."""
    return import_keras().config.epsilon()


def set_epsilon(e: float) -> None:
    """Mirrors Keras 2 ``K.set_epsilon(e)``."""
    try:
        value = float(e)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"`e` must be a float. Received: e={e!r}") from None
    import_keras().config.set_epsilon(value)


def floatx() -> str:
    """Mirrors Keras 2 ``K.floatx()``: the default float type name ('float32')."""
    return import_keras().config.floatx()


def set_floatx(floatx: str) -> None:  # noqa: A002 - Keras 2 argument name
    """Mirrors Keras 2 ``K.set_floatx(floatx)``: 'float16', 'float32' or 'float64'.

    Raises:
        InvalidArgumentError: (a ValueError, as in Keras 2) any other value.
    """
    if floatx not in _FLOATS:
        raise InvalidArgumentError(
            f"`floatx` must be one of {', '.join(_FLOATS)}. Received: floatx={floatx!r}"
        )
    import_keras().config.set_floatx(str(floatx))


def cast_to_floatx(x):
    """Mirrors Keras 2 ``K.cast_to_floatx(x)``: a numpy array of the default float type.

    A tensor or variable is cast to a tensor instead (as tf.keras did), so
    graph tensors keep working.
    """
    import numpy as np

    if hasattr(x, "dtype") and not isinstance(x, (np.ndarray, np.generic)):
        tf = import_tf()
        graph = getattr(x, "graph", None) if type(x).__module__.startswith("tensorflow") else None
        if graph is not None and tf.executing_eagerly() and not getattr(graph, "building_function", False):
            with graph.as_default():
                return tf.cast(x, floatx())
        return tf.cast(x, floatx())
    try:
        return np.asarray(x, dtype=floatx())
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"`x` must convert to a {floatx()} array. Received: x={x!r:.200}") from None


def image_data_format() -> str:
    """Mirrors Keras 2 ``K.image_data_format()``: 'channels_last' or 'channels_first'."""
    return import_keras().config.image_data_format()


def set_image_data_format(data_format: str) -> None:
    """Mirrors Keras 2 ``K.set_image_data_format(data_format)``."""
    if data_format not in ("channels_last", "channels_first"):
        raise InvalidArgumentError(
            "`data_format` must be 'channels_last' or 'channels_first'. "
            f"Received: data_format={data_format!r}"
        )
    import_keras().config.set_image_data_format(data_format)


def normalize_data_format(value):
    """Mirrors Keras 2 ``K.normalize_data_format(value)``: None means the global format."""
    if value is None:
        return image_data_format()
    data_format = value.lower() if isinstance(value, str) else value
    if data_format not in ("channels_first", "channels_last"):
        raise InvalidArgumentError(
            "`data_format` must be 'channels_first' or 'channels_last'. "
            f"Received: data_format={value!r}"
        )
    return data_format


def image_dim_ordering() -> str:
    """Mirrors Keras 1/2 ``K.image_dim_ordering()``: 'th' (channels_first) or 'tf' (channels_last)."""
    return "th" if image_data_format() == "channels_first" else "tf"


def set_image_dim_ordering(dim_ordering: str) -> None:
    """Mirrors Keras 1/2 ``K.set_image_dim_ordering('th'|'tf')``: sets the image data format."""
    if dim_ordering not in ("th", "tf"):
        raise InvalidArgumentError(f"`dim_ordering` must be 'th' or 'tf'. Received: dim_ordering={dim_ordering!r}")
    set_image_data_format("channels_first" if dim_ordering == "th" else "channels_last")


def get_uid(prefix: str = "") -> int:
    """Mirrors Keras 2 ``K.get_uid(prefix)``: 1, 2, 3... per prefix (and per TF1 graph entered), until :func:`reset_uids`."""
    tf = import_tf()
    graph = None if tf.executing_eagerly() else tf.compat.v1.get_default_graph()
    key = (id(graph), prefix)
    _uids[key] += 1
    return _uids[key]


def reset_uids() -> None:
    """Mirrors Keras 2 ``K.reset_uids()``."""
    _uids.clear()


def manual_variable_initialization(value: bool) -> None:
    """Mirrors Keras 2 ``K.manual_variable_initialization(value)``.

    With True, :func:`K.get_session` stops initializing new variables of the
    legacy graph (the caller runs their initializers). Keras 3 variables are
    always initialized when created.
    """
    _manual["value"] = bool(value)


def manual_initialization() -> bool:
    """True after ``manual_variable_initialization(True)``."""
    return _manual["value"]
