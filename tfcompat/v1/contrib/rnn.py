"""Mirrors TF 1.x's ``tf.contrib.rnn``: the core cells, the projection/embedding wrappers and the static RNNs.

The cells are ``tf.nn.rnn_cell``'s (:mod:`tfcompat.v1._rnn_cell`);
``static_rnn``, ``static_bidirectional_rnn`` and ``static_state_saving_rnn``
are TF's own (``tf.compat.v1.nn``), built in the legacy graph;
``stack_bidirectional_rnn`` / ``stack_bidirectional_dynamic_rnn`` and
``InputProjectionWrapper``, ``OutputProjectionWrapper``, ``EmbeddingWrapper``
are contrib's own, rebuilt here with TF1's scopes. Every other
``tf.contrib.rnn`` name (``LayerNormBasicLSTMCell``, ``LSTMBlockCell``,
``AttentionCellWrapper``...) raises :class:`tfcompat.RemovedAPIError` naming it.
"""

import math
import numbers

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.v1._rnn_cell import (
    BasicLSTMCell,
    BasicRNNCell,
    GRUCell,
    LayerRNNCell,
    LSTMCell,
    LSTMStateTuple,
    MultiRNNCell,
    RNNCell,
    check_cell,
)
from tfcompat.v1._rnn_wrappers import DeviceWrapper, DropoutWrapper, ResidualWrapper
from tfcompat.v1.contrib._removed import removed
from tfcompat.v1.layers._base import in_default_graph

__all__ = ["RNNCell", "LayerRNNCell", "BasicRNNCell", "BasicLSTMCell", "GRUCell", "LSTMCell", "LSTMStateTuple",
           "DropoutWrapper", "MultiRNNCell", "DeviceWrapper", "ResidualWrapper", "EmbeddingWrapper",
           "InputProjectionWrapper", "OutputProjectionWrapper", "static_rnn", "static_state_saving_rnn",
           "static_bidirectional_rnn", "stack_bidirectional_rnn", "stack_bidirectional_dynamic_rnn"]


class _CellAround(RNNCell):
    """A contrib wrapper: an RNNCell (with its own scope, as in TF1) around ``cell``, whose weights it includes."""

    def __init__(self, cell, reuse=None):
        super().__init__(_reuse=reuse)
        self._cell = check_cell(cell)

    @property
    def state_size(self):
        return self._cell.state_size

    @property
    def output_size(self):
        return self._cell.output_size

    @in_default_graph
    def zero_state(self, batch_size, dtype):
        with import_tf().compat.v1.name_scope(type(self).__name__ + "ZeroState"):
            return self._cell.zero_state(batch_size, dtype)

    @property
    def trainable_weights(self):
        own = list(self._trainable_weights) if self.trainable else []
        return own + list(getattr(self._cell, "trainable_weights", []))

    trainable_variables = trainable_weights

    def _get_variable(self, name, shape, dtype, initializer):
        variable = import_tf().compat.v1.get_variable(name, shape=shape, dtype=dtype, initializer=initializer)
        self._trainable_weights.append(variable)
        return variable

    def _linear(self, x, size):
        """TF1's ``_Linear``: ``kernel`` and ``bias`` (zeros) in the current scope, created on the first call."""
        v1 = import_tf().compat.v1
        if getattr(self, "_kernel", None) is None:  # (inside call(): the scope entered for this first call)
            self._kernel = self._get_variable("kernel", [int(x.shape[-1]), size], x.dtype.base_dtype, None)
            self._bias = self._get_variable("bias", [size], x.dtype.base_dtype, v1.zeros_initializer())
        return v1.nn.bias_add(v1.matmul(x, self._kernel), self._bias)


