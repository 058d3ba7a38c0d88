"""TF1 histograms (tfcompat.wire.histogram) against the real producer: TF1's C++ kernel, run in a private graph."""

import math
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tfcompat import InvalidArgumentError
from tfcompat.wire import histogram as pb

_RS = np.random.RandomState(0)
HISTO_CASES = {
    "normal": _RS.randn(100),
    "mixed_signs_tiny_huge": np.array([0.0, 0.0, 1.0, 2.0, -3.0, 1e-13, 5e25]),
    "one_value": np.array([1.0]),
    "empty": np.zeros(0),
    "matrix_large": _RS.randn(7, 3) * 1e5,
    "float32_weights": (_RS.randn(64, 10) * 0.1).astype(np.float32),
    "beyond_1e20_and_limits": np.array([1e21, -1e30, 1e-12, -1e-12, 1.1e-12, 0.0, 1e20]),
    "negative_zero_min": np.array([-0.0, 0.0, 2.0]),
    "zero_then_negative_zero": np.array([0.0, -0.0, -1.0]),
    "negative_zeros": np.array([-0.0, -0.0]),
    "all_zero": np.zeros(5),
    "sums_to_zero": np.array([-1.0, 1.0]),
    "ints": np.arange(-50, 50),
    "large": _RS.standard_cauchy(100_000),
}


def test_tf1_bucket_limits_are_tf1s_edges():
    limits = pb.tf1_bucket_limits()
    assert limits[len(limits) // 2] == 0.0
    assert limits[-1] == sys.float_info.max and limits[0] == -sys.float_info.max
    pos = limits[len(limits) // 2 + 1:-1]
    assert pos[0] == 1e-12 and pos[-1] < 1e20 <= pos[-1] * 1.1
    assert all(math.isclose(b / a, 1.1) for a, b in zip(pos, pos[1:]))
    assert list(limits) == sorted(limits)
    assert len(limits) == 1551  # 774 edges 1e-12..1e20 + DBL_MAX, mirrored, plus 0


def test_tf1_histogram_golden_small():
    h = pb.tf1_histogram_proto([0.0, 0.0, 1.0, -3.0])
    assert (h.min, h.max, h.num, h.sum, h.sum_squares) == (-3.0, 1.0, 4.0, -2.0, 10.0)
    limits = pb.tf1_bucket_limits()
    zero = limits.index(0.0)
    # -3 falls in the bucket ending at the first negative edge above it; 0 in the
    # bucket ending at 1e-12; 1 in the bucket ending at the first edge > 1.
    neg_edge = min(x for x in limits if x > -3.0)
    one_edge = min(x for x in limits if x > 1.0)
    expected = [
        (neg_edge, 1.0),
        (limits[zero], 0.0),  # the empty run from just above -3 up to 0
        (limits[zero + 1], 2.0),
        (limits[limits.index(one_edge) - 1], 0.0),
        (one_edge, 1.0),
        (limits[-1], 0.0),
    ]
    got = list(zip(h.bucket_limit, h.bucket))
    assert got[0][1] == 0.0  # the run of empty buckets from -DBL_MAX
    assert got[1:] == expected


def test_tf1_histogram_rejects_nan_naming_it():
    with pytest.raises(InvalidArgumentError, match="Nan in summary histogram"):
        pb.tf1_histogram_proto([1.0, float("nan")])


@pytest.mark.tf
@pytest.mark.parametrize("case", sorted(HISTO_CASES))
def test_tf1_histogram_equals_tf1_kernel(case):
    tf = pytest.importorskip("tensorflow")
    data = HISTO_CASES[case]
    graph = tf.Graph()
    with graph.as_default():
        ph = tf.compat.v1.placeholder(tf.float64, [None])
        op = tf.compat.v1.summary.histogram("h", ph)
        with tf.compat.v1.Session(graph=graph) as sess:
            ref = sess.run(op, {ph: data.astype(np.float64).ravel()})
    assert pb.histo_value_bytes("h", data) == ref  # byte for byte


_HISTO_TF = {}


def _tf_histogram_kernel(data, dtype):
    tf = pytest.importorskip("tensorflow")
    name = np.dtype(dtype).name
    if name not in _HISTO_TF:
        graph = tf.Graph()
        with graph.as_default():
            ph = tf.compat.v1.placeholder(name, None)
            _HISTO_TF[name] = (ph, tf.compat.v1.summary.histogram("h", ph), tf.compat.v1.Session(graph=graph))
    ph, op, sess = _HISTO_TF[name]
    return sess.run(op, {ph: data})


@pytest.mark.tf
@settings(max_examples=150, deadline=None)
@given(values=st.lists(st.one_of(st.floats(-1e308, 1e308),  # DBL_MAX itself crashes TF's kernel (out of bounds)
                                 st.sampled_from([0.0, -0.0, 1e-12, 2.2e-309, -1e-310]),
                                 st.floats(-1e-11, 1e-11), st.floats(-1e-150, 1e-150)), max_size=40),
       as_float32=st.booleans())
def test_tf1_histogram_bytes_equal_the_kernel_for_any_finite_values(values, as_float32):
    data = np.array(values, dtype=np.float64)
    if as_float32:  # the kernel casts float32 to double (with denormals as zero)
        with np.errstate(over="ignore"):
            data = data.astype(np.float32)
        if not np.isfinite(data).all():
            return
    assert pb.histo_value_bytes("h", data) == _tf_histogram_kernel(data, data.dtype)


@pytest.mark.parametrize("group", [
    ["normal", "float32_weights", "ints", "matrix_large"],  # unequal sizes, mixed dtypes
    ["mixed_signs_tiny_huge", "negative_zero_min", "normal", "all_zero"],  # near-zero rows go one by one
    ["normal", "normal", "normal"],  # equal sizes: rows share one 2-D array
    ["one_value", "empty", "normal"],
    ["large", "beyond_1e20_and_limits"],
])
def test_histograms_computed_together_equal_each_alone(group):
    arrays = [HISTO_CASES[name] for name in group]
    assert pb.tf1_histograms_bytes(arrays) == [pb.tf1_histogram_bytes(a) for a in arrays]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.one_of(st.floats(-1e200, 1e200), st.sampled_from([0.0, -0.0, 1e-12, 2.2e-309, 1e-40])),
                         min_size=1, max_size=20), min_size=2, max_size=5))
def test_histograms_together_equal_alone_for_any_values(rows):
    arrays = [np.array(r) for r in rows]
    with np.errstate(over="ignore"):
        assert pb.tf1_histograms_bytes(arrays) == [pb.tf1_histogram_bytes(a) for a in arrays]


def test_histograms_together_raise_for_nan():
    with pytest.raises(InvalidArgumentError, match="Nan in summary histogram"):
        pb.tf1_histograms_bytes([np.ones(3), np.array([1.0, np.nan])])
