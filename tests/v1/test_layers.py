"""tfcompat.v1.layers: TF1's tf.layers classes and functions, with TF1's variable names, scopes and update ops."""

import subprocess
import sys

import numpy as np
import pytest

import tfcompat.v1 as tf
from tfcompat import InvalidArgumentError

pytestmark = [pytest.mark.tf, pytest.mark.usefixtures("fresh_graph")]


def _names(variables):
    return [v.name for v in variables]


def test_functional_layers_name_variables_and_ops_as_tf1():
    x = tf.placeholder(tf.float32, [None, 6, 6, 1], name="x")
    with tf.name_scope("model"):
        h = tf.layers.conv2d(x, 2, 3, padding="same", activation=tf.nn.relu)
        h = tf.layers.flatten(tf.layers.max_pooling2d(h, 2, 2))
        h = tf.layers.dense(h, 4, activation=tf.nn.relu)
        out = tf.layers.dense(h, 1)
    assert _names(tf.trainable_variables()) == [
        "conv2d/kernel:0", "conv2d/bias:0", "dense/kernel:0", "dense/bias:0", "dense_1/kernel:0", "dense_1/bias:0"]
    # Ops follow the name scope, variables only the variable scope (TF1's rule).
    assert h.name == "model/dense/Relu:0" and out.name == "model/dense_1/BiasAdd:0"
    assert tf.get_default_graph().get_operation_by_name("model/max_pooling2d/MaxPool").type == "MaxPool"
    assert tf.trainable_variables()[0].shape.as_list() == [3, 3, 1, 2]


def test_a_layer_object_shares_its_variables_across_calls():
    a = tf.placeholder(tf.float32, [None, 3])
    layer = tf.layers.Dense(2, name="shared")
    assert layer.name == "shared" and not layer.built
    out1, out2 = layer(a), layer.apply(a * 2.0)
    assert layer.built and layer.scope_name == "shared"
    assert _names(layer.trainable_variables) == ["shared/kernel:0", "shared/bias:0"]
    assert _names(tf.global_variables()) == ["shared/kernel:0", "shared/bias:0"]
    assert (out1.name, out2.name) == ("shared/BiasAdd:0", "shared/BiasAdd_1:0")
    second = tf.layers.Dense(2, name="shared")
    second(a)
    assert second.scope_name == "shared_1"  # a new object with the same name gets a new scope
    with pytest.raises(ValueError, match="scope_name"):
        tf.layers.Dense(1).scope_name


def test_functional_name_twice_fails_without_reuse_and_shares_with_it():
    a = tf.placeholder(tf.float32, [None, 3])
    first = tf.layers.dense(a, 2, name="fc")
    with pytest.raises(ValueError, match="fc/kernel already exists"):
        tf.layers.dense(a, 2, name="fc")
    again = tf.layers.dense(a, 2, name="fc", reuse=True)
    assert len(tf.trainable_variables()) == 2 and again is not first
    with tf.variable_scope("fc", reuse=True):
        assert tf.get_variable("kernel") is tf.trainable_variables()[0]


def test_dense_matches_numpy_and_takes_initializers_regularizers_and_rank3_inputs():
    a = tf.placeholder(tf.float32, [None, 2, 3])
    out = tf.layers.dense(a, 4, kernel_initializer=tf.constant_initializer(0.5),
                          bias_initializer=tf.constant_initializer(1.0),
                          kernel_regularizer=lambda w: tf.reduce_sum(w), use_bias=True)
    assert out.shape.as_list() == [None, 2, 4]
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    assert len(losses) == 1 and losses[0].name.startswith("dense/kernel/Regularizer/")
    xs = np.arange(12, dtype=np.float32).reshape(2, 2, 3)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(out, {a: xs}), xs @ np.full((3, 4), 0.5) + 1.0)
        assert sess.run(losses[0]) == pytest.approx(6.0)


def test_dropout_follows_a_training_placeholder():
    a = tf.placeholder(tf.float32, [None, 1000])
    training = tf.placeholder_with_default(False, [], name="training")
    out = tf.layers.dropout(a, rate=0.5, training=training)
    ones = np.ones((1, 1000), np.float32)
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(out, {a: ones}), ones)
        dropped = sess.run(out, {a: ones, training: True})
    assert set(np.unique(dropped)) == {0.0, 2.0} and 350 < (dropped == 0).sum() < 650
    assert tf.layers.dropout(a, 0.5).name.startswith("dropout_1/")


