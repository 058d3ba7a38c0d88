"""Mirrors TF 1.x's ``tf.contrib.layers`` layer functions (the slim-style API of 2016-2018).

``fully_connected`` (scope ``fully_connected``), ``conv2d`` (scope ``Conv``),
``conv2d_transpose`` (``Conv2d_transpose``), ``max_pool2d`` / ``avg_pool2d``
(``MaxPool2D`` / ``AvgPool2D``), ``flatten`` (``Flatten``), ``dropout``
(``Dropout``, ``keep_prob``), ``batch_norm`` (``BatchNorm``), ``linear``,
``relu``, ``one_hot_encoding``, ``repeat``, ``stack``. As in TF1 they run the
``tf.layers`` classes inside their own variable scope with a getter that
renames ``kernel``/``bias`` to ``weights``/``biases`` and adds every variable
to ``MODEL_VARIABLES``; ``activation_fn`` defaults to ``tf.nn.relu``.
"""

import functools

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.v1.contrib.layers._initializers import xavier_initializer
from tfcompat.v1.layers import (
    AveragePooling2D,
    BatchNormalization,
    Conv1D,
    Conv2D,
    Conv2DTranspose,
    Conv3D,
    Dense,
    Dropout,
    Flatten,
    MaxPooling2D,
    in_default_graph,
)

__all__ = [
    "fully_connected", "linear", "relu", "relu6", "conv2d", "convolution", "convolution2d", "conv2d_transpose",
    "convolution2d_transpose", "max_pool2d", "avg_pool2d", "flatten", "dropout", "batch_norm",
    "one_hot_encoding", "repeat", "stack",
]

_DEFAULT = object()  # "TF1's default": xavier for weights, zeros for biases, tf.nn.relu for the activation


def _renaming_getter(rename):
    def renaming(getter, name, *args, **kwargs):
        v1 = import_tf().compat.v1
        parts = name.split("/")
        if parts[-1] in rename:
            parts[-1] = rename[parts[-1]]
        collections = list(kwargs.pop("collections", None) or [v1.GraphKeys.GLOBAL_VARIABLES])
        if v1.GraphKeys.MODEL_VARIABLES not in collections:
            collections.append(v1.GraphKeys.MODEL_VARIABLES)
        return getter("/".join(parts), *args, collections=collections, **kwargs)

    return renaming


_WEIGHTS_BIASES = {"kernel": "weights", "bias": "biases"}


def _add_to_collections(variable, collections, key):
    v1 = import_tf().compat.v1
    if isinstance(collections, dict):
        collections = collections.get(key)
    for name in collections or ():
        if all(variable is not v for v in v1.get_collection(name)):
            v1.add_to_collection(name, variable)


def collect_named_outputs(collections, alias, outputs):
    """Mirrors ``tf.contrib.layers.utils.collect_named_outputs``: adds ``outputs`` to ``collections`` (alias kept)."""
    if collections:
        v1 = import_tf().compat.v1
        try:
            outputs.alias = alias
        except AttributeError:  # tensors with __slots__ take no alias
            pass
        v1.add_to_collections(collections, outputs)
    return outputs


def _defaults(activation_fn, weights_initializer, biases_initializer):
    v1 = import_tf().compat.v1
    if activation_fn is _DEFAULT:
        activation_fn = v1.nn.relu
    if weights_initializer is _DEFAULT:
        weights_initializer = xavier_initializer()
    if biases_initializer is _DEFAULT:
        biases_initializer = v1.zeros_initializer()
    return activation_fn, weights_initializer, biases_initializer


def _finish(layer, outputs, sc, normalizer_fn, normalizer_params, activation_fn, variables_collections,
            outputs_collections):
    _add_to_collections(layer.kernel, variables_collections, "weights")
    if getattr(layer, "bias", None) is not None:
        _add_to_collections(layer.bias, variables_collections, "biases")
    if normalizer_fn is not None:
        outputs = normalizer_fn(outputs, **(normalizer_params or {}))
    if activation_fn is not None:
        outputs = activation_fn(outputs)
    return collect_named_outputs(outputs_collections, sc.name, outputs)


