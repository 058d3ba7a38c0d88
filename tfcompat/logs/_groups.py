"""Decodes many scalar events at once: the equal-length records that share one layout.

Records are grouped by length; one record of a group is parsed by hand
(:func:`tfcompat.wire.decode.parse_layout`, the shape TF1 ``FileWriter``, TF2
``tf.summary``, Keras, tensorboardX and PyTorch write a scalar event in) and every
record of the group whose skeleton bytes (everything but the numbers) equal it is
decoded with numpy, column by column. Records that do not fit are left to the
caller's one-by-one path.
"""

import numpy as np

from tfcompat.wire import decode as _decode
from tfcompat.wire.decode import F4, F8, HALF, I4, I8

__all__ = ["fast_groups", "MIN_GROUP"]

MIN_GROUP = 16  # smaller groups are not worth numpy's overhead
_CHUNK = 16384  # rows gathered at a time (bounds the index matrix's memory)
_MAX_ATTEMPTS = 8  # layouts tried per record length
_MAX_FAST_LENGTH = 4096  # longer records are images/graphs: never the common shape


def fast_groups(b, mv, offs, lens, pending):
    """Decodes every group of equal-length records of a window into the builder ``b``; clears ``pending`` for them.

    ``b`` has per-event arrays ``wall``, ``step``, ``has_summary`` of the window,
    ``n0`` (the window's first event index in the file), ``plugin_rows(tag, name,
    local rows)`` and ``add_chunk(key, local rows, values)``.
    """
    arr = np.frombuffer(mv, dtype=np.uint8)
    uniq, counts = np.unique(lens, return_counts=True)
    for L, c in zip(uniq.tolist(), counts.tolist()):
        if c >= MIN_GROUP and 0 < L <= _MAX_FAST_LENGTH:
            fast_group(b, mv, arr, offs, np.flatnonzero(lens == L), L, pending)


def fast_group(b, mv, arr, offs, idx, L, pending):
    """Decodes the records ``idx`` (all of length L) that share a skeleton with one of them."""
    remaining = idx
    for _ in range(_MAX_ATTEMPTS):
        if len(remaining) < MIN_GROUP:
            return
        rep = int(remaining[0])
        start = int(offs[rep])
        layout = _decode.parse_layout(mv, start, start + L)
        if layout is None:
            remaining = remaining[1:]  # rep goes to the slow path
            continue
        wall, step, has_summary, values = layout
        payloads = [p for p in (wall, step) if p is not None] + [v[3] for v in values]
        skeleton = np.full(L, 0xFF, dtype=np.uint8)
        for s, e, _ in payloads:
            skeleton[s - start : e - start] = 0
        check = _SkeletonCheck(arr[start : start + L], skeleton)
        cols_i = np.arange(L, dtype=np.int64)
        missed = []
        chunk = max(64, _CHUNK * 128 // L)
        for c0 in range(0, len(remaining), chunk):
            rows = remaining[c0 : c0 + chunk]
            o = offs[rows]
            # Records never overlap, so equal-length records whose first and last
            # offsets are exactly (n-1) strides apart are back to back: read them
            # in place instead of gathering a copy.
            if len(o) > 1 and int(o[-1] - o[0]) == (len(o) - 1) * (L + 16):
                src = (mv, int(o[0]), L + 16)
            else:
                src = (arr[o[:, None] + cols_i], 0, L)  # (rows, L) copy of the records
            ok = check(src, len(o))
            decoded = {}
            for p in payloads:
                val, good = _vector_payload(src, len(o), p[0] - start, p[1] - start, p[2])
                if good is not None:
                    ok &= good
                decoded[p] = val
            if not ok.all():
                missed.append(rows[~ok])
            hit = rows[ok]
            if not len(hit):
                continue
            pending[hit] = False
            b.wall[hit] = decoded[wall][ok] if wall is not None else 0.0
            b.step[hit] = decoded[step][ok] if step is not None else 0
            b.has_summary[hit] = has_summary
            for tag, source, plugin, payload in values:
                b.plugin_rows(tag, plugin, hit)
                b.add_chunk((tag, source), hit, decoded[payload][ok])
        remaining = np.concatenate(missed) if missed else remaining[:0]


def _column(src, n, col, dtype):
    """Column ``col`` (a byte offset in the row) of ``n`` evenly spaced rows, as ``dtype`` (a view, no copy)."""
    buf, off, stride = src
    return np.ndarray((n,), dtype=dtype, buffer=buf, offset=off + col, strides=(stride,))


class _SkeletonCheck:
    """Which rows have the reference record's skeleton bytes: 8 bytes at a time, payload bytes masked out."""

    def __init__(self, ref, mask):
        L = len(ref)
        self.words = L // 8
        ref = np.asarray(ref, dtype=np.uint8)
        self.mask = np.frombuffer(mask[: self.words * 8].tobytes(), dtype="<u8")
        self.want = np.frombuffer((ref[: self.words * 8] & mask[: self.words * 8]).tobytes(), dtype="<u8")
        tail = np.flatnonzero(mask[self.words * 8 :]) + self.words * 8
        self.tail = [(int(c), int(ref[c])) for c in tail]

    def __call__(self, src, n):
        buf, off, stride = src
        ok = np.ones(n, dtype=bool)
        if self.words:
            rows = np.ndarray((n, self.words), dtype="<u8", buffer=buf, offset=off, strides=(stride, 8))
            ok = ((rows & self.mask) == self.want).all(axis=1)
        for c, want in self.tail:
            ok &= _column(src, n, c, np.uint8) == want
        return ok


def _vector_payload(src, n, s, e, kind):
    """(values, ok mask or None) of one payload (bytes ``s:e`` of each row) of ``n`` rows."""
    if kind in (F4, F8, I4, I8):
        dt = {F4: "<f4", F8: "<f8", I4: "<i4", I8: "<i8"}[kind]
        return _column(src, n, s, dt), None
    k = e - s
    cols = [_column(src, n, s + j, np.uint8) for j in range(k)]
    ok = cols[k - 1] < 0x80
    for c in cols[: k - 1]:
        ok &= c >= 0x80
    v = np.zeros(n, dtype=np.uint64)
    for j, c in enumerate(cols):
        v |= (c & 0x7F).astype(np.uint64) << np.uint64(7 * j)
    if kind == HALF:
        return (v & np.uint64(0xFFFF)).astype(np.uint16).view(np.float16), ok
    return v.view(np.int64), ok
