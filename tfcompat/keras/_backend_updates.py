"""Keras 2 ``K.update``/``K.update_add``/``K.update_sub``/``K.moving_average_update``: assigning variables.

Part of :mod:`tfcompat.keras.backend`. A variable of a TF1 graph gets TF1's
assign op (run it to assign, or pass it to ``K.function(updates=...)``). A
Keras 3 / eager variable given an eager value is assigned now and returned; given
a value of a TF1 graph it gets an op of that graph which assigns it each time
it runs, as Keras 2's ``tf.assign`` did. ``moving_average_update`` is Keras 2's
zero-debiased moving average (TF 1.x ``assign_moving_average(zero_debias=True)``).
"""

import functools

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras, import_tf, internal
from tfcompat.v1._lift import graph_of, is_eager_variable, is_keras_tensor_like, lift

__all__ = ["update", "update_add", "update_sub", "moving_average_update"]

_debias = {}  # id(variable) -> [variable, biased value, step count] (eager moving averages)


def _eager_assign(kind, variable, value):
    if kind == "assign":
        variable.assign(value)
    elif kind == "add":
        variable.assign_add(value)
    else:
        variable.assign_sub(value)
    return import_tf().convert_to_tensor(variable)


def _apply(kind, variable, value, tf1_name):
    tf = import_tf()
    graph = graph_of(variable)
    if graph is not None:
        with graph.as_default():
            return getattr(tf.compat.v1, tf1_name)(variable, lift(value, graph))
    if not is_eager_variable(variable):
        raise InvalidArgumentError(f"`x` must be a variable. Received: x={variable!r:.200}")
    if is_keras_tensor_like(value):
        raise InvalidArgumentError(
            "A Keras 3 symbolic tensor cannot be assigned to a variable (Keras 3 has no graph updates); "
            f"compute the value with a model and assign it with K.set_value. Received: {value!r}"
        )
    value_graph = graph_of(value)
    if value_graph is None:
        _eager_assign(kind, variable, value)
        return variable
    dtype = tf.as_dtype(import_keras().backend.standardize_dtype(variable.dtype))
    with value_graph.as_default():
        op = tf.py_function(functools.partial(_eager_assign, kind, variable), [value], dtype, name=f"{tf1_name}_eager")
        op.set_shape(tuple(variable.shape))
    return op


def update(x, new_x):
    """Mirrors Keras 2 ``K.update(x, new_x)``: ``x = new_x``."""
    return _apply("assign", x, new_x, "assign")


def update_add(x, increment):
    """Mirrors Keras 2 ``K.update_add(x, increment)``: ``x += increment``."""
    return _apply("add", x, increment, "assign_add")


def update_sub(x, decrement):
    """Mirrors Keras 2 ``K.update_sub(x, decrement)``: ``x -= decrement``."""
    return _apply("sub", x, decrement, "assign_sub")


def _eager_moving_average(variable, value, momentum):
    tf = import_tf()
    value = tf.cast(value, tf.as_dtype(import_keras().backend.standardize_dtype(variable.dtype)))
    state = _debias.get(id(variable))
    if state is None or state[0] is not variable:
        state = _debias[id(variable)] = [variable, tf.zeros_like(value), 0]
    state[1] = state[1] * momentum + value * (1 - momentum)
    state[2] += 1
    variable.assign(state[1] / (1 - momentum ** state[2]))
    return tf.convert_to_tensor(variable)


def moving_average_update(x, value, momentum):
    """Mirrors Keras 2.2 ``K.moving_average_update(x, value, momentum)`` (zero-debiased).

    After ``t`` updates ``x`` is ``biased / (1 - momentum ** t)`` where
    ``biased`` is the moving average started at 0: the first update sets ``x``
    to ``value``.
    """
    tf = import_tf()
    try:
        momentum = float(momentum)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"`momentum` must be a number. Received: momentum={momentum!r}") from None
    graph = graph_of(x)
    if graph is not None:
        with graph.as_default():
            averages = internal("tensorflow.python.training.moving_averages")
            return averages.assign_moving_average(x, lift(value, graph), momentum, zero_debias=True)
    if not is_eager_variable(x):
        raise InvalidArgumentError(f"`x` must be a variable. Received: x={x!r:.200}")
    value_graph = graph_of(value)
    if value_graph is None:
        _eager_moving_average(x, value, momentum)
        return x
    dtype = tf.as_dtype(import_keras().backend.standardize_dtype(x.dtype))
    with value_graph.as_default():
        op = tf.py_function(lambda v: _eager_moving_average(x, v, momentum), [value], dtype,
                            name="moving_average_eager")
        op.set_shape(tuple(x.shape))
    return op