@in_default_graph
def fully_connected(inputs, num_outputs, activation_fn=_DEFAULT, normalizer_fn=None, normalizer_params=None,
                    weights_initializer=_DEFAULT, weights_regularizer=None, biases_initializer=_DEFAULT,
                    biases_regularizer=None, reuse=None, variables_collections=None, outputs_collections=None,
                    trainable=True, scope=None):
    """Mirrors ``tf.contrib.layers.fully_connected(inputs, num_outputs, activation_fn=tf.nn.relu, ...)``.

    Variables ``fully_connected/weights`` and ``fully_connected/biases`` (no
    biases when ``normalizer_fn`` is given or ``biases_initializer=None``).
    """
    if isinstance(num_outputs, bool) or not isinstance(num_outputs, int):
        raise InvalidArgumentError(f"num_outputs should be int or long, got {num_outputs!r}. "
                                   f"Received: num_outputs={num_outputs!r}")
    v1 = import_tf().compat.v1
    activation_fn, weights_initializer, biases_initializer = _defaults(
        activation_fn, weights_initializer, biases_initializer)
    with v1.variable_scope(scope, "fully_connected", [inputs], reuse=reuse,
                           custom_getter=_renaming_getter(_WEIGHTS_BIASES)) as sc:
        inputs = v1.convert_to_tensor(inputs)
        layer = Dense(num_outputs, activation=None,
                      use_bias=bool(not normalizer_fn and biases_initializer is not None),
                      kernel_initializer=weights_initializer, bias_initializer=biases_initializer,
                      kernel_regularizer=weights_regularizer, bias_regularizer=biases_regularizer,
                      trainable=trainable, name=sc.name, dtype=inputs.dtype.base_dtype, _scope=sc, _reuse=reuse)
        outputs = layer.apply(inputs)
        return _finish(layer, outputs, sc, normalizer_fn, normalizer_params, activation_fn,
                       variables_collections, outputs_collections)


linear = functools.partial(fully_connected, activation_fn=None)
relu = fully_connected


def relu6(inputs, num_outputs, **kwargs):
    """Mirrors ``tf.contrib.layers.relu6``: ``fully_connected`` with ``tf.nn.relu6``."""
    return fully_connected(inputs, num_outputs, activation_fn=import_tf().compat.v1.nn.relu6, **kwargs)


def _data_format(data_format, allowed):
    if data_format not in allowed:
        raise InvalidArgumentError(f"Invalid data_format: {data_format!r}. Received: data_format={data_format!r}")
    return "channels_first" if data_format and data_format.startswith("NC") else "channels_last"


@in_default_graph
def convolution(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None, rate=1,
                activation_fn=_DEFAULT, normalizer_fn=None, normalizer_params=None, weights_initializer=_DEFAULT,
                weights_regularizer=None, biases_initializer=_DEFAULT, biases_regularizer=None, reuse=None,
                variables_collections=None, outputs_collections=None, trainable=True, scope=None):
    """Mirrors ``tf.contrib.layers.conv2d`` / ``convolution(inputs, num_outputs, kernel_size, stride=1, padding='SAME', ...)``.

    Variables ``Conv/weights`` and ``Conv/biases``; 1-, 2- or 3-D by the rank of ``inputs``.
    """
    df = _data_format(data_format, (None, "NWC", "NCW", "NHWC", "NCHW", "NDHWC", "NCDHW"))
    v1 = import_tf().compat.v1
    activation_fn, weights_initializer, biases_initializer = _defaults(
        activation_fn, weights_initializer, biases_initializer)
    with v1.variable_scope(scope, "Conv", [inputs], reuse=reuse,
                           custom_getter=_renaming_getter(_WEIGHTS_BIASES)) as sc:
        inputs = v1.convert_to_tensor(inputs)
        classes = {3: Conv1D, 4: Conv2D, 5: Conv3D}
        if inputs.shape.rank not in classes:
            raise InvalidArgumentError(f"Convolution not supported for input with rank {inputs.shape.rank}. "
                                       f"Received: inputs.shape={inputs.shape}")
        layer = classes[inputs.shape.rank](
            num_outputs, kernel_size, strides=stride, padding=padding, data_format=df, dilation_rate=rate,
            activation=None, use_bias=bool(not normalizer_fn and biases_initializer is not None),
            kernel_initializer=weights_initializer, bias_initializer=biases_initializer,
            kernel_regularizer=weights_regularizer, bias_regularizer=biases_regularizer, trainable=trainable,
            name=sc.name, dtype=inputs.dtype.base_dtype, _scope=sc, _reuse=reuse)
        outputs = layer.apply(inputs)
        return _finish(layer, outputs, sc, normalizer_fn, normalizer_params, activation_fn,
                       variables_collections, outputs_collections)


conv2d = convolution2d = convolution


