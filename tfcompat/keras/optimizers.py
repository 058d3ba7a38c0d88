"""Keras 2 optimizers (``lr=``, ``decay=``, ``optimizer.lr``) on top of Keras 3's.

Mirrors ``keras.optimizers`` of Keras 2.1/2.2: ``Adam(lr=0.001, decay=1e-6)``
works, ``opt.lr`` reads and assigns the real learning rate, and ``decay`` is
really applied as Keras 2 did: ``lr / (1 + decay * iterations)``.

Each class is a subclass of the Keras 3 optimizer of the same name, so Keras 3
code sees a normal optimizer. Differences from Keras 3 worth knowing:
  * positional arguments follow Keras 2's order (``Adam(0.01, 0.9, 0.999, None, 1e-6)``:
    lr, beta_1, beta_2, epsilon, decay);
  * ``lr=`` is accepted (with one warning per process) and ``epsilon=None`` means the
    Keras default;
  * the default learning rates are Keras 2's where Keras 3 changed them (Adagrad 0.01,
    Adadelta 1.0, Adamax and Nadam 0.002; Keras 3 uses 0.001), so 2018 code that relied
    on the default trains at the rate it was tuned for;
  * Nadam's ``schedule_decay`` is fixed at Keras 2's default 0.004 in Keras 3; any other
    value raises instead of being dropped.

Every other ``keras.optimizers`` name (``AdamW``, ``schedules``, ``Optimizer``...) is
re-exported unchanged.
"""

import math
import threading

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras
from tfcompat._warn import warn_at_user
from tfcompat.keras._optimizer_lr import (
    BASE_LR_ATTR,
    LR_PROPERTY,
    check_learning_rate,
    install_lr_property,
    uninstall_lr_property,
)

keras = import_keras()

__all__ = [
    "SGD",
    "RMSprop",
    "Adagrad",
    "Adadelta",
    "Adam",
    "Adamax",
    "Nadam",
    "Keras2InverseTimeDecay",
    "get",
    "install_lr_property",
    "uninstall_lr_property",
]

_warned_lr = False
_warn_lock = threading.Lock()


def _warn_lr_once(cls_name):
    global _warned_lr
    with _warn_lock:
        if _warned_lr:
            return
        _warned_lr = True
    warn_at_user(  # at the user's `Adam(lr=...)`, however deep the call to here
        f"`lr` is the Keras 2 name of `learning_rate`; tfcompat accepted {cls_name}(lr=...). "
        "Keras 3 code spells it `learning_rate=` (this warning is shown once per process).",
        UserWarning,
    )


def _register_for_saving(cls):
    # With the first instance, not at import: a saved model names it "tfcompat>Keras2InverseTimeDecay".
    if keras.saving.get_registered_object(f"tfcompat>{cls.__name__}") is None:
        keras.saving.register_keras_serializable(package="tfcompat")(cls)


class Keras2InverseTimeDecay(keras.optimizers.schedules.LearningRateSchedule):
    """Keras 2's ``decay=`` optimizer argument: ``lr / (1 + decay * iterations)``.

    Keras 2 computed this inside every optimizer's update. Here it is a schedule
    whose base rate is a variable, so ``optimizer.lr`` (the base rate in Keras 2)
    stays readable and assignable (e.g. by ``ReduceLROnPlateau``).

    Args:
        learning_rate: the base learning rate (Keras 2 ``lr``), a float >= 0.
        decay: the Keras 2 ``decay`` factor, a float >= 0.
    """

    def __init__(self, learning_rate, decay):
        _register_for_saving(type(self))
        rate = check_learning_rate(learning_rate, "learning_rate")
        self.decay = _check_decay(decay)
        self.initial_learning_rate = rate
        setattr(
            self,
            BASE_LR_ATTR,
            keras.Variable(rate, name="base_learning_rate", dtype=keras.backend.floatx(), trainable=False),
        )

    @property
    def base_learning_rate(self):
        """The variable holding the undecayed rate (Keras 2 ``optimizer.lr``)."""
        return getattr(self, BASE_LR_ATTR)

    def __call__(self, step):
        ops = keras.ops
        base = ops.convert_to_tensor(self.base_learning_rate)
        step = ops.cast(step, base.dtype)
        return ops.divide(base, ops.add(1.0, ops.multiply(self.decay, step)))

    def get_config(self):
        return {"learning_rate": float(keras.ops.convert_to_numpy(self.base_learning_rate)), "decay": self.decay}


