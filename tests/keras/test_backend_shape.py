"""Keras 2 shape, padding and resizing ops of ``tfcompat.keras.backend``: signatures, data formats, results."""

import numpy as np
import pytest

pytest.importorskip("tensorflow")

import tensorflow  # noqa: E402

import tfcompat  # noqa: E402
from tfcompat.keras import backend as K  # noqa: E402

pytestmark = pytest.mark.tf

RNG = np.random.RandomState(3)


def ev(x):
    return K.eval(x)


def test_concatenate_resolves_negative_axes_and_takes_sparse_tensors():
    a, b = RNG.rand(2, 3).astype("float32"), RNG.rand(2, 1).astype("float32")
    out = ev(K.concatenate([K.variable(a), K.variable(b)]))
    np.testing.assert_allclose(out, np.concatenate([a, b], axis=-1))
    eye = tensorflow.sparse.from_dense(np.eye(2, dtype="float32"))
    sparse = K.concatenate([eye, eye], axis=0)
    assert K.is_sparse(sparse) and not K.is_sparse(K.to_dense(sparse))
    assert ev(sparse).tolist() == np.concatenate([np.eye(2), np.eye(2)]).tolist()  # K.eval densifies
    mixed = K.concatenate([eye, K.variable(np.zeros((2, 2)))], axis=-1)
    assert not K.is_sparse(mixed) and ev(mixed).shape == (2, 4)


def test_reshape_permute_flatten_batch_flatten():
    x = RNG.rand(2, 3, 4).astype("float32")
    v = K.variable(x)
    assert ev(K.reshape(v, (6, 4))).shape == (6, 4)
    np.testing.assert_allclose(ev(K.permute_dimensions(v, (2, 0, 1))), x.transpose(2, 0, 1))
    assert ev(K.flatten(v)).shape == (24,)
    flat = K.batch_flatten(v)
    assert K.int_shape(flat) == (2, 12)  # static shape kept
    np.testing.assert_allclose(ev(flat), x.reshape(2, 12))


def test_expand_dims_defaults_to_the_last_axis_and_squeeze_takes_one_axis():
    v = K.variable(np.zeros((2, 3)))
    assert K.int_shape(K.expand_dims(v)) == (2, 3, 1)
    assert K.int_shape(K.squeeze(K.expand_dims(v, 1), 1)) == (2, 3)


def test_repeat_elements_repeat_tile():
    x = np.array([[1.0, 2.0], [3.0, 4.0]], "float32")
    v = K.variable(x)
    assert ev(K.repeat_elements(v, 2, axis=1)).tolist() == np.repeat(x, 2, axis=1).tolist()
    assert ev(K.repeat(v, 3)).shape == (2, 3, 2)
    assert ev(K.repeat(v, 3))[:, 1].tolist() == x.tolist()
    assert ev(K.tile(v, [1, 2])).tolist() == np.tile(x, (1, 2)).tolist()
    assert ev(K.tile(K.variable([1.0, 2.0]), 2)).tolist() == [1.0, 2.0, 1.0, 2.0]
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`x` must be 2-D"):
        K.repeat(K.variable(np.zeros(3)), 2)


def test_arange_is_numpy_like_with_int32_default():
    assert ev(K.arange(5)).tolist() == [0, 1, 2, 3, 4] and K.dtype(K.arange(5)) == "int32"
    assert ev(K.arange(-3)).tolist() == []
    assert ev(K.arange(-5, 5, 3)).tolist() == [-5, -2, 1, 4]
    assert K.dtype(K.arange(3, dtype="float32")) == "float32"
    assert ev(K.arange(K.constant(2, dtype="int32"))).tolist() == [0, 1]
    assert ev(K.arange(K.constant(-2, dtype="int32"))).tolist() == []


