"""Keras 2 ``K.switch``/``K.rnn``/``K.map_fn``/``K.foldl``/``K.foldr``/``K.print_tensor``: control flow.

Part of :mod:`tfcompat.keras.backend`. ``rnn`` is Keras 2.2's loop (time axis
1, ``step_function(input_t, states) -> (output_t, new_states)``, masks that
keep the previous output and states, ``unroll``, ``go_backwards``,
``input_length``). Each op runs eagerly, in a TF1 graph or on Keras 3 symbolic
tensors.
"""

import sys

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.keras._backend_graph import builds
from tfcompat.keras._backend_math import tensor

__all__ = ["switch", "rnn", "map_fn", "foldl", "foldr", "print_tensor"]


def _value(expression):
    return tensor(expression() if callable(expression) else expression)


@builds
def switch(condition, then_expression, else_expression):
    """Mirrors Keras 2 ``K.switch(condition, then_expression, else_expression)``.

    A scalar ``condition`` picks one expression (callables are called only in
    their branch, as ``tf.cond``); a tensor ``condition`` picks element-wise, its
    shape padded on the right to the expressions' rank.

    Raises:
        InvalidArgumentError: ``condition`` has a higher rank than the expressions.
    """
    tf = import_tf()
    condition = tensor(condition)
    if condition.dtype != tf.bool:
        condition = tf.cast(condition, tf.bool)
    cond_ndim = condition.shape.rank
    if not cond_ndim:
        return tf.cond(condition, lambda: _value(then_expression), lambda: _value(else_expression))
    then_value, else_value = _value(then_expression), _value(else_expression)
    expr_ndim = then_value.shape.rank
    if cond_ndim > expr_ndim:
        raise InvalidArgumentError(
            "`condition` must not have a higher rank than `then_expression`/`else_expression`. Received: "
            f"ndim(condition)={cond_ndim}, ndim(then_expression)={expr_ndim}"
        )
    if cond_ndim < expr_ndim:
        condition = tf.reshape(condition, tf.concat([tf.shape(condition), [1] * (expr_ndim - cond_ndim)], 0))
        condition = tf.broadcast_to(condition, tf.shape(then_value))
    return tf.where(condition, then_value, else_value)


def _time_major(x, perm):
    return import_tf().transpose(x, perm)


def _keep(mask_t, new, old):
    # mask_t (batch, 1): new where the step counts, old elsewhere
    tf = import_tf()
    rank = new.shape.rank
    if rank is not None and rank > 2:
        mask_t = tf.reshape(mask_t, tf.concat([tf.shape(mask_t), [1] * (rank - 2)], 0))
    return tf.where(tf.broadcast_to(mask_t, tf.shape(new)), new, old)


@builds
def rnn(step_function, inputs, initial_states, go_backwards=False, mask=None, constants=None, unroll=False,
        input_length=None):
    """Mirrors Keras 2.2 ``K.rnn(step_function, inputs, initial_states, go_backwards=False, mask=None, ...)``.

    Args:
        step_function: ``(input_t, states + constants) -> (output_t, new_states)``.
        inputs: ``(samples, time, ...)``, at least 3-D.
        initial_states: list of ``(samples, ...)`` tensors.
        go_backwards: iterate from the last step to the first.
        mask: ``(samples, time)`` (or with a trailing 1), 0 where a step is skipped.
        constants: list passed to every step after the states.
        unroll: a Python loop instead of a ``while_loop`` (needs a known time length).
        input_length: the number of steps, when known.

    Returns:
        ``(last_output, outputs (samples, time, ...), new_states)``.

    Raises:
        InvalidArgumentError: ``inputs`` below 3-D; ``unroll`` with an unknown
            time length.
    """
    tf = import_tf()
    inputs = tensor(inputs)
    ndim = inputs.shape.rank
    if ndim is None or ndim < 3:
        raise InvalidArgumentError(f"`inputs` must be at least 3-D (samples, time, ...). Received: shape {inputs.shape}")
    perm = [1, 0] + list(range(2, ndim))
    inputs = _time_major(inputs, perm)
    if mask is not None:
        mask = tensor(mask)
        if mask.dtype != tf.bool:
            mask = tf.cast(mask, tf.bool)
        if mask.shape.rank == 3:
            mask = mask[:, :, 0]
        mask = tf.expand_dims(tf.transpose(mask, [1, 0]), -1)  # (time, samples, 1)
    constants = list(constants or [])
    states = list(initial_states)
    if unroll:
        last_output, outputs, states = _unrolled(step_function, inputs, states, constants, mask, go_backwards, tf)
    else:
        last_output, outputs, states = _looped(step_function, inputs, states, constants, mask, go_backwards,
                                               input_length, tf)
    out_perm = [1, 0] + list(range(2, outputs.shape.rank))
    return last_output, tf.transpose(outputs, out_perm), states


