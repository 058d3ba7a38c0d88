"""Scans one event file into columns: the per-event facts purging needs, and the values.

The file is read window by window (:class:`~tfcompat.wire.stream.RecordStream`:
bounded memory, every CRC checked). In each window, scalar events are decoded in
bulk (:mod:`tfcompat.logs._groups`); the rest one by one, by hand when they have
the plain shape (file_version, session_log, graphs, and summaries of histograms,
images, audio and tensors: their bytes are kept as they are in the record) and
through tensorboard's proto classes otherwise.
"""

import struct
from array import array

import numpy as np

from tfcompat._errors import DamagedRecordError
from tfcompat.logs._common import KIND_OF_FIELD, KIND_OF_PLUGIN
from tfcompat.logs._groups import fast_groups
from tfcompat.logs._templates import template_events
from tfcompat.wire import decode as _decode
from tfcompat.wire.payloads import audio_fields, decode_histogram, image_fields, parse_summary, tensor_header
from tfcompat.wire.stream import RecordStream

__all__ = ["FileScan", "scan_file", "Builder", "one_event", "KIND_OF_FIELD", "KIND_OF_PLUGIN", "proto_event"]

_unpack_f = struct.Struct("<f").unpack_from
MIN_GROUP = 256  # windows with fewer records are decoded without numpy (its per-call cost dominates)

_EMPTY = tuple(np.zeros(0, dtype=t) for t in (np.int64, np.float64, np.uint8))
for _a in _EMPTY:
    _a.flags.writeable = False  # shared by every scan of an empty file


class FileScan:
    """What one event file holds.

    Attributes:
        path: the file.
        size: bytes.
        n_events: number of events read.
        truncated: (offset, nbytes) of an incomplete last record, or None.
        skipped: list of (offset, nbytes, reason) skipped with skip_damaged.
        error: why the file could not be read at all (inspect only), or None.
        step, wall: per-event numpy arrays (int64, float64).
        has_summary: per-event uint8 array (the event has a ``summary`` field).
        file_versions: list of (event index, version string).
        starts: event indices of ``session_log`` START events.
        values: dict ``(tag, source) -> [event index array, value array]`` of
            scalar-like values; source is "simple" or "tensor".
        plugins: dict tag -> plugin name of the first metadata seen.
        others: list of (event index, tag, kind, payload) of everything else;
            payload is ``(field, bytes)`` (the Summary.Value's ``histo``,
            ``image``, ``audio`` or ``tensor`` bytes) when kept, else None.
    """

    def __init__(self, path):
        self.path = path
        self.size = 0
        self.n_events = 0
        self.truncated = None
        self.skipped = []
        self.error = None
        self.file_versions = []
        self.starts = []
        self.values = {}
        self.plugins = {}
        self.others = []
        self.step, self.wall, self.has_summary = _EMPTY


def proto_event(data, path, offset):
    from tensorboard.compat.proto import event_pb2

    try:
        return event_pb2.Event.FromString(data)
    except Exception as e:  # upb raises DecodeError (and RuntimeError on deep nesting)
        raise DamagedRecordError(path, offset, f"not a valid Event proto ({e})") from None


def _wants(keep, kind):
    return keep is True or (bool(keep) and kind in keep)


class _Series:
    """One tag's values of one file: event index and float64 value, stored in arrays allocated at an
    estimate of their final length (grown by doubling when short), so no piece is ever concatenated:
    pieces and their concatenation would both be in memory, and freed pieces rarely go back to the OS."""

    __slots__ = ("idx", "val", "n")

    def __init__(self, cap, idx_type):
        self.idx = np.zeros(cap, dtype=idx_type)
        self.val = np.zeros(cap, dtype=np.float64)
        self.n = 0

    def extend(self, idx, val, base=0):
        """Appends ``idx + base`` and ``val`` (arrays or lists)."""
        n, k = self.n, len(idx)
        if n + k > len(self.idx):
            cap = max(n + k, 2 * len(self.idx))
            for name in ("idx", "val"):
                old = getattr(self, name)
                new = np.zeros(cap, dtype=old.dtype)
                new[:n] = old[:n]
                setattr(self, name, new)
        self.idx[n : n + k] = idx
        if base:
            self.idx[n : n + k] += base
        self.val[n : n + k] = val
        self.n = n + k

    def arrays(self):
        n = self.n
        if len(self.idx) > n + n // 4 + 1024:  # the estimate was far off: give the room back
            return [self.idx[:n].copy(), self.val[:n].copy()]
        return [self.idx[:n], self.val[:n]]


