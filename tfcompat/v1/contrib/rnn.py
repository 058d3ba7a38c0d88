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

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat._names import CONTRIB_RNN_PROVIDED
from tfcompat.v1._rnn_cell import (  # noqa: F401 (re-exported: __all__ is CONTRIB_RNN_PROVIDED)
    BasicLSTMCell,
    BasicRNNCell,
    GRUCell,
    LSTMCell,
    LSTMStateTuple,
    MultiRNNCell,
    RNNCell,
)
from tfcompat.v1._rnn_common import positive_int
from tfcompat.v1._rnn_wrappers import DeviceWrapper, DropoutWrapper, ResidualWrapper, Wrapper  # noqa: F401
from tfcompat.v1.contrib._removed import removed
from tfcompat.v1.layers._base import in_default_graph

__all__ = list(CONTRIB_RNN_PROVIDED)

LayerRNNCell = RNNCell  # TF1's LayerRNNCell only moved build() into Layer.__call__, which RNNCell already does


class _ScopedWrapper(Wrapper):
    """contrib's wrappers: a scope of their own (``output_projection_wrapper``...) holding their variables and the
    cell's; theirs are made on the first call, after or before the cell's as the wrapper calls it."""

    def __init__(self, cell, reuse=None):
        super().__init__(cell, _reuse=reuse)
        self._own = {}

    def _variable(self, name, shape, dtype, initializer=None):
        """``get_variable(name)`` in the scope entered for this call, made once (later calls reuse it)."""
        if name not in self._own:
            variable = import_tf().compat.v1.get_variable(name, shape=shape, dtype=dtype, initializer=initializer)
            self._own[name] = variable
            self._trainable_weights.append(variable)
        return self._own[name]

    def _project(self, x, size):
        """``x @ kernel + bias`` (bias from zeros): contrib's ``_Linear``."""
        v1 = import_tf().compat.v1
        dtype = x.dtype.base_dtype
        kernel = self._variable("kernel", [int(x.shape[-1]), size], dtype)
        bias = self._variable("bias", [size], dtype, v1.zeros_initializer())
        return v1.nn.bias_add(v1.matmul(x, kernel), bias)


class OutputProjectionWrapper(_ScopedWrapper):
    """Mirrors TF 1.x's ``tf.contrib.rnn.OutputProjectionWrapper(cell, output_size, activation=None, reuse=None)``.

    The cell's output projected to ``output_size`` with ``kernel`` / ``bias`` in
    ``output_projection_wrapper`` (the cell's own variables sit inside that scope).
    """

    def __init__(self, cell, output_size: int, activation=None, reuse=None) -> None:
        super().__init__(cell, reuse)
        self._output_size = positive_int(output_size, "output_size")
        self._activation = activation

    @property
    def output_size(self):
        return self._output_size

    def call(self, inputs, state):
        output, new_state = self.cell(inputs, state)
        projected = self._project(output, self._output_size)
        return (self._activation(projected) if self._activation else projected), new_state


class InputProjectionWrapper(_ScopedWrapper):
    """Mirrors TF 1.x's ``tf.contrib.rnn.InputProjectionWrapper(cell, num_proj, activation=None, ...)``.

    The inputs projected to ``num_proj`` (``kernel`` / ``bias`` in ``input_projection_wrapper``) before the cell.
    """

    def __init__(self, cell, num_proj: int, activation=None, input_size=None, reuse=None) -> None:
        super().__init__(cell, reuse)
        self._num_proj = positive_int(num_proj, "num_proj")
        self._activation = activation

    def call(self, inputs, state):
        projected = self._project(inputs, self._num_proj)
        if self._activation:
            projected = self._activation(projected)
        return self.cell(projected, state)


class EmbeddingWrapper(_ScopedWrapper):
    """Mirrors TF 1.x's ``tf.contrib.rnn.EmbeddingWrapper(cell, embedding_classes, embedding_size, ...)``.

    Integer inputs looked up in ``embedding_wrapper/embedding`` (initializer:
    ``initializer``, else the scope's, else uniform in +-sqrt(3)), of the state's
    dtype, before the cell.
    """

    def __init__(self, cell, embedding_classes: int, embedding_size: int, initializer=None, reuse=None) -> None:
        super().__init__(cell, reuse)
        self._classes = positive_int(embedding_classes, "embedding_classes")
        self._size = positive_int(embedding_size, "embedding_size")
        self._initializer = initializer

    def _table(self, dtype):
        v1 = import_tf().compat.v1
        limit = math.sqrt(3)  # unit variance for a uniform table
        fallback = v1.get_variable_scope().initializer or v1.random_uniform_initializer(-limit, limit)
        return self._variable("embedding", [self._classes, self._size], dtype, self._initializer or fallback)

    def call(self, inputs, state):
        tf = import_tf()
        table = self._table(tf.nest.flatten(state)[0].dtype)
        vectors = tf.compat.v1.nn.embedding_lookup(table, tf.compat.v1.reshape(inputs, [-1]))
        return self.cell(vectors, state)


