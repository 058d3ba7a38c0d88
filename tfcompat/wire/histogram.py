"""TF1 histograms (``Summary.Value.histo``) as TF1's ``HistogramSummary`` kernel wrote them, in wire bytes.

Mirrors ``tf.summary.histogram`` (TF 1.x; ``tf.compat.v1`` today): TF1's default
bucket limits, empty runs collapsed as ``Histogram::EncodeToProto`` did, sums in
the kernel's order, and the kernel's denormals-are-zero arithmetic. Built with
numpy straight into bytes, byte-identical to the kernel's output (tests compare
against TF's kernel). Several histograms at once (one ``sess.run`` of a merged
summary) share their numpy calls: :func:`tf1_histograms_bytes`.
"""

import contextlib
import itertools
import math
import struct

from tfcompat._errors import InvalidArgumentError
from tfcompat.wire.encode import tag_prefix, varint

__all__ = ["tf1_bucket_limits", "tf1_histogram_bytes", "tf1_histograms_bytes", "tf1_histogram_proto",
           "histo_value_bytes", "histo_piece"]

_pack_d = struct.Struct("<d").pack
_pack_head = struct.Struct("<BdBdBdBdBd").pack  # min, max, num, sum, sum_squares: fields 1-5, all doubles
_DBL_MAX = 1.7976931348623157e308
_DBL_MIN = 2.2250738585072014e-308  # smallest normal double
_FLT_MIN = 1.1754943508222875e-38  # smallest normal float32
_ZERO = 775  # index of the limit 0.0: buckets _ZERO and _ZERO + 1 hold (-1e-12, 1e-12)
_EMPTY = (b"\x09" + _pack_d(_DBL_MAX) + b"\x11" + _pack_d(-_DBL_MAX)
          + b"\x32\x08" + _pack_d(_DBL_MAX) + b"\x3a\x08" + _pack_d(0.0))
_cache = []
_tiled = {}  # k -> the limits k times over, for k histograms at once


def tf1_bucket_limits():
    """TF1's default histogram bucket edges (tensorflow/core/lib/histogram/histogram.cc).

    Positive edges grow by 10% from 1e-12 to 1e20, mirrored for negatives,
    with 0 in the middle and +-DBL_MAX at both ends. Returns a tuple of floats.
    """
    if not _cache:
        pos = []
        v = 1.0e-12
        while v < 1.0e20:
            pos.append(v)
            v *= 1.1
        pos.append(_DBL_MAX)
        neg = [-x for x in reversed(pos)]
        _cache.append(tuple(neg + [0.0] + pos))
    return _cache[0]


def _bucket_table():
    """``(limits, limits with +inf last, table)``: numpy arrays, built once.

    ``table[u >> 48]`` (``u``: a double's bits) is the bucket of the smallest
    value with those top 16 bits (sign, exponent, 4 mantissa bits). Such a cell
    spans at most 6.25%, less than the 10% between limits, so it holds at most
    one limit: a value's bucket is the table's or the next, one comparison away.
    """
    import numpy as np

    if len(_cache) < 2:
        limits = np.asarray(tf1_bucket_limits())
        keys = np.arange(1 << 16, dtype=np.uint64)
        low_bits = np.where(keys >= (1 << 15), np.uint64((1 << 48) - 1), np.uint64(0))  # negatives: most negative
        smallest = ((keys << np.uint64(48)) | low_bits).view(np.float64)
        table = np.full(1 << 16, len(limits) - 1, dtype=np.intp)
        finite = np.isfinite(smallest)
        table[finite] = np.minimum(np.searchsorted(limits, smallest[finite], side="right"), len(limits) - 1)
        # DBL_MAX itself would pass the last limit (TF's kernel writes out of bounds there): never past it.
        stop = np.append(limits[:-1], np.inf)
        _cache.append((limits, stop, table))
    return _cache[1]


def _buckets(np, z):
    limits, stop, table = _bucket_table()
    # Signed: a negative double's key comes out negative, and take() counts it from the table's end,
    # which is its unsigned key; no cast of the keys to intp.
    index = table.take(z.view(np.int64) >> 48)
    index += stop.take(index) <= z
    return index


