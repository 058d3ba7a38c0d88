"""Scans one event file into columns: the per-event facts purging needs, and the values.

Fast path: records are grouped by length; one record of a group is parsed by
hand (:func:`tfcompat.wire.decode.parse_layout`) and every record of the group
whose skeleton bytes equal it is decoded at once with numpy. Records that do not
fit go through the hand parser one by one, and anything unusual (graphs,
histograms, images, session logs, ...) through tensorboard's proto classes.
"""

from array import array

import numpy as np

from tfcompat._errors import DamagedRecordError
from tfcompat.wire import decode as _decode
from tfcompat.wire.decode import F4, F8, HALF, I4, I8
from tfcompat.wire.records import frame_records

__all__ = ["FileScan", "scan_buffer", "KIND_OF_FIELD"]

_MIN_GROUP = 16  # smaller groups are not worth numpy's overhead
_CHUNK = 16384  # rows gathered at a time (bounds the index matrix's memory)
_MAX_ATTEMPTS = 8  # layouts tried per record length
_MAX_FAST_LENGTH = 4096  # longer records are images/graphs: never the common shape

# Summary.Value oneof field -> kind reported by inspect
KIND_OF_FIELD = {"simple_value": "scalar", "histo": "histogram", "image": "image", "audio": "audio"}
# plugin name of a tensor summary -> kind
KIND_OF_PLUGIN = {
    "scalars": "scalar", "histograms": "histogram", "images": "image", "audio": "audio",
    "text": "text", "graphs": "graph",
}


class FileScan:
    """What one event file holds.

    Attributes:
        path: the file.
        size: bytes.
        n_events: number of events read.
        truncated: (offset, nbytes) of an incomplete last record, or None.
        skipped: list of (offset, nbytes, reason) skipped with skip_damaged.
        step, wall: per-event numpy arrays (int64, float64).
        has_summary: per-event uint8 array (the event has a ``summary`` field).
        file_versions: list of (event index, version string).
        starts: event indices of ``session_log`` START events.
        values: dict ``(tag, source) -> [event index array, value array]`` of
            scalar-like values; source is "simple" or "tensor".
        plugins: dict tag -> plugin name of the first metadata seen.
        others: list of (event index, tag, kind, payload) of everything else
            (payload is the proto message when ``keep_payloads``, else None).
    """

    def __init__(self, path):
        self.path = path
        self.size = 0
        self.n_events = 0
        self.truncated = None
        self.skipped = []
        self.file_versions = []
        self.starts = []
        self.values = {}
        self.plugins = {}
        self.others = []


def proto_event(data, path, offset):
    from tensorboard.compat.proto import event_pb2

    try:
        return event_pb2.Event.FromString(data)
    except Exception as e:  # upb raises DecodeError (and RuntimeError on deep nesting)
        raise DamagedRecordError(path, offset, f"not a valid Event proto ({e})") from None


class _Builder:
    """Accumulates one file's values in arrays (cheap appends, no per-value objects)."""

    def __init__(self, scan, n, keep_payloads):
        self.scan = scan
        self.step = np.zeros(n, dtype=np.int64)
        self.wall = np.zeros(n, dtype=np.float64)
        self.has_summary = np.zeros(n, dtype=np.uint8)
        self.chunks = {}  # (tag, source) -> list of (idx array, value array)
        self.slow = {}  # (tag, source) -> (array('q'), array('d'))
        self.keep = keep_payloads
        self.first_meta = {}  # tag -> (event index, plugin name)

    def plugin(self, tag, name, i):
        # Like EventAccumulator, the first metadata of a tag *in file order* wins;
        # groups are decoded out of order, so keep the earliest event index.
        if name is not None:
            old = self.first_meta.get(tag)
            if old is None or i < old[0]:
                self.first_meta[tag] = (i, name)

    def add_slow(self, key, i, v):
        pair = self.slow.get(key)
        if pair is None:
            pair = self.slow[key] = (array("q"), array("d"))
        pair[0].append(i)
        pair[1].append(v)

    def finish(self):
        scan = self.scan
        scan.step, scan.wall, scan.has_summary = self.step, self.wall, self.has_summary
        scan.plugins = {tag: name for tag, (_, name) in sorted(self.first_meta.items(), key=lambda kv: kv[1][0])}
        keys = list(self.chunks) + [k for k in self.slow if k not in self.chunks]
        for key in keys:
            parts = list(self.chunks.get(key, ()))
            if key in self.slow:
                i, v = self.slow[key]
                parts.append((np.frombuffer(i, dtype=np.int64), np.frombuffer(v, dtype=np.float64)))
            idx = np.concatenate([p[0] for p in parts]) if len(parts) > 1 else parts[0][0]
            val = np.concatenate([p[1] for p in parts]) if len(parts) > 1 else parts[0][1]
            if len(parts) > 1 and np.any(np.diff(idx) < 0):
                order = np.argsort(idx, kind="stable")
                idx, val = idx[order], val[order]
            scan.values[key] = [idx, val.astype(np.float64, copy=False)]


