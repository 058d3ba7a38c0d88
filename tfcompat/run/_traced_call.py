"""tf.keras 2.x layers and models whose ``call`` is a ``@tf.function``: they train again under Keras 3.

Mirrors tf.keras 2.0-2.15 ``Layer.__call__`` for the TF 2.x pattern::

    class MyModel(tf.keras.Model):
        @tf.function
        def call(self, x): ...

Why Keras 3 fails ("No gradients provided for any variable"): before its first
real call, Keras 3 builds an unbuilt layer by tracing ``call`` symbolically
(``Layer._maybe_build`` -> ``backend.compute_output_spec(self.call, ...)``;
``fit`` does the same for the whole model). That trace runs in a
``StatelessScope`` where the sub-layers' variables do not exist yet and read as
their initial values, which become constants of the traced graph. When ``call``
is a ``tf.function``, TensorFlow caches that trace (a function traced in Keras's
scratch graph has the same cache key as one called eagerly) and every later call
with a compatible input signature reuses it: the outputs never read the
variables, so no gradient reaches them, and inference ignores trained or loaded
weights. tf.keras 2 never traced ``call`` that way.

The fix: while a layer whose ``call`` is a ``tf.function`` is called unbuilt, or
inside a Keras ``StatelessScope``, its ``call`` is a fresh copy of that
``tf.function`` (same options), discarded afterwards, so the symbolic traces
never reach the layer's own function. Every other layer call goes straight to
Keras 3's ``Layer.__call__``. Nothing that works today changes: a ``tf.function``
``call`` never trained under Keras 3.
"""

import functools
import weakref

from tfcompat._lazy_tf import import_keras, import_tf, internal

__all__ = ["apply_keras"]

_NOT_A_FUNCTION = object()


def apply_keras(rec):
    """Wraps ``keras.Layer.__call__`` (recorded in ``rec``) as described in the module docstring."""
    keras = import_keras()
    tf = import_tf()
    stateless = internal("keras.src.backend.common.stateless_scope")
    layer_call = keras.Layer.__call__
    function_type = tf.types.experimental.PolymorphicFunction
    per_class = weakref.WeakKeyDictionary()
    on_copy = set()  # id() of the layers whose `call` is a copy right now

    def class_function(cls):
        """The ``tf.function`` that ``cls.call`` is, or None (looked up once per class)."""
        found = per_class.get(cls, _NOT_A_FUNCTION)
        if found is _NOT_A_FUNCTION:
            attr = next((vars(k)["call"] for k in cls.__mro__ if "call" in vars(k)), None)
            found = attr if isinstance(attr, function_type) else None
            per_class[cls] = found
        return found

    @functools.wraps(layer_call)
    def __call__(self, *args, **kwargs):
        own = vars(self)
        function = class_function(type(self))
        if function is None:
            instance_function = own.get("call")  # `model.call = tf.function(model.call)`
            if not isinstance(instance_function, function_type):
                return layer_call(self, *args, **kwargs)
        if self.built and not stateless.in_stateless_scope():
            return layer_call(self, *args, **kwargs)
        if id(self) in on_copy:  # re-entered while already on a copy
            return layer_call(self, *args, **kwargs)
        had_instance = "call" in own
        real = own["call"] if had_instance else function.__get__(self, type(self))
        copies = []

        def call(*call_args, **call_kwargs):
            if not stateless.in_stateless_scope():
                return real(*call_args, **call_kwargs)
            if not copies:
                # A private method, but TF's own way to copy a tf.function with all its options.
                copies.append(real._clone(None) if had_instance else function._clone(None).__get__(self, type(self)))
            return copies[0](*call_args, **call_kwargs)

        own["call"] = call
        on_copy.add(id(self))
        try:
            return layer_call(self, *args, **kwargs)
        finally:
            on_copy.discard(id(self))
            if had_instance:
                own["call"] = real
            else:
                own.pop("call", None)

    __call__.__tfcompat_tf2__ = layer_call
    rec.set(keras.Layer, "__call__", __call__)
