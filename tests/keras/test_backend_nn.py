"""Keras 2 activations, losses, normalization, convolutions, CTC and random ops of ``tfcompat.keras.backend``."""

import itertools

import numpy as np
import pytest

pytest.importorskip("tensorflow")

import tfcompat  # noqa: E402
from tfcompat.keras import backend as K  # noqa: E402

pytestmark = pytest.mark.tf

RNG = np.random.RandomState(11)


def ev(x):
    return K.eval(x)


X = np.array([[-3.0, -0.5, 0.0, 0.7, 2.0, 8.0]], "float32")


@pytest.mark.parametrize("alpha,max_value,threshold", [
    (0.0, None, 0.0), (0.1, None, 0.0), (0.0, 6.0, 0.0), (0.0, None, 0.6), (0.2, 5.0, 0.6), (0.1, 0.0, 0.5),
])
def test_relu_keras_2_2_arguments(alpha, max_value, threshold):
    ref = np.where(X > threshold, X, alpha * (X - threshold))
    if max_value is not None:
        ref = np.where(X > threshold, np.minimum(X, max_value), ref)
    np.testing.assert_allclose(ev(K.relu(K.variable(X), alpha, max_value, threshold)), ref, rtol=1e-6, atol=1e-6)


def test_activations():
    v = K.variable(X)
    np.testing.assert_allclose(ev(K.elu(v, 0.5)), np.where(X > 0, X, 0.5 * (np.exp(X) - 1)), rtol=1e-6)
    np.testing.assert_allclose(ev(K.hard_sigmoid(v)), np.clip(0.2 * X + 0.5, 0, 1), rtol=1e-6)  # Keras 2's slope
    np.testing.assert_allclose(ev(K.softplus(v)), np.log1p(np.exp(X)), rtol=1e-5)
    np.testing.assert_allclose(ev(K.softsign(v)), X / (1 + np.abs(X)), rtol=1e-6)
    np.testing.assert_allclose(ev(K.sigmoid(v)), 1 / (1 + np.exp(-X)), rtol=1e-6)
    np.testing.assert_allclose(ev(K.tanh(v)), np.tanh(X), rtol=1e-6)
    x3 = RNG.rand(2, 3, 4).astype("float32")
    soft = ev(K.softmax(K.variable(x3), axis=1))
    np.testing.assert_allclose(soft, np.exp(x3) / np.exp(x3).sum(axis=1, keepdims=True), rtol=1e-5)


def test_crossentropies_take_target_then_output_and_clip_probabilities():
    target = np.array([[0.0, 1.0, 0.0]], "float32")
    probs = np.array([[0.2, 0.0, 0.8]], "float32")  # p(target) = 0: clipped to epsilon, not inf
    cce = ev(K.categorical_crossentropy(K.variable(target), K.variable(probs)))
    assert cce[0] == pytest.approx(-np.log(K.epsilon()), rel=1e-3)
    logits = np.array([[1.0, 2.0, 0.5]], "float32")
    ref = -np.log(np.exp(2.0) / np.exp(logits).sum())
    assert ev(K.categorical_crossentropy(K.variable(target), K.variable(logits), from_logits=True))[0] == \
        pytest.approx(ref, rel=1e-5)
    sparse = K.sparse_categorical_crossentropy(K.variable([1], dtype="int32"), K.variable(logits), from_logits=True)
    assert ev(sparse)[0] == pytest.approx(ref, rel=1e-5)
    cf = np.transpose(np.tile(logits, (2, 1)).reshape(1, 2, 3), (0, 2, 1))  # classes on axis 1
    per_pixel = ev(K.sparse_categorical_crossentropy(K.variable([[1, 1]], dtype="int32"), K.variable(cf),
                                                     from_logits=True, axis=1))
    np.testing.assert_allclose(per_pixel, [[ref, ref]], rtol=1e-5)
    bce = ev(K.binary_crossentropy(K.variable([1.0, 0.0]), K.variable([0.9, 0.2])))
    np.testing.assert_allclose(bce, [-np.log(0.9), -np.log(0.8)], rtol=1e-5)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`axis` must be -1 or an axis of `output`.*axis=5"):
        K.categorical_crossentropy(K.variable(target), K.variable(probs), axis=5)


