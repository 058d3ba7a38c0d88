"""Keras 2 ``K.get_session``/``K.set_session``/``K.eval``/``K.get_value``/``K.set_value``/``K.batch_*``.

Part of :mod:`tfcompat.keras.backend`: the TF1 Session running the legacy graph,
and reading/assigning values of Keras 3 variables, TF variables, tensors,
optimizer learning rates and legacy-graph tensors. Imports TensorFlow/Keras on
first call only.
"""

import sys
import weakref

from tfcompat._errors import GraphError, InvalidArgumentError
from tfcompat._lazy_tf import import_keras, import_tf
from tfcompat.keras._backend_config import manual_initialization
from tfcompat.keras._optimizer_lr import is_schedule
from tfcompat.v1._graph import legacy_graph, legacy_graph_if_any
from tfcompat.v1._lift import graph_of
from tfcompat.v1._session import Session, get_default_session, get_default_session_or_create

__all__ = [
    "get_graph",
    "get_session",
    "set_session",
    "session_for",
    "eval",
    "get_value",
    "set_value",
    "batch_get_value",
    "batch_set_value",
    "is_variable",
    "to_numpy",
    "forget_session",
]

_state = {"session": None}
_graph_sessions = weakref.WeakKeyDictionary()  # TF1 graph -> the tfcompat Session K made for it


def get_session(op_input_list=()):
    """Mirrors Keras 2 ``K.get_session()``: the TF1 Session running the legacy graph.

    Returns the session set with :func:`set_session`, else the default session
    (``with sess.as_default():``, a ``tfcompat.v1.InteractiveSession``), else
    ``tfcompat.v1``'s shared session on the legacy graph (created on first call),
    the one that ``tf.placeholder``/``tf.summary.merge_all`` from ``tfcompat.v1``
    build into. Inside the user's own ``with tf.Graph().as_default():`` it is a
    session on that graph, as Keras 2's was on the default graph. New variables
    of its graph are initialized, as Keras 2 did, unless
    ``K.manual_variable_initialization(True)`` was called.
    ``op_input_list`` (tf.keras 1.x): tensors whose graph the session must run.
    """
    for op in op_input_list or ():
        graph = graph_of(op)
        if graph is not None:
            return session_for(graph, "op_input_list", named=True)
    session = _state["session"]
    if session is not None and not getattr(session, "_closed", False):
        _initialize(session)
        return session
    tf = import_tf()
    if not tf.executing_eagerly():
        graph = tf.compat.v1.get_default_graph()
        if not getattr(graph, "building_function", False) and graph is not legacy_graph_if_any():
            return session_for(graph, "graph")
    if not manual_initialization():
        return get_default_session_or_create()
    session = get_default_session()
    if session is None:
        session = _own_session(legacy_graph())
    return session


def get_graph():
    """Mirrors tf.keras 1.x ``K.get_graph()``: the graph Keras 2 code builds in.

    Inside ``with graph.as_default():`` that graph; otherwise tfcompat's legacy
    graph (the one ``K.placeholder`` and ``tfcompat.v1`` build in).
    """
    tf = import_tf()
    if not tf.executing_eagerly():
        return tf.compat.v1.get_default_graph()
    return legacy_graph()


def _initialize(session):
    # Keras 2 initialized new variables whenever it handed out a session.
    if manual_initialization():
        return
    initialize = getattr(session, "_initialize_new_variables", None)
    if initialize is not None:
        initialize()
        return
    tf = import_tf()  # a plain TF session (a test's, or one the user entered as default)
    with session.graph.as_default():
        variables = tf.compat.v1.global_variables()
        if variables:
            flags = session.run([tf.compat.v1.is_variable_initialized(v) for v in variables])
            todo = [v.initializer for v, ok in zip(variables, flags) if not ok]
            if todo:
                session.run(todo)


def _own_session(graph):
    # A tfcompat Session per graph nobody else runs, as Keras 2 kept one for its default graph.
    session = _graph_sessions.get(graph)
    if session is None or session._closed:
        session = _graph_sessions[graph] = Session(graph=graph)
    return session


