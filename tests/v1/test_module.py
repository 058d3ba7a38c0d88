"""tfcompat.v1 is TF 1.x's ``tensorflow`` module: compat.v1 is itself, graph mode as it sees it, eager kept for Keras."""

import warnings

import numpy as np
import pytest

import tfcompat.v1 as tf

pytestmark = [pytest.mark.tf, pytest.mark.usefixtures("fresh_graph")]


def test_compat_v1_is_the_module_itself():
    assert tf.compat.v1 is tf
    assert tf.compat.v1.compat.v1 is tf
    assert tf.compat.v1.placeholder is tf.placeholder


def test_graph_mode_as_the_module_sees_it_while_the_process_stays_eager():
    import tensorflow as real_tf

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no-ops, silently: TF1 semantics are already this module's own
        tf.disable_v2_behavior()
        tf.disable_eager_execution()
    assert tf.executing_eagerly() is False
    assert real_tf.executing_eagerly() is True
    with tf.Graph().as_default():
        assert tf.executing_eagerly() is False


def test_keras3_fit_keeps_working_after_disable_v2_behavior():
    import keras

    tf.disable_v2_behavior()
    x = tf.placeholder(tf.float32, [None, 2])
    doubled = x * 2.0
    rng = np.random.RandomState(0)
    xs = rng.rand(64, 2).astype("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.3), loss="mse")
    history = model.fit(xs, xs.sum(axis=1), epochs=20, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0] / 5
    with tf.Session() as sess:
        np.testing.assert_allclose(sess.run(doubled, {x: xs[:2]}), xs[:2] * 2)


@pytest.mark.parametrize("make", [lambda: tf.Variable(0.8), lambda: tf.Variable(tf.zeros([1]) + 0.8),
                                  lambda: tf.Variable(np.float32(0.8), name="w")])
def test_variables_are_graph_variables_on_both_sides_of_operators(make):
    w = make()
    x = tf.placeholder(tf.float32, [None, 1])
    assert w.graph is x.graph is tf.get_default_graph()
    left, right = w * x, x * w
    loss = tf.reduce_mean(tf.square(left + right - 3.0 * x))
    step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    assert tf.trainable_variables() == [w]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(60):
            sess.run(step, {x: np.ones((4, 1))})
        assert float(np.ravel(sess.run(w))[0]) == pytest.approx(1.5, abs=1e-3)


def test_keras_is_tfcompat_keras():
    import tfcompat.keras

    assert tf.keras is tfcompat.keras