def test_dropout_level_is_the_drop_rate():
    x = np.ones((200, 200), "float32")
    out = ev(K.dropout(K.variable(x), 0.25, seed=1))
    assert np.all(np.isclose(out, 0.0) | np.isclose(out, 1 / 0.75))  # kept entries scaled by 1 / (1 - level)
    assert abs((out == 0).mean() - 0.25) < 0.02
    rows = ev(K.dropout(K.variable(x), 0.5, noise_shape=(200, 1)))
    assert all(len(set(r)) == 1 for r in rows)  # one draw per row
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`level` must be in \[0, 1\).*level=-0.5"):
        K.dropout(K.variable(x), -0.5)


def test_l2_normalize_and_in_top_k():
    x = np.array([[3.0, 4.0]], "float32")
    np.testing.assert_allclose(ev(K.l2_normalize(K.variable(x), axis=-1)), [[0.6, 0.8]], rtol=1e-6)
    preds = K.variable([[0.1, 0.5, 0.4], [0.3, 0.3, 0.4]])
    assert ev(K.in_top_k(preds, K.variable([2, 0], dtype="int32"), 1)).tolist() == [False, False]
    assert ev(K.in_top_k(preds, K.variable([2, 0], dtype="int32"), 2)).tolist() == [True, True]  # ties count


def test_bias_add_in_both_data_formats():
    x = np.zeros((1, 2, 3, 4), "float32")
    b = np.arange(4, dtype="float32")
    assert ev(K.bias_add(K.variable(x), K.variable(b), data_format="channels_last"))[0, 1, 2].tolist() == b.tolist()
    cf = ev(K.bias_add(K.variable(x.transpose(0, 3, 1, 2)), K.variable(b), data_format="channels_first"))
    assert cf[0, :, 1, 2].tolist() == b.tolist()
    full = np.arange(24, dtype="float32").reshape(2, 3, 4)
    np.testing.assert_array_equal(ev(K.bias_add(K.variable(x), K.variable(full), "channels_last"))[0], full)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`bias` must have 1 or 3 dimensions"):
        K.bias_add(K.variable(x), K.variable(np.zeros((2, 2))))
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`data_format` must be"):
        K.bias_add(K.variable(x), K.variable(b), data_format="channels_middle")


def test_batch_normalization_helpers():
    x = RNG.rand(4, 3, 2).astype("float32")
    normed, mean, var = K.normalize_batch_in_training(K.variable(x), None, None, [0, 1])
    np.testing.assert_allclose(ev(mean), x.mean(axis=(0, 1)), rtol=1e-5)
    np.testing.assert_allclose(ev(var), x.var(axis=(0, 1)), rtol=1e-4)
    ref = (x - x.mean(axis=(0, 1))) / np.sqrt(x.var(axis=(0, 1)) + 1e-3)
    np.testing.assert_allclose(ev(normed), ref, rtol=1e-4, atol=1e-5)
    gamma, beta = K.variable([2.0, 3.0]), K.variable([1.0, -1.0])
    y = ev(K.batch_normalization(K.variable(x), mean, var, beta, gamma, epsilon=1e-3))
    np.testing.assert_allclose(y, ref * [2.0, 3.0] + [1.0, -1.0], rtol=1e-4, atol=1e-5)


def _conv2d_ref(x, w, stride=1):
    # x (n, h, w, c), w (kh, kw, c, f), 'valid' padding, as TF (cross-correlation)
    kh, kw = w.shape[:2]
    rows = (x.shape[1] - kh) // stride + 1
    cols = (x.shape[2] - kw) // stride + 1
    out = np.zeros((x.shape[0], rows, cols, w.shape[3]), "float64")
    for i, j in itertools.product(range(rows), range(cols)):
        patch = x[:, i * stride:i * stride + kh, j * stride:j * stride + kw, :]
        out[:, i, j, :] = np.tensordot(patch, w, axes=([1, 2, 3], [0, 1, 2]))
    return out


def test_conv2d_matches_a_direct_computation_in_both_formats():
    x = RNG.rand(2, 5, 6, 3).astype("float32")
    w = RNG.rand(3, 2, 3, 4).astype("float32")
    ref = _conv2d_ref(x, w)
    np.testing.assert_allclose(ev(K.conv2d(K.variable(x), K.variable(w), data_format="channels_last")), ref,
                               rtol=1e-4)
    cf = ev(K.conv2d(K.variable(x.transpose(0, 3, 1, 2)), K.variable(w), data_format="channels_first"))
    np.testing.assert_allclose(cf, ref.transpose(0, 3, 1, 2), rtol=1e-4)
    strided = ev(K.conv2d(K.variable(x), K.variable(w), strides=(2, 2), data_format="channels_last"))
    np.testing.assert_allclose(strided, _conv2d_ref(x, w, 2), rtol=1e-4)
    assert ev(K.conv2d(K.variable(x), K.variable(w), padding="same")).shape == (2, 5, 6, 4)


