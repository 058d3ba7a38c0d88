"""``inspect`` of a small, clean log directory without numpy.

numpy takes longer to import (60-80 ms) than a small log directory takes to read,
and ``tfcompat inspect`` reports only counts, steps and a few statistics. So a
directory of scalar summaries under :data:`SMALL_DIR` bytes is read here in plain
Python: every CRC checked, scalar events decoded by the layout templates of
:mod:`tfcompat.logs._templates`. Anything this path does not cover -- a damaged or
incomplete file, a histogram or image, a graph, a point TensorBoard would purge,
a tag written both as a TF1 scalar and a TF2 tensor -- makes :func:`small_report`
return None, and the numpy path reads the directory instead. When it answers,
the report is the numpy path's, field for field (tests/logs/test_inspect_small.py).
"""

import math

from tfcompat._errors import InvalidArgumentError
from tfcompat.logs._common import KIND_OF_PLUGIN, file_row, json_float, name_filter, parse_file_version
from tfcompat.logs._files import iter_event_files, read_small_file
from tfcompat.logs._templates import match
from tfcompat.wire import crc as _crc
from tfcompat.wire import framing as _fr
from tfcompat.wire.decode import parse_special

__all__ = ["small_report", "SMALL_DIR", "PlainFile", "purges"]

SMALL_DIR = 512 << 10  # bytes: beyond, numpy's import pays for itself


class PlainFile:
    """What inspect needs of one clean file (the fields of FileScan that file_row reads)."""

    __slots__ = ("path", "size", "n_events", "file_versions", "steps", "has_summary", "series", "plugins", "items")
    skipped = ()
    truncated = None
    error = None
    cut = False

    def __init__(self, path, size):
        self.path, self.size = path, size
        self.n_events = 0
        self.file_versions = []
        self.steps = []
        self.has_summary = []
        self.series = {}  # (tag, source) -> ([event index], [value])
        self.plugins = {}
        self.items = []  # (event index, tag, value) of the non-scalar values a reader keeps


def _scan(data, path, verify):
    """The PlainFile of ``data``, or None when it needs the numpy path."""
    mv = memoryview(data)
    n = len(mv)
    w = _fr.walk(mv, 0, n, n, runs=False)
    if w.status != _fr.END:
        return None
    if verify and _crc.bad_data_crcs(mv, w.offsets, w.lengths):
        return None
    f = PlainFile(path, n)
    steps, has, series, plugins = f.steps, f.has_summary, f.series, f.plugins
    for k, (off, length) in enumerate(zip(w.offsets, w.lengths)):
        t, got = match(mv, off, length)
        if t is not None:
            steps.append(got[1])
            has.append(t.has_summary)
            for ((tag, source), plugin), value in zip(t.values, got[2:]):
                if plugin is not None and tag not in plugins:
                    plugins[tag] = plugin
                got_series = series.get((tag, source))
                if got_series is None:
                    got_series = series[(tag, source)] = ([], [])
                got_series[0].append(k)
                got_series[1].append(float(value))
            continue
        special = parse_special(mv, off, off + length)
        if special is None or special[2] != "file_version":
            return None
        steps.append(special[1])
        has.append(False)
        f.file_versions.append((k, special[3]))
    f.n_events = len(steps)
    return f


def purges(files):
    """Whether TensorBoard's purge rules drop a point of the run (as RunData's triggers, without the tags)."""
    fv = None
    recent = -1
    for f in files:
        versions = dict(f.file_versions)
        for i, (s, has) in enumerate(zip(f.steps, f.has_summary)):
            if i in versions:
                fv = parse_file_version(versions[i])
            if fv and fv >= 2:
                continue  # only a session_log START purges then, and this path has none
            if has and s < recent:
                return True
            recent = s
    return False


