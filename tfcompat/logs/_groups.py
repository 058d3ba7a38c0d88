"""Decodes many scalar events at once: the equal-length records that share one layout.

Records are grouped by length; one record of a group is parsed by hand
(:func:`tfcompat.wire.decode.parse_layout`, the shape TF1 ``FileWriter``, TF2
``tf.summary``, Keras, tensorboardX and PyTorch write a scalar event in) and every
record of the group whose skeleton bytes (everything but the numbers) equal it is
decoded with numpy, column by column. Records that do not fit are left to the
caller's one-by-one path.
"""

import operator
import struct

import numpy as np

from tfcompat.wire import decode as _decode
from tfcompat.wire.decode import F4, F8, HALF, I4, I8, VARINT

__all__ = ["fast_groups", "template_events", "MIN_GROUP"]

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


# -- the same idea without numpy, for the few records of a small file -----------------------------

_CODES = {F4: "f", F8: "d", I4: "i", I8: "q"}
_MAX_TEMPLATES = 8  # layouts remembered per record length


class _Template:
    """A parsed record's layout as one ``struct`` format over the whole record: skeleton stretches
    as byte strings (which must equal the reference record's) and the numbers in between.

    One ``unpack_from`` call then splits a record of the same length into both; varint
    payloads come out as raw bytes and are decoded (and checked) here.
    """

    __slots__ = ("unpack", "skeleton", "ref", "numbers", "varints", "has_summary", "values")

    def __init__(self, mv, start, length, layout):
        wall, step, has_summary, values = layout
        payloads = [wall, step] + [v[3] for v in values]
        spans = sorted((p[0] - start, p[1] - start, j, p[2]) for j, p in enumerate(payloads) if p is not None)
        fmt, skeleton, where, pos = ["<"], [], {}, 0
        for a, b, j, kind in spans:
            if a > pos:
                skeleton.append(len(fmt) - 1)
                fmt.append(f"{a - pos}s")
            where[j] = (len(fmt) - 1, kind)
            fmt.append(_CODES.get(kind, f"{b - a}s"))
            pos = b
        if pos < length:
            skeleton.append(len(fmt) - 1)
            fmt.append(f"{length - pos}s")
        self.unpack = struct.Struct("".join(fmt)).unpack_from
        self.skeleton = operator.itemgetter(*skeleton) if skeleton else (lambda t: ())
        self.ref = self.skeleton(self.unpack(mv, start))
        # per payload (wall, step, then each value): its field in the unpacked tuple, or None (absent: 0)
        self.numbers = [where.get(j, (None, None)) for j in range(len(payloads))]
        self.varints = [(j, f, kind) for j, (f, kind) in enumerate(self.numbers) if kind in (VARINT, HALF)]
        self.has_summary = has_summary
        self.values = [((tag, source), plugin) for tag, source, plugin, _ in values]

    def match(self, mv, start):
        """The payload numbers of the record at ``start`` if it shares this layout, else None."""
        t = self.unpack(mv, start)
        if self.skeleton(t) != self.ref:
            return None
        got = [0 if f is None else t[f] for f, _ in self.numbers]
        for j, _, kind in self.varints:
            raw = got[j]
            if kind == VARINT and len(raw) == 1 and raw[0] < 0x80:  # a step below 128
                got[j] = raw[0]
                continue
            if raw[-1] >= 0x80 or any(c < 0x80 for c in raw[:-1]):
                return None  # not a varint that fills exactly its bytes: let the parser decide
            v = 0
            for shift, c in enumerate(raw):
                v |= (c & 0x7F) << (7 * shift)
            v &= 0xFFFFFFFFFFFFFFFF
            if kind == HALF:
                got[j] = struct.unpack("<e", (v & 0xFFFF).to_bytes(2, "little"))[0]
            else:
                got[j] = v - (1 << 64) if v >= 1 << 63 else v
        return got


# length -> layouts seen lately: the files of one log dir (and the windows of one file) share them
_TEMPLATES = {}
_MAX_LENGTHS = 256


def template_events(b, mv, offs, lens, ks):
    """Decodes the scalar events ``ks`` of a window one by one, re-using the layout of an earlier
    record whose skeleton bytes match (one ``struct`` call instead of a parse). Returns the events
    that are not the plain scalar shape, for the caller's general path."""
    found = {}  # template -> (rows, numbers)
    left = []
    for k in ks:
        start, length = int(offs[k]), int(lens[k])
        got = hit = None
        for t in _TEMPLATES.get(length, ()):
            got = t.match(mv, start)
            if got is not None:
                hit = t
                break
        if hit is None:
            layout = _decode.parse_layout(mv, start, start + length)
            got = None if layout is None else (hit := _Template(mv, start, length, layout)).match(mv, start)
            if got is None:
                left.append(k)
                continue
            if len(_TEMPLATES) >= _MAX_LENGTHS and length not in _TEMPLATES:
                _TEMPLATES.clear()
            bucket = _TEMPLATES.setdefault(length, [])
            bucket.insert(0, hit)
            del bucket[_MAX_TEMPLATES:]
        entry = found.get(hit)
        if entry is None:
            entry = found[hit] = ([], [])
        entry[0].append(k)
        entry[1].append(got)
    for t, (rows, numbers) in found.items():
        cols = list(zip(*numbers))
        b.put_events(rows, cols[0], cols[1], t.has_summary)
        for (key, plugin), col in zip(t.values, cols[2:]):
            b.plugin_rows(key[0], plugin, rows)
            b.add_chunk(key, rows, col if b.small else np.array(col, dtype=np.float64))
    return left
