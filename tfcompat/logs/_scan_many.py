"""Scans many small event files as one: one buffer, one CRC pass, one vectorised decode.

A log directory of many runs holds many small files (a few dozen records each).
Scanned one by one, each file pays the scanner's fixed costs and every record a
Python step, since a small file has too few records of one layout for numpy to
pay off. Here the files of a batch are read whole and laid end to end; their
CRCs are checked in one pass, and their records decoded as one window (records
of equal length share a layout across files as within one). The result is
split back into one :class:`FileScan` per file.

Only clean files are batched: a regular file, small, whose records fill it
exactly with every CRC right. Anything else (damage, an incomplete last record,
a FIFO, a file growing while read) is scanned on its own by the usual path, in
its turn, so results, warnings and the first error raised are the per-file
scan's.
"""

import bisect
import struct

import numpy as np

from tfcompat.logs._files import read_small_file
from tfcompat.logs._groups import fast_groups
from tfcompat.logs._scan import MIN_GROUP, Builder, FileScan, one_event
from tfcompat.logs._templates import template_events
from tfcompat.wire import framing as _fr
from tfcompat.wire.checksum import bad_records
from tfcompat.wire.framing import FOOTER_SIZE, HEADER_SIZE

__all__ = ["scan_many", "SMALL_FILE"]

SMALL_FILE = 1 << 18  # bytes; a bigger file amortises its own fixed costs
_BATCH_BYTES = 8 << 20  # bytes decoded at once (one window's worth)
_unpack_hdr = struct.Struct("<QI").unpack_from


def scan_many(paths, single, skip_damaged=False, keep_payloads=False, verify=True, progress=None):
    """FileScans of ``paths`` in order; ``single(path)`` scans a file that is not batched."""
    out = []
    batch = []  # (path, data)
    held = 0
    total = len(paths)

    def done(scans):
        for s in scans:
            out.append(s)
            if progress:
                progress(len(out), total)

    for path in paths:
        data = read_small_file(path, SMALL_FILE)
        if data is None:
            done(_flush(batch, single, skip_damaged, keep_payloads, verify))
            batch, held = [], 0
            done([single(path)])
            continue
        batch.append((path, data))
        held += len(data)
        if held >= _BATCH_BYTES:
            done(_flush(batch, single, skip_damaged, keep_payloads, verify))
            batch, held = [], 0
    done(_flush(batch, single, skip_damaged, keep_payloads, verify))
    return out


_HEADS = 4  # records walked one by one before a run is guessed


def _guess(mv, b, n):
    """``(heads, start, stride, count)``: the file at ``mv[b:b+n]`` read as a few records (``heads``, each
    ``(offset, length)``: a file_version event, a first step written without its step...), then ``count``
    records of one length from ``start`` to its end (the same tags every step). Only the headers walked
    are checked here; None when the file cannot be that."""
    heads = []
    pos, end = b, b + n
    while pos < end:
        if end - pos < HEADER_SIZE:
            return None
        length, crc = _unpack_hdr(mv, pos)
        if length > _fr.MAX_RECORD_LENGTH or _fr.header_crc(length) != crc:
            return None
        stride = length + HEADER_SIZE + FOOTER_SIZE
        if heads and (end - pos) % stride == 0 and end - pos > stride:
            return heads, pos, stride, (end - pos) // stride
        if len(heads) == _HEADS or pos + stride > end:
            return None
        heads.append((pos + HEADER_SIZE, length))
        pos += stride
    return heads, pos, 0, 0


