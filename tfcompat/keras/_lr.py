"""Reads the learning rate an optimizer actually uses, for the ``lr`` tag.

Keras 2 callbacks read ``K.eval(model.optimizer.lr)``; Keras 3 has no ``lr``
and a rate may be a float variable or a ``LearningRateSchedule`` evaluated at
``optimizer.iterations``. TF is imported lazily by the caller's objects.
"""

import warnings

from tfcompat.keras._optimizer_lr import is_schedule

__all__ = ["model_optimizers", "current_learning_rate", "has_schedule"]


def model_optimizers(model):
    """``[(suffix, optimizer)]`` of a model: one entry (suffix ``""``) or one per optimizer.

    Handles ``LossScaleOptimizer`` (its ``inner_optimizer``), Keras 3's
    multi-optimizer wrappers (``optimizer.optimizers``) and models that keep
    several optimizers in ``model.optimizers`` (GAN-style code).
    """
    found = []
    several = getattr(model, "optimizers", None)
    if isinstance(several, dict):
        found = [(str(k), v) for k, v in several.items()]
    elif isinstance(several, (list, tuple)) and several:
        found = [(getattr(o, "name", str(i)) or str(i), o) for i, o in enumerate(several)]
    else:
        opt = getattr(model, "optimizer", None)
        if opt is None:
            return []
        opt = getattr(opt, "inner_optimizer", opt)
        inner = getattr(opt, "optimizers", None)
        if isinstance(inner, (list, tuple)) and inner:
            found = [(getattr(o, "name", str(i)) or str(i), o) for i, o in enumerate(inner)]
        else:
            return [("", opt)]
    # Unique suffixes: two optimizers may share a name.
    seen, out = {}, []
    for name, opt in found:
        n = seen.get(name, 0)
        seen[name] = n + 1
        out.append((name if n == 0 else f"{name}_{n}", getattr(opt, "inner_optimizer", opt)))
    return out


def has_schedule(optimizer):
    """True when the optimizer's rate is a ``LearningRateSchedule`` (it changes every step)."""
    return is_schedule(getattr(optimizer, "_learning_rate", None))


_warned_plain_lr = set()


def current_learning_rate(optimizer):
    """The optimizer's learning rate now, as a Python float (None when it has none).

    Schedules are evaluated at ``optimizer.iterations`` (Keras 3's
    ``optimizer.learning_rate`` does that).
    """
    lr = getattr(optimizer, "learning_rate", None)
    if lr is None:
        return None
    if callable(lr) and not hasattr(lr, "numpy"):
        lr = lr(optimizer.iterations)
    try:
        value = float(lr.numpy() if hasattr(lr, "numpy") else lr)
    except (TypeError, ValueError):
        return None
    plain = getattr(optimizer, "__dict__", {}).get("lr")
    if plain is not None and id(optimizer) not in _warned_plain_lr:
        # Keras 3 without tfcompat's `lr` property: `opt.lr = x` made a plain
        # attribute that training ignores. Log what training really uses.
        _warned_plain_lr.add(id(optimizer))
        warnings.warn(
            f"optimizer {getattr(optimizer, 'name', optimizer)!r} has a plain attribute lr={plain!r} that "
            f"Keras 3 ignores; the `lr` tag shows the rate actually used ({value!r}). Use "
            "`optimizer.learning_rate.assign(x)` or tfcompat.patch() to make `opt.lr = x` work.",
            RuntimeWarning,
            stacklevel=3,
        )
    return value
