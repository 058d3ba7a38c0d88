"""Mirrors TF 1.x's ``tf.nn.rnn_cell``: RNN cells building TF1 ops and variables, for ``tf.nn.dynamic_rnn`` & co.

TF 2.21's ``tf.compat.v1.nn.rnn_cell`` needs Keras 2 and raises under Keras 3.
These cells are TF1's contract rebuilt on ``tf.compat.v1`` ops. As in TF 1.5+,
a cell is a ``tf.layers.Layer`` (:class:`tfcompat.v1.layers.Layer`): its
variable scope is captured at the first call (``basic_lstm_cell``,
``lstm_cell``, ``gru_cell``, ``basic_rnn_cell``, ``multi_rnn_cell``, made
unique with ``_1`` unless ``reuse=True``), its variables are created there
with ``get_variable`` (``kernel``, ``bias``; ``gates/*`` and ``candidate/*``
for the GRU), and later calls reuse them, so ``static_rnn`` over many steps
and ``dynamic_rnn``'s loop share one set. Wrappers (``DropoutWrapper``,
``ResidualWrapper``, ``DeviceWrapper``) add no scope of their own.

Kernels use ``get_variable``'s default initializer (the variable scope's, else
Glorot uniform); LSTM and RNN biases start at zero, the GRU's gate bias at one.
"""

import collections
import importlib
import numbers

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.v1.layers._base import InputSpec, Layer, in_default_graph

__all__ = ["RNNCell", "LayerRNNCell", "BasicRNNCell", "BasicLSTMCell", "LSTMCell", "GRUCell", "MultiRNNCell",
           "LSTMStateTuple", "check_cell", "map_structure"]
# TF1's tf.nn.rnn_cell: these classes and the wrappers of tfcompat.v1._rnn_wrappers.
NAMES = tuple(__all__[:-2]) + ("DropoutWrapper", "ResidualWrapper", "DeviceWrapper")


class LSTMStateTuple(collections.namedtuple("LSTMStateTuple", ("c", "h"))):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.LSTMStateTuple(c, h)``: an LSTM's cell state ``c`` and output ``h``."""

    __slots__ = ()

    @property
    def dtype(self):
        c, h = self
        if c.dtype != h.dtype:
            raise TypeError(f"Inconsistent internal state: {c.dtype} vs {h.dtype}")
        return c.dtype


def _positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value <= 0:
        raise InvalidArgumentError(f"`{name}` must be a positive int. Received: {name}={value!r}")
    return int(value)


def _optional_number(value, name):
    if value is not None and (isinstance(value, bool) or not isinstance(value, numbers.Real)):
        raise InvalidArgumentError(f"`{name}` must be a number or None. Received: {name}={value!r}")
    return value


def _activation(activation):
    """``None`` (tanh), a callable, or a name of ``tf.nn`` / ``tf.math`` (TF 1.13+ took names too)."""
    if activation is None or callable(activation):
        return activation
    if isinstance(activation, str):
        tf = import_tf()
        fn = getattr(tf.nn, activation, None) or getattr(tf.math, activation, None)
        if fn is not None:
            return fn
    raise InvalidArgumentError(f"`activation` must be a callable or the name of a tf.nn function. "
                               f"Received: activation={activation!r}")


def _input_depth(inputs_shape, cell):
    depth = inputs_shape[-1] if inputs_shape.rank else None
    if depth is None:
        raise ValueError(f"Expected inputs.shape[-1] to be known, saw shape: {inputs_shape} ({cell})")
    return int(depth)


def map_structure(fn, *structures):
    return import_tf().nest.map_structure(fn, *structures)