def _sequential_sums(np, rows, flush_squares=False):
    """Sums and sums of squares of ``rows`` (last axis) added one value at a time, as the C++ loop did.

    numpy's ``sum`` adds pairwise, which differs in the last bits. One complex
    cumsum does both: it adds real and imaginary parts independently, each
    exactly as a loop of doubles would.
    """
    pairs = np.empty(rows.shape + (2,))
    pairs[..., 0] = rows
    np.multiply(rows, rows, out=pairs[..., 1])
    if flush_squares:
        squares = pairs[..., 1]
        squares[squares < _DBL_MIN] = 0.0  # flushed to zero
    last = np.cumsum(pairs.view(np.complex128)[..., 0], axis=-1)[..., -1]
    return last.real + 0.0, last.imag  # the loop starts from +0.0: a sum never ends at -0.0


def _nan_error(np, z):
    return InvalidArgumentError(
        "`values` must be finite for a TF1 histogram (TF1 failed with "
        f"'Nan in summary histogram'). Received: {int((~np.isfinite(z)).sum())} non-finite values"
    )


def _double_field(tag_byte, x):
    # proto3: a double equal to +0.0 is not written (-0.0 is).
    return b"" if x == 0.0 and math.copysign(1.0, x) > 0 else tag_byte + _pack_d(x)


def _encode(lo, hi, n, total, squares, limit_bytes, count_bytes):
    if lo and hi and total and squares:
        head = _pack_head(0x09, lo, 0x11, hi, 0x19, n, 0x21, total, 0x29, squares)
    else:
        head = (_double_field(b"\x09", lo) + _double_field(b"\x11", hi) + b"\x19" + _pack_d(n)
                + _double_field(b"\x21", total) + _double_field(b"\x29", squares))
    return (head + b"\x32" + varint(len(limit_bytes)) + limit_bytes
            + b"\x3a" + varint(len(count_bytes)) + count_bytes)


def _overflow_ok(np, lo, hi):
    # Beyond 1e150, squares (or sums) overflow to inf, as the C++ loop's doubles did.
    return np.errstate(over="ignore") if max(hi, -lo) > 1e150 else contextlib.nullcontext()


def tf1_histogram_bytes(values):
    """Mirrors TF1's ``tf.summary.histogram`` kernel: the serialized ``HistogramProto`` of ``values``.

    Counts go into TF1's default buckets (a value ``v`` lands in the first bucket
    whose limit is greater than ``v``); runs of empty buckets are collapsed into
    one zero-count bucket ending at the run's last limit, exactly as TF1's
    ``Histogram::EncodeToProto(preserve_zero_buckets=false)`` did.

    Args:
        values: anything ``numpy.asarray`` takes; flattened, cast to float64.

    Raises:
        InvalidArgumentError: a value is NaN or infinite (TF1 failed the same way:
            "Nan in summary histogram").
    """
    import numpy as np

    arr = np.asarray(values)
    z = np.asarray(arr, dtype=np.float64).ravel()
    if z.size == 0:
        return _EMPTY
    limits = _bucket_table()[0]
    zlo, zhi = z.min(), z.max()
    if not (math.isfinite(zlo) and math.isfinite(zhi)):  # NaN propagates into min/max
        raise _nan_error(np, z)
    counts = np.bincount(_buckets(np, z), minlength=len(limits))
    raw, small = z, counts[_ZERO] or counts[_ZERO + 1]
    if small:
        # TF's kernels run with denormals-are-zero and flush-to-zero: float32
        # subnormals become +-0 in the cast to double; double subnormals compare
        # and add as +-0 (min/max still keep the raw value they picked).
        tiny = np.abs(z) < (_FLT_MIN if arr.dtype == np.float32 else _DBL_MIN)
        tiny &= z != 0.0
        if tiny.any():
            z = np.where(tiny, np.copysign(0.0, z), z)
            raw = z if arr.dtype == np.float32 else raw  # a float32 subnormal is zero already after the cast
            counts = np.bincount(_buckets(np, z), minlength=len(limits))
            zlo, zhi = z.min(), z.max()
    lo, hi = float(zlo), float(zhi)
    if lo == 0.0 or hi == 0.0:
        # The C++ loop keeps the first of extremes that compare equal: +-0 or a subnormal, raw.
        first_zero = float(raw[np.flatnonzero(z == 0.0)[0]])
        lo, hi = (first_zero if lo == 0.0 else lo), (first_zero if hi == 0.0 else hi)
    with _overflow_ok(np, lo, hi):
        total, squares = _sequential_sums(np, z, flush_squares=small)
    # A bucket is written if it holds values, or ends a run of empty ones.
    emit = counts > 0
    np.logical_or(emit[:-1], emit[1:], out=emit[:-1])
    emit[-1] = True
    return _encode(lo, hi, float(z.size), float(total), float(squares), limits[emit].astype("<f8", copy=False).tobytes(),
                   counts[emit].astype("<f8").tobytes())


