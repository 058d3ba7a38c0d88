"""Keras 2 ``keras.backend`` (``K``) on Keras 3: sessions, values, variables.

``from tfcompat.keras import backend as K`` gives everything Keras 3's
``keras.backend`` has, plus the Keras 2 functions 2016-2019 code calls:
``get_session``/``set_session`` (the ``tfcompat.v1`` Session on the legacy
graph), ``eval``/``get_value``/``set_value``/``batch_*`` (on Keras 3 variables,
TF variables, tensors, optimizer learning rates and legacy-graph tensors),
``learning_phase``/``set_learning_phase``, ``clear_session`` (also resets the
legacy graph), ``variable``/``constant``/``zeros``/``ones``/``placeholder``,
``int_shape``/``ndim``/``dtype``/``count_params``, ``function`` and the Keras 2 math helpers
whose meaning is unchanged in ``keras.ops`` (``K.mean``, ``K.square``...).

Importing this module loads neither TensorFlow nor Keras; the first call does.
"""

import sys
import threading
import warnings

from tfcompat._errors import GraphError, InvalidArgumentError
from tfcompat._lazy_tf import import_keras, import_tf
from tfcompat.keras import _backend_tensors
from tfcompat.keras._backend_tensors import (  # noqa: F401 - re-exported Keras 2 names
    constant,
    count_params,
    dtype,
    function,
    int_shape,
    ndim,
    ones,
    placeholder,
    variable,
    zeros,
)
from tfcompat.keras._optimizer_lr import is_schedule
from tfcompat.v1._session import get_default_session_or_create, reset_default_graph

__all__ = [
    "get_session",
    "set_session",
    "eval",
    "get_value",
    "set_value",
    "batch_get_value",
    "batch_set_value",
    "learning_phase",
    "set_learning_phase",
    "clear_session",
    "is_variable",
] + _backend_tensors.__all__

_lock = threading.Lock()
_state = {"session": None, "learning_phase": None, "warned_phase": False}
# Keras 2 backend math functions whose keras.ops twin has the same signature and meaning.
_SAME_IN_OPS = {
    "abs": "abs", "mean": "mean", "sum": "sum", "max": "max", "min": "min", "prod": "prod",
    "std": "std", "var": "var", "square": "square", "sqrt": "sqrt", "exp": "exp", "log": "log",
    "sign": "sign", "cast": "cast", "reshape": "reshape", "transpose": "transpose", "stack": "stack",
    "equal": "equal", "not_equal": "not_equal", "greater": "greater", "greater_equal": "greater_equal",
    "less": "less", "less_equal": "less_equal", "maximum": "maximum", "minimum": "minimum",
    "tanh": "tanh", "sigmoid": "sigmoid", "softmax": "softmax", "softplus": "softplus",
    "pow": "power", "cos": "cos", "sin": "sin", "round": "round", "tile": "tile",
    "binary_crossentropy": "binary_crossentropy",
    "categorical_crossentropy": "categorical_crossentropy",
    "sparse_categorical_crossentropy": "sparse_categorical_crossentropy",
}


# -- sessions -----------------------------------------------------------------

def get_session():
    """Mirrors Keras 2 ``K.get_session()``: the TF1 Session running the legacy graph.

    Returns the session set with :func:`set_session`, else ``tfcompat.v1``'s
    default session on the legacy graph (created on first call), the one that
    ``tf.placeholder``/``tf.summary.merge_all`` from ``tfcompat.v1`` build into.
    """
    session = _state["session"]
    if session is not None and not getattr(session, "_closed", False):
        initialize = getattr(session, "_initialize_new_variables", None)
        if initialize is not None:
            initialize()  # as for the default session: Keras 2 initialized new variables here
        return session
    return get_default_session_or_create()


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


# -- values -------------------------------------------------------------------

def _graph_of(x):
    """The TF1 graph ``x`` belongs to, or None for eager tensors/variables and non-TF values."""
    if type(x).__module__.startswith("keras"):
        return None
    try:
        graph = x.graph
    except (AttributeError, ValueError, RuntimeError):
        return None
    if graph is None or getattr(graph, "building_function", False):
        return None
    return graph


