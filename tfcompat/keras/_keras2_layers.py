"""Keras 2.2's layer construction on Keras 3's layer classes: default names ``dense_1`` and Keras 1 arguments.

Mirrors two things Keras 2.2.4's ``keras.layers`` did when a layer was built:

* an unnamed layer was named ``<snake_case class>_<n>``, ``n`` counting from 1 per
  class name (``dense_1``, ``dense_2``, ``conv2d_1``) until ``K.clear_session()``;
  Keras 3 counts from 0 and leaves the first one bare (``dense``, ``dense_1``), so
  the histogram tags, ``get_layer`` names and weight files of 2018 code differ;
* Keras 1 keyword arguments (``Dense(init='uniform')``, ``Conv2D(32, 3, 3,
  border_mode='same')``, ``Dropout(p=0.5)``...) were converted with a warning
  ``Update your `Dense` call to the Keras 2 API`` (the table is
  :data:`tfcompat._names.KERAS1_LAYER_KEYWORDS`).

:func:`keras2_layer` makes, for a Keras 3 layer class, the class a 2018 module gets
as ``keras.layers.<Name>``. Calling it builds an instance of the Keras 3 class itself
(so saving, ``.keras`` files, ``type()`` and ``isinstance(layer, keras.layers.Dense)``
are Keras 3's, today's code never sees a different class), and
``isinstance(layer, <tfcompat's Dense>)`` holds for it. Subclassing it
(``class MyDense(Dense)``) gives a real subclass whose instances are named and
converted the same way (``my_dense_1``).
"""

import re
import warnings

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras
from tfcompat._names import KERAS1_DIM_ORDERING, KERAS1_LAYER_KEYWORDS
from tfcompat._warn import warn_at_user
from tfcompat.keras._backend_config import get_uid

keras = import_keras()

__all__ = ["keras2_layer", "keras2_layer_name", "keras2_name_prefix", "Input"]

# Keras 3 warns about `input_shape`/`input_dim` on a layer; Keras 2 documented them as the way to start a model.
_INPUT_SHAPE_WARNING = r"Do not pass an `input_shape`/`input_dim` argument"
_CONV2D_LIKE = frozenset(["Conv2D", "Conv2DTranspose", "SeparableConv2D", "ConvLSTM2D"])
_INPUT_DIM_AS_SHAPE = frozenset(["Conv1D", "SimpleRNN", "GRU", "LSTM"])
_CONSUME_LESS = {"cpu": 0, "mem": 1, "gpu": 2}
# Keras 1 keywords that several of them (or the positional arguments) make up together: converted above the renames.
_COMBINED = frozenset(["nb_row", "nb_col", "kernel_dim1", "kernel_dim2", "kernel_dim3", "input_dim", "input_length"])


def keras2_name_prefix(class_name: str) -> str:
    """Keras 2's snake case of a class name: ``MaxPooling2D`` -> ``max_pooling2d``, ``_Private`` -> ``private_private``."""
    # A capital starting a lower-case/digit run begins a word; so does a capital after a lower-case letter.
    words = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", class_name)
    snake = re.sub(r"([a-z])([A-Z])", r"\1_\2", words).lower()
    return "private" + snake if snake.startswith("_") else snake


def keras2_layer_name(class_name: str) -> str:
    """The name Keras 2.2 gave an unnamed layer of class ``class_name``: ``dense_1``, then ``dense_2``...

    Counted by ``K.get_uid(class_name)`` (per class name, reset by ``K.clear_session()``), as Keras 2 did.
    """
    return f"{keras2_name_prefix(class_name)}_{get_uid(class_name)}"


def _render(value):
    if isinstance(value, str):
        return f'"{value}"'
    text = "array" if type(value).__name__ == "ndarray" else str(value)
    return text if len(text) <= 10 else text[:10] + "..."


