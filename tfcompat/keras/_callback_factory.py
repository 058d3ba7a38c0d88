"""A method that returns a Keras callback and says what to do when it is passed uncalled.

Mirrors the 2018 post's ``tb.on_epoch_end_cb()``: a method returning the callback
to put in ``fit(callbacks=[...])``. Forgetting the ``()`` passes the bound method
itself, and Keras then fails far from the mistake ("'method' object has no
attribute 'set_model'"). Decorated with :func:`callback_factory`, the method is
still called the same way, and the uncalled method, when Keras treats it as a
callback, raises a TypeError that names the fix.
"""

import functools

__all__ = ["callback_factory"]

# What Keras reads from a callback first (CallbackList: async_safe, on_*_batch_end, set_model, set_params).
_CALLBACK_NAMES = ("set_model", "set_params", "async_safe", "model", "params")


class _BoundFactory:
    # The bound method: call it for the callback; used as a callback itself, it explains the missing ``()``.

    __slots__ = ("_method", "_owner", "__weakref__")
    __doc__ = property(lambda self: self._method.__doc__)

    def __init__(self, method, owner):
        self._method = method
        self._owner = owner

    def __call__(self, *args, **kwargs):
        return self._method(self._owner, *args, **kwargs)

    def __getattr__(self, name):
        if name in _CALLBACK_NAMES or name.startswith("on_"):
            cls = type(self._owner).__name__
            raise TypeError(
                f"{cls}.{self._method.__name__} was passed to `callbacks=` without being called: write "
                f"`callbacks=[tb.{self._method.__name__}()]` (with the parentheses), or pass the {cls} itself: "
                f"`callbacks=[tb]`. Received: callbacks=[..., <bound method {cls}.{self._method.__name__}>, ...]"
            )
        return getattr(self._method, name)

    def __repr__(self):
        return f"<bound method {type(self._owner).__name__}.{self._method.__name__} of {self._owner!r}>"


class callback_factory:  # noqa: N801 -- used as a decorator, like functools' lower-case classes
    """Decorator: the method returns a callback; the uncalled bound method refuses to be one (see the module)."""

    def __init__(self, method):
        self._method = method
        functools.update_wrapper(self, method)

    def __get__(self, obj, owner=None):
        if obj is None:
            return self._method
        return _BoundFactory(self._method, obj)
