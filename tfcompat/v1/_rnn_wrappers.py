"""Mirrors TF 1.x's ``tf.nn.rnn_cell`` wrappers: ``DropoutWrapper``, ``ResidualWrapper``, ``DeviceWrapper``.

A wrapper calls its cell directly, as TF1's did: no variable scope of its own,
the cell's variables (``rnn/basic_lstm_cell/kernel`` with or without dropout).
:class:`Wrapper` is also the base of ``tf.contrib.rnn``'s projection and
embedding wrappers, which do have a scope (and variables) of their own.
"""

import numbers

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.v1._rnn_cell import LSTMStateTuple, RNNCell
from tfcompat.v1._rnn_common import check_cell, map_structure
from tfcompat.v1.layers._base import in_default_graph

__all__ = ["DropoutWrapper", "ResidualWrapper", "DeviceWrapper", "Wrapper", "ScopelessWrapper"]


class Wrapper(RNNCell):
    """A cell around ``cell`` (TF1's ``RNNCell`` subclasses holding one): its sizes, zero state and weights.

    As a plain ``RNNCell`` it has a scope of its own, which ``cell``'s
    variables sit in (contrib's wrappers); see :class:`ScopelessWrapper`.
    """

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

    def _zeros(self, batch_size, dtype):
        return self.cell.zero_state(batch_size, dtype)

    @property
    def trainable_weights(self):
        own = list(self._trainable_weights) if self.trainable else []
        return own + list(getattr(self.cell, "trainable_weights", []))

    @property
    def non_trainable_weights(self):
        return list(self._non_trainable_weights) + list(getattr(self.cell, "non_trainable_weights", []))

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights


class ScopelessWrapper(Wrapper):
    """A wrapper calling ``cell`` in the caller's scope (TF1's core wrappers): subclasses give ``_wrap``."""

    @in_default_graph
    def __call__(self, inputs, state, scope=None):
        return self._wrap(inputs, state, scope)

    def _wrap(self, inputs, state, scope):
        raise NotImplementedError(f"{type(self).__name__}._wrap")


def _keep_prob(value, name):
    """A keep probability in (0, 1] (a constant; None when 1, so no op is added), or a tensor read at run time."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        if not 0 < value <= 1:
            raise InvalidArgumentError(f"`{name}` is a keep probability: it must be above 0 and at most 1. "
                                       f"Received: {name}={value!r}")
        return None if value == 1 else float(value)
    if isinstance(value, bool) or not hasattr(value, "dtype"):
        raise InvalidArgumentError(f"`{name}` must be a number in (0, 1] or a tensor. Received: {name}={value!r}")
    return value


def _default_state_filter(substate):
    if isinstance(substate, LSTMStateTuple):
        return LSTMStateTuple(c=False, h=True)  # TF1 never dropped out an LSTM's memory c
    return True


class DropoutWrapper(ScopelessWrapper):
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
            raise InvalidArgumentError("`dropout_state_filter_visitor` must be callable. Received: "
                                       f"dropout_state_filter_visitor={dropout_state_filter_visitor!r}")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, numbers.Integral)):
            raise InvalidArgumentError(f"`seed` must be an int or None. Received: seed={seed!r}")
        # None: no dropout there (a constant 1.0).
        self._input_keep = _keep_prob(input_keep_prob, "input_keep_prob")
        self._output_keep = _keep_prob(output_keep_prob, "output_keep_prob")
        self._state_keep = _keep_prob(state_keep_prob, "state_keep_prob")
        self._seed = seed
        self._state_filter = dropout_state_filter_visitor or _default_state_filter

    def _dropout(self, value, keep_prob, salt):
        tf = import_tf()
        seed = None if self._seed is None else (self._seed + salt) % (2 ** 31 - 1)
        return tf.nn.dropout(value, rate=1.0 - keep_prob, seed=seed)

    def _choose(self, substate):
        """The filter's answer for ``substate``: True, False, or one such answer per child of it."""
        chosen = self._state_filter(substate)
        if isinstance(chosen, bool):
            return chosen
        if isinstance(chosen, (tuple, list)) and isinstance(substate, (tuple, list)) and len(chosen) == len(substate):
            return chosen
        raise InvalidArgumentError(
            "`dropout_state_filter_visitor` must return True, False, or one such value per part of the state it "
            f"is given. Received: dropout_state_filter_visitor({substate!r}) returned {chosen!r}")

    def _drop_state(self, state):
        """Dropout on the parts of ``state`` the filter picks (TF1's shallow structure of bools)."""
        salts = iter(range(3, 1 << 30))

        def rebuild(sub, items):
            return type(sub)(*items) if hasattr(sub, "_fields") else type(sub)(items)

        def pick(sub, chosen):
            if chosen is False:
                return sub
            if chosen is not True:
                # One flag per child: True there means "ask the filter about that child".
                return rebuild(sub, [pick(s, self._choose(s)) if flag else s for flag, s in zip(chosen, sub)])
            if isinstance(sub, (tuple, list)):
                return rebuild(sub, [pick(s, self._choose(s)) for s in sub])
            return self._dropout(sub, self._state_keep, next(salts))

        return pick(state, self._choose(state))

    def _wrap(self, inputs, state, scope):
        if self._input_keep is not None:
            inputs = self._dropout(inputs, self._input_keep, 1)
        output, new_state = self.cell(inputs, state, scope=scope)
        if self._state_keep is not None:
            new_state = self._drop_state(new_state)
        if self._output_keep is not None:
            output = self._dropout(output, self._output_keep, 2)
        return output, new_state


class ResidualWrapper(ScopelessWrapper):
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


class DeviceWrapper(ScopelessWrapper):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.DeviceWrapper(cell, device)``: the cell's ops (and zero state) on ``device``."""

    def __init__(self, cell, device: str, **kwargs) -> None:
        super().__init__(cell, **kwargs)
        self._device = device

    def _zeros(self, batch_size, dtype):
        with import_tf().compat.v1.device(self._device):
            return super()._zeros(batch_size, dtype)

    def _wrap(self, inputs, state, scope):
        with import_tf().compat.v1.device(self._device):
            return self.cell(inputs, state, scope=scope)