def _walk_all(buf, bases, sizes):
    """(offsets, lengths, ok): the records of every file (sorted by offset in ``buf``), and whether each
    file is whole records with valid headers (as :func:`tfcompat.wire.framing.walk` would find them).

    Each file's guess (:func:`_guess`) is checked for all files at once: the headers of a run of one
    length are byte-identical, so every one of them must equal the run's first (valid) header, and
    a walk would then step from one to the next to the file's end. A file whose guess fails is
    walked record by record.
    """
    mv = memoryview(buf)
    ok = [False] * len(sizes)
    heads = {}  # file -> its first records [(offset, length)], walked
    runs = []  # (file, start, stride, count)
    walked = []
    for f, (b, n) in enumerate(zip(bases, sizes)):
        got = _guess(mv, b, n)
        if got is None:
            walked.append(f)
            continue
        heads[f] = got[0]
        if got[3]:
            runs.append((f, got[1], got[2], got[3]))
    offs, lens = [], []  # pieces
    if runs:
        arr = np.frombuffer(buf, dtype=np.uint8)
        files, starts, strides, counts = (np.array(c, dtype=np.int64) for c in zip(*runs))
        which = np.repeat(np.arange(len(runs)), counts)
        j = np.arange(len(which)) - np.repeat(np.cumsum(counts) - counts, counts)
        pos = starts[which] + j * strides[which]
        same = np.ones(len(pos), dtype=bool)
        for t in range(HEADER_SIZE):
            same &= arr[pos + t] == arr[starts + t][which]
        failed = np.unique(which[~same])
        if len(failed):
            keep = ~np.isin(which, failed)
            pos, which = pos[keep], which[keep]
            for f in files[failed].tolist():
                del heads[f]
                walked.append(f)
        offs.append(pos + HEADER_SIZE)
        lens.append(strides[which] - HEADER_SIZE - FOOTER_SIZE)
    for f in heads:
        ok[f] = True
    if heads:
        got = [h for hs in heads.values() for h in hs]
        offs.append(np.array([h[0] for h in got], dtype=np.int64))
        lens.append(np.array([h[1] for h in got], dtype=np.int64))
    for f in walked:
        b, n = bases[f], sizes[f]
        w = _fr.walk(mv, b, b + n, b + n)
        if w.status == _fr.END:
            ok[f] = True
            offs.append(np.asarray(w.offsets, dtype=np.int64))
            lens.append(np.asarray(w.lengths, dtype=np.int64))
    if not offs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), ok
    offs, lens = np.concatenate(offs), np.concatenate(lens)
    order = np.argsort(offs, kind="stable")
    return offs[order], lens[order], ok


def _flush(batch, single, skip_damaged, keep_payloads, verify):
    """The scans of ``batch``: unusual files on their own, the runs of clean ones between them together."""
    if not batch:
        return []
    buf = bytearray().join(item[1] for item in batch)  # writable: the CRC pass works in place
    sizes = [len(item[1]) for item in batch]
    bases = np.cumsum([0] + sizes).tolist()
    offs, lens, ok = _walk_all(buf, bases, sizes)
    first = np.searchsorted(offs, bases).tolist()  # each file's first record
    if verify and len(offs):
        bad = bad_records(buf, offs, lens, in_place=True)
        for f in set((np.searchsorted(first, bad, side="right") - 1).tolist()):
            ok[f] = False
    out = []
    start = 0
    for f in [j for j, good in enumerate(ok) if not good] + [len(batch)]:
        if f > start:
            a, b = first[start], first[f]
            files = [(batch[j][0], sizes[j], first[j] - a) for j in range(start, f)]
            out.extend(_decode(buf, bases[start], offs[a:b], lens[a:b], files, skip_damaged, keep_payloads))
        if f < len(batch):
            out.append(single(batch[f][0]))
        start = f + 1
    return out


