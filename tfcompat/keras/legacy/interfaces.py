"""Mirrors Keras 2.2's ``keras.legacy.interfaces``: the ``@legacy_*_support`` decorators, as no-ops.

Keras 2 wrapped its layers' and optimizers' methods with these to accept Keras 1
argument names; custom layers and optimizers of 2017-2019 decorate their own
``__init__``/``get_updates`` with them. Code written against Keras 2 already uses
Keras 2 names, so each decorator returns the function unchanged.
"""

__all__ = ["generate_legacy_interface", "generate_legacy_method_interface", "raise_duplicate_arg_error"]


def _unchanged(func):
    return func


def generate_legacy_interface(allowed_positional_args=None, conversions=None, preprocessor=None,
                              value_conversions=None, object_type="class"):
    """Keras 2's decorator factory: here, a decorator that returns the function unchanged."""
    return _unchanged


def generate_legacy_method_interface(allowed_positional_args=None, conversions=None, preprocessor=None,
                                     value_conversions=None):
    """Keras 2's method-decorator factory: here, a decorator that returns the method unchanged."""
    return _unchanged


def raise_duplicate_arg_error(old_arg, new_arg):
    """Keras 2's error for an argument given under its Keras 1 and Keras 2 names."""
    raise TypeError(f"For the `{new_arg}` argument, the layer received both the legacy keyword argument "
                    f"`{old_arg}` and the Keras 2 keyword argument `{new_arg}`. Stick to the latter.")


def __getattr__(name):
    # legacy_dense_support, legacy_get_updates_support, ... (about 40 names in Keras 2.2)
    if name.startswith("legacy_") and name.endswith("_support"):
        return _unchanged
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
