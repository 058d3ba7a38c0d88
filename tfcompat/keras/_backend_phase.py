"""Keras 2 ``K.learning_phase``/``K.set_learning_phase``/``K.in_train_phase``/``K.in_test_phase``/``learning_phase_scope``.

Part of :mod:`tfcompat.keras.backend`. Keras 3 has no global learning phase
(layers take ``training=``). Here the phase is, in this order: the ``training``
of the Keras 3 call running a backend op on symbolic tensors, the value of an
enclosing :func:`learning_phase_scope`, the value given to
:func:`set_learning_phase`, else 0. :func:`learning_phase` returns it as a
Python int, as tf.keras 2 did eagerly. In a TF1 graph with no phase set,
``in_train_phase`` switches on the graph's ``keras_learning_phase`` placeholder
(default False), which ``K.function`` feeds from the learning-phase entry of its
inputs, as in Keras 2.
"""

import contextlib
import threading
import warnings
import weakref

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.keras._backend_control import switch
from tfcompat.keras._backend_graph import builds, phase_override, set_phase_override
from tfcompat.keras._backend_session import get_graph
from tfcompat.v1._lift import graph_of, is_keras_tensor_like, tensor_leaves

__all__ = [
    "learning_phase",
    "set_learning_phase",
    "learning_phase_scope",
    "symbolic_learning_phase",
    "in_train_phase",
    "in_test_phase",
    "graph_phase",
    "existing_graph_phase",
    "reset_learning_phase",
]

_lock = threading.Lock()
_state = {"warned_phase": False}
_set_phases = {}  # id of the user's TF1 graph (None: eager code and the legacy graph) -> set_learning_phase value
_graph_phases = weakref.WeakKeyDictionary()  # TF1 graph -> its keras_learning_phase placeholder


def _graph_key():
    # Keras 2 kept the phase per default graph: inside the user's `with graph.as_default():` it is that graph's.
    tf = import_tf()
    if tf.executing_eagerly():
        return None
    graph = tf.compat.v1.get_default_graph()
    return None if getattr(graph, "building_function", False) else id(graph)


def _check_phase(value):
    if isinstance(value, bool) or value not in (0, 1):
        raise InvalidArgumentError(f"`value` must be 0 or 1. Received: value={value!r}")
    return int(value)


def learning_phase():
    """Mirrors Keras 2 ``K.learning_phase()``: 0 (test) or 1 (train), as a Python int.

    ``K.function([..., K.learning_phase()], ...)`` marks where the call passes
    the phase; ``feed_dict={K.learning_phase(): 1}`` is accepted by
    ``tfcompat.v1`` sessions.
    """
    value = phase_override()
    if value is None:
        value = _set_phases.get(_graph_key())
    return 0 if value is None else value


def set_learning_phase(value):
    """Mirrors Keras 2 ``K.set_learning_phase(value)``.

    Stores the value :func:`learning_phase` returns and ``in_train_phase`` uses
    (for the user's graph entered with ``with graph.as_default():``, only there,
    as Keras 2 kept it per default graph).
    Keras 3 models do not read it (``fit`` trains and ``predict`` infers
    regardless); a warning says so once.

    Raises:
        InvalidArgumentError: ``value`` is not 0 or 1.
    """
    value = _check_phase(value)
    with _lock:
        warn = not _state["warned_phase"]
        _state["warned_phase"] = True
        _set_phases[_graph_key()] = value
    if warn:
        warnings.warn(
            "K.set_learning_phase() only changes what K.learning_phase() returns: Keras 3 layers "
            "take `training=` and ignore the global phase.",
            UserWarning,
            stacklevel=2,
        )


def reset_learning_phase():
    """Forgets the phase set by :func:`set_learning_phase` (``K.clear_session``)."""
    _set_phases.clear()


@contextlib.contextmanager
def learning_phase_scope(value):
    """Mirrors tf.keras 2 ``K.learning_phase_scope(value)``: the phase inside the block (0 or 1)."""
    value = _check_phase(value)
    previous = set_phase_override(value)
    try:
        yield value
    finally:
        set_phase_override(previous)


def graph_phase(graph):
    """The ``keras_learning_phase`` placeholder of TF1 ``graph`` (default False), made on first use."""
    phase = _graph_phases.get(graph)
    if phase is None:
        tf = import_tf()
        with graph.as_default(), graph.name_scope(None):  # its name ignores enclosing name scopes
            phase = tf.compat.v1.placeholder_with_default(False, shape=(), name="keras_learning_phase")
        _graph_phases[graph] = phase
    return phase


def symbolic_learning_phase():
    """Mirrors tf.keras 1.x ``K.symbolic_learning_phase()``: the ``keras_learning_phase`` placeholder of ``K.get_graph()``.

    ``K.function`` feeds it from the learning-phase entry of its inputs.
    """
    return graph_phase(get_graph())


def existing_graph_phase(graph):
    """The ``keras_learning_phase`` placeholder of ``graph`` if an op uses one, else None."""
    return _graph_phases.get(graph)


def _resolve(value):
    return value() if callable(value) else value


@builds
def _by_phase(x, alt):
    # A Keras 3 symbolic call: the phase is the call's `training`.
    return _resolve(x) if learning_phase() else _resolve(alt)


def _tf1_graph(values):
    tf = import_tf()
    if not tf.executing_eagerly():
        graph = tf.compat.v1.get_default_graph()
        return None if getattr(graph, "building_function", False) else graph
    for leaf in tensor_leaves(values):
        graph = graph_of(leaf)
        if graph is not None:
            return graph
    return None


def in_train_phase(x, alt, training=None):
    """Mirrors Keras 2 ``K.in_train_phase(x, alt, training=None)``: ``x`` in training, else ``alt``.

    ``x``/``alt`` may be tensors or callables returning them (only the chosen
    one is called when the phase is known). ``training`` None means the
    learning phase (see the module docstring); a bool/0/1 chooses now; a
    tensor switches at run time.
    """
    if training is None:
        if phase_override() is None and _set_phases.get(_graph_key()) is None:
            values = [v for v in (x, alt) if not callable(v)]
            if any(is_keras_tensor_like(v) for v in tensor_leaves(values)):
                return _by_phase(x, alt)
            graph = _tf1_graph(values)
            if graph is not None:
                return switch(graph_phase(graph), x, alt)
        training = learning_phase()
    if training is True or training is False or (type(training) is int and training in (0, 1)):
        return _resolve(x) if training else _resolve(alt)
    return switch(training, x, alt)


def in_test_phase(x, alt, training=None):
    """Mirrors Keras 2 ``K.in_test_phase(x, alt, training=None)``: ``x`` at test time, else ``alt``."""
    return in_train_phase(alt, x, training=training)
