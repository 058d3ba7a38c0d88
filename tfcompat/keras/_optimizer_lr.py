"""The Keras 2 ``optimizer.lr`` attribute on Keras 3 optimizers.

Keras 3 renamed ``lr`` to ``learning_rate``. Reading ``opt.lr`` raises
AttributeError, and ``opt.lr = 0.1`` silently creates a plain attribute while
training goes on with the old rate. :data:`LR_PROPERTY` restores the Keras 2
meaning; the optimizers in :mod:`tfcompat.keras.optimizers` carry it, and
:func:`install_lr_property` adds it to every Keras 3 optimizer. ``lr`` is a name
Keras 3 lacks entirely, so it is added globally, at the first use of tfcompat's
Keras 2 surface (a callback, optimizer or model of :mod:`tfcompat.keras`:
:func:`ensure_lr_property`) or by ``tfcompat.patch``; never at import time.
:func:`uninstall_lr_property` (and ``tfcompat.unpatch()``) removes it.

Semantics (Keras 2):
  * float learning rate: ``opt.lr`` IS the optimizer's learning-rate variable, so
    ``K.eval``/``K.get_value``/``K.set_value`` on it read and change the rate training uses.
  * Keras 2 ``decay=`` (see :mod:`tfcompat.keras.optimizers`): ``opt.lr`` is the
    BASE rate variable, exactly as in Keras 2 where the decayed rate was never stored.
  * any other ``LearningRateSchedule``: ``opt.lr`` is the rate at the current
    iteration (a read-only tensor). Assigning a number raises
    :class:`~tfcompat.InvalidArgumentError` (replacing a schedule silently would
    drop it); assign a new schedule or set ``opt.learning_rate`` instead.
"""

import math
import sys
import warnings

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras

__all__ = ["is_schedule", "LR_PROPERTY", "install_lr_property", "uninstall_lr_property", "lr_installed",
           "ensure_lr_property", "check_learning_rate"]

# Attribute that marks a schedule whose base rate is what Keras 2 called `lr`.
BASE_LR_ATTR = "tfcompat_base_learning_rate"


def check_learning_rate(value, arg="lr"):
    """Validates a learning-rate number; returns it as a float.

    Args:
        value: int, float, numpy scalar or a scalar tensor/variable.
        arg: argument name for the error message.

    Raises:
        InvalidArgumentError: not a finite number >= 0.
    """
    if isinstance(value, bool):
        raise InvalidArgumentError(f"`{arg}` must be a non-negative float. Received: {arg}={value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidArgumentError(
            f"`{arg}` must be a non-negative float or a LearningRateSchedule. Received: {arg}={value!r}"
        ) from None
    if not math.isfinite(number) or number < 0:
        raise InvalidArgumentError(f"`{arg}` must be a finite, non-negative float. Received: {arg}={value!r}")
    return number


def is_schedule(value):
    """True when ``value`` is a learning rate that depends on the step: a ``LearningRateSchedule``
    or a plain callable (not a variable or tensor, which have a dtype)."""
    keras = sys.modules.get("keras")
    if keras is not None and isinstance(value, keras.optimizers.schedules.LearningRateSchedule):
        return True
    return callable(value) and not hasattr(value, "dtype")


def _get_lr(self):
    base = getattr(self._learning_rate, BASE_LR_ATTR, None)
    if base is not None:
        return base
    return self.learning_rate


def _set_lr(self, value):
    current = self._learning_rate
    base = getattr(current, BASE_LR_ATTR, None)
    if is_schedule(value):
        # A new schedule replaces whatever was there, as `learning_rate = ...` does.
        self.learning_rate = value
        return
    number = check_learning_rate(value, "lr")
    if base is not None:
        base.assign(number)
        return
    if is_schedule(current):
        raise InvalidArgumentError(
            f"`lr` cannot be assigned a number: optimizer {self.name!r} follows the learning-rate schedule "
            f"{type(current).__name__}, which tfcompat will not drop silently. Assign a new schedule "
            f"(`optimizer.lr = schedule`) or build the optimizer with a float learning rate. Received: lr={value!r}"
        )
    self.learning_rate = number


LR_PROPERTY = property(
    _get_lr,
    _set_lr,
    doc=(
        "Keras 2 ``optimizer.lr``: the learning-rate variable (read/assign), "
        "the base rate under Keras 2 ``decay=``, or the current rate under a schedule."
    ),
)


def _optimizer_base():
    return import_keras().optimizers.Optimizer


def install_lr_property():
    """Adds Keras 2's ``lr`` property to ``keras.optimizers.Optimizer`` (every Keras 3 optimizer).

    Returns:
        True if this call installed it, False if it was already installed.

    Raises:
        InvalidArgumentError: the base class already has an unrelated ``lr`` attribute
            (another library patched it); tfcompat does not overwrite it.
    """
    base = _optimizer_base()
    existing = base.__dict__.get("lr")
    if existing is LR_PROPERTY:
        return False
    if existing is not None:
        raise InvalidArgumentError(
            f"keras.optimizers.Optimizer already has an `lr` attribute that tfcompat did not add; "
            f"refusing to replace it. Received: lr={existing!r}"
        )
    base.lr = LR_PROPERTY
    return True


def uninstall_lr_property():
    """Removes the ``lr`` property :func:`install_lr_property` added, and nothing else.

    Returns:
        True if it was removed, False if it was not installed.
    """
    if "keras" not in sys.modules:
        return False
    base = _optimizer_base()
    if base.__dict__.get("lr") is not LR_PROPERTY:
        return False
    del base.lr
    return True


def lr_installed():
    """True when :func:`install_lr_property` is in effect."""
    if "keras" not in sys.modules:
        return False
    return _optimizer_base().__dict__.get("lr") is LR_PROPERTY


_warned_foreign = []


def ensure_lr_property():
    """Installs ``lr`` on Keras 3's optimizers unless it is there: called by the Keras 2 surface on first use.

    Never raises: when another library put its own ``lr`` on the base class, that one
    is kept and a RuntimeWarning says so, once.
    """
    keras = sys.modules.get("keras")
    if keras is None:
        return
    if vars(keras.optimizers.Optimizer).get("lr") is LR_PROPERTY:
        return
    try:
        install_lr_property()
    except InvalidArgumentError as e:
        if not _warned_foreign:
            _warned_foreign.append(True)
            warnings.warn(f"tfcompat: {e}", RuntimeWarning, stacklevel=3)
