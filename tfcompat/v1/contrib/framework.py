"""Mirrors the global-step and variable helpers of TF 1.x's ``tf.contrib.framework``."""

from tfcompat._lazy_tf import import_tf
from tfcompat.v1._graph import current_graph
from tfcompat.v1.contrib._removed import removed

__all__ = ["get_or_create_global_step", "get_global_step", "create_global_step", "get_variables",
           "get_model_variables", "get_trainable_variables"]


def _train(name):
    def call(*args, **kwargs):
        with current_graph().as_default():
            return getattr(import_tf().compat.v1.train, name)(*args, **kwargs)

    call.__name__ = name
    call.__doc__ = f"Mirrors ``tf.contrib.framework.{name}`` (``tf.train.{name}``)."
    return call


get_or_create_global_step = _train("get_or_create_global_step")
get_global_step = _train("get_global_step")
create_global_step = _train("create_global_step")


def get_variables(scope=None, suffix=None, collection="variables"):
    """Mirrors ``tf.contrib.framework.get_variables(scope=None, suffix=None, collection=GLOBAL_VARIABLES)``."""
    v1 = import_tf().compat.v1
    if hasattr(scope, "name"):
        scope = scope.name
    with current_graph().as_default():
        variables = v1.get_collection(collection, scope)
    if suffix is not None:
        variables = [v for v in variables if v.op.name.endswith(suffix)]
    return variables


def get_model_variables(scope=None, suffix=None):
    """Mirrors ``tf.contrib.framework.get_model_variables(scope=None, suffix=None)``."""
    return get_variables(scope, suffix, "model_variables")


def get_trainable_variables(scope=None, suffix=None):
    """Mirrors ``tf.contrib.framework.get_trainable_variables(scope=None, suffix=None)``."""
    return get_variables(scope, suffix, "trainable_variables")


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    raise removed(f"contrib.framework.{name}", "tf.contrib.framework." + ", tf.contrib.framework.".join(__all__))
