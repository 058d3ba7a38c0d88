"""Keras 2.2 ``keras.backend`` (``K``, TensorFlow backend) on TF 2 + Keras 3.

``from tfcompat.keras import backend as K`` gives every public function of
Keras 2.2.4's TensorFlow backend and of ``keras.backend.common``, with Keras 2's
argument orders, defaults, data formats and return types:

* sessions and values (``get_session``, ``eval``, ``get_value``/``set_value``,
  ``batch_*``) on Keras 3 variables, TF variables, tensors, optimizer learning
  rates and legacy-graph tensors (``_backend_session``);
* making and describing tensors (``variable``, ``placeholder``, ``int_shape``...;
  ``_backend_tensors``), config (``floatx``, ``epsilon``, ``image_data_format``,
  ``set_image_dim_ordering``...; ``_backend_config``);
* ops (``_backend_math``, ``_backend_shape``, ``_backend_nn``, ``_backend_conv``,
  ``_backend_random``, ``_backend_ctc``, ``_backend_control``), which run eagerly
  on Keras 3 variables and tensors, build in a TF1 graph when given its tensors
  (``K.placeholder``, ``tfcompat.v1``), and become Keras layers on Keras 3
  symbolic tensors (``model.output``) -- see ``_backend_graph``;
* ``function``, ``gradients``, ``update*``, the learning phase
  (``in_train_phase``, ``learning_phase_scope``...).

Names of Keras 3's ``keras.backend`` not listed here fall through to it.
Importing this module loads neither TensorFlow nor Keras; the first call does.
"""

import sys

import tfcompat.v1 as v1
from tfcompat._lazy_tf import import_keras, import_tf
from tfcompat.keras import (
    _backend_config,
    _backend_control,
    _backend_conv,
    _backend_ctc,
    _backend_gradients,
    _backend_math,
    _backend_nn,
    _backend_random,
    _backend_shape,
    _backend_tensors,
    _backend_updates,
)
from tfcompat.keras._backend_config import *  # noqa: F401,F403 - re-exported Keras 2 names
from tfcompat.keras._backend_control import *  # noqa: F401,F403
from tfcompat.keras._backend_conv import *  # noqa: F401,F403
from tfcompat.keras._backend_ctc import *  # noqa: F401,F403
from tfcompat.keras._backend_function import Function, function  # noqa: F401
from tfcompat.keras._backend_gradients import *  # noqa: F401,F403
from tfcompat.keras._backend_math import *  # noqa: F401,F403
from tfcompat.keras._backend_nn import *  # noqa: F401,F403
from tfcompat.keras._backend_phase import (  # noqa: F401
    in_test_phase,
    in_train_phase,
    learning_phase,
    learning_phase_scope,
    reset_learning_phase,
    set_learning_phase,
    symbolic_learning_phase,
)
from tfcompat.keras._backend_random import *  # noqa: F401,F403
from tfcompat.keras._backend_session import (  # noqa: F401
    batch_get_value,
    batch_set_value,
    eval,
    forget_session,
    get_graph,
    get_session,
    get_value,
    is_variable,
    set_session,
    set_value,
)
from tfcompat.keras._backend_shape import *  # noqa: F401,F403
from tfcompat.keras._backend_tensors import *  # noqa: F401,F403
from tfcompat.keras._backend_updates import *  # noqa: F401,F403
from tfcompat.v1._session import reset_default_graph

_PHASE = ["learning_phase", "set_learning_phase", "learning_phase_scope", "symbolic_learning_phase",
          "in_train_phase", "in_test_phase"]
_SESSION = ["get_graph", "get_session", "set_session", "eval", "get_value", "set_value", "batch_get_value", "batch_set_value",
            "is_variable"]
_CONFIG = [n for n in _backend_config.__all__ if n != "manual_initialization"]

__all__ = (
    ["clear_session", "function", "Function", "name_scope"] + _PHASE + _SESSION + _CONFIG
    + _backend_tensors.__all__ + _backend_math.__all__ + _backend_shape.__all__ + _backend_nn.__all__
    + _backend_conv.__all__ + _backend_random.__all__ + _backend_ctc.__all__ + _backend_control.__all__
    + _backend_gradients.__all__ + _backend_updates.__all__
)

# Keras 2's backend module said which backend it was (`K._BACKEND`); 2018 code read it.
_BACKEND = "tensorflow"


def clear_session():
    """Mirrors Keras 2 ``K.clear_session()``: fresh Keras state AND a fresh legacy graph.

    Calls Keras 3's ``clear_session``, resets the ``tfcompat.v1`` legacy graph
    (closing its default session, as Keras 2 did with the TF default graph),
    forgets a :func:`set_session` session, the learning phase and ``get_uid`` counts.
    """
    import_keras().backend.clear_session()
    reset_default_graph()
    forget_session()
    reset_learning_phase()
    _backend_config.reset_uids()


def name_scope(name):
    """Mirrors Keras 2 ``K.name_scope(name)``: TF's ``name_scope`` (a context manager)."""
    return import_tf().name_scope(name)


def _get_available_gpus():
    """Keras 2's private ``K.tensorflow_backend._get_available_gpus()``: names of the GPUs TF sees.

    2018 scripts called it to choose between ``CuDNNLSTM`` and ``LSTM``.
    """
    tf = import_tf()
    return [d.name for d in tf.config.list_logical_devices("GPU")]


def __getattr__(name):
    # `K.tf` (Keras 2 modules exposed the `tensorflow` they imported): the TF1 surface.
    # `K.tensorflow_backend` (keras.backend.tensorflow_backend): this module.
    # Everything else: Keras 3's keras.backend.
    if name == "tf":
        return v1
    if name == "tensorflow_backend":
        return sys.modules[__name__]
    if name.startswith("__"):
        raise AttributeError(name)
    keras = import_keras()
    if hasattr(keras.backend, name):
        return getattr(keras.backend, name)
    raise AttributeError(
        f"module 'tfcompat.keras.backend' has no attribute {name!r} (neither Keras 2.2's TensorFlow backend "
        f"nor Keras 3's keras.backend has it)"
    )


def __dir__():
    names = set(globals()) | set(__all__) | {"tf", "tensorflow_backend"}
    keras = sys.modules.get("keras")
    if keras is not None:
        names |= {n for n in dir(keras.backend) if not n.startswith("_")}
    return sorted(names)