def _unrolled(step_function, inputs, states, constants, mask, go_backwards, tf):
    if inputs.shape[0] is None:
        shape = [inputs.shape[1], inputs.shape[0], *inputs.shape[2:]]  # (samples, time, ...) as the caller gave it
        raise InvalidArgumentError("`unroll=True` needs a known number of time steps (inputs.shape[1]). "
                                   f"Received: unroll=True, inputs.shape={tuple(shape)}")
    steps = tf.unstack(inputs)
    masks = tf.unstack(mask) if mask is not None else [None] * len(steps)
    if go_backwards:
        steps.reverse()
        masks.reverse()
    outputs = []
    for step, mask_t in zip(steps, masks):
        output, new_states = step_function(step, states + constants)
        new_states = list(new_states)
        if mask_t is not None:
            previous = outputs[-1] if outputs else tf.zeros_like(output)
            output = _keep(mask_t, output, previous)
            new_states = [_keep(mask_t, new, old) for new, old in zip(new_states, states)]
        outputs.append(output)
        states = new_states
    return outputs[-1], tf.stack(outputs), states


def _looped(step_function, inputs, states, constants, mask, go_backwards, input_length, tf):
    if go_backwards:
        inputs = tf.reverse(inputs, [0])
        if mask is not None:
            mask = tf.reverse(mask, [0])
    time_steps = tf.shape(inputs)[0]
    first_output, _ = step_function(inputs[0], states + constants)
    input_ta = tf.TensorArray(inputs.dtype, size=time_steps).unstack(inputs)
    output_ta = tf.TensorArray(first_output.dtype, size=time_steps, element_shape=first_output.shape)
    mask_ta = tf.TensorArray(tf.bool, size=time_steps).unstack(mask) if mask is not None else None
    # A masked step repeats the previous output: Keras 2.2 took it from states[0]
    # (the output at t-1 for its RNN cells); when states[0] is shaped otherwise the
    # output is tracked on its own, starting from zeros.
    if states and states[0].shape.is_compatible_with(first_output.shape):
        previous = states[0]
    else:
        previous = tf.zeros_like(first_output)

    def body(time, output_ta_t, previous_output, *step_states):
        step_states = list(step_states)
        output, new_states = step_function(input_ta.read(time), step_states + constants)
        new_states = list(new_states)
        for state, new in zip(step_states, new_states):
            new.set_shape(state.shape)
        if mask_ta is not None:
            mask_t = mask_ta.read(time)
            output = _keep(mask_t, output, previous_output)
            new_states = [_keep(mask_t, new, old) for new, old in zip(new_states, step_states)]
        return (time + 1, output_ta_t.write(time, output), output) + tuple(new_states)

    final = tf.while_loop(lambda time, *_: time < time_steps, body,
                          (tf.constant(0, "int32"), output_ta, previous) + tuple(states),
                          maximum_iterations=input_length)
    outputs = final[1].stack()  # before any read: eager TensorArrays clear what is read
    outputs.set_shape(inputs.shape[:1].concatenate(first_output.shape))
    return outputs[final[0] - 1], outputs, list(final[3:])


@builds
def map_fn(fn, elems, name=None, dtype=None):
    """Mirrors Keras 2 ``K.map_fn(fn, elems, name=None, dtype=None)``: ``fn`` over the first axis."""
    tf = import_tf()
    return tf.map_fn(fn, elems, name=name, fn_output_signature=dtype)


@builds
def foldl(fn, elems, initializer=None, name=None):
    """Mirrors Keras 2 ``K.foldl(fn, elems, initializer=None, name=None)``: reduce left to right."""
    return import_tf().foldl(fn, elems, initializer=initializer, name=name)


@builds
def foldr(fn, elems, initializer=None, name=None):
    """Mirrors Keras 2 ``K.foldr(fn, elems, initializer=None, name=None)``: reduce right to left."""
    return import_tf().foldr(fn, elems, initializer=initializer, name=name)


@builds
def print_tensor(x, message=""):
    """Mirrors Keras 2 ``K.print_tensor(x, message='')``: ``x``, printing ``message`` and its value when computed.

    Eagerly it prints now; in a graph, each time the result is run.
    """
    tf = import_tf()
    x = tensor(x)
    printed = tf.print(message, x, output_stream=sys.stderr)
    with tf.control_dependencies([printed] if printed is not None else []):
        return tf.identity(x)