def _batch_norm_graph(shape, **kwargs):
    a = tf.placeholder(tf.float32, shape)
    training = tf.placeholder(tf.bool, [])
    out = tf.layers.batch_normalization(a, training=training, momentum=0.9, **kwargs)
    return a, training, out


@pytest.mark.parametrize("shape, axes", [([None, 3], (0,)), ([None, 2, 2, 3], (0, 1, 2))])
def test_batch_normalization_update_ops_follow_tf1(shape, axes):
    a, training, out = _batch_norm_graph(shape)
    assert _names(tf.global_variables()) == [
        "batch_normalization/gamma:0", "batch_normalization/beta:0", "batch_normalization/moving_mean:0",
        "batch_normalization/moving_variance:0"]
    assert _names(tf.trainable_variables()) == ["batch_normalization/gamma:0", "batch_normalization/beta:0"]
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    assert len(updates) == 2
    rng = np.random.RandomState(0)
    xs = (rng.rand(8, *shape[1:]) * 4 + 1).astype(np.float32)
    mean, var = xs.mean(axis=axes), xs.var(axis=axes)
    n = xs.size // xs.shape[-1]
    # TF1: moving += (batch - moving) * (1 - momentum); 4-D inputs take the fused kernel's unbiased variance.
    batch_var = var * n / (n - 1) if len(shape) == 4 else var
    moving_mean, moving_var = [v for v in tf.global_variables() if "moving" in v.name]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        normalized = sess.run(out, {a: xs, training: True})
        np.testing.assert_allclose(sess.run(moving_mean), 0.0)  # the output alone does not update
        sess.run(updates, {a: xs, training: True})
        np.testing.assert_allclose(sess.run(moving_mean), 0.1 * mean, rtol=1e-5)
        np.testing.assert_allclose(sess.run(moving_var), 0.9 + 0.1 * batch_var, rtol=1e-5)
        sess.run(updates, {a: xs, training: False})  # not training: the moving statistics stay
        np.testing.assert_allclose(sess.run(moving_mean), 0.1 * mean, rtol=1e-5)
        inferred = sess.run(out, {a: xs, training: False})
    np.testing.assert_allclose(normalized, (xs - mean) / np.sqrt(var + 1e-3), rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(inferred, (xs - 0.1 * mean) / np.sqrt(0.9 + 0.1 * batch_var + 1e-3),
                               rtol=1e-4, atol=1e-4)


def test_batch_normalization_with_python_false_makes_no_updates_and_trains_with_control_dependencies():
    a = tf.placeholder(tf.float32, [None, 4])
    tf.layers.batch_normalization(a, training=False)
    assert tf.get_collection(tf.GraphKeys.UPDATE_OPS) == []
    tf.set_random_seed(1)
    y = tf.placeholder(tf.float32, [None, 1])
    h = tf.layers.batch_normalization(tf.layers.dense(a, 8), training=True)
    loss = tf.reduce_mean(tf.square(tf.layers.dense(h, 1) - y))
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        step = tf.train.AdamOptimizer(0.05).minimize(loss)
    xs = np.random.RandomState(0).rand(32, 4).astype(np.float32)
    ys = xs.sum(axis=1, keepdims=True)
    moving = [v for v in tf.global_variables() if v.name == "batch_normalization_1/moving_mean:0"][0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first = sess.run(loss, {a: xs, y: ys})
        for _ in range(40):
            sess.run(step, {a: xs, y: ys})
        assert sess.run(loss, {a: xs, y: ys}) < first / 4
        assert np.abs(sess.run(moving)).sum() > 0


def test_convolutions_pooling_and_data_formats():
    a = tf.placeholder(tf.float32, [None, 8, 8, 3])
    up = tf.layers.conv2d_transpose(a, 4, 3, strides=2, padding="same")
    sep = tf.layers.separable_conv2d(a, 5, 3, depth_multiplier=2)
    c1 = tf.layers.conv1d(tf.placeholder(tf.float32, [None, 10, 2]), 3, 4)
    p1 = tf.layers.average_pooling1d(c1, 2, 2)
    c3 = tf.layers.max_pooling3d(tf.layers.conv3d(tf.placeholder(tf.float32, [None, 4, 4, 4, 1]), 2, 2), 2, 2)
    up3 = tf.layers.conv3d_transpose(tf.placeholder(tf.float32, [2, 3, 3, 3, 1]), 2, 2, strides=2)
    sep1 = tf.layers.SeparableConv1D(4, 3, depth_multiplier=2)
    sep1_out = sep1(tf.placeholder(tf.float32, [None, 9, 2]))
    assert up3.shape.as_list() == [2, 6, 6, 6, 2] and sep1_out.shape.as_list() == [None, 7, 4]
    assert [v.shape.as_list() for v in sep1.variables] == [[3, 2, 2], [1, 4, 4], [4]]
    assert tf.layers.flatten(tf.placeholder(tf.float32, [None])).shape.as_list() == [None, 1]
    assert up.shape.as_list() == [None, 16, 16, 4] and sep.shape.as_list() == [None, 6, 6, 5]
    assert p1.shape.as_list() == [None, 3, 3] and c3.shape.as_list() == [None, 1, 1, 1, 2]
    assert _names(tf.trainable_variables())[:5] == [
        "conv2d_transpose/kernel:0", "conv2d_transpose/bias:0", "separable_conv2d/depthwise_kernel:0",
        "separable_conv2d/pointwise_kernel:0", "separable_conv2d/bias:0"]
    assert tf.trainable_variables()[0].shape.as_list() == [3, 3, 4, 3]
    # channels_first gives the channels_last values, transposed.
    first = tf.layers.Conv2D(2, 3, data_format="channels_first", kernel_initializer=tf.ones_initializer())
    last = tf.layers.Conv2D(2, 3, kernel_initializer=tf.ones_initializer())
    b = tf.placeholder(tf.float32, [None, 3, 5, 5])
    out_first = tf.layers.max_pooling2d(first(b), 2, 1, data_format="channels_first")
    out_last = tf.layers.max_pooling2d(last(tf.transpose(b, [0, 2, 3, 1])), 2, 1)
    xs = np.random.RandomState(0).rand(2, 3, 5, 5).astype(np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        f, l_ = sess.run([out_first, out_last], {b: xs})
    np.testing.assert_allclose(f, l_.transpose(0, 3, 1, 2), rtol=1e-5)


def test_subclassing_layer_with_add_variable_build_and_call():
    class Scale(tf.layers.Layer):
        def build(self, input_shape):
            self.w = self.add_variable("w", [int(input_shape[-1])], initializer=tf.ones_initializer())
            self.built = True

        def call(self, inputs):
            self.add_update(tf.assign_add(self.w, tf.ones_like(self.w)))
            return inputs * self.w

    layer = Scale()
    a = tf.placeholder(tf.float32, [None, 2])
    out = layer(a)
    assert layer.name == "scale" and _names(layer.variables) == ["scale/w:0"]
    assert out.name.startswith("scale/") and len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)) == 1
    assert layer.count_params() == 2
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(out, {a: [[1.0, 2.0]]}), [[1.0, 2.0]])
        with sess.as_default():
            layer.set_weights([np.array([3.0, 4.0])])
            np.testing.assert_allclose(layer.get_weights()[0], [3.0, 4.0])