def _steps_row(tag, kind, fmt, steps):
    n = len(steps)
    return {
        "tag": tag, "kind": kind, "format": fmt, "count": n,
        "first_step": steps[0] if n else None,
        "last_step": steps[-1] if n else None,
        "min_step": min(steps) if n else None,
        "max_step": max(steps) if n else None,
        "first": None, "last": None, "min": None, "max": None, "nan": 0, "inf": 0,
        "out_of_order": sum(1 for a, b in zip(steps, steps[1:]) if b < a),
        "purged": 0,
    }


def _scalar_row(tag, fmt, steps, values):
    row = _steps_row(tag, "scalar", fmt, steps)
    finite = [v for v in values if math.isfinite(v)]
    if finite and len({math.copysign(1.0, v) for v in finite if v == 0.0}) > 1:
        return None  # +0.0 and -0.0: which one numpy's min/max returns is its business
    row.update(
        first=json_float(values[0]) if values else None,
        last=json_float(values[-1]) if values else None,
        min=min(finite) if finite else None,
        max=max(finite) if finite else None,
        nan=sum(1 for v in values if v != v),
        inf=sum(1 for v in values if math.isinf(v)),
    )
    return row


def _run_report(run, files):
    """The report of one run, or None when it needs the numpy path."""
    if purges(files):
        return None
    plugins, series = {}, {}
    base = 0
    for f in files:
        for tag, name in f.plugins.items():
            plugins.setdefault(tag, name)
        for key, (idx, vals) in f.series.items():
            got = series.setdefault(key, ([], []))
            got[0].extend(i + base for i in idx)
            got[1].extend(vals)
        base += f.n_events
    steps = [s for f in files for s in f.steps]
    scalar_keys = {}
    for tag, source in series:
        if source == "simple" or plugins.get(tag) == "scalars":
            scalar_keys.setdefault(tag, []).append((tag, source))
    rows = []
    for tag in sorted(scalar_keys):
        keys = scalar_keys[tag]
        if len(keys) > 1:
            return None  # two sources merged in event order: the numpy path's business
        idx, vals = series[keys[0]]
        row = _scalar_row(tag, "TF1" if keys[0][1] == "simple" else "TF2", [steps[i] for i in idx], vals)
        if row is None:
            return None
        rows.append(row)
    others = {}
    for (tag, source), (idx, _) in series.items():
        if (tag, source) in scalar_keys.get(tag, ()):
            continue
        kind = KIND_OF_PLUGIN.get(plugins.get(tag), "tensor")
        others.setdefault((tag, kind, "TF2"), []).extend(steps[i] for i in idx)
    for (tag, kind, fmt), got in sorted(others.items()):
        rows.append(_steps_row(tag, kind, fmt, got))
    return {"run": run, "files": [file_row(f)[0] for f in files], "tags": rows}


def small_report(logdir, runs=None, verify=True):
    """inspect()'s report of ``logdir`` if it is small and clean enough to read without numpy, else None.

    Raises what :func:`tfcompat.logs._files.iter_event_files` raises (a missing directory...).
    """
    if not isinstance(verify, bool) or _crc.IMPLEMENTATION != "crc32c":
        return None  # a bad argument is reported by the numpy path; a pure-Python CRC is slow
    try:
        wanted = name_filter(runs, "runs")
    except InvalidArgumentError:
        return None
    listed = iter_event_files(logdir)
    if wanted is not None:
        listed = [rp for rp in listed if rp[0] in wanted]
    total = 0
    grouped = {}
    for run, path in listed:
        data = read_small_file(path, SMALL_DIR - total)
        if data is None:
            return None
        total += len(data)
        f = _scan(data, path, verify)
        if f is None:
            return None
        grouped.setdefault(run, []).append(f)
    report = {"logdir": str(logdir), "runs": [], "damaged_files": 0, "truncated_files": 0, "not_event_files": 0}
    for run, files in grouped.items():
        got = _run_report(run, files)
        if got is None:
            return None
        report["runs"].append(got)
    return report
