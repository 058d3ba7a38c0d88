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
    with pytest.raises(TypeError, match=r"at most 4 positional.*Received: args=\(0.1, 0.9, 0.0, True, 5\)"):
        SGD(0.1, 0.9, 0.0, True, 5)
    with pytest.raises(TypeError, match=r"multiple values for argument 'momentum'. "
                                         r"Received: momentum=0.9 \(positional\) and momentum=0.5"):
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


# -- Keras 2's optimizer object ---------------------------------------------------------------------


def _two_models(opt):
    x = np.random.RandomState(0).normal(size=(32, 3)).astype("float32")
    models = []
    for units in (1, 2):  # different variables, as a GAN's discriminator and combined model
        model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(units)])
        model.compile(opt, "mse")
        models.append(model)
    return x, models


def test_one_instance_compiled_into_two_models_trains_both():
    opt = Adam(lr=0.05)
    x, (first, second) = _two_models(opt)
    before = [m.get_weights()[0].copy() for m in (first, second)]
    first.fit(x, np.ones((32, 1)), epochs=1, batch_size=32, verbose=0)
    second.fit(x, np.ones((32, 2)), epochs=1, batch_size=32, verbose=0)  # Keras 3 alone: "Unknown variable"
    first.fit(x, np.ones((32, 1)), epochs=1, batch_size=32, verbose=0)
    for model, start in zip((first, second), before):
        assert not np.array_equal(model.get_weights()[0], start)
    assert int(K.get_value(opt.iterations)) == 3  # one counter, as in Keras 2
    assert len(opt.variables) == 2 + 2 * (2 + 2)  # iterations, lr, then two Adam slots per model variable
    K.set_value(opt.lr, 0.01)  # one learning rate for both
    assert first.optimizer is second.optimizer is opt


def test_keras2_config_serialize_and_deserialize():
    opt = Adam(lr=0.01, decay=1e-3, amsgrad=True)
    config = opt.get_config()
    assert sorted(config) == ["amsgrad", "beta_1", "beta_2", "decay", "epsilon", "lr"]
    assert config["lr"] == pytest.approx(0.01) and config["decay"] == pytest.approx(1e-3)
    clone = Adam.from_config(config)
    assert clone.get_config() == config
    serialized = optimizers.serialize(opt)
    assert serialized == {"class_name": "Adam", "config": config}
    restored = optimizers.deserialize(serialized)
    assert serialized["class_name"] == "adam"  # Keras 2 lowercased it in place
    assert type(restored) is Adam and restored.get_config() == config
    assert SGD(lr=0.1, momentum=0.9, nesterov=True).get_config() == {
        "lr": pytest.approx(0.1), "momentum": 0.9, "decay": 0.0, "nesterov": True}
    assert optimizers.Nadam().get_config()["schedule_decay"] == 0.004
    assert SGD(lr=0.1, weight_decay=0.01).get_config()["weight_decay"] == 0.01  # a Keras 3 setting is kept


def test_decay_weights_and_get_updates():
    opt = SGD(lr=1.0, decay=0.5)
    assert opt.decay == 0.5 and SGD().decay == 0.0
    w = keras.Variable(np.array([0.0], "float32"))
    (update,) = opt.get_updates(loss=None, params=[w])
    update.apply([np.array([1.0], "float32")])  # what K.function(..., updates=...) runs
    assert float(w.numpy()[0]) == pytest.approx(-1.0)
    assert opt.weights[0].name == "iteration" and opt.weights == opt.variables  # Keras 2: iterations first
    values = opt.get_weights()
    opt.set_weights(values)
    with pytest.raises(tfcompat.InvalidArgumentError, match="one value per optimizer variable"):
        opt.set_weights(values + values)


def test_tf_optimizer_trains_and_hides_its_state():
    import tensorflow

    opt = optimizers.get(tensorflow.compat.v1.train.AdamOptimizer(0.1))
    assert type(opt) is optimizers.TFOptimizer
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, kernel_constraint=keras.constraints.MaxNorm(1))])
    model.compile(opt, "mse")
    x = np.random.RandomState(1).normal(size=(16, 3)).astype("float32")
    loss = model.evaluate(x, x[:, :1], verbose=0)
    model.fit(x, x[:, :1], epochs=5, batch_size=16, verbose=0)
    assert model.evaluate(x, x[:, :1], verbose=0) < loss
    assert np.linalg.norm(model.get_weights()[0], axis=0).max() <= 1.0 + 1e-6  # the constraint applied
    for call in (lambda: opt.weights, opt.get_config, lambda: optimizers.TFOptimizer.from_config(None)):
        with pytest.raises(NotImplementedError):
            call()
    with pytest.raises(tfcompat.InvalidArgumentError, match="TF1 tf.train optimizer"):
        optimizers.TFOptimizer("adam")


FIRST_USE = """
import keras, tfcompat
from tfcompat.keras import backend as K, callbacks, models, optimizers
base = keras.optimizers.Optimizer
assert "lr" not in vars(base), "installed at import"
model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: None)  # first use of the Keras 2 surface
assert K.eval(model.optimizer.lr) == keras.ops.convert_to_numpy(model.optimizer.learning_rate)
model.optimizer.lr = 0.5  # no longer a silent no-op
assert float(model.optimizer.learning_rate.numpy()) == 0.5
assert tfcompat.unpatch() is False and "lr" not in vars(base)
print("ok")
"""


@pytest.mark.slow  # 1.5-4 s of whole fits or saves: not in the quick run
def test_lr_appears_at_first_use_of_the_keras_2_surface_and_unpatch_removes_it(tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-c", FIRST_USE], capture_output=True, text=True, timeout=300, cwd=str(tmp_path))
    assert r.returncode == 0 and r.stdout.strip().endswith("ok"), r.stderr[-2000:]