@in_default_graph
def conv2d_transpose(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format="NHWC",
                     activation_fn=_DEFAULT, normalizer_fn=None, normalizer_params=None,
                     weights_initializer=_DEFAULT, weights_regularizer=None, biases_initializer=_DEFAULT,
                     biases_regularizer=None, reuse=None, variables_collections=None, outputs_collections=None,
                     trainable=True, scope=None):
    """Mirrors ``tf.contrib.layers.conv2d_transpose(inputs, num_outputs, kernel_size, stride=1, padding='SAME', ...)``."""
    df = _data_format(data_format, ("NHWC", "NCHW"))
    v1 = import_tf().compat.v1
    activation_fn, weights_initializer, biases_initializer = _defaults(
        activation_fn, weights_initializer, biases_initializer)
    with v1.variable_scope(scope, "Conv2d_transpose", [inputs], reuse=reuse,
                           custom_getter=_renaming_getter(_WEIGHTS_BIASES)) as sc:
        inputs = v1.convert_to_tensor(inputs)
        layer = Conv2DTranspose(
            num_outputs, kernel_size, strides=stride, padding=padding, data_format=df, activation=None,
            use_bias=bool(not normalizer_fn and biases_initializer is not None),
            kernel_initializer=weights_initializer, bias_initializer=biases_initializer,
            kernel_regularizer=weights_regularizer, bias_regularizer=biases_regularizer, trainable=trainable,
            name=sc.name, dtype=inputs.dtype.base_dtype, _scope=sc, _reuse=reuse)
        outputs = layer.apply(inputs)
        return _finish(layer, outputs, sc, normalizer_fn, normalizer_params, activation_fn,
                       variables_collections, outputs_collections)


convolution2d_transpose = conv2d_transpose


def _pool(cls, default_name, inputs, kernel_size, stride, padding, data_format, outputs_collections, scope):
    df = _data_format(data_format, ("NHWC", "NCHW"))
    v1 = import_tf().compat.v1
    with v1.name_scope(scope, default_name, [inputs]) as sc:
        inputs = v1.convert_to_tensor(inputs)
        layer = cls(kernel_size, stride, padding=padding, data_format=df, _scope=sc)
        return collect_named_outputs(outputs_collections, sc, layer.apply(inputs))


@in_default_graph
def max_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format="NHWC", outputs_collections=None,
               scope=None):
    """Mirrors ``tf.contrib.layers.max_pool2d(inputs, kernel_size, stride=2, padding='VALID', ...)``."""
    return _pool(MaxPooling2D, "MaxPool2D", inputs, kernel_size, stride, padding, data_format,
                 outputs_collections, scope)


@in_default_graph
def avg_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format="NHWC", outputs_collections=None,
               scope=None):
    """Mirrors ``tf.contrib.layers.avg_pool2d(inputs, kernel_size, stride=2, padding='VALID', ...)``."""
    return _pool(AveragePooling2D, "AvgPool2D", inputs, kernel_size, stride, padding, data_format,
                 outputs_collections, scope)


@in_default_graph
def flatten(inputs, outputs_collections=None, scope=None):
    """Mirrors ``tf.contrib.layers.flatten(inputs, outputs_collections=None, scope=None)``: ``[batch, k]``."""
    v1 = import_tf().compat.v1
    with v1.name_scope(scope, "Flatten", [inputs]) as sc:
        inputs = v1.convert_to_tensor(inputs)
        if inputs.shape.rank is not None and inputs.shape.rank < 2:
            raise InvalidArgumentError(f"Inputs must have a least 2 dimensions. Received: inputs.shape={inputs.shape}")
        return collect_named_outputs(outputs_collections, sc, Flatten().apply(inputs))


@in_default_graph
def dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True, outputs_collections=None, scope=None,
            seed=None):
    """Mirrors ``tf.contrib.layers.dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True, ...)``."""
    v1 = import_tf().compat.v1
    with v1.variable_scope(scope, "Dropout", [inputs]) as sc:
        inputs = v1.convert_to_tensor(inputs)
        layer = Dropout(rate=1 - keep_prob, noise_shape=noise_shape, seed=seed, name=sc.name, _scope=sc)
        return collect_named_outputs(outputs_collections, sc.name, layer.apply(inputs, training=is_training))