class RNNCell(Layer):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.RNNCell(trainable=True, name=None, dtype=None)``: the abstract cell.

    Subclasses give ``state_size``, ``output_size`` and ``call(inputs, state)``
    returning ``(output, new_state)``; ``cell(inputs, state, scope=None)``
    builds the variables on the first call and reuses them after.
    """

    def __init__(self, trainable: bool = True, name=None, dtype=None, **kwargs) -> None:
        super().__init__(trainable=trainable, name=name, dtype=dtype, **kwargs)

    @property
    def state_size(self):
        """An int, a TensorShape, or a (nested) tuple of them: the state's size per example."""
        raise NotImplementedError(f"{type(self).__name__}.state_size")

    @property
    def output_size(self):
        """An int or TensorShape: the output's size per example."""
        raise NotImplementedError(f"{type(self).__name__}.output_size")

    def __call__(self, inputs, state, scope=None):
        """Mirrors ``RNNCell.__call__(inputs, state, scope=None)``: one step, ``(output, new_state)``."""
        return super().__call__(inputs, state, scope=scope)

    @in_default_graph
    def zero_state(self, batch_size, dtype):
        """Mirrors ``RNNCell.zero_state(batch_size, dtype)``: zeros shaped like ``state_size`` per example."""
        tf = import_tf()
        v1 = tf.compat.v1
        with v1.name_scope(type(self).__name__ + "ZeroState"):
            def zeros(size):
                shape = [batch_size] + v1.TensorShape(size).as_list()
                return v1.zeros(shape, dtype=dtype)

            return map_structure(zeros, self.state_size)

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        """Mirrors ``RNNCell.get_initial_state(inputs=None, batch_size=None, dtype=None)``: the zero state."""
        if inputs is not None:
            v1 = import_tf().compat.v1
            with inputs.graph.as_default():
                batch_size = inputs.shape[0] if inputs.shape[0] is not None else v1.shape(inputs)[0]
            dtype = inputs.dtype
        return self.zero_state(batch_size, dtype)


LayerRNNCell = RNNCell  # TF1's LayerRNNCell only moved build() into Layer.__call__, which RNNCell already does


class BasicRNNCell(RNNCell):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.BasicRNNCell(num_units, activation=None, reuse=None, name=None, dtype=None)``.

    ``output = new_state = activation([inputs, state] @ kernel + bias)``; variables ``kernel``, ``bias``.
    """

    def __init__(self, num_units: int, activation=None, reuse=None, name=None, dtype=None, **kwargs) -> None:
        super().__init__(name=name, dtype=dtype, _reuse=reuse, **kwargs)
        self._num_units = _positive_int(num_units, "num_units")
        self._activation = _activation(activation) or import_tf().math.tanh
        self.input_spec = InputSpec(ndim=2)

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape, self)
        v1 = import_tf().compat.v1
        self._kernel = self.add_variable("kernel", shape=[depth + self._num_units, self._num_units])
        self._bias = self.add_variable("bias", shape=[self._num_units], initializer=v1.zeros_initializer())
        self.built = True

    def call(self, inputs, state):
        v1 = import_tf().compat.v1
        gate_inputs = v1.nn.bias_add(v1.matmul(v1.concat([inputs, state], 1), self._kernel), self._bias)
        output = self._activation(gate_inputs)
        return output, output


class GRUCell(RNNCell):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.GRUCell(num_units, activation=None, reuse=None, ...)``.

    Also ``kernel_initializer=None, bias_initializer=None, name=None, dtype=None``.
    ``r, u = sigmoid([x, h] @ gates/kernel + gates/bias)`` (gate bias 1.0 unless
    ``bias_initializer``), ``c = activation([x, r*h] @ candidate/kernel + candidate/bias)``,
    ``new_h = u*h + (1-u)*c``.
    """

    def __init__(self, num_units: int, activation=None, reuse=None, kernel_initializer=None,
                 bias_initializer=None, name=None, dtype=None, **kwargs) -> None:
        super().__init__(name=name, dtype=dtype, _reuse=reuse, **kwargs)
        self._num_units = _positive_int(num_units, "num_units")
        self._activation = _activation(activation) or import_tf().math.tanh
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer
        self.input_spec = InputSpec(ndim=2)

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape, self)
        v1 = import_tf().compat.v1
        n = self._num_units
        self._gate_kernel = self.add_variable("gates/kernel", shape=[depth + n, 2 * n],
                                              initializer=self._kernel_initializer)
        self._gate_bias = self.add_variable("gates/bias", shape=[2 * n],
                                            initializer=self._bias_initializer or v1.constant_initializer(1.0))
        self._candidate_kernel = self.add_variable("candidate/kernel", shape=[depth + n, n],
                                                   initializer=self._kernel_initializer)
        self._candidate_bias = self.add_variable("candidate/bias", shape=[n],
                                                 initializer=self._bias_initializer or v1.zeros_initializer())
        self.built = True

    def call(self, inputs, state):
        v1 = import_tf().compat.v1
        gates = v1.sigmoid(v1.nn.bias_add(v1.matmul(v1.concat([inputs, state], 1), self._gate_kernel),
                                          self._gate_bias))
        r, u = v1.split(gates, 2, axis=1)
        candidate = v1.nn.bias_add(v1.matmul(v1.concat([inputs, r * state], 1), self._candidate_kernel),
                                   self._candidate_bias)
        c = self._activation(candidate)
        new_h = u * state + (1 - u) * c
        return new_h, new_h