def scan_buffer(buf, path="<bytes>", skip_damaged=False, keep_payloads=False):
    """Scans a whole event file held in ``buf``; returns a :class:`FileScan`."""
    scan = FileScan(str(path))
    frames = frame_records(buf, scan.path, skip_damaged)
    scan.size, scan.truncated, scan.skipped = frames.size, frames.truncated, list(frames.skipped)
    n = len(frames.offsets)
    scan.n_events = n
    b = _Builder(scan, n, keep_payloads)
    if n == 0:
        b.finish()
        return scan
    mv = memoryview(buf).cast("B")
    offs = np.frombuffer(frames.offsets, dtype=np.int64)
    lens = np.frombuffer(frames.lengths, dtype=np.int64)
    pending = np.ones(n, dtype=bool)
    if n >= _MIN_GROUP:
        arr = np.frombuffer(mv, dtype=np.uint8)
        uniq, counts = np.unique(lens, return_counts=True)
        for L, c in zip(uniq.tolist(), counts.tolist()):
            if c >= _MIN_GROUP and 0 < L <= _MAX_FAST_LENGTH:
                _fast_group(b, mv, arr, offs, np.flatnonzero(lens == L), L, pending)
    for i in np.flatnonzero(pending).tolist():
        _slow_event(b, mv, int(offs[i]), int(lens[i]), i, skip_damaged)
    b.finish()
    return scan


def _fast_group(b, mv, arr, offs, idx, L, pending):
    """Decodes the records ``idx`` (all of length L) that share a skeleton with one of them."""
    remaining = idx
    for _ in range(_MAX_ATTEMPTS):
        if len(remaining) < _MIN_GROUP:
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
                b.plugin(tag, plugin, int(hit[0]))
                b.chunks.setdefault((tag, source), []).append(
                    (hit.astype(np.int64), decoded[payload][ok].astype(np.float64))
                )
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


def _slow_event(b, mv, start, n, i, skip_damaged):
    layout = _decode.parse_layout(mv, start, start + n)
    if layout is not None:
        wall, step, has_summary, values = layout
        b.wall[i] = _decode.read_payload(mv, wall) if wall is not None else 0.0
        b.step[i] = _decode.read_payload(mv, step) if step is not None else 0
        b.has_summary[i] = has_summary
        for tag, source, plugin, payload in values:
            b.plugin(tag, plugin, i)
            b.add_slow((tag, source), i, float(_decode.read_payload(mv, payload)))
        return
    special = None if b.keep else _decode.parse_special(mv, start, start + n)
    if special is not None:
        wall, step, kind, info = special
        b.wall[i], b.step[i] = wall, step
        scan = b.scan
        if kind == "file_version":
            scan.file_versions.append((i, info))
        elif kind == "session_log":
            if info == 1:  # SessionLog.START
                scan.starts.append(i)
            scan.others.append((i, "", "session_log", None))
        else:
            scan.others.append((i, info if kind == "run_metadata" else "", kind, None))
        return
    offset = start - 12
    try:
        ev = proto_event(bytes(mv[start : start + n]), b.scan.path, offset)
        _check_scalar_tensors(ev, b.scan.path, offset)
    except DamagedRecordError:
        if not skip_damaged:
            raise
        b.scan.skipped.append((offset, n + 16, "record data does not decode"))
        b.step[i] = b.step[i - 1] if i else 0  # neutral for purging
        b.wall[i] = b.wall[i - 1] if i else 0.0
        return
    _proto_into(b, ev, i)


