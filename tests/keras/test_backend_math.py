"""Keras 2 reductions, element-wise math and products of ``tfcompat.keras.backend`` on Keras 3 values.

Each test pins a Keras 2 default or rule (axis/keepdims defaults, bool means,
sqrt of negatives, clip bounds, Theano-style ``dot``, Keras 2.2 ``batch_dot``
shapes) against numpy.
"""

import numpy as np
import pytest

pytest.importorskip("tensorflow")

import keras  # noqa: E402

import tfcompat  # noqa: E402
from tfcompat.keras import backend as K  # noqa: E402

pytestmark = pytest.mark.tf

RNG = np.random.RandomState(7)
A = RNG.uniform(-1, 1, (3, 4, 5)).astype("float32")


def ev(x):
    return K.eval(x)


@pytest.mark.parametrize("name,ref", [
    ("max", np.max), ("min", np.min), ("sum", np.sum), ("prod", np.prod), ("mean", np.mean),
    ("var", np.var), ("std", np.std),
])
def test_reductions_default_to_all_axes_and_take_axis_lists_and_keepdims(name, ref):
    fn = getattr(K, name)
    v = K.variable(A)
    np.testing.assert_allclose(ev(fn(v)), ref(A), rtol=1e-5)
    np.testing.assert_allclose(ev(fn(v, axis=[0, -1])), ref(A, axis=(0, 2)), rtol=1e-5, atol=1e-6)
    kept = ev(fn(v, axis=1, keepdims=True))
    assert kept.shape == (3, 1, 5)
    np.testing.assert_allclose(kept, ref(A, axis=1, keepdims=True), rtol=1e-5, atol=1e-6)


def test_any_all_logsumexp_cumulative():
    x = K.variable([[0, 1], [0, 0]])
    assert ev(K.any(x)).item() is True and ev(K.all(x)).item() is False
    assert ev(K.any(x, axis=1)).tolist() == [True, False]
    big = K.variable([1e4, 1e-4])
    assert ev(K.logsumexp(big, axis=0)) == pytest.approx(1e4)  # no overflow
    np.testing.assert_allclose(ev(K.cumsum(K.variable(A[0]))), np.cumsum(A[0], axis=0), rtol=1e-5)
    np.testing.assert_allclose(ev(K.cumprod(K.variable(A[0]), axis=1)), np.cumprod(A[0], axis=1), rtol=1e-5)


def test_mean_and_var_of_a_bool_tensor_are_floatx():
    flags = K.greater(K.variable([1.0, 2.0, 3.0, 4.0]), 2.5)
    assert K.dtype(flags) == "bool"
    assert ev(K.mean(flags)) == 0.5 and K.dtype(K.mean(flags)) == "float32"
    assert ev(K.var(flags)) == pytest.approx(0.25)


def test_argmax_argmin_default_to_the_last_axis_and_give_int64():
    v = K.variable(A)
    assert ev(K.argmax(v)).tolist() == np.argmax(A, axis=-1).tolist()
    assert K.dtype(K.argmax(v)) == "int64"
    assert ev(K.argmin(v, axis=0)).tolist() == np.argmin(A, axis=0).tolist()


def test_element_wise_math():
    x = K.variable([-4.0, 0.25, 2.5, 3.5])
    assert ev(K.sqrt(x)).tolist() == [0.0, 0.5, pytest.approx(2.5 ** 0.5), pytest.approx(3.5 ** 0.5)]  # no NaN
    assert ev(K.round(x)).tolist() == [-4.0, 0.0, 2.0, 4.0]  # halves to even
    assert ev(K.pow(x, 2)).tolist() == [16.0, 0.0625, 6.25, 12.25]
    assert ev(K.sign(x)).tolist() == [-1.0, 1.0, 1.0, 1.0]
    np.testing.assert_allclose(ev(K.exp(K.log(K.abs(x)))), [4.0, 0.25, 2.5, 3.5], rtol=1e-6)
    np.testing.assert_allclose(ev(K.sin(x)) ** 2 + ev(K.cos(x)) ** 2, 1.0, rtol=1e-6)
    assert ev(K.cast(x, "int32")).tolist() == [-4, 0, 2, 3] and K.dtype(K.cast(x, "int32")) == "int32"