def set_session(session):
    """Mirrors Keras 2 ``K.set_session(session)``: later ``get_session()`` calls return it.

    Args:
        session: a ``tfcompat.v1.Session`` / ``tf.compat.v1.Session``, or None to go
            back to the default session.

    Raises:
        InvalidArgumentError: ``session`` is not a session.
    """
    if session is not None and not (callable(getattr(session, "run", None)) and hasattr(session, "graph")):
        raise InvalidArgumentError(
            f"`session` must be a tf.compat.v1.Session (or tfcompat.v1.Session). Received: session={session!r}"
        )
    _state["session"] = session


def forget_session():
    """Drops the session given to :func:`set_session` (``K.clear_session``)."""
    _state["session"] = None


def session_for(graph, arg, named=False):
    """The session that runs TF1 ``graph``, as Keras 2's ``get_session`` found it for the default graph.

    :func:`set_session`'s session, the default session (tfcompat's or TF's) or
    the shared legacy-graph session when they run ``graph``; inside ``with
    graph.as_default():`` a session kept for that graph. New variables are
    initialized unless ``K.manual_variable_initialization(True)``.

    ``named=True`` (the graph of ``get_session(op_input_list)``): a session
    kept for ``graph`` even when it is not entered.

    Raises:
        GraphError: none of these runs ``graph`` (e.g. a graph dropped by ``K.clear_session``).
    """
    tf = import_tf()
    candidates = [_state["session"], get_default_session(), tf.compat.v1.get_default_session()]
    for session in candidates:
        if session is not None and not getattr(session, "_closed", False) and session.graph is graph:
            _initialize(session)
            return session
    if graph is legacy_graph_if_any():
        return get_session()
    if not named and (tf.executing_eagerly() or tf.compat.v1.get_default_graph() is not graph):
        raise GraphError(
            f"`{arg}` belongs to a TF1 graph that K.get_session() does not run (not the legacy graph, not "
            "the graph of the default session, not the graph entered with `with graph.as_default():`). "
            "Run it with its own Session, or build it with tfcompat.v1 (the legacy graph)."
        )
    session = _own_session(graph)
    _initialize(session)
    return session


# -- values -------------------------------------------------------------------

def to_numpy(x, arg):
    import numpy as np

    if is_schedule(x):
        raise InvalidArgumentError(
            f"`{arg}` is a LearningRateSchedule, whose value depends on the step: evaluate "
            f"`optimizer.lr` (the rate at the current iteration) or `schedule(step)`. Received: {arg}={x!r}"
        )
    if type(x).__name__ == "SparseTensor" and type(x).__module__.startswith("tensorflow"):
        tf = import_tf()
        graph = graph_of(x)
        if graph is None:
            return np.asarray(tf.sparse.to_dense(x))
        with graph.as_default():
            x = tf.sparse.to_dense(x)
    graph = graph_of(x)
    if graph is not None:
        return np.asarray(session_for(graph, arg).run(x))
    if type(x).__name__ == "KerasTensor":
        raise InvalidArgumentError(
            f"`{arg}` is a Keras 3 symbolic tensor: it has no value until a model runs. Use "
            f"K.function([model.input], [tensor])([data]) or model.predict. Received: {arg}={x!r}"
        )
    if isinstance(x, (np.ndarray, np.generic, int, float, complex, bool)):
        return np.asarray(x)
    if isinstance(x, (str, bytes)) or x is None:  # numpy would wrap them as 0-d arrays
        raise InvalidArgumentError(f"`{arg}` must be a variable, a tensor or an array. Received: {arg}={x!r}")
    keras = import_keras()
    try:
        array = np.asarray(keras.ops.convert_to_numpy(x))
    except (TypeError, ValueError) as e:
        raise InvalidArgumentError(
            f"`{arg}` must be a variable, a tensor or an array. Received: {arg}={x!r} ({e})"
        ) from None
    if array.dtype == object:  # numpy wrapped something that is no tensor at all
        raise InvalidArgumentError(f"`{arg}` must be a variable, a tensor or an array. Received: {arg}={x!r}")
    return array


def _scalar_or_array(array):
    # Keras 2 on TF returned numpy scalars (np.float32) for 0-d values.
    return array[()] if array.ndim == 0 else array