def _check_decay(decay, arg="decay"):
    if isinstance(decay, bool):
        raise InvalidArgumentError(f"`{arg}` must be a non-negative float. Received: {arg}={decay!r}")
    try:
        value = float(decay)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"`{arg}` must be a non-negative float. Received: {arg}={decay!r}") from None
    if not math.isfinite(value) or value < 0:
        raise InvalidArgumentError(f"`{arg}` must be a finite, non-negative float. Received: {arg}={decay!r}")
    return value


class _Keras2Optimizer:
    """Mixin: Keras 2 constructor arguments and the ``lr`` property."""

    # Keras 2.2 positional order of the constructor (after self), and its default lr.
    _KERAS2_ARGS = ("lr",)
    _KERAS2_DEFAULT_LR = 0.001

    lr = LR_PROPERTY

    def __init__(self, *args, **kwargs):
        cls_name = type(self).__name__
        names = self._KERAS2_ARGS
        if len(args) > len(names):
            raise TypeError(f"{cls_name}() takes at most {len(names)} positional arguments "
                            f"(Keras 2 order: {', '.join(names)}); {len(args)} were given")
        for name, value in zip(names, args):
            if name in kwargs:
                raise TypeError(f"{cls_name}() got multiple values for argument '{name}'")
            kwargs[name] = value
        if "lr" in kwargs:
            lr = kwargs.pop("lr")
            if "learning_rate" in kwargs:
                raise InvalidArgumentError(
                    f"Pass either `lr` (Keras 2) or `learning_rate` (Keras 3) to {cls_name}, not both. "
                    f"Received: lr={lr!r}, learning_rate={kwargs['learning_rate']!r}"
                )
            _warn_lr_once(cls_name)
            kwargs["learning_rate"] = lr
        if "epsilon" in kwargs and kwargs["epsilon"] is None:
            del kwargs["epsilon"]  # Keras 2: None meant K.epsilon(), which is Keras 3's default
        if "schedule_decay" in kwargs:
            schedule_decay = kwargs.pop("schedule_decay")
            if schedule_decay is not None and _check_decay(schedule_decay, "schedule_decay") != 0.004:
                raise InvalidArgumentError(
                    f"Keras 3 {cls_name} has a fixed `schedule_decay` of 0.004 (the Keras 2 default). "
                    f"Received: schedule_decay={schedule_decay!r}"
                )
        if "learning_rate" not in kwargs:
            kwargs["learning_rate"] = self._KERAS2_DEFAULT_LR
        decay = kwargs.pop("decay", None)
        if decay is not None and _check_decay(decay) > 0:
            rate = kwargs["learning_rate"]
            if isinstance(rate, keras.optimizers.schedules.LearningRateSchedule) or callable(rate):
                raise InvalidArgumentError(
                    f"`decay` (Keras 2) cannot be combined with a learning-rate schedule. "
                    f"Received: decay={decay!r}, learning_rate={rate!r}"
                )
            kwargs["learning_rate"] = Keras2InverseTimeDecay(rate, decay)
        elif "learning_rate" in kwargs and not (
            isinstance(kwargs["learning_rate"], keras.optimizers.schedules.LearningRateSchedule)
            or callable(kwargs["learning_rate"])
        ):
            # Keras 3 only takes a Python float; Keras 2 code passes ints and numpy scalars.
            kwargs["learning_rate"] = check_learning_rate(kwargs["learning_rate"], "learning_rate")
        super().__init__(**kwargs)


