"""tfcompat.logs._text: numpy's text of whole columns is Python's repr/str of every value, byte for byte."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli.test_export_exact import _doubles
from tfcompat.logs._text import float_text, int_text, texts


def _reprs(x, **kw):
    return [b.decode() for b in texts(float_text(x, **kw))]


def test_every_kind_of_double_is_its_repr():
    x = _doubles(4000, 3)
    x = np.concatenate([x, -x, [0.0, -0.0, np.nan, -np.nan, np.inf, -np.inf]])
    assert _reprs(x) == [repr(v) for v in x.tolist()]


def test_random_bit_patterns_and_float32_values_are_their_repr():
    rng = np.random.default_rng(7)
    f32 = rng.integers(0, 2**32, 100_000, dtype=np.uint64).astype(np.uint32).view(np.float32)
    with np.errstate(invalid="ignore"):  # signalling NaNs among the bit patterns: still NaN
        x = np.concatenate([rng.integers(0, 2**64, 100_000, dtype=np.uint64).view(np.float64), f32.astype(np.float64)])
    assert _reprs(x) == [repr(v) for v in x.tolist()]


def test_the_smallest_subnormals_are_their_repr():
    # Schubfach as published prints two digits at least (4.9e-324); Python prints the shortest
    x = np.arange(1, 1 << 16, dtype=np.uint64).view(np.float64)
    assert _reprs(x) == [repr(v) for v in x.tolist()]


def test_json_spells_nan_and_infinities_as_strings():
    x = np.array([np.nan, np.inf, -np.inf, -np.nan, 1.5, -0.0])
    assert _reprs(x, json=True) == ['"nan"', '"inf"', '"-inf"', '"nan"', "1.5", "-0.0"]


def test_a_suffix_follows_every_text():
    x = np.array([0.1, -2.0, np.nan, 1e300])
    assert _reprs(x, suffix=b"\nrun \xc3\xbc,tag,") == [repr(v) + "\nrun ü,tag," for v in x.tolist()]
    long = b"," + b"t" * 300 + b","  # template columns past 255
    assert texts(int_text(np.array([-5, 12]), suffix=long)) == [b"-5" + long, b"12" + long]


@pytest.mark.parametrize("n", [0, 1, 8191, 8193])
def test_int64_from_end_to_end_is_its_str(n):
    rng = np.random.default_rng(n)
    x = np.concatenate([rng.integers(-2**63, 2**63 - 1, n, endpoint=True),
                        [0, -1, 1, 9, 10, -10, 99, 100, 2**63 - 1, -2**63, 10**18, -10**18]])
    assert [b.decode() for b in texts(int_text(x))] == [str(v) for v in x.tolist()]


def test_blocks_of_few_and_of_many_layouts_are_their_repr():
    # a block of few layouts is copied layout by layout, one of many by a flat take: both give repr
    rng = np.random.default_rng(11)
    few = rng.random(20_000).astype(np.float32).astype(np.float64)
    many = _doubles(300, 12)
    for x in (few, many, np.concatenate([few[:5000], many[:5000]])):
        assert _reprs(x, suffix=b",") == [repr(v) + "," for v in x.tolist()]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True) | st.floats(width=32), min_size=1, max_size=64))
def test_any_doubles_hypothesis_finds_are_their_repr(values):
    x = np.array(values, dtype=np.float64)
    assert _reprs(x) == [repr(v) for v in x.tolist()]
