"""tfcompat.keras.optimizers: Keras 2 ``lr=``/``decay=``/positional order and the ``lr`` property."""

import warnings

import numpy as np
import pytest

pytest.importorskip("tensorflow")

import keras  # noqa: E402

import tfcompat  # noqa: E402
from tfcompat.keras import backend as K  # noqa: E402
from tfcompat.keras import optimizers  # noqa: E402
from tfcompat.keras._optimizer_lr import (  # noqa: E402
    LR_PROPERTY,
    install_lr_property,
    lr_installed,
    uninstall_lr_property,
)
from tfcompat.keras.optimizers import SGD, Adam, Nadam, RMSprop  # noqa: E402

pytestmark = [pytest.mark.tf, pytest.mark.filterwarnings("ignore:`lr` is the Keras 2 name")]


def _steps(opt, grads):
    """Applies each gradient to w (starting at 0) and returns w after each step."""
    w = keras.Variable(np.array([0.0], "float32"))
    out = []
    for g in grads:
        opt.apply_gradients([(np.array([g], "float32"), w)])
        out.append(float(w.numpy()[0]))
    return out


def test_lr_keyword_warns_once_per_process(monkeypatch):
    monkeypatch.setattr(optimizers, "_warned_lr", False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Adam(lr=0.01)
        SGD(lr=0.1)
        Adam(learning_rate=0.01)
    messages = [str(w.message) for w in caught if "Keras 2 name" in str(w.message)]
    assert len(messages) == 1 and "Adam(lr=...)" in messages[0]


def test_optimizers_are_keras3_optimizers_with_the_given_rate():
    opt = Adam(lr=0.02)
    assert isinstance(opt, keras.optimizers.Adam)
    assert K.get_value(opt.lr) == np.float32(0.02)
    assert K.get_value(opt.learning_rate) == np.float32(0.02)
    assert float(SGD(lr=1).learning_rate.numpy()) == 1.0  # Keras 3 alone refuses ints
    assert float(SGD(learning_rate=np.float64(0.5)).learning_rate.numpy()) == 0.5


def test_default_learning_rates_are_keras2s():
    expected = {"SGD": 0.01, "RMSprop": 0.001, "Adagrad": 0.01, "Adadelta": 1.0, "Adam": 0.001,
                "Adamax": 0.002, "Nadam": 0.002}
    for name, lr in expected.items():
        opt = getattr(optimizers, name)()
        assert K.get_value(opt.lr) == np.float32(lr), name
    assert K.get_value(optimizers.get("adadelta").lr) == 1.0
    assert K.get_value(optimizers.Adadelta(decay=0.5).lr) == 1.0


def test_keras2_positional_order():
    opt = Adam(0.01, 0.8, 0.99, None, 0.0, True)
    assert (opt.beta_1, opt.beta_2, opt.amsgrad) == (0.8, 0.99, True)
    assert opt.epsilon == keras.optimizers.Adam().epsilon  # epsilon=None: the Keras default
    sgd = SGD(0.1, 0.9, 0.0, True)
    assert (sgd.momentum, sgd.nesterov) == (0.9, True)
    rms = RMSprop(0.001, 0.8)
    assert rms.rho == 0.8
    with pytest.raises(TypeError, match="at most 4 positional"):
        SGD(0.1, 0.9, 0.0, True, 5)
    with pytest.raises(TypeError, match="multiple values for argument 'momentum'"):
        SGD(0.1, 0.9, momentum=0.5)


def test_decay_is_applied_as_keras2_did():
    # Keras 2: lr_t = lr / (1 + decay * iterations), iterations counted before the update.
    assert _steps(SGD(lr=1.0, decay=1.0), [1, 1, 1]) == pytest.approx([-1.0, -1.5, -1.5 - 1 / 3])
    # Without decay the rate is constant.
    assert _steps(SGD(lr=1.0, decay=0.0), [1, 1]) == pytest.approx([-1.0, -2.0])


def test_lr_under_decay_is_the_base_rate_and_assignable():
    opt = SGD(lr=1.0, decay=1.0)
    w = keras.Variable(np.array([0.0], "float32"))
    for _ in range(3):
        opt.apply_gradients([(np.array([1.0], "float32"), w)])
    assert K.get_value(opt.lr) == 1.0  # Keras 2: model.optimizer.lr stayed the base rate
    assert K.get_value(opt.learning_rate) == pytest.approx(0.25)  # the decayed rate in use now
    K.set_value(opt.lr, 2.0)
    before = float(w.numpy()[0])
    opt.apply_gradients([(np.array([1.0], "float32"), w)])
    assert float(w.numpy()[0]) == pytest.approx(before - 2.0 / (1 + 3))
    opt.lr = 4.0
    assert K.get_value(opt.learning_rate) == pytest.approx(4.0 / (1 + 4))


def test_decay_survives_serialization():
    opt = Adam(lr=0.01, decay=1e-3)
    clone = keras.optimizers.deserialize(keras.optimizers.serialize(opt))
    assert type(clone) is Adam
    assert isinstance(clone._learning_rate, optimizers.Keras2InverseTimeDecay)
    assert clone._learning_rate.decay == 1e-3
    assert K.get_value(clone.lr) == np.float32(0.01)


def test_bad_arguments_name_argument_and_value():
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"either `lr`.*or `learning_rate`.*lr=0.1"):
        SGD(lr=0.1, learning_rate=0.2)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`decay` must be a finite, non-negative float.*decay=-1"):
        SGD(lr=0.1, decay=-1)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`decay` must be a non-negative float.*decay='x'"):
        SGD(lr=0.1, decay="x")
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`learning_rate` must be a finite, non-negative.*=-0.1"):
        SGD(lr=-0.1)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`learning_rate` must be a non-negative float.*='fast'"):
        Adam(lr="fast")
    schedule = keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`decay` \(Keras 2\) cannot be combined"):
        SGD(lr=schedule, decay=0.1)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"fixed `schedule_decay`.*schedule_decay=0.01"):
        Nadam(lr=0.002, schedule_decay=0.01)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`schedule_decay` must be .*schedule_decay='x'"):
        Nadam(schedule_decay="x")
    assert isinstance(Nadam(lr=0.002, schedule_decay=0.004), keras.optimizers.Nadam)
    opt = SGD(lr=0.1)
    for bad, pattern in ((-1.0, "finite, non-negative"), ("x", "non-negative float"), (True, "non-negative float")):
        with pytest.raises(tfcompat.InvalidArgumentError, match=rf"`lr` must be .*{pattern}.*Received: lr="):
            opt.lr = bad
    assert K.get_value(opt.lr) == np.float32(0.1)