@in_default_graph
def batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001, activation_fn=None,
               param_initializers=None, param_regularizers=None, updates_collections=_DEFAULT, is_training=True,
               reuse=None, variables_collections=None, outputs_collections=None, trainable=True,
               batch_weights=None, fused=None, data_format="NHWC", zero_debias_moving_mean=False, scope=None,
               renorm=False, renorm_clipping=None, renorm_decay=0.99, adjustment=None):
    """Mirrors ``tf.contrib.layers.batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001, ...)``.

    Variables ``BatchNorm/beta``, ``BatchNorm/moving_mean``,
    ``BatchNorm/moving_variance`` (and ``gamma`` with ``scale=True``). The
    moving-average updates go to ``updates_collections`` (``UPDATE_OPS``); with
    ``updates_collections=None`` they run with the output instead.
    """
    v1 = import_tf().compat.v1
    for arg, value, default in (("batch_weights", batch_weights, None), ("renorm", renorm, False),
                                ("zero_debias_moving_mean", zero_debias_moving_mean, False),
                                ("adjustment", adjustment, None)):
        if value != default:
            raise InvalidArgumentError(
                f"tfcompat's tf.contrib.layers.batch_norm does not implement `{arg}`. Received: {arg}={value!r}")
    if updates_collections is _DEFAULT:
        updates_collections = v1.GraphKeys.UPDATE_OPS
    df = _data_format(data_format, ("NHWC", "NCHW"))
    inits = dict(param_initializers or {})
    regs = dict(param_regularizers or {})
    with v1.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse,
                           custom_getter=_renaming_getter({})) as sc:
        inputs = v1.convert_to_tensor(inputs)
        original = inputs
        rank = inputs.shape.rank
        # TF1 normalized rank-2 inputs with the fused kernel, as images of 1x1 pixels.
        as_image = rank == 2 and fused is not False and inputs.shape[-1] is not None
        if as_image:
            channels = int(inputs.shape[-1])
            inputs = v1.reshape(inputs, [-1, channels, 1, 1] if df == "channels_first" else [-1, 1, 1, channels])
        layer = BatchNormalization(
            axis=1 if df == "channels_first" else -1, momentum=decay, epsilon=epsilon, center=center,
            scale=scale, beta_initializer=inits.get("beta"), gamma_initializer=inits.get("gamma"),
            moving_mean_initializer=inits.get("moving_mean"),
            moving_variance_initializer=inits.get("moving_variance"), beta_regularizer=regs.get("beta"),
            gamma_regularizer=regs.get("gamma"), fused=fused, trainable=trainable, name=sc.name,
            _scope=sc, _reuse=reuse)
        collection = v1.get_collection_ref(v1.GraphKeys.UPDATE_OPS)
        before = list(collection)
        outputs = layer.apply(inputs, training=is_training)
        collection[:] = before  # the layer put its updates there; contrib decides where they go
        if as_image:
            outputs = v1.reshape(outputs, v1.shape(original))
            outputs.set_shape(original.shape)
        for name, var in (("beta", layer.beta), ("gamma", layer.gamma), ("moving_mean", layer.moving_mean),
                          ("moving_variance", layer.moving_variance)):
            if var is not None:
                _add_to_collections(var, variables_collections, name)
        if layer.updates:
            if updates_collections is None:
                with v1.control_dependencies(layer.updates):
                    outputs = v1.identity(outputs)
            else:
                for update in layer.updates:
                    v1.add_to_collections(updates_collections, update)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


@in_default_graph
def one_hot_encoding(labels, num_classes, on_value=1.0, off_value=0.0, outputs_collections=None, scope=None):
    """Mirrors ``tf.contrib.layers.one_hot_encoding(labels, num_classes, on_value=1.0, off_value=0.0, ...)``."""
    v1 = import_tf().compat.v1
    with v1.name_scope(scope, "OneHotEncoding", [labels, num_classes]) as sc:
        labels = v1.convert_to_tensor(labels)
        if labels.dtype == v1.int32:
            labels = v1.cast(labels, v1.int64)
        outputs = v1.one_hot(labels, num_classes, on_value=on_value, off_value=off_value)
        return collect_named_outputs(outputs_collections, sc, outputs)


def _repeat_prefix(scope, layer):
    if scope is not None:
        return scope
    name = getattr(layer, "__name__", None) or getattr(getattr(layer, "func", None), "__name__", None)
    return name or "repeat"


@in_default_graph
def repeat(inputs, repetitions, layer, *args, **kwargs):
    """Mirrors ``tf.contrib.layers.repeat(inputs, repetitions, layer, *args, scope=None, **kwargs)``.

    Layer ``i`` gets the scope ``<scope or layer name>_<i>`` inside a ``Repeat`` (or ``scope``) variable scope.
    """
    v1 = import_tf().compat.v1
    scope = kwargs.pop("scope", None)
    with v1.variable_scope(scope, "Repeat", [inputs]):
        prefix = _repeat_prefix(scope, layer)
        outputs = v1.convert_to_tensor(inputs)
        for i in range(repetitions):
            kwargs["scope"] = f"{prefix}_{i + 1}"
            outputs = layer(outputs, *args, **kwargs)
        return outputs


@in_default_graph
def stack(inputs, layer, stack_args, **kwargs):
    """Mirrors ``tf.contrib.layers.stack(inputs, layer, stack_args, scope=None, **kwargs)``."""
    v1 = import_tf().compat.v1
    scope = kwargs.pop("scope", None)
    if not isinstance(stack_args, (list, tuple)):
        raise InvalidArgumentError(f"stack_args need to be a list or tuple. Received: stack_args={stack_args!r}")
    with v1.variable_scope(scope, "Stack", [inputs]):
        prefix = _repeat_prefix(scope, layer)
        outputs = v1.convert_to_tensor(inputs)
        for i, args in enumerate(stack_args):
            kwargs["scope"] = f"{prefix}_{i + 1}"
            args = args if isinstance(args, (list, tuple)) else [args]
            outputs = layer(outputs, *args, **kwargs)
        return outputs
