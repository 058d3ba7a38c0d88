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
    ``n0`` (the window's first event index in the file), ``plugin(tag, name,
    index)`` and ``add_chunk(key, local rows, values)``.
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
        skeleton = np.ones(L, dtype=bool)
        for s, e, _ in payloads:
            skeleton[s - start : e - start] = False
        cols = np.flatnonzero(skeleton)
        ref = arr[start : start + L][cols]
        cols_i = np.arange(L, dtype=np.int64)
        missed = []
        chunk = max(64, _CHUNK * 128 // L)
        for c0 in range(0, len(remaining), chunk):
            rows = remaining[c0 : c0 + chunk]
            o = offs[rows]
            # Records never overlap, so equal-length records whose first and last
            # offsets are exactly (n-1) strides apart are back to back: view them
            # in place instead of gathering a copy.
            if len(o) > 1 and int(o[-1] - o[0]) == (len(o) - 1) * (L + 16):
                m = np.lib.stride_tricks.as_strided(
                    arr[int(o[0]):], shape=(len(o), L), strides=(L + 16, 1), writeable=False)
            else:
                m = arr[o[:, None] + cols_i]  # (rows, L) copy of the records
            ok = np.all(m[:, cols] == ref, axis=1)
            decoded = {}
            for p in payloads:
                val, good = _vector_payload(m, p[0] - start, p[1] - start, p[2])
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
                b.plugin(tag, plugin, b.n0 + int(hit[0]))
                b.add_chunk((tag, source), hit, decoded[payload][ok])
        remaining = np.concatenate(missed) if missed else remaining[:0]


def _vector_payload(m, s, e, kind):
    """(values, ok mask or None) of one payload column range of the row matrix ``m``."""
    if kind in (F4, F8, I4, I8):
        dt = {F4: "<f4", F8: "<f8", I4: "<i4", I8: "<i8"}[kind]
        return np.ascontiguousarray(m[:, s:e]).view(dt)[:, 0], None
    k = e - s
    cols = m[:, s:e]
    ok = np.all(cols[:, : k - 1] >= 0x80, axis=1) & (cols[:, k - 1] < 0x80)
    v = np.zeros(len(m), dtype=np.uint64)
    for j in range(k):
        v |= (cols[:, j] & 0x7F).astype(np.uint64) << np.uint64(7 * j)
    if kind == HALF:
        return (v & np.uint64(0xFFFF)).astype(np.uint16).view(np.float16), ok
    return v.view(np.int64), ok