def test_conv1d_conv3d_separable_depthwise_and_transpose_shapes():
    seq = K.variable(RNG.rand(2, 8, 3))
    assert ev(K.conv1d(seq, K.variable(RNG.rand(3, 3, 5)))).shape == (2, 6, 5)
    causal = K.conv1d(seq, K.variable(RNG.rand(3, 3, 5)), padding="causal", dilation_rate=2)
    assert ev(causal).shape == (2, 8, 5)
    vol = K.variable(RNG.rand(1, 4, 4, 4, 2))
    assert ev(K.conv3d(vol, K.variable(RNG.rand(2, 2, 2, 2, 3)))).shape == (1, 3, 3, 3, 3)
    img = K.variable(RNG.rand(1, 6, 6, 3))
    dw = K.variable(RNG.rand(3, 3, 3, 2))
    assert ev(K.depthwise_conv2d(img, dw)).shape == (1, 4, 4, 6)
    assert ev(K.separable_conv2d(img, dw, K.variable(RNG.rand(1, 1, 6, 5)))).shape == (1, 4, 4, 5)
    assert ev(K.separable_conv1d(seq, K.variable(RNG.rand(3, 3, 1)), K.variable(RNG.rand(1, 3, 4)))).shape == \
        (2, 6, 4)
    up = K.conv2d_transpose(img, K.variable(RNG.rand(3, 3, 4, 3)), (None, 12, 12, 4), strides=(2, 2), padding="same")
    assert ev(up).shape == (1, 12, 12, 4)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`dilation_rate` must be the same on every"):
        K.conv2d_transpose(img, K.variable(RNG.rand(3, 3, 4, 3)), (1, 6, 6, 4), padding="same", dilation_rate=(1, 2))
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`padding` must be 'same' or 'valid'.*padding='full'"):
        K.conv2d(img, dw, padding="full")


def test_pooling_modes_and_errors():
    x = np.arange(16, dtype="float32").reshape(1, 4, 4, 1)
    assert ev(K.pool2d(K.variable(x), (2, 2), strides=(2, 2)))[0, :, :, 0].tolist() == [[5, 7], [13, 15]]
    assert ev(K.pool2d(K.variable(x), (2, 2), strides=(2, 2), pool_mode="avg"))[0, :, :, 0].tolist() == \
        [[2.5, 4.5], [10.5, 12.5]]
    cf = ev(K.pool2d(K.variable(x.transpose(0, 3, 1, 2)), (2, 2), (2, 2), data_format="channels_first"))
    assert cf.shape == (1, 1, 2, 2)
    assert ev(K.pool3d(K.variable(np.ones((1, 4, 4, 4, 1))), (2, 2, 2), (2, 2, 2))).shape == (1, 2, 2, 2, 1)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`pool_mode` must be 'max' or 'avg'.*median"):
        K.pool2d(K.variable(x), (2, 2), pool_mode="median")


def test_local_convolutions_use_one_kernel_per_position():
    x = RNG.rand(2, 5, 3).astype("float32")
    kernel = RNG.rand(2, 2 * 3, 4).astype("float32")  # 2 output steps (window 2, stride 2 over 5 steps)
    out = ev(K.local_conv1d(K.variable(x), K.variable(kernel), (2,), (2,)))
    ref = np.stack([x[:, 2 * i:2 * i + 2].reshape(2, -1) @ kernel[i] for i in range(2)], axis=1)
    np.testing.assert_allclose(out, ref, rtol=1e-5)
    img = RNG.rand(1, 4, 4, 2).astype("float32")
    k2 = RNG.rand(4, 2 * 2 * 2, 3).astype("float32")
    out2 = ev(K.local_conv2d(K.variable(img), K.variable(k2), (2, 2), (2, 2), (2, 2)))
    assert out2.shape == (1, 2, 2, 3)
    np.testing.assert_allclose(out2[0, 1, 0], img[0, 2:4, 0:2].reshape(-1) @ k2[2], rtol=1e-5)


