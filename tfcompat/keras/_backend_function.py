"""Keras 2 ``K.function(inputs, outputs, updates=None, **kwargs)`` on Keras 3 tensors and on TF1 placeholders.

Part of :mod:`tfcompat.keras.backend`. Two kinds of ``inputs``:

* Keras 3 symbolic tensors (``model.input``, ``layer.output``...): a
  ``keras.Model`` from inputs to outputs, called with ``training`` from the
  learning-phase entry of the inputs;
* tensors of a TF1 graph (``K.placeholder``, ``tfcompat.v1`` placeholders): a
  ``Session.run`` of the outputs, then the ``updates`` (``(variable, value)``
  pairs or ops, run after the outputs are computed, as Keras 2 did), then
  ``fetches``, with ``feed_dict``/``options``/``run_metadata`` as Keras 2 passed
  them to the session.

``K.learning_phase()`` among the inputs marks where the call passes the
phase (0 or 1).
"""

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras, import_tf
from tfcompat.keras._backend_phase import existing_graph_phase
from tfcompat.keras._backend_session import session_for
from tfcompat.keras._backend_updates import update
from tfcompat.v1._lift import graph_of, is_eager_variable, is_keras_tensor_like

__all__ = ["function", "Function", "GraphFunction"]

_SESSION_KWARGS = ("feed_dict", "fetches", "options", "run_metadata")


def _is_phase(x):
    return type(x) is int and x in (0, 1)


def function(inputs, outputs, updates=None, name=None, **kwargs):
    """Mirrors Keras 2 ``K.function(inputs, outputs, updates=None, **kwargs)``: a callable on input arrays.

    ``inputs`` is a list of tensors (also, as tf.keras 2 allowed, one tensor or
    a dict); the callable takes values in the same structure and returns the
    outputs' values in ``outputs``' structure (a list for a list).

    Raises:
        InvalidArgumentError: no ``inputs``; Keras tensors mixed with TF1
            tensors; ``updates`` with Keras tensors (Keras 3 has no graph
            updates); an unknown keyword.
    """
    tf = import_tf()
    if inputs is None or isinstance(inputs, (str, bytes)):
        raise InvalidArgumentError(f"`inputs` must be a list of tensors. Received: inputs={inputs!r:.200}")
    unknown = sorted(set(kwargs) - set(_SESSION_KWARGS))
    if unknown:
        raise InvalidArgumentError(
            f"K.function got unexpected keyword(s) {', '.join(unknown)}; it takes updates, name, "
            f"{', '.join(_SESSION_KWARGS)}. Received: {_keywords_text(kwargs, unknown)}"
        )
    flat_inputs, flat_outputs = tf.nest.flatten(inputs), tf.nest.flatten(outputs)
    graphs = {graph_of(t) for t in flat_inputs + flat_outputs} - {None}
    if len(graphs) > 1:
        raise InvalidArgumentError(f"`inputs`/`outputs` belong to {len(graphs)} different TF1 graphs; use one. "
                                   f"Received: inputs={inputs!r:.200}, outputs={outputs!r:.200}")
    if graphs:
        run = GraphFunction(graphs.pop(), flat_inputs, flat_outputs, updates, name, **kwargs)
    else:
        run = _keras_function(flat_inputs, flat_outputs, updates, name, kwargs)

    def call(values):
        flat_values = _flatten_like(inputs, values, len(flat_inputs))
        return tf.nest.pack_sequence_as(outputs, run(flat_values))

    call.inputs, call.outputs = inputs, outputs
    return call


def _flatten_like(inputs, values, count):
    tf = import_tf()
    try:
        if isinstance(inputs, dict) and isinstance(values, dict):
            flat = [values[k] for k in sorted(inputs)]
        elif isinstance(inputs, (list, tuple)):
            if not isinstance(values, (list, tuple)) or len(values) != count:
                raise InvalidArgumentError(
                    f"`inputs` of this K.function must be a list of {count} arrays. Received: {values!r:.200}"
                )
            flat = list(values)
        elif not isinstance(inputs, (list, tuple, dict)):
            flat = [values]
        else:
            flat = tf.nest.flatten(values)
    except KeyError as e:
        raise InvalidArgumentError(f"`inputs` of this K.function lack the key {e}. Received: {values!r:.200}") from None
    if len(flat) != count:
        raise InvalidArgumentError(
            f"`inputs` of this K.function must be {count} values in the structure of its inputs. "
            f"Received: {values!r:.200}"
        )
    return flat


def _keywords_text(kwargs, names):
    """``name=value, ...`` of the keywords ``names``, each value cut at 200 characters."""
    return ", ".join(f"{k}={kwargs[k]!r:.200}" for k in names)