_NUMERIC = (1, 2, 3, 4, 5, 6, 9, 10, 14, 17, 19, 22, 23)


def _single_number(t):
    """A numeric tensor holding one number: rank 0, or every dim 1 (TensorBoard's scalars
    plugin shows those too: it reads a scalar with ``make_ndarray(...).item()``)."""
    return t.dtype in _NUMERIC and all(d.size == 1 for d in t.tensor_shape.dim)


def _check_scalar_tensors(ev, path, offset):
    """Raises DamagedRecordError for a rank-0 numeric tensor whose values do not decode."""
    if ev.WhichOneof("what") != "summary":
        return
    for value in ev.summary.value:
        if value.WhichOneof("value") != "tensor":
            continue
        t = value.tensor
        is_scalars = value.HasField("metadata") and value.metadata.plugin_data.plugin_name == "scalars"
        rank0 = not t.tensor_shape.dim
        single = _single_number(t)
        # A `scalars` summary must hold one number; a bare rank-0 tensor a known dtype.
        if is_scalars and not single:
            raise DamagedRecordError(
                path, offset, f"`scalars` summary of tag {value.tag!r} is not one number (dtype {t.dtype}, "
                f"shape {[d.size for d in t.tensor_shape.dim]})")
        if rank0 and not value.HasField("metadata") and t.dtype not in _NUMERIC and t.dtype != 7:
            raise DamagedRecordError(path, offset, f"tensor of tag {value.tag!r} has unknown dtype {t.dtype}")
        if single:
            try:
                _decode.decode_tensor(t).reshape(())
            except (ValueError, TypeError) as e:
                raise DamagedRecordError(path, offset, f"tensor of tag {value.tag!r} does not decode ({e})") from e


def _proto_into(b, ev, i):
    scan = b.scan
    b.wall[i] = ev.wall_time
    b.step[i] = ev.step
    what = ev.WhichOneof("what")
    if what == "file_version":
        scan.file_versions.append((i, ev.file_version))
    elif what == "session_log":
        if ev.session_log.status == 1:  # SessionLog.START
            scan.starts.append(i)
        scan.others.append((i, "", "session_log", ev.session_log if b.keep else None))
    elif what in ("graph_def", "meta_graph_def"):
        scan.others.append((i, "", what, getattr(ev, what) if b.keep else None))
    elif what == "tagged_run_metadata":
        scan.others.append((i, ev.tagged_run_metadata.tag, "run_metadata", None))
    elif what == "summary":
        b.has_summary[i] = 1
        for value in ev.summary.value:
            _proto_value(b, value, i)


def _proto_value(b, value, i):
    tag = value.tag
    if value.HasField("metadata"):
        b.plugin(tag, value.metadata.plugin_data.plugin_name, i)
    field = value.WhichOneof("value")
    if field == "simple_value":
        b.add_slow((tag, "simple"), i, value.simple_value)
    elif field == "tensor":
        if not tag:
            tag = value.node_name
        t = value.tensor
        if _single_number(t):  # checked by _check_scalar_tensors
            b.add_slow((tag, "tensor"), i, float(_decode.decode_tensor(t).reshape(())))
            return
        b.scan.others.append((i, tag, "tensor", t if b.keep else None))
    elif field in KIND_OF_FIELD:
        b.scan.others.append((i, tag, KIND_OF_FIELD[field], getattr(value, field) if b.keep else None))
    elif field is not None:
        b.scan.others.append((i, tag, field, None))