def _warn_update(class_name, args, kwargs):
    shown = [_render(a) for a in args] + [f"{k}={_render(v)}" for k, v in kwargs.items()]
    warn_at_user(f"Update your `{class_name}` call to the Keras 2 API: `{class_name}({', '.join(shown)})`",
                 UserWarning)


def _take(kwargs, old, new, converted):
    value = kwargs.pop(old)
    if new in kwargs:
        raise TypeError(f"For the `{new}` argument, the layer received both the Keras 1 keyword argument `{old}` "
                        f"and the Keras 2 keyword argument `{new}`: keep the latter. Received: {old}={value!r}, "
                        f"{new}={kwargs[new]!r}")
    kwargs[new] = value
    converted.append(old)


def _kernel_size(kind, args, kwargs, converted):
    """Keras 1's ``Conv2D(nb_filter, nb_row, nb_col)`` / ``Conv3D(n, d1, d2, d3)``: one ``kernel_size``."""
    dims = 3 if kind == "Conv3D" else 2
    keys = ("kernel_dim1", "kernel_dim2", "kernel_dim3") if dims == 3 else ("nb_row", "nb_col")
    ints = [a for a in args[1:] if isinstance(a, int) and not isinstance(a, bool)]
    if len(args) == dims + 1 and len(ints) == dims:
        given = [k for k in ("padding", "strides", "data_format") if k in kwargs]
        if given:
            raise InvalidArgumentError(
                f"{kind}: {dims + 1} positional integers are Keras 1's (filters, {', '.join(keys)}); with "
                f"`{given[0]}=` also given they may be Keras 2's (filters, kernel_size, strides), so Keras 2 "
                f"refused them: pass kernel_size=... and strides=... as keywords. Received: {args!r}")
        return (args[0], tuple(args[1:])), True
    missing = keys[len(args) - 1:] if 1 <= len(args) <= dims else ()
    if missing and all(k in kwargs for k in missing):
        kernel = tuple(args[1:]) + tuple(kwargs.pop(k) for k in missing)
        converted.extend(missing)
        if len(args) == 1:
            kwargs["kernel_size"] = kernel
            return args, True
        return (args[0], kernel), True
    return args, False


def keras2_arguments(kind, class_name, args, kwargs):
    """``(args, kwargs)`` with Keras 1's arguments converted as Keras 2.2's ``kind`` (a Keras 3 class name) did.

    Warns (at the user's line) when something was converted.
    """
    table = KERAS1_LAYER_KEYWORDS.get(kind)
    if not table:
        return args, kwargs
    args, kwargs, converted = tuple(args), dict(kwargs), []
    if kind in _CONV2D_LIKE or kind == "Conv3D":
        if kind == "Conv2DTranspose":
            if len(args) == 4 and isinstance(args[3], tuple):  # Keras 1's Deconvolution2D(n, r, c, output_shape)
                args, converted = args[:3], ["output_shape"]
            if "output_shape" in kwargs:
                kwargs.pop("output_shape")
                converted.append("output_shape")
        args, changed = _kernel_size(kind, args, kwargs, converted)
        if changed and "kernel_size" not in converted:
            converted.append("kernel_size")
    if kind == "SeparableConv2D" and "init" in kwargs:
        init = kwargs.pop("init")
        kwargs["depthwise_initializer"] = kwargs["pointwise_initializer"] = init
        converted.append("init")
    if kind in _INPUT_DIM_AS_SHAPE and "input_dim" in kwargs:
        kwargs["input_shape"] = (kwargs.pop("input_length", None), kwargs.pop("input_dim"))
        converted.append("input_dim")
    if "forget_bias_init" in kwargs and "forget_bias_init" in table:
        if kwargs.pop("forget_bias_init") == "one":
            kwargs["unit_forget_bias"] = True
            converted.append("forget_bias_init")
        else:
            warn_at_user("The `forget_bias_init` argument has been ignored (as Keras 2 did). Use "
                         "`unit_forget_bias=True` instead to initialize the forget gate's bias with ones.",
                         UserWarning)
    if kind == "Embedding" and "dropout" in kwargs:
        kwargs.pop("dropout")
        warn_at_user("The `dropout` argument of `Embedding` was ignored (Keras 2 dropped it): apply a "
                     "`SpatialDropout1D` layer right after the `Embedding` layer for the same effect.", UserWarning)
    if kind == "BatchNormalization" and "mode" in kwargs:
        mode = kwargs.pop("mode")
        if mode != 0:
            raise InvalidArgumentError(
                "BatchNormalization's Keras 1 `mode` argument no longer exists: modes 1 and 2 were removed in "
                f"Keras 2 (only mode=0, the default behaviour, is accepted). Received: mode={mode!r}")
        converted.append("mode")
    if "consume_less" in kwargs:
        kwargs["consume_less"] = _CONSUME_LESS.get(kwargs["consume_less"], kwargs["consume_less"])
    if kwargs.get("dim_ordering") in KERAS1_DIM_ORDERING:
        kwargs["dim_ordering"] = KERAS1_DIM_ORDERING[kwargs["dim_ordering"]]
    for old, new in table.items():
        if old in kwargs and isinstance(new, str) and old not in _COMBINED:
            _take(kwargs, old, new, converted)
    if converted:
        _warn_update(class_name, args, kwargs)
    return args, kwargs