def _ctc_loss_brute_force(probs, labels):
    """-log of the sum over every alignment of `probs` (time x classes, blank last) collapsing to `labels`."""
    blank = probs.shape[1] - 1
    total = 0.0
    for path in itertools.product(range(probs.shape[1]), repeat=probs.shape[0]):
        collapsed = [c for i, c in enumerate(path) if c != blank and (i == 0 or c != path[i - 1])]
        if collapsed == list(labels):
            total += np.prod([probs[t, c] for t, c in enumerate(path)])
    return -np.log(total)


def test_ctc_batch_cost_equals_a_brute_force_sum_over_alignments():
    logits = RNG.rand(2, 4, 3)
    probs = (np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)).astype("float32")
    labels = np.array([[0, 1], [1, 0]], "int32")
    cost = ev(K.ctc_batch_cost(K.variable(labels, dtype="int32"), K.variable(probs),
                               K.variable([[4], [3]], dtype="int32"), K.variable([[2], [1]], dtype="int32")))
    assert cost.shape == (2, 1)
    assert cost[0, 0] == pytest.approx(_ctc_loss_brute_force(probs[0], [0, 1]), rel=1e-4)
    assert cost[1, 0] == pytest.approx(_ctc_loss_brute_force(probs[1, :3], [1]), rel=1e-4)


def test_ctc_decode_greedy_pads_with_minus_one():
    probs = np.zeros((2, 4, 3), "float32") + 1e-3
    for b, path in enumerate([[0, 0, 2, 1], [1, 2, 1, 1]]):  # 2 = blank
        probs[b, np.arange(4), path] = 1.0
    decoded, log_prob = K.ctc_decode(K.variable(probs), K.variable([4, 4], dtype="int32"))
    assert len(decoded) == 1 and ev(decoded[0]).tolist() == [[0, 1], [1, 1]]
    assert ev(log_prob).shape == (2, 1)
    decoded, _ = K.ctc_decode(K.variable(probs), K.variable([2, 4], dtype="int32"))
    assert ev(decoded[0]).tolist() == [[0, -1], [1, 1]]
    beams, scores = K.ctc_decode(K.variable(probs), K.variable([4, 4], dtype="int32"), greedy=False,
                                 beam_width=3, top_paths=2)
    assert len(beams) == 2 and ev(beams[0])[0].tolist() == [0, 1] and ev(scores).shape == (2, 2)


def test_random_ops_draw_again_at_each_evaluation():
    r = K.random_normal((50, 50), mean=1.0, stddev=2.0, seed=5)
    first, second = ev(r), ev(r)
    assert not np.array_equal(first, second)  # a Keras 2 graph op, not one frozen draw
    assert abs(first.mean() - 1.0) < 0.2 and abs(first.std() - 2.0) < 0.2
    u = ev(K.random_uniform((1000,), -1.0, 1.0))
    assert u.min() >= -1.0 and u.max() <= 1.0
    b = ev(K.random_binomial((1000,), p=0.3))
    assert set(np.unique(b)) <= {0.0, 1.0} and abs(b.mean() - 0.3) < 0.06
    t = ev(K.truncated_normal((1000,), stddev=1.0))
    assert np.abs(t).max() <= 2.0
    assert K.dtype(K.random_normal((2,), dtype="float64")) == "float64"


def test_random_ops_with_a_tensor_shape_stay_eager():
    x = K.variable(np.zeros((3, 2)))
    noise = K.random_normal(K.shape(x))
    assert ev(noise).shape == (3, 2) and type(noise).__name__ == "EagerTensor"


def test_from_logits_on_probabilities_warns():
    import tfcompat.v1 as tf1

    probs = tf1.nn.softmax(tf1.placeholder(tf1.float32, (1, 2)))  # made by a Softmax op
    with pytest.warns(UserWarning, match=r"received `from_logits=True`.*softmax.*probabilities"):
        K.categorical_crossentropy(K.placeholder(shape=(1, 2)), probs, from_logits=True)
    sig = tf1.sigmoid(tf1.placeholder(tf1.float32, (1, 2)))
    with pytest.warns(UserWarning, match=r"K.binary_crossentropy received `from_logits=True`.*sigmoid"):
        K.binary_crossentropy(K.placeholder(shape=(1, 2)), sig, from_logits=True)