class BasicLSTMCell(RNNCell):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.BasicLSTMCell(num_units, forget_bias=1.0, state_is_tuple=True, ...)``.

    Also ``activation=None, reuse=None, name=None, dtype=None``.
    Gates ``i, j, f, o`` from ``[x, h] @ kernel + bias`` (kernel ``[depth + num_units,
    4 * num_units]``, bias zeros): ``new_c = c * sigmoid(f + forget_bias) +
    sigmoid(i) * activation(j)``, ``new_h = activation(new_c) * sigmoid(o)``. The
    state is ``LSTMStateTuple(c, h)``, or ``[c, h]`` concatenated with ``state_is_tuple=False``.
    """

    def __init__(self, num_units: int, forget_bias: float = 1.0, state_is_tuple: bool = True, activation=None,
                 reuse=None, name=None, dtype=None, **kwargs) -> None:
        super().__init__(name=name, dtype=dtype, _reuse=reuse, **kwargs)
        self._num_units = _positive_int(num_units, "num_units")
        self._forget_bias = _optional_number(forget_bias, "forget_bias") or 0.0
        self._state_is_tuple = bool(state_is_tuple)
        self._activation = _activation(activation) or import_tf().math.tanh
        self.input_spec = InputSpec(ndim=2)

    @property
    def state_size(self):
        n = self._num_units
        return LSTMStateTuple(n, n) if self._state_is_tuple else 2 * n

    @property
    def output_size(self):
        return self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape, self)
        v1 = import_tf().compat.v1
        n = self._num_units
        self._kernel = self.add_variable("kernel", shape=[depth + n, 4 * n])
        self._bias = self.add_variable("bias", shape=[4 * n], initializer=v1.zeros_initializer())
        self.built = True

    def call(self, inputs, state):
        v1 = import_tf().compat.v1
        c, h = state if self._state_is_tuple else v1.split(state, 2, axis=1)
        gates = v1.nn.bias_add(v1.matmul(v1.concat([inputs, h], 1), self._kernel), self._bias)
        i, j, f, o = v1.split(gates, 4, axis=1)
        new_c = c * v1.sigmoid(f + self._forget_bias) + v1.sigmoid(i) * self._activation(j)
        new_h = self._activation(new_c) * v1.sigmoid(o)
        new_state = LSTMStateTuple(new_c, new_h) if self._state_is_tuple else v1.concat([new_c, new_h], 1)
        return new_h, new_state


class LSTMCell(RNNCell):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.LSTMCell(num_units, use_peepholes=False, cell_clip=None, ...)``.

    Also ``initializer=None, num_proj=None, proj_clip=None, forget_bias=1.0,
    state_is_tuple=True, activation=None, reuse=None, name=None, dtype=None``.
    :class:`BasicLSTMCell`'s gates with ``initializer`` for the kernel;
    ``use_peepholes`` adds ``w_f_diag``, ``w_i_diag``, ``w_o_diag``; ``num_proj``
    projects the output with ``projection/kernel`` (the state is then ``(c, m)``
    with ``m`` of size ``num_proj``); ``cell_clip`` / ``proj_clip`` clip ``c`` / ``m``.
    ``num_unit_shards`` / ``num_proj_shards`` (deprecated in TF 1.0) are refused.
    """

    def __init__(self, num_units: int, use_peepholes: bool = False, cell_clip=None, initializer=None,
                 num_proj=None, proj_clip=None, num_unit_shards=None, num_proj_shards=None,
                 forget_bias: float = 1.0, state_is_tuple: bool = True, activation=None, reuse=None, name=None,
                 dtype=None, **kwargs) -> None:
        super().__init__(name=name, dtype=dtype, _reuse=reuse, **kwargs)
        for arg, value in (("num_unit_shards", num_unit_shards), ("num_proj_shards", num_proj_shards)):
            if value is not None:
                raise InvalidArgumentError(
                    f"LSTMCell({arg}=...) is not supported by tfcompat (TF1 deprecated it in favour of a "
                    f"variable scope partitioner). Received: {arg}={value!r}")
        self._num_units = _positive_int(num_units, "num_units")
        self._use_peepholes = bool(use_peepholes)
        self._cell_clip = _optional_number(cell_clip, "cell_clip")
        self._initializer = initializer
        self._num_proj = None if num_proj is None else _positive_int(num_proj, "num_proj")
        self._proj_clip = _optional_number(proj_clip, "proj_clip")
        self._forget_bias = _optional_number(forget_bias, "forget_bias") or 0.0
        self._state_is_tuple = bool(state_is_tuple)
        self._activation = _activation(activation) or import_tf().math.tanh
        self.input_spec = InputSpec(ndim=2)

    @property
    def state_size(self):
        m = self._num_proj or self._num_units
        return LSTMStateTuple(self._num_units, m) if self._state_is_tuple else self._num_units + m

    @property
    def output_size(self):
        return self._num_proj or self._num_units

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape, self)
        v1 = import_tf().compat.v1
        n, init = self._num_units, self._initializer
        h_depth = self._num_proj or n
        self._kernel = self.add_variable("kernel", shape=[depth + h_depth, 4 * n], initializer=init)
        self._bias = self.add_variable("bias", shape=[4 * n], initializer=v1.zeros_initializer())
        if self._use_peepholes:
            self._w_f_diag = self.add_variable("w_f_diag", shape=[n], initializer=init)
            self._w_i_diag = self.add_variable("w_i_diag", shape=[n], initializer=init)
            self._w_o_diag = self.add_variable("w_o_diag", shape=[n], initializer=init)
        if self._num_proj is not None:
            self._proj_kernel = self.add_variable("projection/kernel", shape=[n, self._num_proj], initializer=init)
        self.built = True

    def call(self, inputs, state):
        v1 = import_tf().compat.v1
        sigmoid, act = v1.sigmoid, self._activation
        if self._state_is_tuple:
            c_prev, m_prev = state
        else:
            c_prev = state[:, :self._num_units]
            m_prev = state[:, self._num_units:]
        gates = v1.nn.bias_add(v1.matmul(v1.concat([inputs, m_prev], 1), self._kernel), self._bias)
        i, j, f, o = v1.split(gates, 4, axis=1)
        if self._use_peepholes:
            c = (sigmoid(f + self._forget_bias + self._w_f_diag * c_prev) * c_prev
                 + sigmoid(i + self._w_i_diag * c_prev) * act(j))
        else:
            c = sigmoid(f + self._forget_bias) * c_prev + sigmoid(i) * act(j)
        if self._cell_clip is not None:
            c = v1.clip_by_value(c, -self._cell_clip, self._cell_clip)
        if self._use_peepholes:
            m = sigmoid(o + self._w_o_diag * c) * act(c)
        else:
            m = sigmoid(o) * act(c)
        if self._num_proj is not None:
            m = v1.matmul(m, self._proj_kernel)
            if self._proj_clip is not None:
                m = v1.clip_by_value(m, -self._proj_clip, self._proj_clip)
        new_state = LSTMStateTuple(c, m) if self._state_is_tuple else v1.concat([c, m], 1)
        return m, new_state