def test_stack_one_hot_reverse_slice():
    assert ev(K.stack([K.variable([1.0]), K.variable([2.0])], axis=1)).tolist() == [[1.0, 2.0]]
    oh = K.one_hot(K.variable([[0, 2]], dtype="int32"), 3)
    assert K.dtype(oh) == "float32" and ev(oh).tolist() == [[[1, 0, 0], [0, 0, 1]]]
    x = np.arange(6, dtype="float32").reshape(2, 3)
    assert ev(K.reverse(K.variable(x), 1)).tolist() == x[:, ::-1].tolist()
    assert ev(K.reverse(K.variable(x), (0, 1))).tolist() == x[::-1, ::-1].tolist()
    assert ev(K.slice(K.variable(x), (0, 1), (2, 2))).tolist() == x[:, 1:3].tolist()


def test_padding_ops_follow_data_format():
    x = np.ones((1, 2, 3, 1), "float32")
    assert ev(K.temporal_padding(K.variable(np.ones((1, 2, 3))), (1, 2))).shape == (1, 5, 3)
    padded = ev(K.spatial_2d_padding(K.variable(x), ((1, 0), (0, 2)), data_format="channels_last"))
    assert padded.shape == (1, 3, 5, 1) and padded[0, 0].sum() == 0 and padded[0, 1:, :3].sum() == 6
    cf = ev(K.spatial_2d_padding(K.variable(np.ones((1, 1, 2, 3))), ((1, 0), (0, 2)), data_format="channels_first"))
    assert cf.shape == (1, 1, 3, 5)
    assert ev(K.spatial_3d_padding(K.variable(np.ones((1, 1, 1, 1, 1))))).shape == (1, 3, 3, 3, 1)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`data_format` must be .*data_format='channels_middle'"):
        K.spatial_2d_padding(K.variable(x), data_format="channels_middle")
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`padding` must be 2 pairs"):
        K.spatial_2d_padding(K.variable(x), padding=(1, 1))


def test_padding_keeps_unknown_dims_of_placeholders(fresh_graph):
    p = K.placeholder(shape=(1, None, None, 1))
    assert K.int_shape(K.spatial_2d_padding(p, ((1, 1), (2, 2)))) == (1, None, None, 1)


def test_image_data_format_is_the_default(fresh_graph):
    x = K.variable(np.ones((1, 1, 2, 2)))
    K.set_image_data_format("channels_first")
    try:
        assert ev(K.spatial_2d_padding(x)).shape == (1, 1, 4, 4)
    finally:
        K.set_image_data_format("channels_last")
    assert ev(K.spatial_2d_padding(x)).shape == (1, 3, 4, 2)


def test_resize_images_nearest_and_tf1_bilinear():
    x = np.arange(4, dtype="float32").reshape(1, 2, 2, 1)
    near = ev(K.resize_images(K.variable(x), 2, 3, "channels_last"))
    assert near.shape == (1, 4, 6, 1)
    np.testing.assert_array_equal(near[0, :, :, 0], np.repeat(np.repeat(x[0, :, :, 0], 2, 0), 3, 1))
    bil = ev(K.resize_images(K.variable(x), 2, 2, "channels_last", interpolation="bilinear"))
    # TF 1.x resize_bilinear (corners not aligned, no half-pixel centres): source = dest / 2
    assert bil[0, :, 0, 0].tolist() == [0.0, 1.0, 2.0, 2.0]
    cf = ev(K.resize_images(K.variable(x.transpose(0, 3, 1, 2)), 2, 2, "channels_first"))
    assert cf.shape == (1, 1, 4, 4)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`interpolation` must be 'nearest' or 'bilinear'"):
        K.resize_images(K.variable(x), 2, 2, "channels_last", interpolation="cubic")


def test_resize_volumes_repeats_each_spatial_axis():
    x = np.arange(8, dtype="float32").reshape(1, 2, 2, 2, 1)
    out = ev(K.resize_volumes(K.variable(x), 2, 1, 3, "channels_last"))
    assert out.shape == (1, 4, 2, 6, 1)
    np.testing.assert_array_equal(out, np.repeat(np.repeat(x, 2, 1), 3, 3))