class Builder:
    """Accumulates one file's events window by window in arrays (cheap appends, no per-value objects)."""

    def __init__(self, scan, keep_payloads):
        self.scan = scan
        self.keep = keep_payloads
        self.n0 = 0  # index in the file of the current window's first event
        self.expected = 0  # estimated events in the file
        self.cols = None  # (step, wall, has_summary) of the whole file, with room to spare
        self.series = {}  # (tag, source) -> _Series
        self.chunks = {}  # (tag, source) -> [(window rows, values)] of the current window
        self.slow = {}  # (tag, source) -> (array('q'), array('d')) of the current window
        self.first_meta = {}  # tag -> (event index, plugin name)

    def start_window(self, n, expected):
        """Makes room for the window's ``n`` events; ``expected`` estimates the file's event count.

        The file's columns are allocated once at the estimate (grown by doubling if
        it was short), so they are never concatenated from pieces. A small window
        fills Python lists first (numpy's per-call cost would dominate).
        """
        cols = self.cols
        need = self.n0 + n
        if cols is None or len(cols[0]) < need:
            self.expected = max(self.expected, expected, need)
            cap = self.expected if cols is None else max(need, 2 * len(cols[0]))
            new = (np.zeros(cap, dtype=np.int64), np.zeros(cap, dtype=np.float64), np.zeros(cap, dtype=np.uint8))
            if cols is not None:
                for old, fresh in zip(cols, new):
                    fresh[: self.n0] = old[: self.n0]
            self.cols = cols = new
        n0 = self.n0
        self.small = n < MIN_GROUP
        if self.small:
            self.step, self.wall, self.has_summary = [0] * n, [0.0] * n, [0] * n
        else:
            self.step, self.wall, self.has_summary = (c[n0 : n0 + n] for c in cols)

    def put_events(self, rows, walls, steps, has_summary):
        """wall, step and has_summary of the window's events ``rows`` (a list)."""
        if self.small:
            wall, step, has = self.wall, self.step, self.has_summary
            for k, w, st in zip(rows, walls, steps):
                wall[k], step[k], has[k] = w, st, has_summary
        else:
            idx = np.array(rows, dtype=np.int64)
            self.wall[idx], self.step[idx], self.has_summary[idx] = walls, steps, has_summary

    def end_window(self, n):
        """Moves the window's values into each tag's series, in event order."""
        n0 = self.n0
        if self.small:
            for c, values in zip(self.cols, (self.step, self.wall, self.has_summary)):
                c[n0 : n0 + n] = values
        idx_type = np.int32 if self.expected < 1 << 31 else np.int64
        left = max(self.expected - n0, n)  # events still to come, this window's included
        for key in list(self.chunks) + [k for k in self.slow if k not in self.chunks]:
            parts = self.chunks.pop(key, [])
            if key in self.slow:
                i, v = self.slow.pop(key)
                if self.small:
                    parts.append(([k - n0 for k in i], v))
                else:
                    parts.append((np.frombuffer(i, dtype=np.int64) - n0, np.frombuffer(v, dtype=np.float64)))
            if self.small:  # lists
                rows = [r for p in parts for r in p[0]] if len(parts) > 1 else parts[0][0]
                vals = [x for p in parts for x in p[1]] if len(parts) > 1 else parts[0][1]
                if len(parts) > 1 and any(a > b for a, b in zip(rows, rows[1:])):
                    pairs = sorted(zip(rows, vals), key=lambda rv: rv[0])
                    rows, vals = [r for r, _ in pairs], [x for _, x in pairs]
            else:
                rows = np.concatenate([np.asarray(p[0]) for p in parts]) if len(parts) > 1 else np.asarray(parts[0][0])
                vals = np.concatenate([np.asarray(p[1], dtype=np.float64) for p in parts]) if len(parts) > 1 else parts[0][1]
                if len(parts) > 1 and bool((rows[1:] < rows[:-1]).any()):
                    order = np.argsort(rows, kind="stable")  # groups are decoded out of order
                    rows, vals = rows[order], vals[order]
            series = self.series.get(key)
            if series is None:
                cap = int(len(rows) * left / max(n, 1) * 1.02) + 16
                series = self.series[key] = _Series(cap, idx_type)
            series.extend(rows, vals, n0)
        self.n0 += n

    def previous(self, k):
        """(step, wall) of the event before the window's ``k``-th (0, 0.0 for the first of the file)."""
        if k:
            return int(self.step[k - 1]), float(self.wall[k - 1])
        i = self.n0
        return (int(self.cols[0][i - 1]), float(self.cols[1][i - 1])) if i else (0, 0.0)

    def metas(self, i):
        """tag -> (event index, plugin name) of the file holding event ``i``."""
        return self.first_meta

    def plugin(self, tag, name, i):
        # Like EventAccumulator, the first metadata of a tag *in file order* wins;
        # groups are decoded out of order, so keep the earliest event index.
        if name is not None:
            metas = self.metas(i)
            old = metas.get(tag)
            if old is None or i < old[0]:
                metas[tag] = (i, name)

    def plugin_rows(self, tag, name, rows):
        """``plugin`` for the window's events ``rows`` (ascending), which all carry that metadata."""
        if name is not None:
            self.plugin(tag, name, self.n0 + int(rows[0]))

    def add_chunk(self, key, rows, values):
        """Values of the window's events ``rows`` (window positions), as decoded (arrays, or lists in a small window)."""
        self.chunks.setdefault(key, []).append((rows, values))

    def add_slow(self, key, i, v):
        pair = self.slow.get(key)
        if pair is None:
            pair = self.slow[key] = (array("q"), array("d"))
        pair[0].append(i)
        pair[1].append(v)

    def other(self, i, tag, kind, field, payload):
        """An event value that is not a scalar; ``payload()`` gives its bytes (called only when kept)."""
        if kind == "tensor":
            metas = self.metas(i)
            wanted = _wants(self.keep, KIND_OF_PLUGIN.get(metas.get(tag, (0, None))[1], "tensor")) or (
                bool(self.keep) and tag not in metas)
        else:
            wanted = _wants(self.keep, kind)
        self.scan.others.append((i, tag, kind, (field, payload()) if wanted else None))

    def finish(self):
        scan = self.scan
        n = self.n0
        if self.cols is not None:
            # views when the estimate was close; a copy gives the spare room back otherwise
            shrink = len(self.cols[0]) > n + n // 4 + 1024
            scan.step, scan.wall, scan.has_summary = (c[:n].copy() if shrink else c[:n] for c in self.cols)
        self.cols = self.step = self.wall = self.has_summary = None
        scan.n_events = n
        scan.plugins = {tag: name for tag, (_, name) in sorted(self.first_meta.items(), key=lambda kv: kv[1][0])}
        for key, series in self.series.items():
            scan.values[key] = series.arrays()
        self.series = {}


