"""Mirrors TF 1.x's ``tf.nn.rnn_cell`` wrappers: ``DropoutWrapper``, ``ResidualWrapper``, ``DeviceWrapper``.

A wrapper calls its cell directly, as TF1's did: no variable scope of its own,
the cell's variables (``rnn/basic_lstm_cell/kernel`` with or without dropout).
"""

import numbers

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.v1._rnn_cell import LSTMStateTuple, RNNCell, check_cell, map_structure
from tfcompat.v1.layers._base import in_default_graph

__all__ = ["DropoutWrapper", "ResidualWrapper", "DeviceWrapper", "Wrapper"]


class Wrapper(RNNCell):
    """A cell around ``cell`` that calls it directly: no scope of its own, ``cell``'s variables."""

    def __init__(self, cell, **kwargs):
        super().__init__(**kwargs)
        self.cell = check_cell(cell)

    @property
    def wrapped_cell(self):
        return self.cell

    @property
    def state_size(self):
        return self.cell.state_size

    @property
    def output_size(self):
        return self.cell.output_size

    @in_default_graph
    def zero_state(self, batch_size, dtype):
        with import_tf().compat.v1.name_scope(type(self).__name__ + "ZeroState"):
            return self.cell.zero_state(batch_size, dtype)

    @property
    def trainable_weights(self):
        return list(getattr(self.cell, "trainable_weights", []))

    @property
    def non_trainable_weights(self):
        return list(getattr(self.cell, "non_trainable_weights", []))

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    @in_default_graph
    def __call__(self, inputs, state, scope=None):
        return self._wrap(inputs, state, scope)


def _keep_prob(value, name):
    """A float in [0, 1] (a constant), or a tensor (a placeholder) read at run time."""
    if isinstance(value, bool):
        raise InvalidArgumentError(f"`{name}` must be a float between 0 and 1 or a tensor. Received: {name}={value!r}")
    if isinstance(value, numbers.Real):
        if not 0 <= value <= 1:
            raise InvalidArgumentError(f"Parameter {name} must be between 0 and 1. Received: {name}={value!r}")
        return float(value)
    if not hasattr(value, "dtype"):
        raise InvalidArgumentError(f"`{name}` must be a float between 0 and 1 or a tensor. Received: {name}={value!r}")
    return value


def _default_state_filter(substate):
    if isinstance(substate, LSTMStateTuple):
        return LSTMStateTuple(c=False, h=True)  # TF1 never dropped out an LSTM's memory c
    return True


class DropoutWrapper(Wrapper):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.DropoutWrapper(cell, input_keep_prob=1.0, output_keep_prob=1.0, ...)``.

    Also ``state_keep_prob=1.0, variational_recurrent=False, input_size=None,
    dtype=None, seed=None, dropout_state_filter_visitor=None``.
    Dropout on the cell's inputs, outputs and state (an LSTM's ``h``, not its
    ``c``); a keep probability may be a placeholder. A constant 1.0 adds no op.
    ``variational_recurrent=True`` is refused (no per-sequence masks here).
    """

    def __init__(self, cell, input_keep_prob=1.0, output_keep_prob=1.0, state_keep_prob=1.0,
                 variational_recurrent: bool = False, input_size=None, dtype=None, seed=None,
                 dropout_state_filter_visitor=None, **kwargs) -> None:
        super().__init__(cell, **kwargs)
        if variational_recurrent:
            raise InvalidArgumentError("DropoutWrapper(variational_recurrent=True) is not supported by tfcompat. "
                                       f"Received: variational_recurrent={variational_recurrent!r}")
        if dropout_state_filter_visitor is not None and not callable(dropout_state_filter_visitor):
            raise InvalidArgumentError("dropout_state_filter_visitor must be callable. Received: "
                                       f"dropout_state_filter_visitor={dropout_state_filter_visitor!r}")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, numbers.Integral)):
            raise InvalidArgumentError(f"`seed` must be an int or None. Received: seed={seed!r}")
        self._input_keep_prob = _keep_prob(input_keep_prob, "input_keep_prob")
        self._output_keep_prob = _keep_prob(output_keep_prob, "output_keep_prob")
        self._state_keep_prob = _keep_prob(state_keep_prob, "state_keep_prob")
        self._seed = seed
        self._state_filter = dropout_state_filter_visitor or _default_state_filter

    def _dropout(self, value, keep_prob, salt):
        tf = import_tf()
        seed = None if self._seed is None else (self._seed + salt) % (2 ** 31 - 1)
        return tf.nn.dropout(value, rate=1.0 - keep_prob, seed=seed)

    def _drop_state(self, state, keep_prob):
        """Dropout on the parts of ``state`` the filter picks: True (this part, all of it), False, or one
        flag per child (``LSTMStateTuple(c=False, h=True)``), as TF1's ``get_traverse_shallow_structure``."""
        salts = iter(range(3, 1 << 30))

        def rebuild(sub, items):
            return type(sub)(*items) if hasattr(sub, "_fields") else type(sub)(items)

        def visit(sub):
            chosen = self._state_filter(sub)
            if chosen is False:
                return sub
            if chosen is True:
                if isinstance(sub, (tuple, list)):
                    return rebuild(sub, [visit(s) for s in sub])
                return self._dropout(sub, keep_prob, next(salts))
            return rebuild(sub, [visit(s) if keep else s for keep, s in zip(chosen, sub)])

        return visit(state)

    def _wrap(self, inputs, state, scope):
        def should(p):
            return not isinstance(p, float) or p < 1

        if should(self._input_keep_prob):
            inputs = self._dropout(inputs, self._input_keep_prob, 1)
        output, new_state = self.cell(inputs, state, scope=scope)
        if should(self._state_keep_prob):
            new_state = self._drop_state(new_state, self._state_keep_prob)
        if should(self._output_keep_prob):
            output = self._dropout(output, self._output_keep_prob, 2)
        return output, new_state


class ResidualWrapper(Wrapper):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.ResidualWrapper(cell, residual_fn=None)``: ``residual_fn(inputs, output)``.

    The default ``residual_fn`` adds the inputs to the cell's output.
    """

    def __init__(self, cell, residual_fn=None, **kwargs) -> None:
        super().__init__(cell, **kwargs)
        if residual_fn is not None and not callable(residual_fn):
            raise InvalidArgumentError(f"`residual_fn` must be callable. Received: residual_fn={residual_fn!r}")
        self._residual_fn = residual_fn

    def _wrap(self, inputs, state, scope):
        output, new_state = self.cell(inputs, state, scope=scope)
        if self._residual_fn is not None:
            return self._residual_fn(inputs, output), new_state

        def add(x, y):
            x.shape.assert_is_compatible_with(y.shape)
            return x + y

        return map_structure(add, inputs, output), new_state


class DeviceWrapper(Wrapper):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.DeviceWrapper(cell, device)``: the cell's ops placed on ``device``."""

    def __init__(self, cell, device: str, **kwargs) -> None:
        super().__init__(cell, **kwargs)
        self._device = device

    def _wrap(self, inputs, state, scope):
        with import_tf().compat.v1.device(self._device):
            return self.cell(inputs, state, scope=scope)