def _keras_function(inputs, outputs, updates, name, kwargs):
    keras = import_keras()
    if updates:
        raise InvalidArgumentError(
            "`updates` are not supported with Keras tensors: Keras 3 has no graph update ops (assign "
            f"variables or use an optimizer instead). Received: updates={updates!r:.200}"
        )
    if kwargs:
        raise InvalidArgumentError(
            f"{', '.join(sorted(kwargs))} apply to TF1 sessions; a K.function of Keras tensors has none. "
            f"Received: {_keywords_text(kwargs, sorted(kwargs))}"
        )
    phase_at = [i for i, t in enumerate(inputs) if _is_phase(t)]
    tensor_at = [i for i in range(len(inputs)) if i not in phase_at]
    for arg, items in (("inputs", [inputs[i] for i in tensor_at]), ("outputs", outputs)):
        for t in items:
            if not isinstance(t, keras.KerasTensor):
                raise InvalidArgumentError(
                    f"`{arg}` must hold Keras symbolic tensors (model.input, layer.output...) or tensors of "
                    f"a TF1 graph (K.placeholder). Received: {arg} item {t!r:.200}"
                )
    model = keras.Model([inputs[i] for i in tensor_at], list(outputs), name=name)

    def call(values):
        training = bool(values[phase_at[0]]) if phase_at else False
        result = model([values[i] for i in tensor_at], training=training)
        if not isinstance(result, (list, tuple)):
            result = [result]
        return [keras.ops.convert_to_numpy(r) for r in result]

    return call


class Function:
    """Mirrors Keras 2's ``K.Function(inputs, outputs, updates=None, name=None, **kwargs)`` class.

    The object :func:`function` returns in Keras 2; calling it runs the function.
    """

    def __init__(self, inputs, outputs, updates=None, name=None, **kwargs):
        self.inputs, self.outputs, self.name = inputs, outputs, name
        self._run = function(inputs, outputs, updates=updates, name=name, **kwargs)

    def __call__(self, inputs):
        return self._run(inputs)


class GraphFunction:
    """Mirrors Keras 2's ``tensorflow_backend.Function``: runs outputs, updates and fetches of a TF1 graph.

    ``feed_dict`` is read at each call (changing it afterwards changes what
    is fed, as in Keras 2).
    """

    def __init__(self, graph, inputs, outputs, updates=None, name=None, feed_dict=None, fetches=None,
                 options=None, run_metadata=None):
        tf = import_tf()
        self.graph = graph
        self.inputs = list(inputs)
        self.name = name
        self.outputs = list(outputs)
        for t in self.inputs:
            if not _is_phase(t) and graph_of(t) is not graph:
                raise InvalidArgumentError(
                    f"`inputs` must be tensors of the graph of the outputs (K.placeholder). Received: {t!r:.200}"
                )
        for t in self.outputs:
            if is_keras_tensor_like(t):
                raise InvalidArgumentError(f"`outputs` mixes a Keras tensor with TF1 tensors. Received: {t!r:.200}")
        self.feed_dict = {} if feed_dict is None else feed_dict
        self.options, self.run_metadata = options, run_metadata
        self._eager_updates = []
        with graph.as_default():
            graph_outputs = [t for t in self.outputs if graph_of(t) is graph]
            with tf.control_dependencies(graph_outputs):
                ops = [self._update_op(u) for u in (updates or [])]
            ops = [op for op in ops if op is not None]
            self.updates_op = tf.group(*ops) if ops else None
            fetches = fetches if isinstance(fetches, (list, tuple)) else ([] if fetches is None else [fetches])
            self.fetches = [tf.identity(f) if hasattr(f, "dtype") and graph_of(f) is graph else f for f in fetches]

    def _update_op(self, item):
        if isinstance(item, (list, tuple)) and len(item) == 2:
            variable, value = item
            if is_eager_variable(variable) and graph_of(value) is None:
                # both eager: Keras 2 assigned at every call, so keep the pair for each call
                self._eager_updates.append((variable, value))
                return None
            return update(variable, value)
        if graph_of(item) is self.graph:
            return item
        raise InvalidArgumentError(
            f"`updates` must hold (variable, new_value) pairs or ops of the function's graph. Received: {item!r:.200}"
        )

    def __call__(self, inputs):
        """Runs the graph on ``inputs`` (one value per input); returns the list of output values."""
        feeds = {}
        phase = None
        session = session_for(self.graph, "inputs")
        symbols = []
        for tensor, value in zip(self.inputs, inputs):
            if _is_phase(tensor):
                phase = value
            elif graph_of(value) is self.graph:  # a tensor fed in (Keras 2's feed_symbols): its value
                symbols.append((tensor, value))
            elif value is not None:
                feeds[tensor] = value
        if symbols:
            values = session.run([value for _, value in symbols])
            feeds.update((tensor, value) for (tensor, _), value in zip(symbols, values))
        placeholder = existing_graph_phase(self.graph)
        if placeholder is not None and phase is not None:
            feeds[placeholder] = bool(phase)
        feeds.update(self.feed_dict)
        updates = [self.updates_op] if self.updates_op is not None else []
        fetched = session.run(self.outputs + updates + self.fetches, feed_dict=feeds, options=self.options,
                              run_metadata=self.run_metadata)
        for variable, value in self._eager_updates:
            variable.assign(value)
        return list(fetched[:len(self.outputs)])