class _ManyBuilder(Builder):
    """A builder over the records of several files: the metadata rules and the "previous event" are per file."""

    def __init__(self, scan, keep_payloads, firsts):
        super().__init__(scan, keep_payloads)
        self.firsts = firsts  # each file's first event index
        self.first_set = set(firsts)
        self.firsts_arr = np.asarray(firsts, dtype=np.int64)
        self.file_metas = [{} for _ in firsts]

    def file_of(self, i):
        return bisect.bisect_right(self.firsts, i) - 1

    def metas(self, i):
        return self.file_metas[self.file_of(i)]

    def plugin_rows(self, tag, name, rows):
        if name is None:
            return
        rows = np.asarray(rows, dtype=np.int64)
        files = np.searchsorted(self.firsts_arr, rows + self.n0, side="right")
        starts = np.flatnonzero(np.diff(files, prepend=-1))  # rows ascending: each file's first row
        for r in rows[starts].tolist():
            self.plugin(tag, name, self.n0 + r)

    def previous(self, k):
        if self.n0 + k in self.first_set:
            return 0, 0.0  # the first event of its file
        return super().previous(k)


def _decode(buf, base, offs, lens, files, skip_damaged, keep_payloads):
    """One FileScan per file of ``files`` ((path, size, first record)), whose records are ``offs``/``lens`` of
    ``buf``, the first file starting at ``base``."""
    firsts = [f[2] for f in files]
    n = len(offs)
    whole = FileScan("<batch>")
    b = _ManyBuilder(whole, keep_payloads, firsts)
    mv = memoryview(buf)
    views = []  # each file's bytes: one_event names its own offsets
    pos = base
    for _, size, _ in files:
        views.append((pos, mv[pos : pos + size]))
        pos += size
    undecodable = [[] for _ in files]
    if n:
        b.start_window(n, n)
        ks = range(n)
        if n >= MIN_GROUP:
            pending = np.ones(n, dtype=bool)
            fast_groups(b, mv, offs, lens, pending)
            ks = np.flatnonzero(pending).tolist()
        for k in template_events(b, mv, offs, lens, ks):
            f = b.file_of(k)
            fbase, fmv = views[f]
            one_event(b, fmv, int(offs[k]) - fbase, int(lens[k]), k, skip_damaged, undecodable[f], files[f][0])
        b.end_window(n)
    b.finish()
    return _split(whole, b, files, undecodable)


def _split(whole, b, files, undecodable):
    firsts = [f[2] for f in files] + [whole.n_events]
    scans = []
    for j, (path, size, e0) in enumerate(files):
        s = FileScan(path)
        s.size = size
        e1 = firsts[j + 1]
        s.n_events = e1 - e0
        if e1 > e0:
            s.step, s.wall, s.has_summary = whole.step[e0:e1], whole.wall[e0:e1], whole.has_summary[e0:e1]
        if undecodable[j]:
            s.skipped = sorted(undecodable[j])
        metas = b.file_metas[j]
        if metas:
            s.plugins = {tag: name for tag, (_, name) in sorted(metas.items(), key=lambda kv: kv[1][0])}
        scans.append(s)
    bounds = np.asarray(firsts, dtype=np.int64)
    for key, (idx, val) in whole.values.items():
        cuts = np.searchsorted(idx, bounds)
        counts = np.diff(cuts)
        has = np.flatnonzero(counts)
        # one subtraction per tag, not per file: each file's slice is then a view
        local = idx - np.repeat(bounds[has], counts[has]).astype(idx.dtype)
        for j, a, c in zip(has.tolist(), cuts[has].tolist(), cuts[has + 1].tolist()):
            scans[j].values[key] = [local[a:c], val[a:c]]
    j, e0, e1 = 0, firsts[0], firsts[1]
    for i, info in whole.file_versions:
        if not e0 <= i < e1:
            j = bisect.bisect_right(firsts, i) - 1
            e0, e1 = firsts[j], firsts[j + 1]
        scans[j].file_versions.append((i - e0, info))
    for i in whole.starts:
        j = bisect.bisect_right(firsts, i) - 1
        scans[j].starts.append(i - firsts[j])
    for item in whole.others:
        i = item[0]
        if not e0 <= i < e1:
            j = bisect.bisect_right(firsts, i) - 1
            e0, e1 = firsts[j], firsts[j + 1]
        scans[j].others.append((i - e0, *item[1:]))
    return scans