def test_get_by_name_and_reexports():
    opt = optimizers.get("Adam")
    assert type(opt) is Adam and K.get_value(opt.lr) == np.float32(0.001)
    assert optimizers.adam is Adam and optimizers.sgd is SGD
    assert optimizers.AdamW is keras.optimizers.AdamW
    assert optimizers.schedules is keras.optimizers.schedules
    with pytest.raises(AttributeError, match="NoSuchOpt"):
        optimizers.NoSuchOpt


def test_install_and_uninstall_lr_property_exactly():
    base = keras.optimizers.Optimizer
    uninstall_lr_property()  # earlier tests used tfcompat.keras, which installs it
    before = dict(base.__dict__)
    plain = keras.optimizers.SGD(learning_rate=0.1)
    assert not hasattr(plain, "lr")
    try:
        assert install_lr_property() is True
        assert install_lr_property() is False  # idempotent
        assert lr_installed()
        plain.lr = 0.3
        assert K.get_value(plain.learning_rate) == np.float32(0.3)
    finally:
        assert uninstall_lr_property() is True
    assert uninstall_lr_property() is False
    assert not lr_installed() and not hasattr(plain, "lr")
    assert dict(base.__dict__) == before
    assert SGD.lr is LR_PROPERTY  # tfcompat's own optimizers keep theirs


def test_install_refuses_to_replace_someone_elses_lr():
    base = keras.optimizers.Optimizer
    uninstall_lr_property()
    base.lr = property(lambda self: 42)
    try:
        with pytest.raises(tfcompat.InvalidArgumentError, match="already has an `lr` attribute"):
            install_lr_property()
        assert uninstall_lr_property() is False  # not ours: left alone
        assert keras.optimizers.SGD().lr == 42
    finally:
        del base.lr


def test_lr_property_install_is_public_and_reversible():
    import keras

    from tfcompat.keras import optimizers

    base = keras.optimizers.Optimizer
    optimizers.uninstall_lr_property()  # earlier tests used tfcompat.keras, which installs it
    assert "lr" not in vars(base)
    optimizers.install_lr_property()
    try:
        opt = keras.optimizers.SGD(learning_rate=0.1)
        opt.lr = 0.25
        assert float(opt.learning_rate) == 0.25
    finally:
        optimizers.uninstall_lr_property()
    assert "lr" not in vars(base)