def test_bad_arguments_name_argument_and_value():
    a = tf.placeholder(tf.float32, [None, 4, 4, 1])
    with pytest.raises(InvalidArgumentError, match="units=0"):
        tf.layers.dense(a, 0)
    with pytest.raises(InvalidArgumentError, match="padding='full'"):
        tf.layers.conv2d(a, 1, 2, padding="full")
    with pytest.raises(InvalidArgumentError, match=r"kernel_size=\(1, 2, 3\)"):
        tf.layers.Conv2D(1, (1, 2, 3))
    with pytest.raises(InvalidArgumentError, match="data_format='NHWC'"):
        tf.layers.Flatten(data_format="NHWC")
    with pytest.raises(ValueError, match="expected ndim=4, found ndim=2"):
        tf.layers.conv2d(tf.placeholder(tf.float32, [None, 3]), 1, 1)
    with pytest.raises(ValueError, match="Duplicate axis"):
        tf.layers.batch_normalization(a, axis=[1, 2, 1])
    with pytest.raises(InvalidArgumentError, match="virtual_batch_size=2"):
        tf.layers.BatchNormalization(virtual_batch_size=2)
    with pytest.raises(AttributeError, match="tf.layers.Embedding is not provided"):
        tf.layers.Embedding


@pytest.mark.slow
def test_importing_the_layers_loads_no_tensorflow():
    code = ("import sys, tfcompat.v1.layers, tfcompat.v1.contrib.layers; "
            "print([m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