def scan_file(source, path=None, skip_damaged=False, keep_payloads=False, verify=True):
    """Scans one event file (a path, bytes or a binary file object) into a :class:`FileScan`.

    Args:
        keep_payloads: keep the bytes of non-scalar values: True for all, or a
            set of kinds ({"histogram", "image", "audio", "text", "tensor"}).
        verify: check every record's data CRC.
    """
    stream = RecordStream(source, path, skip_damaged, verify)
    scan = FileScan(stream.path)
    b = Builder(scan, keep_payloads)
    undecodable = []
    for mv, offs, lens, _ in stream.windows():
        n = len(offs)
        b.start_window(n, _expected_events(stream, n, offs, lens) if b.cols is None else 0)
        ks = range(n)
        if n >= MIN_GROUP:  # many records: numpy, group by group
            offs = np.asarray(offs, dtype=np.int64)
            lens = np.asarray(lens, dtype=np.int64)
            pending = np.ones(n, dtype=bool)
            fast_groups(b, mv, offs, lens, pending)
            ks = np.flatnonzero(pending).tolist()
        for k in template_events(b, mv, offs, lens, ks):
            one_event(b, mv, int(offs[k]), int(lens[k]), k, skip_damaged, undecodable, stream.path)
        b.end_window(n)
        del mv
    scan.size, scan.truncated = stream.size, stream.truncated
    scan.skipped = sorted(stream.skipped + undecodable)
    b.finish()
    return scan


def _expected_events(stream, n, offs, lens):
    """The file's event count, extrapolated from the first window's record density (0 when unknown)."""
    size = stream.expected_size
    if not n or not size:
        return 0
    span = int(offs[-1]) + int(lens[-1]) + 4 - (int(offs[0]) - 12)
    return int(n * size / max(span, 1) * 1.02) + 16


