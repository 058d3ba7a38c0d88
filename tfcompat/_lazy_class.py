"""A stand-in for a TF-side class that loads TensorFlow only when the class is used, not when it is named.

Mirrors nothing in TF1: ``import tfcompat`` must stay cheap. ``tfcompat.TensorboardKeras``
is such a stand-in: ``help(tfcompat.TensorboardKeras)`` shows its docstring (with
an example) without importing TensorFlow, while calling it, ``isinstance`` and
``issubclass`` with it, and subclassing it (``class MyBoard(tfcompat.TensorboardKeras)``)
all load and use the real class.
"""

import importlib

__all__ = ["LazyClass", "lazy_class"]


class LazyClass(type):
    """Metaclass of the stand-ins made by :func:`lazy_class`."""

    def __new__(mcs, name, bases, namespace, **kwargs):
        if any(isinstance(b, LazyClass) for b in bases):
            # `class MyBoard(tfcompat.TensorboardKeras)`: a subclass of the real class.
            bases = tuple(b.load() if isinstance(b, LazyClass) else b for b in bases)
            meta = type(bases[0])
            for base in bases[1:]:
                if issubclass(type(base), meta):
                    meta = type(base)
            return meta(name, bases, dict(namespace), **kwargs)
        return super().__new__(mcs, name, bases, namespace)

    def load(cls):
        """The real class (imports its module, and with it TensorFlow, on the first call)."""
        real = vars(cls).get("_tfcompat_real")
        if real is None:
            module, name = vars(cls)["_tfcompat_target"]
            real = getattr(importlib.import_module(module), name)
            type.__setattr__(cls, "_tfcompat_real", real)
        return real

    def __call__(cls, *args, **kwargs):
        return cls.load()(*args, **kwargs)

    def __instancecheck__(cls, obj):
        return isinstance(obj, cls.load())

    def __subclasscheck__(cls, sub):
        return issubclass(sub, cls.load())

    def __getattr__(cls, name):
        if name.startswith("_"):  # help(), pickle and IPython probe dunders: they must not load TensorFlow
            raise AttributeError(name)
        return getattr(cls.load(), name)

    def __repr__(cls):
        module, name = vars(cls)["_tfcompat_target"]
        return f"<class '{module}.{name}' (loads TensorFlow on first use)>"


def lazy_class(module, name, public_module, doc):
    """A stand-in for class ``module.name``, shown as ``public_module.name`` with docstring ``doc``."""
    return LazyClass(name, (), {"__doc__": doc, "__module__": public_module, "__qualname__": name,
                                "_tfcompat_target": (module, name), "_tfcompat_real": None})