def test_clip_without_upper_bound_and_with_bounds_crossed():
    x = K.variable([-2.0, 0.5, 9.0])
    assert ev(K.clip(x, 0.0, None)).tolist() == [0.0, 0.5, 9.0]
    assert ev(K.clip(x, 1.0, 0.0)).tolist() == [1.0, 1.0, 1.0]  # max below min is raised to min
    assert ev(K.clip(x, -1.0, 1.0)).tolist() == [-1.0, 0.5, 1.0]


def test_comparisons_and_elementwise_extremes():
    a, b = K.variable([1.0, 2.0, 3.0]), K.variable([3.0, 2.0, 1.0])
    assert ev(K.equal(a, b)).tolist() == [False, True, False]
    assert ev(K.not_equal(a, b)).tolist() == [True, False, True]
    assert ev(K.greater(a, b)).tolist() == [False, False, True]
    assert ev(K.greater_equal(a, b)).tolist() == [False, True, True]
    assert ev(K.less(a, b)).tolist() == [True, False, False]
    assert ev(K.less_equal(a, b)).tolist() == [True, True, False]
    assert ev(K.maximum(a, b)).tolist() == [3.0, 2.0, 3.0]
    assert ev(K.minimum(a, b)).tolist() == [1.0, 2.0, 1.0]


def test_dot_is_theano_style_for_nd():
    x = RNG.rand(2, 3).astype("float32")
    y = RNG.rand(4, 3, 5).astype("float32")
    out = ev(K.dot(K.variable(x), K.variable(y)))
    assert out.shape == (2, 4, 5)
    np.testing.assert_allclose(out, np.einsum("ij,kjl->ikl", x, y), rtol=1e-5)
    x3 = RNG.rand(6, 2, 3).astype("float32")
    w = RNG.rand(3, 4).astype("float32")
    np.testing.assert_allclose(ev(K.dot(K.variable(x3), K.variable(w))), x3 @ w, rtol=1e-5)


@pytest.mark.parametrize("x_shape,y_shape,axes,out_shape", [
    ((32, 20), (32, 20), 1, (32, 1)),
    ((32, 20), (32, 20), 0, (20, 1)),
    ((32, 20, 1), (32, 30, 20), (1, 2), (32, 1, 30)),
    ((4, 2, 3), (4, 5, 3), (2, 2), (4, 2, 5)),
    ((4, 2, 3), (4, 3), (2, 1), (4, 2)),
])
def test_batch_dot_has_keras_2_2_shapes(x_shape, y_shape, axes, out_shape):
    x = RNG.rand(*x_shape).astype("float32")
    y = RNG.rand(*y_shape).astype("float32")
    out = ev(K.batch_dot(K.variable(x), K.variable(y), axes=axes))
    assert out.shape == out_shape
    if x.ndim == y.ndim == 3:
        a = axes if isinstance(axes, tuple) else (axes, axes)
        ref = np.stack([np.tensordot(xi, yi, (a[0] - 1, a[1] - 1)) for xi, yi in zip(x, y)])
        np.testing.assert_allclose(out, ref, rtol=1e-4)


def test_batch_dot_refuses_several_axes_per_tensor():
    x = K.ones((2, 3, 4))
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`axes` must be None, an int or a pair.*axes="):
        K.batch_dot(x, x, axes=[[1, 2], [1, 2]])


def test_transpose_and_gather():
    x = RNG.rand(5, 2).astype("float32")
    assert ev(K.transpose(K.variable(x))).shape == (2, 5)
    picked = ev(K.gather(K.variable(x), K.variable([4, 0], dtype="int32")))
    np.testing.assert_allclose(picked, x[[4, 0]])


def test_ops_accept_keras_variables_tensors_and_numpy_alike():
    kv = keras.Variable(np.array([1.0, 4.0], "float32"))
    assert ev(K.sum(kv)) == 5.0
    assert ev(K.sum(np.array([1.0, 4.0]))) == 5.0
    assert ev(K.square(K.constant([3.0]))).tolist() == [9.0]