def one_event(b, mv, start, n, k, skip_damaged, undecodable, path):
    """An event that is not the plain scalar shape (template_events tried that)."""
    i = b.n0 + k
    # a summary (histograms, images...) is tried first when the field after wall time and step says so
    special = None if _summary_first(mv, start, start + n) else _decode.parse_special(mv, start, start + n)
    if special is not None:
        wall, step, kind, info = special
        b.wall[k], b.step[k] = wall, step
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
    summary = parse_summary(mv, start, start + n)
    decoded = None if summary is None else _plain_values(mv, summary[2])
    if decoded is not None:
        _summary_into(b, mv, summary, decoded, i, k)
        return
    offset = start - 12
    try:
        ev = proto_event(bytes(mv[start : start + n]), path, offset)
        _check_scalar_tensors(ev, path, offset)
    except DamagedRecordError:
        if not skip_damaged:
            raise
        undecodable.append((offset, n + 16, "record data does not decode"))
        b.step[k], b.wall[k] = b.previous(k)  # neutral for purging
        return
    _proto_into(b, ev, i, k)


def _summary_first(mv, pos, end):
    """Whether the event at ``mv[pos:end]`` looks like a summary: its first field after wall_time and
    step is ``summary`` (only a hint: the parsers decide)."""
    if end - pos > 10 and mv[pos] == 0x09:
        pos += 9
        if mv[pos] == 0x10:
            pos += 1
            while pos < end and mv[pos] >= 0x80:
                pos += 1
            pos += 1
    return pos < end and mv[pos] == 0x2A


def _plain_values(mv, values):
    """Each value of a hand-parsed summary decoded as the proto path would (histograms and images
    decoded here, once), or None when one of them needs the proto path."""
    out = []
    for _, _, plugin, field, s, e in values:
        got = True
        if field == "histo":
            got = decode_histogram(mv, s, e)
        elif field == "image":
            got = image_fields(mv, s, e)
        elif field == "audio":
            got = audio_fields(mv, s, e)
        elif field == "tensor":
            head = tensor_header(mv, s, e)
            # scalar tensors, `scalars` summaries and odd rank-0 ones take the proto path (it checks them)
            if not (head is not None and plugin != "scalars" and bool(head[1])
                    and not (head[0] in _NUMERIC and all(d == 1 for d in head[1]))):
                got = None
        if got is None:
            return None
        out.append(got)
    return out


def _summary_into(b, mv, summary, decoded, i, k):
    wall, step, values = summary
    b.wall[k], b.step[k], b.has_summary[k] = wall, step, 1
    for (tag, node, plugin, field, s, e), got in zip(values, decoded):
        b.plugin(tag, plugin, i)
        if field == "simple_value":
            b.add_slow((tag, "simple"), i, _unpack_f(mv, s)[0])
        elif field == "tensor":
            b.other(i, tag or node, "tensor", "tensor", mv[s:e].tobytes)
        elif field == "histo":  # kept decoded
            b.other(i, tag, "histogram", field, lambda got=got: got)
        elif field == "image":  # (height, width, colorspace, the image bytes)
            b.other(i, tag, "image", field, lambda got=got: (*got[:3], mv[got[3] : got[4]].tobytes()))
        else:  # audio: (sample_rate, num_channels, length_frames, the audio bytes, content_type)
            b.other(i, tag, "audio", field, lambda got=got: (*got[:3], mv[got[3] : got[4]].tobytes(), got[5]))


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


def _proto_into(b, ev, i, k):
    """The event ``ev`` (index ``i`` in the file, ``k`` in the window) into the builder, from its proto."""
    scan = b.scan
    b.wall[k] = ev.wall_time
    b.step[k] = ev.step
    what = ev.WhichOneof("what")
    if what == "file_version":
        scan.file_versions.append((i, ev.file_version))
    elif what == "session_log":
        if ev.session_log.status == 1:  # SessionLog.START
            scan.starts.append(i)
        scan.others.append((i, "", "session_log", None))
    elif what in ("graph_def", "meta_graph_def"):
        scan.others.append((i, "", what, None))
    elif what == "tagged_run_metadata":
        scan.others.append((i, ev.tagged_run_metadata.tag, "run_metadata", None))
    elif what == "summary":
        b.has_summary[k] = 1
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
        b.other(i, tag, "tensor", "tensor", t.SerializeToString)
    elif field in KIND_OF_FIELD:
        b.other(i, tag, KIND_OF_FIELD[field], field, getattr(value, field).SerializeToString)
    elif field is not None:
        b.scan.others.append((i, tag, field, None))