def _tiled_limits(np, limits, k):
    if len(_tiled) > 64:
        _tiled.clear()
    tiled = _tiled.get(k)
    if tiled is None:
        tiled = _tiled[k] = np.tile(limits.astype("<f8"), k)
    return tiled


def tf1_histograms_bytes(arrays):
    """:func:`tf1_histogram_bytes` of each of ``arrays``, computed together.

    One numpy call per step for all of them instead of one per histogram: the
    histograms of one merged summary cost little more than one. Arrays whose
    values come near zero (where the kernel's denormal rules apply) or that hold
    NaN/inf go through :func:`tf1_histogram_bytes` one by one (which raises).
    """
    import numpy as np

    arrays = [np.asarray(a) for a in arrays]
    sizes = [a.size for a in arrays]
    k = len(arrays)
    if k < 2 or 0 in sizes:
        return [tf1_histogram_bytes(a) for a in arrays]
    longest = max(sizes)
    limits = _bucket_table()[0]
    nb = len(limits)
    flat = np.concatenate([a.ravel() for a in arrays], dtype=np.float64)
    starts = list(itertools.accumulate(sizes[:-1], initial=0))
    lows, highs = np.minimum.reduceat(flat, starts), np.maximum.reduceat(flat, starts)
    lowest, highest = float(lows.min()), float(highs.max())
    if not (math.isfinite(lowest) and math.isfinite(highest)):  # NaN propagates into min/max
        return [tf1_histogram_bytes(a) for a in arrays]  # raises for the first one with NaN/inf
    index = _buckets(np, flat)
    if len(set(sizes)) == 1:
        square = index.reshape(k, longest)
        np.add(square, np.arange(0, k * nb, nb)[:, None], out=square)
        rows = flat.reshape(k, longest)
    else:
        index += np.repeat(np.arange(0, k * nb, nb), sizes)
        # Rows padded at the end with +0.0, which changes no sequential sum (the kernel's start from +0.0).
        rows = np.zeros((k, longest))
        for i, (s, n) in enumerate(zip(starts, sizes)):
            rows[i, :n] = flat[s:s + n]
    counts = np.bincount(index, minlength=k * nb).reshape(k, nb)
    near_zero = counts[:, _ZERO:_ZERO + 2]
    careful = set(np.flatnonzero(near_zero.any(axis=1)).tolist()) if near_zero.any() else ()  # see above
    with _overflow_ok(np, lowest, highest):
        totals, squares = _sequential_sums(np, rows)
    emit = counts > 0
    np.logical_or(emit[:, :-1], emit[:, 1:], out=emit[:, :-1])
    emit[:, -1] = True
    per_row = emit.sum(axis=1).tolist()
    emit = emit.ravel()
    limit_bytes = _tiled_limits(np, limits, k)[emit].tobytes()
    count_bytes = counts.ravel()[emit].astype("<f8").tobytes()
    out, begin = [], 0
    for i, (lo, hi, total, square, emitted) in enumerate(zip(lows.tolist(), highs.tolist(), totals.tolist(),
                                                               squares.tolist(), per_row)):
        end = begin + 8 * emitted
        if i in careful:
            out.append(tf1_histogram_bytes(arrays[i]))
        else:
            out.append(_encode(lo, hi, float(sizes[i]), total, square, limit_bytes[begin:end], count_bytes[begin:end]))
        begin = end
    return out


def tf1_histogram_proto(values):
    """:func:`tf1_histogram_bytes` as a tensorboard ``HistogramProto``."""
    from tensorboard.compat.proto import summary_pb2

    return summary_pb2.HistogramProto.FromString(tf1_histogram_bytes(values))


def histo_value_bytes(tag, values):
    """A framed ``Summary.value`` with a TF1 ``histo`` (as ``tf.compat.v1.summary.histogram``)."""
    return histo_piece(tag_prefix(tag), tf1_histogram_bytes(values))


def histo_piece(prefix, histogram):
    """A framed ``Summary.value`` from ``tag_prefix(tag)`` and :func:`tf1_histogram_bytes` output."""
    body = prefix + b"\x2a" + varint(len(histogram)) + histogram
    return b"\x0a" + varint(len(body)) + body