def eval(x):  # noqa: A001 - Keras 2 name
    """Mirrors Keras 2 ``K.eval(x)``: the value of a variable or tensor as numpy.

    Works on Keras 3 variables, TF variables and eager tensors, optimizer learning
    rates (``K.eval(model.optimizer.lr)``) and tensors/variables of the
    ``tfcompat.v1`` legacy graph (run in :func:`get_session`).

    Args:
        x: the variable or tensor.

    Returns:
        A numpy array (a numpy scalar for 0-d values).
    """
    return _scalar_or_array(to_numpy(x, "x"))


def get_value(x):
    """Mirrors Keras 2 ``K.get_value(x)``: the value of a variable as numpy."""
    return _scalar_or_array(to_numpy(x, "x"))


def batch_get_value(tensors):
    """Mirrors Keras 2 ``K.batch_get_value(ops)``: a list of numpy values."""
    if isinstance(tensors, (str, bytes)) or not hasattr(tensors, "__iter__"):
        raise InvalidArgumentError(f"`tensors` must be a list of variables or tensors. Received: tensors={tensors!r}")
    return [get_value(x) for x in tensors]


def is_variable(x):
    """True for Keras 3 variables and TF variables (what ``set_value`` accepts)."""
    if type(x).__module__.startswith("keras"):
        keras = import_keras()
        return isinstance(x, keras.Variable)
    tf = sys.modules.get("tensorflow")
    return tf is not None and isinstance(x, tf.Variable)


def _static_shape(x):
    if getattr(x.shape, "rank", 0) is None:
        return None
    return tuple(None if d is None else int(d) for d in x.shape)


def set_value(x, value):
    """Mirrors Keras 2 ``K.set_value(x, value)``: assigns a numpy value to a variable.

    ``K.set_value(model.optimizer.lr, 0.01)`` changes the rate training uses
    (``optimizer.lr`` is the optimizer's learning-rate variable). Under a
    ``LearningRateSchedule`` ``optimizer.lr`` is a computed tensor and this raises:
    assign ``optimizer.lr = new_schedule`` instead.

    Args:
        x: a Keras 3 variable, a TF variable, or a legacy-graph variable.
        value: anything numpy converts to ``x``'s dtype and shape.

    Raises:
        InvalidArgumentError: ``x`` is not a variable, or ``value`` does not fit it.
    """
    import numpy as np

    if not is_variable(x):
        hint = ""
        if graph_of(x) is None and hasattr(x, "dtype") and not isinstance(x, (np.ndarray, np.generic)):
            hint = (" (a computed tensor: e.g. `optimizer.lr` of an optimizer driven by a "
                    "LearningRateSchedule, which cannot be assigned; assign a new schedule to `optimizer.lr`)")
        raise InvalidArgumentError(f"`x` must be a variable{hint}. Received: x={x!r}")
    keras = import_keras()
    np_dtype = keras.backend.standardize_dtype(x.dtype)
    try:
        array = np.asarray(value, dtype=np_dtype)
    except (TypeError, ValueError):
        raise InvalidArgumentError(
            f"`value` must convert to the variable's dtype {np_dtype}. Received: value={value!r}"
        ) from None
    shape = _static_shape(x)
    if shape is not None and (len(shape) != array.ndim or any(
            d is not None and d != a for d, a in zip(shape, array.shape))):
        raise InvalidArgumentError(
            f"`value` must have the variable's shape {shape}. Received: value with shape {array.shape}"
        )
    graph = graph_of(x)
    if graph is None:
        x.assign(array)
        return
    session = session_for(graph, "x")
    # Keras 2 cached one placeholder + assign op per variable; building a new
    # assign op per call would grow the graph without bound in training loops.
    assign = getattr(x, "_tfcompat_assign", None)
    if assign is None:
        tf = import_tf()
        with graph.as_default():
            feed = tf.compat.v1.placeholder(x.dtype.base_dtype, shape=array.shape)
            assign = (feed, tf.compat.v1.assign(x, feed))
        x._tfcompat_assign = assign
    session.run(assign[1], feed_dict={assign[0]: array})


def batch_set_value(tuples):
    """Mirrors Keras 2 ``K.batch_set_value([(variable, value), ...])``."""
    pairs = list(tuples) if isinstance(tuples, (list, tuple)) else None
    if pairs is None or not all(isinstance(p, (list, tuple)) and len(p) == 2 for p in pairs):
        raise InvalidArgumentError(
            f"`tuples` must be a list of (variable, value) pairs. Received: tuples={tuples!r}"
        )
    for x, v in pairs:
        set_value(x, v)