def _named(cls, kwargs):
    if not kwargs.get("name"):
        kwargs["name"] = keras2_layer_name(cls.__name__)
    return kwargs


class Keras2LayerClass(type(keras.layers.Layer)):
    """Metaclass of tfcompat's layer classes: an instance of the Keras 3 class is an instance of tfcompat's."""

    def __instancecheck__(cls, obj):
        base = cls.__dict__.get("_keras3_class")
        return isinstance(obj, base) if base is not None else super().__instancecheck__(obj)

    def __subclasscheck__(cls, sub):
        base = cls.__dict__.get("_keras3_class")
        return issubclass(sub, base) if base is not None else super().__subclasscheck__(sub)


def keras2_layer(base, module: str, name: str = None):
    """tfcompat's Keras 2 class for the Keras 3 layer class ``base``, defined in ``module`` as ``name``."""
    name = name or base.__name__
    kind = base.__name__

    def __new__(cls, *args, **kwargs):
        if cls is wrapper:
            args, kwargs = keras2_arguments(kind, name, args, kwargs)
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", _INPUT_SHAPE_WARNING, UserWarning)
                return base(*args, **_named(base, kwargs))
        return super(wrapper, cls).__new__(cls, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        # Only a user's subclass gets here: tfcompat's own class returned a Keras 3 instance from __new__.
        args, kwargs = keras2_arguments(kind, type(self).__name__, args, kwargs)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", _INPUT_SHAPE_WARNING, UserWarning)
            base.__init__(self, *args, **_named(type(self), kwargs))

    namespace = {
        "__module__": module, "__qualname__": name, "_keras3_class": base, "__new__": __new__,
        "__init__": __init__,
        "__doc__": f"Keras 2.2 ``{name}``: Keras 3's ``keras.layers.{kind}`` built with Keras 2's default name "
                   f"(``{keras2_name_prefix(kind)}_1``) and Keras 1 arguments converted.",
    }
    wrapper = Keras2LayerClass(name, (base,), namespace)
    return wrapper


def Input(shape=None, batch_shape=None, name=None, dtype=None, sparse=False, tensor=None):  # noqa: N802
    """Keras 2 ``Input(shape=None, batch_shape=None, name=None, dtype=None, sparse=False, tensor=None)``.

    Keras 2's argument order (Keras 3's second is ``batch_size``) and name (``input_1``, ``input_2``...).
    """
    if not name:
        name = f"input_{get_uid('input')}"
    return keras.Input(shape=shape, batch_shape=batch_shape, name=name, dtype=dtype, sparse=sparse or None,
                       tensor=tensor)