def _to_numpy(x, arg):
    import numpy as np

    if is_schedule(x):
        raise InvalidArgumentError(
            f"`{arg}` is a LearningRateSchedule, whose value depends on the step: evaluate "
            f"`optimizer.lr` (the rate at the current iteration) or `schedule(step)`. Received: {arg}={x!r}"
        )
    graph = _graph_of(x)
    if graph is not None:
        session = get_session()
        if session.graph is not graph:
            raise GraphError(
                f"`{arg}` belongs to a TF1 graph that K.get_session() does not run; run it with its own "
                f"Session, or build it with tfcompat.v1 (the legacy graph). Received: {arg}={x!r}"
            )
        return np.asarray(session.run(x))
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
    return _scalar_or_array(_to_numpy(x, "x"))


def get_value(x):
    """Mirrors Keras 2 ``K.get_value(x)``: the value of a variable as numpy."""
    return _scalar_or_array(_to_numpy(x, "x"))


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
        if _graph_of(x) is None and hasattr(x, "dtype") and not isinstance(x, (np.ndarray, np.generic)):
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
    shape = int_shape(x)
    if shape is not None and (len(shape) != array.ndim or any(
            d is not None and d != a for d, a in zip(shape, array.shape))):
        raise InvalidArgumentError(
            f"`value` must have the variable's shape {shape}. Received: value with shape {array.shape}"
        )
    graph = _graph_of(x)
    if graph is None:
        x.assign(array)
        return
    session = get_session()
    if session.graph is not graph:
        raise GraphError(f"`x` belongs to a TF1 graph that K.get_session() does not run. Received: x={x!r}")
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


# -- learning phase -------------------------------------------------------------

def learning_phase():
    """Mirrors Keras 2 ``K.learning_phase()``: 0 (test) or 1 (train).

    Keras 3 has no global learning phase (layers take ``training=``). Like
    tf.keras 2 in eager mode this returns a Python int: the value given to
    :func:`set_learning_phase`, else 0.
    """
    value = _state["learning_phase"]
    return 0 if value is None else value


def set_learning_phase(value):
    """Mirrors Keras 2 ``K.set_learning_phase(value)``.

    Stores the value :func:`learning_phase` returns. Keras 3 models do not read
    it (``fit`` trains and ``predict`` infers regardless); a warning says so once.

    Raises:
        InvalidArgumentError: ``value`` is not 0 or 1.
    """
    if isinstance(value, bool) or value not in (0, 1):
        raise InvalidArgumentError(f"`value` must be 0 or 1. Received: value={value!r}")
    with _lock:
        warn = not _state["warned_phase"]
        _state["warned_phase"] = True
        _state["learning_phase"] = int(value)
    if warn:
        warnings.warn(
            "K.set_learning_phase() only changes what K.learning_phase() returns: Keras 3 layers "
            "take `training=` and ignore the global phase.",
            UserWarning,
            stacklevel=2,
        )


# -- state ----------------------------------------------------------------------

def clear_session():
    """Mirrors Keras 2 ``K.clear_session()``: fresh Keras state AND a fresh legacy graph.

    Calls Keras 3's ``clear_session``, resets the ``tfcompat.v1`` legacy graph
    (closing its default session, as Keras 2 did with the TF default graph),
    forgets a :func:`set_session` session and the learning phase.
    """
    import_keras().backend.clear_session()
    reset_default_graph()
    _state["session"] = None
    _state["learning_phase"] = None


def __getattr__(name):
    # Everything else: Keras 3's keras.backend, then the Keras 2 math helpers
    # whose keras.ops twin means the same thing.
    if name.startswith("__"):
        raise AttributeError(name)
    keras = import_keras()
    if hasattr(keras.backend, name):
        return getattr(keras.backend, name)
    if name in _SAME_IN_OPS:
        return getattr(keras.ops, _SAME_IN_OPS[name])
    raise AttributeError(
        f"module 'tfcompat.keras.backend' has no attribute {name!r} (neither Keras 3's keras.backend "
        f"nor tfcompat's Keras 2 backend provides it)"
    )


def __dir__():
    names = set(globals()) | set(_SAME_IN_OPS)
    keras = sys.modules.get("keras")
    if keras is not None:
        names |= {n for n in dir(keras.backend) if not n.startswith("_")}
    return sorted(names)