def check_cell(cell, name="cell"):
    if not all(hasattr(cell, a) for a in ("output_size", "state_size")) or not callable(cell):
        raise InvalidArgumentError(f"`{name}` must be an RNN cell (with output_size, state_size, zero_state and "
                                   f"__call__). Received: {name}={cell!r}")
    return cell


class MultiRNNCell(RNNCell):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.MultiRNNCell(cells, state_is_tuple=True)``: cells stacked.

    Each cell runs in the variable scope ``cell_0``, ``cell_1``...

    Its scope is ``multi_rnn_cell`` (``rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel``);
    the state is a tuple of the cells' states, or one concatenated tensor with ``state_is_tuple=False``.
    """

    def __init__(self, cells, state_is_tuple: bool = True) -> None:
        super().__init__()
        if isinstance(cells, (str, bytes)) or not hasattr(cells, "__iter__") or not list(cells):
            raise InvalidArgumentError(f"`cells` must be a non-empty list of RNN cells. Received: cells={cells!r}")
        self._cells = [check_cell(c, "cells") for c in cells]
        self._state_is_tuple = bool(state_is_tuple)
        if not self._state_is_tuple:
            nested = [c.state_size for c in self._cells if not isinstance(c.state_size, numbers.Integral)]
            if nested:
                raise InvalidArgumentError(
                    "Some cells return tuples of states, but state_is_tuple is not set. State sizes are: "
                    f"{[c.state_size for c in self._cells]}. Received: state_is_tuple={state_is_tuple!r}")

    @property
    def state_size(self):
        if self._state_is_tuple:
            return tuple(c.state_size for c in self._cells)
        return sum(c.state_size for c in self._cells)

    @property
    def output_size(self):
        return self._cells[-1].output_size

    @in_default_graph
    def zero_state(self, batch_size, dtype):
        if not self._state_is_tuple:
            return super().zero_state(batch_size, dtype)
        with import_tf().compat.v1.name_scope("MultiRNNCellZeroState"):
            return tuple(c.zero_state(batch_size, dtype) for c in self._cells)

    @property
    def trainable_weights(self):
        return [w for c in self._cells for w in getattr(c, "trainable_weights", [])] if self.trainable else []

    @property
    def non_trainable_weights(self):
        return [w for c in self._cells for w in getattr(c, "non_trainable_weights", [])]

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    def call(self, inputs, state):
        v1 = import_tf().compat.v1
        if self._state_is_tuple and not isinstance(state, (tuple, list)):
            raise ValueError(f"Expected state to be a tuple of length {len(self._cells)}, but received: {state}")
        new_states, position, output = [], 0, inputs
        for i, cell in enumerate(self._cells):
            with v1.variable_scope(f"cell_{i}"):
                if self._state_is_tuple:
                    cell_state = state[i]
                else:
                    cell_state = state[:, position:position + cell.state_size]
                    position += cell.state_size
                output, new_state = cell(output, cell_state)
                new_states.append(new_state)
        return output, (tuple(new_states) if self._state_is_tuple else v1.concat(new_states, 1))



def __getattr__(name):
    if name in NAMES:  # the wrappers (their module imports this one)
        return getattr(importlib.import_module("tfcompat.v1._rnn_wrappers"), name)
    raise AttributeError(f"tf.nn.rnn_cell.{name} is not provided by tfcompat (it provides {', '.join(NAMES)})")


def __dir__():
    return sorted(set(globals()) | set(NAMES))
