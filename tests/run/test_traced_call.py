"""tf.keras 2.x layers and models whose `call` is a `@tf.function` train under tfcompat.patch() (and `run`).

Keras 3 alone traces such a `call` symbolically before the sub-layers' variables
exist and tf.function keeps that trace: "No gradients provided for any variable".
"""

import warnings

import numpy as np
import pytest

pytestmark = pytest.mark.tf

tf = pytest.importorskip("tensorflow")
keras = pytest.importorskip("keras")

import tfcompat  # noqa: E402


class Subclassed(keras.Model):
    """The TF 2.0 tutorials' model: sub-layers created in __init__, `call` compiled by tf.function."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(8, activation="relu")
        self.out = keras.layers.Dense(2, activation="softmax")

    @tf.function
    def call(self, x):
        return self.out(self.hidden(x))


class Scale(keras.layers.Layer):
    """A custom layer with its own weight and a tf.function `call`, used inside a functional model."""

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones")

    @tf.function
    def call(self, x):
        return x * self.w


def _data():
    rng = np.random.RandomState(0)
    x = rng.normal(size=(64, 4)).astype("float32")
    return x, (x[:, 0] > 0).astype("int32")


@pytest.fixture
def patched():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with tfcompat.patched():
            keras.utils.set_random_seed(0)
            yield


def _gradients(model, x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    return tape.gradient(loss, model.trainable_variables)


def test_keras3_alone_never_reads_the_variables():
    """The cause, pinned: without tfcompat the first call's symbolic trace is reused (no variable is captured)."""
    x, _ = _data()
    model = Subclassed()
    assert all(g is None for g in _gradients(model, x))
    assert all(g is None for g in _gradients(model, x))


def test_gradients_reach_the_variables_from_the_first_call(patched):
    x, _ = _data()
    model = Subclassed()
    for _ in range(2):
        grads = _gradients(model, x)
        assert len(grads) == 4 and all(g is not None for g in grads)


@pytest.mark.slow  # 1.5-4 s of whole fits or saves: not in the quick run
def test_fit_trains_and_inference_reads_the_weights(patched, tmp_path):
    x, y = _data()
    model = Subclassed()
    model.compile(keras.optimizers.Adam(0.05), "sparse_categorical_crossentropy")
    history = model.fit(x, y, epochs=5, batch_size=16, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    model.save_weights(tmp_path / "w.weights.h5")
    fresh = Subclassed()
    fresh(x[:1])
    fresh.load_weights(tmp_path / "w.weights.h5")
    np.testing.assert_allclose(fresh.predict(x, verbose=0), model.predict(x, verbose=0), rtol=1e-5, atol=1e-6)


def test_custom_layer_in_a_functional_model_and_call_wrapped_on_the_instance(patched):
    x, y = _data()
    inputs = keras.Input((4,))
    outputs = keras.layers.Dense(2, activation="softmax")(Scale()(inputs))
    functional = keras.Model(inputs, outputs)
    functional.compile("sgd", "sparse_categorical_crossentropy")
    functional.fit(x, y, epochs=1, verbose=0)
    scale = functional.layers[1]
    assert not np.allclose(scale.w.numpy(), 1.0)  # the symbolic call did not freeze w

    plain = keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(2)])
    plain.call = tf.function(plain.call)  # the TF 2.x speed-up of an existing model
    assert all(g is not None for g in _gradients(plain, x))


def test_unpatch_restores_layer_call(patched):
    assert keras.Layer.__call__.__tfcompat_tf2__ is not None
    original = keras.Layer.__call__.__tfcompat_tf2__
    tfcompat.unpatch()
    try:
        assert keras.Layer.__call__ is original
    finally:
        tfcompat.patch()