def _keras2(base, keras2_args, default_lr, doc):
    cls = type(
        base.__name__,
        (_Keras2Optimizer, base),
        {"_KERAS2_ARGS": keras2_args, "_KERAS2_DEFAULT_LR": default_lr, "__doc__": doc,
         "__module__": __name__, "__qualname__": base.__name__},
    )
    return keras.saving.register_keras_serializable(package="tfcompat")(cls)


SGD = _keras2(
    keras.optimizers.SGD,
    ("lr", "momentum", "decay", "nesterov"),
    0.01,
    "Keras 2 ``SGD(lr=0.01, momentum=0., decay=0., nesterov=False)`` on Keras 3's SGD.",
)
RMSprop = _keras2(
    keras.optimizers.RMSprop,
    ("lr", "rho", "epsilon", "decay"),
    0.001,
    "Keras 2 ``RMSprop(lr=0.001, rho=0.9, epsilon=None, decay=0.)`` on Keras 3's RMSprop.",
)
Adagrad = _keras2(
    keras.optimizers.Adagrad,
    ("lr", "epsilon", "decay"),
    0.01,
    "Keras 2 ``Adagrad(lr=0.01, epsilon=None, decay=0.)`` on Keras 3's Adagrad.",
)
Adadelta = _keras2(
    keras.optimizers.Adadelta,
    ("lr", "rho", "epsilon", "decay"),
    1.0,
    "Keras 2 ``Adadelta(lr=1.0, rho=0.95, epsilon=None, decay=0.)`` on Keras 3's Adadelta.",
)
Adam = _keras2(
    keras.optimizers.Adam,
    ("lr", "beta_1", "beta_2", "epsilon", "decay", "amsgrad"),
    0.001,
    "Keras 2 ``Adam(lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=None, decay=0., amsgrad=False)`` on Keras 3's Adam.",
)
Adamax = _keras2(
    keras.optimizers.Adamax,
    ("lr", "beta_1", "beta_2", "epsilon", "decay"),
    0.002,
    "Keras 2 ``Adamax(lr=0.002, beta_1=0.9, beta_2=0.999, epsilon=None, decay=0.)`` on Keras 3's Adamax.",
)
Nadam = _keras2(
    keras.optimizers.Nadam,
    ("lr", "beta_1", "beta_2", "epsilon", "schedule_decay"),
    0.002,
    "Keras 2 ``Nadam(lr=0.002, beta_1=0.9, beta_2=0.999, epsilon=None, schedule_decay=0.004)`` on Keras 3's Nadam.",
)

# Keras 2.2 also exported lowercase aliases.
sgd, rmsprop, adagrad, adadelta, adam, adamax, nadam = SGD, RMSprop, Adagrad, Adadelta, Adam, Adamax, Nadam

_BY_NAME = {cls.__name__.lower(): cls for cls in (SGD, RMSprop, Adagrad, Adadelta, Adam, Adamax, Nadam)}


def get(identifier):
    """Keras 2 ``keras.optimizers.get``: a name gives tfcompat's optimizer (with ``lr``).

    Args:
        identifier: an optimizer name ('adam', 'SGD'...), a config dict, or an optimizer instance.

    Returns:
        An optimizer instance.
    """
    if isinstance(identifier, str) and identifier.lower() in _BY_NAME:
        return _BY_NAME[identifier.lower()]()
    return keras.optimizers.get(identifier)


def __getattr__(name):
    # Everything else of keras.optimizers, unchanged (AdamW, Lion, schedules, Optimizer...).
    try:
        return getattr(keras.optimizers, name)
    except AttributeError:
        raise AttributeError(f"module 'tfcompat.keras.optimizers' has no attribute {name!r}") from None


def __dir__():
    return sorted(set(globals()) | set(dir(keras.optimizers)))
