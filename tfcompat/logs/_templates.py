"""Decodes scalar events one by one through the layouts of earlier records, without numpy.

A record is parsed by hand once (:func:`tfcompat.wire.decode.parse_layout`); its
layout becomes a :class:`_Template`, one ``struct`` format over the whole record,
and a later record of the same length whose skeleton bytes (everything but the
numbers) are the same is decoded with one ``unpack_from`` call. The few records of
a small file are decoded so (numpy's per-call cost would dominate there), and a
small ``inspect`` reads its files without importing numpy at all.
"""

import operator
import struct

from tfcompat.wire import decode as _decode
from tfcompat.wire.decode import F4, F8, HALF, I4, I8, VARINT

__all__ = ["match", "template_events"]


def _floats(values):
    import numpy as np

    return np.array(values, dtype=np.float64)



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


def match(mv, start, length):
    """``(template, numbers)`` of the scalar event at ``mv[start:start+length]``: ``numbers`` are its wall
    time, step and values; ``(None, None)`` when it is not the plain scalar shape."""
    for t in _TEMPLATES.get(length, ()):
        got = t.match(mv, start)
        if got is not None:
            return t, got
    layout = _decode.parse_layout(mv, start, start + length)
    if layout is None:
        return None, None
    hit = _Template(mv, start, length, layout)
    got = hit.match(mv, start)
    if got is None:
        return None, None
    if len(_TEMPLATES) >= _MAX_LENGTHS and length not in _TEMPLATES:
        _TEMPLATES.clear()
    bucket = _TEMPLATES.setdefault(length, [])
    bucket.insert(0, hit)
    del bucket[_MAX_TEMPLATES:]
    return hit, got


def template_events(b, mv, offs, lens, ks):
    """Decodes the scalar events ``ks`` of a window one by one, re-using the layout of an earlier
    record whose skeleton bytes match (one ``struct`` call instead of a parse). Returns the events
    that are not the plain scalar shape, for the caller's general path."""
    found = {}  # template -> (rows, numbers)
    left = []
    for k in ks:
        hit, got = match(mv, int(offs[k]), int(lens[k]))
        if hit is None:
            left.append(k)
            continue
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
            b.add_chunk(key, rows, col if b.small else _floats(col))
    return left