def _positive(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise InvalidArgumentError(f"`{name}` must be a positive int. Received: {name}={value!r}")
    return int(value)


class OutputProjectionWrapper(_CellAround):
    """Mirrors TF 1.x's ``tf.contrib.rnn.OutputProjectionWrapper(cell, output_size, activation=None, reuse=None)``.

    The cell's output projected to ``output_size`` with ``kernel`` / ``bias`` in
    ``output_projection_wrapper`` (the cell's own variables sit inside that scope).
    """

    def __init__(self, cell, output_size: int, activation=None, reuse=None) -> None:
        super().__init__(cell, reuse)
        self._output_size = _positive(output_size, "output_size")
        self._activation = activation

    @property
    def output_size(self):
        return self._output_size

    def call(self, inputs, state):
        output, new_state = self._cell(inputs, state)
        projected = self._linear(output, self._output_size)
        return (self._activation(projected) if self._activation else projected), new_state


class InputProjectionWrapper(_CellAround):
    """Mirrors TF 1.x's ``tf.contrib.rnn.InputProjectionWrapper(cell, num_proj, activation=None, ...)``.

    The inputs projected to ``num_proj`` (``kernel`` / ``bias`` in ``input_projection_wrapper``) before the cell.
    """

    def __init__(self, cell, num_proj: int, activation=None, input_size=None, reuse=None) -> None:
        super().__init__(cell, reuse)
        self._num_proj = _positive(num_proj, "num_proj")
        self._activation = activation

    def call(self, inputs, state):
        projected = self._linear(inputs, self._num_proj)
        if self._activation:
            projected = self._activation(projected)
        return self._cell(projected, state)


class EmbeddingWrapper(_CellAround):
    """Mirrors TF 1.x's ``tf.contrib.rnn.EmbeddingWrapper(cell, embedding_classes, embedding_size, ...)``.

    Integer inputs looked up in ``embedding_wrapper/embedding`` (initializer:
    ``initializer``, else the scope's, else uniform in +-sqrt(3)) before the cell.
    """

    def __init__(self, cell, embedding_classes: int, embedding_size: int, initializer=None, reuse=None) -> None:
        super().__init__(cell, reuse)
        self._classes = _positive(embedding_classes, "embedding_classes")
        self._size = _positive(embedding_size, "embedding_size")
        self._initializer = initializer
        self._embedding = None

    def call(self, inputs, state):
        v1 = import_tf().compat.v1
        if self._embedding is None:
            init = (self._initializer or v1.get_variable_scope().initializer
                    or v1.random_uniform_initializer(-math.sqrt(3), math.sqrt(3)))
            dtype = (state[0] if isinstance(state, tuple) else state).dtype
            self._embedding = self._get_variable("embedding", [self._classes, self._size], dtype, init)
        embedded = v1.nn.embedding_lookup(self._embedding, v1.reshape(inputs, [-1]))
        return self._cell(embedded, state)


def _stack(cells_fw, cells_bw, initial_states_fw, initial_states_bw, scope, layer):
    v1 = import_tf().compat.v1
    for name, cells in (("cells_fw", cells_fw), ("cells_bw", cells_bw)):
        if not isinstance(cells, list) or not cells:
            raise InvalidArgumentError(f"`{name}` must be a non-empty list of RNNCells (one per layer). "
                                       f"Received: {name}={cells!r}")
    if len(cells_fw) != len(cells_bw):
        raise InvalidArgumentError(f"Forward and backward cells must be the same number. Received: "
                                   f"cells_fw={len(cells_fw)} cells, cells_bw={len(cells_bw)} cells")
    for name, states, cells in (("initial_states_fw", initial_states_fw, cells_fw),
                                ("initial_states_bw", initial_states_bw, cells_bw)):
        if states is not None and (not isinstance(states, (list, tuple)) or len(states) != len(cells)):
            raise InvalidArgumentError(f"`{name}` must be a list of states (one per layer). "
                                       f"Received: {name}={states!r}")
    states_fw, states_bw = [], []
    with v1.variable_scope(scope or "stack_bidirectional_rnn"):
        for i, (cell_fw, cell_bw) in enumerate(zip(cells_fw, cells_bw)):
            with v1.variable_scope(f"cell_{i}") as cell_scope:
                state_fw, state_bw = layer(cell_fw, cell_bw, initial_states_fw[i] if initial_states_fw else None,
                                           initial_states_bw[i] if initial_states_bw else None, cell_scope)
            states_fw.append(state_fw)
            states_bw.append(state_bw)
    return tuple(states_fw), tuple(states_bw)


@in_default_graph
def stack_bidirectional_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None, initial_states_bw=None,
                            dtype=None, sequence_length=None, scope=None):
    """Mirrors TF 1.x's ``tf.contrib.rnn.stack_bidirectional_rnn(cells_fw, cells_bw, inputs, ...)``.

    ``static_bidirectional_rnn`` per layer in ``stack_bidirectional_rnn/cell_<i>``,
    each layer's outputs feeding the next: ``(outputs, states_fw, states_bw)``.
    """
    v1 = import_tf().compat.v1
    outputs = [inputs]

    def layer(cell_fw, cell_bw, init_fw, init_bw, cell_scope):
        outputs[0], state_fw, state_bw = v1.nn.static_bidirectional_rnn(
            cell_fw, cell_bw, outputs[0], initial_state_fw=init_fw, initial_state_bw=init_bw,
            sequence_length=sequence_length, dtype=dtype, scope=cell_scope)
        return state_fw, state_bw

    states_fw, states_bw = _stack(cells_fw, cells_bw, initial_states_fw, initial_states_bw, scope, layer)
    return outputs[0], states_fw, states_bw


@in_default_graph
def stack_bidirectional_dynamic_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None, initial_states_bw=None,
                                    dtype=None, sequence_length=None, parallel_iterations=None, time_major=False,
                                    scope=None, swap_memory=False):
    """Mirrors TF 1.x's ``tf.contrib.rnn.stack_bidirectional_dynamic_rnn(cells_fw, cells_bw, inputs, ...)``.

    ``bidirectional_dynamic_rnn`` per layer in ``stack_bidirectional_rnn/cell_<i>``,
    the two directions' outputs concatenated as the next layer's input.
    """
    v1 = import_tf().compat.v1
    outputs = [inputs]

    def layer(cell_fw, cell_bw, init_fw, init_bw, cell_scope):
        (out_fw, out_bw), (state_fw, state_bw) = v1.nn.bidirectional_dynamic_rnn(
            cell_fw, cell_bw, outputs[0], initial_state_fw=init_fw, initial_state_bw=init_bw,
            sequence_length=sequence_length, parallel_iterations=parallel_iterations, dtype=dtype,
            swap_memory=swap_memory, time_major=time_major)
        outputs[0] = v1.concat([out_fw, out_bw], 2)
        return state_fw, state_bw

    states_fw, states_bw = _stack(cells_fw, cells_bw, initial_states_fw, initial_states_bw, scope, layer)
    return outputs[0], states_fw, states_bw


def _tf_nn(name):
    def call(*args, **kwargs):
        import tfcompat.v1 as v1

        return getattr(v1.nn, name)(*args, **kwargs)  # TF's own, built in the legacy graph

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"Mirrors TF 1.x's ``tf.contrib.rnn.{name}``: TF's ``tf.nn.{name}``, built in the legacy graph."
    return call


static_rnn = _tf_nn("static_rnn")
static_bidirectional_rnn = _tf_nn("static_bidirectional_rnn")
static_state_saving_rnn = _tf_nn("static_state_saving_rnn")


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    raise removed(f"contrib.rnn.{name}", "tf.contrib.rnn." + ", tf.contrib.rnn.".join(__all__))


def __dir__():
    return sorted(set(globals()) | set(__all__))