def _layers(cells_fw, cells_bw, initial_states_fw, initial_states_bw):
    """One ``(cell_fw, cell_bw, state_fw, state_bw)`` per layer, after checking the lists match."""
    for name, cells in (("cells_fw", cells_fw), ("cells_bw", cells_bw)):
        if not isinstance(cells, list) or not cells:
            raise InvalidArgumentError(f"`{name}` must be a non-empty list of RNNCells (one per layer). "
                                       f"Received: {name}={cells!r}")
    if len(cells_fw) != len(cells_bw):
        raise InvalidArgumentError(f"`cells_fw` and `cells_bw` must have one cell per layer each. Received: "
                                   f"cells_fw={len(cells_fw)} cells, cells_bw={len(cells_bw)} cells")
    states = []
    for name, given in (("initial_states_fw", initial_states_fw), ("initial_states_bw", initial_states_bw)):
        if given is None or (isinstance(given, (list, tuple)) and not given):
            given = [None] * len(cells_fw)
        elif not isinstance(given, (list, tuple)) or len(given) != len(cells_fw):
            raise InvalidArgumentError(f"`{name}` must be a list of states (one per layer). "
                                       f"Received: {name}={given!r}")
        states.append(given)
    return list(zip(cells_fw, cells_bw, *states))


def _run_layers(layers, scope, run_layer):
    """``run_layer(cell_fw, cell_bw, state_fw, state_bw, layer_scope)`` per layer, in
    ``<scope or stack_bidirectional_rnn>/cell_<i>``: the final states of both directions, per layer."""
    v1 = import_tf().compat.v1
    finals = []
    with v1.variable_scope(scope or "stack_bidirectional_rnn"):
        for index, layer in enumerate(layers):
            with v1.variable_scope(f"cell_{index}") as layer_scope:
                finals.append(run_layer(*layer, layer_scope))
    return tuple(fw for fw, _ in finals), tuple(bw for _, bw in finals)


@in_default_graph
def stack_bidirectional_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None, initial_states_bw=None,
                            dtype=None, sequence_length=None, scope=None):
    """Mirrors TF 1.x's ``tf.contrib.rnn.stack_bidirectional_rnn(cells_fw, cells_bw, inputs, ...)``.

    ``static_bidirectional_rnn`` per layer in ``stack_bidirectional_rnn/cell_<i>``,
    each layer's outputs feeding the next: ``(outputs, states_fw, states_bw)``.
    """
    v1 = import_tf().compat.v1
    layers = _layers(cells_fw, cells_bw, initial_states_fw, initial_states_bw)
    steps = inputs  # a list of [batch, depth] tensors, one per time step, from layer to layer

    def run_layer(cell_fw, cell_bw, start_fw, start_bw, layer_scope):
        nonlocal steps
        steps, final_fw, final_bw = v1.nn.static_bidirectional_rnn(
            cell_fw, cell_bw, steps, initial_state_fw=start_fw, initial_state_bw=start_bw,
            sequence_length=sequence_length, dtype=dtype, scope=layer_scope)
        return final_fw, final_bw

    finals_fw, finals_bw = _run_layers(layers, scope, run_layer)
    return steps, finals_fw, finals_bw


@in_default_graph
def stack_bidirectional_dynamic_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None, initial_states_bw=None,
                                    dtype=None, sequence_length=None, parallel_iterations=None, time_major=False,
                                    scope=None, swap_memory=False):
    """Mirrors TF 1.x's ``tf.contrib.rnn.stack_bidirectional_dynamic_rnn(cells_fw, cells_bw, inputs, ...)``.

    ``bidirectional_dynamic_rnn`` per layer in ``stack_bidirectional_rnn/cell_<i>``,
    the two directions' outputs concatenated as the next layer's input.
    """
    v1 = import_tf().compat.v1
    layers = _layers(cells_fw, cells_bw, initial_states_fw, initial_states_bw)
    sequence = inputs  # [batch, time, depth] (or time-major), from layer to layer

    def run_layer(cell_fw, cell_bw, start_fw, start_bw, layer_scope):
        nonlocal sequence
        both, finals = v1.nn.bidirectional_dynamic_rnn(
            cell_fw, cell_bw, sequence, initial_state_fw=start_fw, initial_state_bw=start_bw,
            sequence_length=sequence_length, parallel_iterations=parallel_iterations, dtype=dtype,
            swap_memory=swap_memory, time_major=time_major)
        sequence = v1.concat(list(both), 2)  # forward and backward features side by side
        return finals

    finals_fw, finals_bw = _run_layers(layers, scope, run_layer)
    return sequence, finals_fw, finals_bw


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
    return list(__all__)
