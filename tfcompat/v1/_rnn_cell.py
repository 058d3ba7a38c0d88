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

This module is ``tf.nn.rnn_cell`` itself (``tfcompat.v1.nn.rnn_cell``, and a 2018
module's ``tensorflow.python.ops.rnn_cell``): only TF1's public names are public.
"""

import collections as _collections
import importlib as _importlib
import numbers as _numbers

from tfcompat._errors import InvalidArgumentError as _InvalidArgumentError
from tfcompat._lazy_tf import import_tf as _import_tf
from tfcompat.v1._rnn_common import activation as _activation
from tfcompat.v1._rnn_common import affine as _affine
from tfcompat.v1._rnn_common import check_cell as _check_cell
from tfcompat.v1._rnn_common import flag as _flag
from tfcompat.v1._rnn_common import input_depth as _input_depth
from tfcompat.v1._rnn_common import map_structure as _map_structure
from tfcompat.v1._rnn_common import optional_number as _optional_number
from tfcompat.v1._rnn_common import positive_int as _positive_int
from tfcompat.v1.layers._base import InputSpec as _InputSpec
from tfcompat.v1.layers._base import Layer as _Layer
from tfcompat.v1.layers._base import in_default_graph as _in_default_graph

# TF 1.x's tf.nn.rnn_cell, exactly; the three wrappers live in tfcompat.v1._rnn_wrappers (module __getattr__).
__all__ = [
    "BasicLSTMCell", "BasicRNNCell", "DeviceWrapper", "DropoutWrapper", "GRUCell", "LSTMCell",  # noqa: F822
    "LSTMStateTuple", "MultiRNNCell", "RNNCell", "ResidualWrapper",  # noqa: F822
]
_WRAPPERS = ("DeviceWrapper", "DropoutWrapper", "ResidualWrapper")


class LSTMStateTuple(_collections.namedtuple("LSTMStateTuple", ("c", "h"))):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.LSTMStateTuple(c, h)``: an LSTM's cell state ``c`` and output ``h``."""

    __slots__ = ()

    @property
    def dtype(self):
        c, h = self
        if c.dtype != h.dtype:
            raise TypeError(f"An LSTMStateTuple's c and h must share one dtype. Received: c.dtype={c.dtype!r}, "
                            f"h.dtype={h.dtype!r}")
        return c.dtype


class RNNCell(_Layer):
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

    @_in_default_graph
    def zero_state(self, batch_size, dtype):
        """Mirrors ``RNNCell.zero_state(batch_size, dtype)``: zeros shaped like ``state_size`` per example."""
        # TF1 named this scope after the class, for every cell and wrapper (`MultiRNNCellZeroState`...).
        with _import_tf().compat.v1.name_scope(type(self).__name__ + "ZeroState"):
            return self._zeros(batch_size, dtype)

    def _zeros(self, batch_size, dtype):
        """The zero state, inside ``zero_state``'s name scope: subclasses holding cells ask those."""
        v1 = _import_tf().compat.v1
        return _map_structure(lambda size: v1.zeros([batch_size] + v1.TensorShape(size).as_list(), dtype=dtype),
                              self.state_size)

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        """Mirrors ``RNNCell.get_initial_state(inputs=None, batch_size=None, dtype=None)``: the zero state."""
        if inputs is not None:
            v1 = _import_tf().compat.v1
            with inputs.graph.as_default():
                batch_size = inputs.shape[0] if inputs.shape[0] is not None else v1.shape(inputs)[0]
            dtype = inputs.dtype
        elif batch_size is None or dtype is None:
            raise _InvalidArgumentError(
                f"{type(self).__name__}.get_initial_state needs `inputs`, or both `batch_size` and `dtype`. "
                f"Received: batch_size={batch_size!r}, dtype={dtype!r}")
        return self.zero_state(batch_size, dtype)


class _OneStateCell(RNNCell):
    """A cell whose state and output are one ``[batch, num_units]`` tensor (the plain RNN and the GRU)."""

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units


class BasicRNNCell(_OneStateCell):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.BasicRNNCell(num_units, activation=None, reuse=None, name=None, dtype=None)``.

    ``output = new_state = activation([inputs, state] @ kernel + bias)``; variables ``kernel``, ``bias``.
    ``input_size=`` (TF 0.12/1.0, unused then) is accepted and ignored.
    """

    def __init__(self, num_units: int, activation=None, reuse=None, name=None, dtype=None, input_size=None,
                 **kwargs) -> None:
        super().__init__(name=name, dtype=dtype, _reuse=reuse, **kwargs)
        self._num_units = _positive_int(num_units, "num_units")
        self._activation = _activation(activation)
        self.input_spec = _InputSpec(ndim=2)

    def build(self, inputs_shape):
        depth = _input_depth(inputs_shape, self)
        v1 = _import_tf().compat.v1
        self._kernel = self.add_variable("kernel", shape=[depth + self._num_units, self._num_units])
        self._bias = self.add_variable("bias", shape=[self._num_units], initializer=v1.zeros_initializer())
        self.built = True

    def call(self, inputs, state):
        out = self._activation(_affine([inputs, state], self._kernel, self._bias))
        return out, out


class GRUCell(_OneStateCell):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.GRUCell(num_units, activation=None, reuse=None, ...)``.

    Also ``kernel_initializer=None, bias_initializer=None, name=None, dtype=None``.
    ``r, u = sigmoid([x, h] @ gates/kernel + gates/bias)`` (gate bias 1.0 unless
    ``bias_initializer``), ``c = activation([x, r*h] @ candidate/kernel + candidate/bias)``,
    ``new_h = u*h + (1-u)*c``. ``input_size=`` (TF 0.12/1.0, unused then) is accepted and ignored.
    """

    def __init__(self, num_units: int, activation=None, reuse=None, kernel_initializer=None,
                 bias_initializer=None, name=None, dtype=None, input_size=None, **kwargs) -> None:
        super().__init__(name=name, dtype=dtype, _reuse=reuse, **kwargs)
        self._num_units = _positive_int(num_units, "num_units")
        self._activation = _activation(activation)
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer
        self.input_spec = _InputSpec(ndim=2)

    def build(self, inputs_shape):
        rows = _input_depth(inputs_shape, self) + self._num_units
        v1 = _import_tf().compat.v1
        # (variable name, columns, the bias's default start): TF1's order and initial values.
        for name, cols, bias_start in (("gates", 2 * self._num_units, 1.0), ("candidate", self._num_units, 0.0)):
            kernel = self.add_variable(f"{name}/kernel", shape=[rows, cols], initializer=self._kernel_initializer)
            bias = self.add_variable(f"{name}/bias", shape=[cols],
                                     initializer=self._bias_initializer or v1.constant_initializer(bias_start))
            setattr(self, f"_{name}", (kernel, bias))
        self.built = True

    def call(self, inputs, state):
        v1 = _import_tf().compat.v1
        reset, update = v1.split(v1.sigmoid(_affine([inputs, state], *self._gates)), 2, axis=1)
        proposal = self._activation(_affine([inputs, reset * state], *self._candidate))
        blended = update * state + (1 - update) * proposal
        return blended, blended


class _LSTM(RNNCell):
    """The LSTM step of both TF1 LSTM cells: ``BasicLSTMCell`` is the case without any option.

    The kernel's columns are TF1's gates in TF1's order (input, candidate,
    forget, output), so checkpoints and formulas match TF 1.x's.
    """

    def __init__(self, num_units, forget_bias, state_is_tuple, activation, reuse, name, dtype, kwargs,
                 use_peepholes=False, cell_clip=None, initializer=None, num_proj=None, proj_clip=None):
        super().__init__(name=name, dtype=dtype, _reuse=reuse, **kwargs)
        self._num_units = _positive_int(num_units, "num_units")
        self._forget_bias = _optional_number(forget_bias, "forget_bias") or 0.0
        self._state_is_tuple = state_is_tuple
        self._activation = _activation(activation)
        self._use_peepholes = use_peepholes
        self._cell_clip = _optional_number(cell_clip, "cell_clip")
        self._initializer = initializer
        self._num_proj = None if num_proj is None else _positive_int(num_proj, "num_proj")
        self._proj_clip = _optional_number(proj_clip, "proj_clip")
        self.input_spec = _InputSpec(ndim=2)

    @property
    def state_size(self):
        sizes = LSTMStateTuple(self._num_units, self.output_size)
        return sizes if self._state_is_tuple else sum(sizes)

    @property
    def output_size(self):
        return self._num_proj or self._num_units

    def build(self, inputs_shape):
        v1 = _import_tf().compat.v1
        units, init = self._num_units, self._initializer
        rows = _input_depth(inputs_shape, self) + self.output_size
        self._kernel = self.add_variable("kernel", shape=[rows, 4 * units], initializer=init)
        self._bias = self.add_variable("bias", shape=[4 * units], initializer=v1.zeros_initializer())
        self._peepholes = {}
        if self._use_peepholes:
            for gate in "fio":
                self._peepholes[gate] = self.add_variable(f"w_{gate}_diag", shape=[units], initializer=init)
        if self._num_proj is not None:
            self._projection = self.add_variable("projection/kernel", shape=[units, self._num_proj],
                                                 initializer=init)
        self.built = True

    def _peep(self, gate, value, memory):
        weight = self._peepholes.get(gate)
        return value if weight is None else value + weight * memory

    @staticmethod
    def _clip(value, bound):
        return value if bound is None else _import_tf().compat.v1.clip_by_value(value, -bound, bound)

    def call(self, inputs, state):
        v1 = _import_tf().compat.v1
        if self._state_is_tuple:
            memory, previous = state
        else:
            memory, previous = v1.split(state, [self._num_units, self.output_size], axis=1)
        in_gate, candidate, forget_gate, out_gate = v1.split(_affine([inputs, previous], self._kernel, self._bias),
                                                             4, axis=1)
        kept = v1.sigmoid(self._peep("f", forget_gate + self._forget_bias, memory)) * memory
        written = v1.sigmoid(self._peep("i", in_gate, memory)) * self._activation(candidate)
        memory = self._clip(kept + written, self._cell_clip)
        output = v1.sigmoid(self._peep("o", out_gate, memory)) * self._activation(memory)
        if self._num_proj is not None:
            output = self._clip(v1.matmul(output, self._projection), self._proj_clip)
        return output, (LSTMStateTuple(memory, output) if self._state_is_tuple else v1.concat([memory, output], 1))


class BasicLSTMCell(_LSTM):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.BasicLSTMCell(num_units, forget_bias=1.0, state_is_tuple=True, ...)``.

    Also ``activation=None, reuse=None, name=None, dtype=None``.
    Gates ``i, j, f, o`` from ``[x, h] @ kernel + bias`` (kernel ``[depth + num_units,
    4 * num_units]``, bias zeros): ``new_c = c * sigmoid(f + forget_bias) +
    sigmoid(i) * activation(j)``, ``new_h = activation(new_c) * sigmoid(o)``. The
    state is ``LSTMStateTuple(c, h)``, or ``[c, h]`` concatenated with ``state_is_tuple=False``.
    ``input_size=`` (TF 0.12/1.0, unused then) is accepted and ignored.
    """

    def __init__(self, num_units: int, forget_bias: float = 1.0, state_is_tuple: bool = True, activation=None,
                 reuse=None, name=None, dtype=None, input_size=None, **kwargs) -> None:
        super().__init__(num_units, forget_bias, _flag(state_is_tuple, "state_is_tuple", "BasicLSTMCell"),
                         activation, reuse, name, dtype, kwargs)


class LSTMCell(_LSTM):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.LSTMCell(num_units, use_peepholes=False, cell_clip=None, ...)``.

    Also ``initializer=None, num_proj=None, proj_clip=None, forget_bias=1.0,
    state_is_tuple=True, activation=None, reuse=None, name=None, dtype=None``.
    :class:`BasicLSTMCell`'s gates with ``initializer`` for the kernel;
    ``use_peepholes`` adds ``w_f_diag``, ``w_i_diag``, ``w_o_diag``; ``num_proj``
    projects the output with ``projection/kernel`` (the state is then ``(c, m)``
    with ``m`` of size ``num_proj``); ``cell_clip`` / ``proj_clip`` clip ``c`` / ``m``.
    ``num_unit_shards`` / ``num_proj_shards`` (deprecated in TF 1.0) are refused
    above 1 (1 was TF 0.12's default: no sharding); ``input_size=`` (TF 0.12/1.0,
    unused then) is accepted and ignored.
    """

    def __init__(self, num_units: int, use_peepholes: bool = False, cell_clip=None, initializer=None,
                 num_proj=None, proj_clip=None, num_unit_shards=None, num_proj_shards=None,
                 forget_bias: float = 1.0, state_is_tuple: bool = True, activation=None, reuse=None, name=None,
                 dtype=None, input_size=None, **kwargs) -> None:
        for arg, value in (("num_unit_shards", num_unit_shards), ("num_proj_shards", num_proj_shards)):
            if value is not None and not (not isinstance(value, bool) and value == 1):
                raise _InvalidArgumentError(
                    f"LSTMCell({arg}=...) above 1 is not supported by tfcompat (TF1 deprecated it in favour of a "
                    f"variable scope partitioner). Received: {arg}={value!r}")
        super().__init__(num_units, forget_bias, _flag(state_is_tuple, "state_is_tuple"), activation,
                         reuse, name, dtype, kwargs, use_peepholes=_flag(use_peepholes, "use_peepholes", "LSTMCell"),
                         cell_clip=cell_clip, initializer=initializer, num_proj=num_proj, proj_clip=proj_clip)


def _wrapped(cell):
    """``cell`` and every cell it wraps (a wrapper's ``cell``, contrib's wrappers included)."""
    while cell is not None:
        yield cell
        cell = getattr(cell, "cell", None) if isinstance(cell, RNNCell) else None


class MultiRNNCell(RNNCell):
    """Mirrors TF 1.x's ``tf.nn.rnn_cell.MultiRNNCell(cells, state_is_tuple=True)``: cells stacked.

    Each cell runs in the variable scope ``cell_0``, ``cell_1``...

    Its scope is ``multi_rnn_cell`` (``rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel``);
    the state is a tuple of the cells' states, or one concatenated tensor with ``state_is_tuple=False``.
    One cell object in two layers is refused, as TF 1.1+ did (the 0.12 idiom ``[cell] * n``).
    """

    def __init__(self, cells, state_is_tuple: bool = True) -> None:
        super().__init__()
        if isinstance(cells, (str, bytes)) or not hasattr(cells, "__iter__"):
            raise _InvalidArgumentError(f"`cells` must be a non-empty list of RNN cells. Received: cells={cells!r}")
        given = cells
        cells = list(cells)  # once: a generator would be empty the second time
        if not cells:
            raise _InvalidArgumentError(f"`cells` must be a non-empty list of RNN cells. Received: cells={given!r}")
        self._cells = [_check_cell(c, f"cells[{i}]") for i, c in enumerate(cells)]
        first_layer = {}
        for layer, cell in enumerate(self._cells):
            for part in _wrapped(cell):
                earlier = first_layer.setdefault(id(part), layer)
                if earlier != layer:
                    raise ValueError(
                        f"`cells` holds one cell object in two layers (cells[{earlier}] and cells[{layer}]): the "
                        f"layers would share one set of weights, which TF 1.1+ refused. Make one cell per layer, "
                        f"e.g. MultiRNNCell([BasicLSTMCell(n) for _ in range(k)]). Received: cells={cells!r}")
        self._state_is_tuple = bool(state_is_tuple)
        if not self._state_is_tuple:
            sizes = [c.state_size for c in self._cells]
            if not all(isinstance(s, _numbers.Integral) for s in sizes):
                raise _InvalidArgumentError(
                    f"MultiRNNCell(state_is_tuple=False) concatenates the cells' states, so every cell needs a "
                    f"single-tensor state (state_is_tuple=False on the LSTM cells too); their state sizes are "
                    f"{sizes}. Received: state_is_tuple={state_is_tuple!r}")

    @property
    def state_size(self):
        sizes = tuple(c.state_size for c in self._cells)
        return sizes if self._state_is_tuple else sum(sizes)

    @property
    def output_size(self):
        return self._cells[-1].output_size

    def _zeros(self, batch_size, dtype):
        if not self._state_is_tuple:
            return super()._zeros(batch_size, dtype)
        return tuple(c.zero_state(batch_size, dtype) for c in self._cells)

    @property
    def trainable_weights(self):
        return [w for c in self._cells for w in getattr(c, "trainable_weights", [])] if self.trainable else []

    @property
    def non_trainable_weights(self):
        return [w for c in self._cells for w in getattr(c, "non_trainable_weights", [])]

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    def _per_cell(self, state):
        """``state`` cut into one state per cell."""
        if not self._state_is_tuple:
            return _import_tf().compat.v1.split(state, [c.state_size for c in self._cells], axis=1)
        if not isinstance(state, (tuple, list)) or len(state) != len(self._cells):
            raise ValueError(f"MultiRNNCell's state must hold one state per cell ({len(self._cells)}), as its "
                             f"zero_state does. Received: state={state!r}")
        return state

    def call(self, inputs, state):
        layer_input, layer_states = inputs, []
        for index, (cell, cell_state) in enumerate(zip(self._cells, self._per_cell(state))):
            with _import_tf().compat.v1.variable_scope(f"cell_{index}"):
                layer_input, cell_state = cell(layer_input, cell_state)
            layer_states.append(cell_state)
        if self._state_is_tuple:
            return layer_input, tuple(layer_states)
        return layer_input, _import_tf().compat.v1.concat(layer_states, 1)


def __getattr__(name):
    if name in _WRAPPERS:  # their module imports this one
        return getattr(_importlib.import_module("tfcompat.v1._rnn_wrappers"), name)
    raise AttributeError(f"tf.nn.rnn_cell.{name} is not provided by tfcompat (it provides {', '.join(__all__)})")


def __dir__():
    return list(__all__)
