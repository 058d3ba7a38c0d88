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
    ensure_lr_property,
    install_lr_property,
    uninstall_lr_property,
)
from tfcompat.keras._shared_optimizer import add_variables, new_variables
from tfcompat.keras._tf_optimizer import TFOptimizer, is_tf1_optimizer

keras = import_keras()

__all__ = [
    "SGD",
    "RMSprop",
    "Adagrad",
    "Adadelta",
    "Adam",
    "Adamax",
    "Nadam",
    "TFOptimizer",
    "Keras2InverseTimeDecay",
    "get",
    "serialize",
    "deserialize",
    "register_for_saving",
    "KERAS2_OPTIMIZER_NAMES",
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


def register_for_saving():
    """Registers tfcompat's optimizers and decay schedule with Keras 3's saving (``tfcompat>Adam``...).

    Called by their first instance and by ``tfcompat.keras.models.load_model``, never at import.
    """
    for cls in (Keras2InverseTimeDecay, *_BY_NAME.values()):
        _register_for_saving(cls)


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
    """Mixin: Keras 2 constructor arguments, ``lr``/``decay``, several models, Keras 2 configs."""

    # Keras 2.2 positional order of the constructor (after self), and its default lr.
    _KERAS2_ARGS = ("lr",)
    _KERAS2_DEFAULT_LR = 0.001
    # Keras 2.2's get_config keys besides `lr` and `decay` (attribute names are Keras 3's).
    _KERAS2_CONFIG = ()

    lr = LR_PROPERTY

    def __init__(self, *args, **kwargs):
        register_for_saving()
        ensure_lr_property()
        cls_name = type(self).__name__
        names = self._KERAS2_ARGS
        if len(args) > len(names):
            raise TypeError(f"{cls_name}() takes at most {len(names)} positional arguments "
                            f"(Keras 2 order: {', '.join(names)}); {len(args)} were given. Received: args={args!r:.200}")
        for name, value in zip(names, args):
            if name in kwargs:
                raise TypeError(f"{cls_name}() got multiple values for argument '{name}'. "
                                f"Received: {name}={value!r} (positional) and {name}={kwargs[name]!r} (keyword)")
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
        elif isinstance(kwargs["learning_rate"], dict):  # a Keras 3 config of a schedule
            kwargs["learning_rate"] = keras.optimizers.schedules.deserialize(kwargs["learning_rate"])
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

    @property
    def decay(self):
        """Keras 2 ``optimizer.decay``: the ``decay=`` factor (0.0 without one), a float."""
        return getattr(self._learning_rate, "decay", 0.0) if hasattr(self._learning_rate, BASE_LR_ATTR) else 0.0

    # -- one instance, several models (Keras 2 built its slots per compiled model) --------------

    def build(self, var_list):
        if self.built:
            add_variables(self, new_variables(self, var_list))
            return
        super().build(var_list)

    def apply(self, grads, trainable_variables=None):
        if trainable_variables is not None and self.built:
            trainable_variables = list(trainable_variables)
            add_variables(self, new_variables(self, trainable_variables))
        return super().apply(grads, trainable_variables)

    # -- Keras 2's optimizer API -------------------------------------------------------------

    @property
    def weights(self):
        """Keras 2 ``optimizer.weights``: the optimizer's variables (``iterations`` first)."""
        return self.variables

    def get_weights(self):
        """Keras 2 ``optimizer.get_weights()``: the values of :attr:`weights`."""
        return [keras.ops.convert_to_numpy(v) for v in self.variables]

    def set_weights(self, weights):
        """Keras 2 ``optimizer.set_weights(weights)``: one value per variable of :attr:`weights`."""
        variables = self.variables
        if len(weights) != len(variables):
            raise InvalidArgumentError(
                f"`weights` must hold one value per optimizer variable ({len(variables)}). "
                f"Received: {len(weights)} values")
        for variable, value in zip(variables, weights):
            variable.assign(value)

    def get_updates(self, loss, params):
        """Keras 2 ``get_updates(loss, params)``: the update of ``params`` minimizing ``loss``.

        Keras 3 has no graph of update ops; this returns ``[ParameterUpdate]``, which
        applies gradients of ``loss`` when run (``update.apply(gradients)``) and which
        ``K.function(..., updates=...)`` runs after computing them.
        """
        return [ParameterUpdate(self, loss, list(params))]

    def get_config(self):
        """Keras 2's configuration: ``lr``, ``decay`` and the class's Keras 2 keys (plus any Keras 3 extra set)."""
        config = {"lr": float(keras.ops.convert_to_numpy(self.lr))}
        for key in self._KERAS2_CONFIG:
            config[key] = self.decay if key == "decay" else getattr(self, key, _KERAS2_FIXED.get(key))
        for key in ("clipnorm", "clipvalue"):
            if getattr(self, key, None) is not None:
                config[key] = getattr(self, key)
        full = super().get_config()
        for key in _KERAS3_EXTRAS:
            if key in full and full[key] != _KERAS3_EXTRAS[key]:
                config[key] = full[key]
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """Builds the optimizer from a Keras 2 (``lr=``) or Keras 3 (``learning_rate=``) configuration."""
        config = dict(config)
        if "lr" in config and "learning_rate" not in config:
            config["learning_rate"] = config.pop("lr")  # no "Keras 2 name" warning when loading a file
        return cls(**config)


# Keras 2 settings Keras 3 fixed (no attribute), as their Keras 2 config reported them.
_KERAS2_FIXED = {"schedule_decay": 0.004}
# Keras 3 constructor arguments Keras 2 lacked, with their defaults: kept in a config when set.
_KERAS3_EXTRAS = {"weight_decay": None, "global_clipnorm": None, "use_ema": False, "ema_momentum": 0.99,
                  "ema_overwrite_frequency": None, "loss_scale_factor": None, "gradient_accumulation_steps": None}


class ParameterUpdate:
    """What Keras 2's ``get_updates(loss, params)`` returns here: the optimizer step for ``params``.

    Attributes:
        optimizer: the optimizer that applies it.
        loss: the (symbolic) loss whose gradients it applies.
        params: the variables it updates.
    """

    def __init__(self, optimizer, loss, params):
        self.optimizer, self.loss, self.params = optimizer, loss, params

    def apply(self, gradients):
        """Applies ``gradients`` (one per param, in order) with the optimizer: one Keras 2 update."""
        self.optimizer.apply(list(gradients), self.params)


def _keras2(base, keras2_args, keras2_config, default_lr, doc):
    return type(
        base.__name__,
        (_Keras2Optimizer, base),
        {"_KERAS2_ARGS": keras2_args, "_KERAS2_CONFIG": keras2_config, "_KERAS2_DEFAULT_LR": default_lr,
         "__doc__": doc, "__module__": __name__, "__qualname__": base.__name__},
    )


SGD = _keras2(
    keras.optimizers.SGD,
    ("lr", "momentum", "decay", "nesterov"),
    ("momentum", "decay", "nesterov"),
    0.01,
    "Keras 2 ``SGD(lr=0.01, momentum=0., decay=0., nesterov=False)`` on Keras 3's SGD.",
)
RMSprop = _keras2(
    keras.optimizers.RMSprop,
    ("lr", "rho", "epsilon", "decay"),
    ("rho", "decay", "epsilon"),
    0.001,
    "Keras 2 ``RMSprop(lr=0.001, rho=0.9, epsilon=None, decay=0.)`` on Keras 3's RMSprop.",
)
Adagrad = _keras2(
    keras.optimizers.Adagrad,
    ("lr", "epsilon", "decay"),
    ("decay", "epsilon"),
    0.01,
    "Keras 2 ``Adagrad(lr=0.01, epsilon=None, decay=0.)`` on Keras 3's Adagrad.",
)
Adadelta = _keras2(
    keras.optimizers.Adadelta,
    ("lr", "rho", "epsilon", "decay"),
    ("rho", "decay", "epsilon"),
    1.0,
    "Keras 2 ``Adadelta(lr=1.0, rho=0.95, epsilon=None, decay=0.)`` on Keras 3's Adadelta.",
)
Adam = _keras2(
    keras.optimizers.Adam,
    ("lr", "beta_1", "beta_2", "epsilon", "decay", "amsgrad"),
    ("beta_1", "beta_2", "decay", "epsilon", "amsgrad"),
    0.001,
    "Keras 2 ``Adam(lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=None, decay=0., amsgrad=False)`` on Keras 3's Adam.",
)
Adamax = _keras2(
    keras.optimizers.Adamax,
    ("lr", "beta_1", "beta_2", "epsilon", "decay"),
    ("beta_1", "beta_2", "decay", "epsilon"),
    0.002,
    "Keras 2 ``Adamax(lr=0.002, beta_1=0.9, beta_2=0.999, epsilon=None, decay=0.)`` on Keras 3's Adamax.",
)
Nadam = _keras2(
    keras.optimizers.Nadam,
    ("lr", "beta_1", "beta_2", "epsilon", "schedule_decay"),
    ("beta_1", "beta_2", "epsilon", "schedule_decay"),
    0.002,
    "Keras 2 ``Nadam(lr=0.002, beta_1=0.9, beta_2=0.999, epsilon=None, schedule_decay=0.004)`` on Keras 3's Nadam.",
)

# Keras 2.2 also exported lowercase aliases.
sgd, rmsprop, adagrad, adadelta, adam, adamax, nadam = SGD, RMSprop, Adagrad, Adadelta, Adam, Adamax, Nadam

_BY_NAME = {cls.__name__.lower(): cls for cls in (SGD, RMSprop, Adagrad, Adadelta, Adam, Adamax, Nadam)}
KERAS2_OPTIMIZER_NAMES = tuple(cls.__name__ for cls in _BY_NAME.values())


def serialize(optimizer):
    """Keras 2 ``serialize(optimizer)``: ``{'class_name': 'Adam', 'config': {...}}``."""
    return {"class_name": type(optimizer).__name__, "config": optimizer.get_config()}


def deserialize(config, custom_objects=None):
    """Keras 2 ``deserialize(config, custom_objects=None)``: an optimizer from :func:`serialize`'s form.

    As Keras 2 did, a known class name in ``config`` is lowercased in place. A Keras 3
    configuration (with ``module``/``registered_name``) is Keras 3's to read.
    """
    if not isinstance(config, dict) or "class_name" not in config:
        raise InvalidArgumentError(f"`config` must be a dict with 'class_name' and 'config'. Received: config={config!r}")
    custom = {k.lower(): v for k, v in (custom_objects or {}).items()}
    name = str(config["class_name"]).lower()
    if name in _BY_NAME:
        config["class_name"] = name  # Keras 2 mutated its argument this way; tests compare against it
    cls = custom.get(name) or _BY_NAME.get(name)
    if cls is None or "module" in config or "registered_name" in config:
        return keras.optimizers.deserialize(config, custom_objects=custom_objects)
    return cls.from_config(config.get("config", {}))


def get(identifier):
    """Keras 2 ``keras.optimizers.get``: a name gives tfcompat's optimizer (with ``lr``).

    Args:
        identifier: an optimizer name ('adam', 'SGD'...), a config dict, an optimizer
            instance, or a TF1 ``tf.train`` optimizer (wrapped in :class:`TFOptimizer`).

    Returns:
        An optimizer instance.
    """
    if isinstance(identifier, str) and identifier.lower() in _BY_NAME:
        return _BY_NAME[identifier.lower()]()
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if is_tf1_optimizer(identifier):
        return TFOptimizer(identifier)
    return keras.optimizers.get(identifier)


def __getattr__(name):
    # Everything else of keras.optimizers, unchanged (AdamW, Lion, schedules, Optimizer...).
    try:
        return getattr(keras.optimizers, name)
    except AttributeError:
        raise AttributeError(f"module 'tfcompat.keras.optimizers' has no attribute {name!r}") from None


def __dir__():
    return sorted(set(globals()) | set(dir(keras.optimizers)))
