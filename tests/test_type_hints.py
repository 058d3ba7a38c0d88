"""Every public function and method carries type hints (the developer guide's rule), checked with ``inspect``.

Public means: named in ``__all__`` of the packages below; for a class, its ``__init__`` and its public
methods and properties defined in tfcompat (not those it inherits from Keras or the builtins).
"""

import importlib
import importlib.util
import inspect
import types

import pytest

PACKAGES = ["tfcompat", "tfcompat.logs", "tfcompat.testing", "tfcompat.check", "tfcompat.run"]
HAS_TF = importlib.util.find_spec("tensorflow") is not None


def _ours(obj):
    return (getattr(obj, "__module__", None) or "").partition(".")[0] == "tfcompat"


def _missing(func, where):
    """What ``func`` leaves unannotated: parameters (but self/cls) and the return value."""
    sig = inspect.signature(func)
    gaps = []
    for i, p in enumerate(sig.parameters.values()):
        if i == 0 and p.name in ("self", "cls") or p.annotation is not inspect.Parameter.empty:
            continue
        gaps.append(f"{where}: parameter {p.name!r}")
    if sig.return_annotation is inspect.Signature.empty:
        gaps.append(f"{where}: return")
    return gaps


def _methods(cls):
    """(qualified name, function) of ``__init__`` and the public methods/properties tfcompat defines for ``cls``."""
    seen = set()
    for klass in cls.__mro__:
        if not _ours(klass):
            continue
        for name, attr in vars(klass).items():
            if (name.startswith("_") and name != "__init__") or name in seen:
                continue
            if isinstance(attr, (staticmethod, classmethod)):
                attr = attr.__func__
            elif isinstance(attr, property):
                attr = attr.fget
            elif hasattr(attr, "__wrapped__"):
                attr = inspect.unwrap(attr)  # a decorator object (callback_factory)
            if inspect.isfunction(attr) and _ours(attr):
                seen.add(name)
                yield f"{klass.__module__}.{klass.__qualname__}.{name}", attr


def _public_objects(package):
    module = importlib.import_module(package)
    for name in module.__all__:
        if package == "tfcompat" and name == "TensorboardKeras":
            if not HAS_TF:
                continue
            obj = tfcompat_tensorboard_keras()
        else:
            obj = getattr(module, name)
        if isinstance(obj, types.ModuleType) or not callable(obj) or not _ours(obj):
            continue
        yield f"{package}.{name}", obj


def tfcompat_tensorboard_keras():
    """The real class behind the ``tfcompat.TensorboardKeras`` stand-in (loads TensorFlow)."""
    import tfcompat

    return tfcompat.TensorboardKeras.load()


@pytest.mark.parametrize("package", PACKAGES)
def test_public_functions_and_methods_are_annotated(package):
    gaps = []
    for where, obj in _public_objects(package):
        if inspect.isclass(obj):
            for qualname, method in _methods(obj):
                gaps += _missing(method, qualname)
        else:
            gaps += _missing(obj, where)
    assert not gaps, "\n".join(gaps)


def test_the_check_sees_what_it_should():
    """The walk reaches methods, properties and decorated methods (a walk that found nothing would pass)."""
    from tfcompat.logs import ComparisonResult, PairComparison

    names = {q.rsplit(".", 1)[-1] for q, _ in _methods(ComparisonResult)}
    assert {"__init__", "different", "to_dict", "summary", "format"} <= names
    assert "reason" in {q.rsplit(".", 1)[-1] for q, _ in _methods(PairComparison)}

    def bare(x, *args, y=1, **kwargs):
        return x

    assert _missing(bare, "bare") == ["bare: parameter 'x'", "bare: parameter 'args'", "bare: parameter 'y'",
                                      "bare: parameter 'kwargs'", "bare: return"]


@pytest.mark.skipif(not HAS_TF, reason="TensorboardKeras needs TensorFlow")
def test_tensorboard_keras_decorated_method_is_checked():
    names = {q.rsplit(".", 1)[-1] for q, _ in _methods(tfcompat_tensorboard_keras())}
    assert {"__init__", "set_model", "on_epoch_end_cb", "on_epoch_end", "on_train_batch_end"} <= names
