"""Reads runs: the files of a folder, in order, with TensorBoard's purge rules.

The rules replicate ``EventAccumulator`` (purge_orphaned_data=True, the default):

* ``file_version`` ("brain.Event:N") is remembered across the files of a run;
* while it is >= 2, a ``session_log`` START at step S drops every point already
  read (any tag) whose step is >= S (a restart from a checkpoint);
* otherwise a summary event whose step is lower than the last event's step drops
  the earlier points of *its own tags* with step >= its step.

A point is therefore dropped iff some later trigger applying to its tag has a
step <= the point's step; that closed form is applied with numpy.

The rules are applied to TF2 scalar tensors too (``EventAccumulator`` never
purges tensors: its purge covers scalars, histograms, images and audio), so a
TF2 run with a restart or a backwards step reads as a TF1 run would. TensorBoard's
Rust data server differs from both: it keeps one point per step, a repeated or
earlier step replacing the points at that step or later.
"""

import os
from collections.abc import Callable, Iterable

import numpy as np

from tfcompat._errors import InvalidArgumentError, NotAnEventFileError
from tfcompat.logs._common import CUT, GcPaused, name_filter, parse_file_version
from tfcompat.logs._files import event_source, iter_event_files
from tfcompat.logs._parallel import map_files
from tfcompat.logs._scan import FileScan, scan_file
from tfcompat.logs._scan_many import scan_many
from tfcompat.logs._series import ScalarSeries

__all__ = ["RunData", "read_runs", "read_scalars", "read_scan", "check_flag", "name_filter", "CUT"]


_VALUE_KINDS = ("histogram", "image", "audio", "tensor", "text")


class RunData:
    """Everything read from one run.

    Attributes:
        run: run name.
        files: list of FileScan in read order.
        step, wall: per-event arrays of the whole run (int64, float64).
        series: dict ``(tag, source) -> (event idx, values, keep mask)``.
        plugins: dict tag -> plugin name (first metadata seen in the run).
        others: list of (event idx, tag, kind, payload) not purged.
        purged_others: the same, purged.
        triggers: list of (event idx, step, tags or None) of purges.
    """

    def __init__(self, run, files):
        self.run = run
        self.files = files
        self._scalar_keys = None
        self.plugins = {}
        for f in files:
            for tag, name in f.plugins.items():
                self.plugins.setdefault(tag, name)
        if len(files) == 1:  # the usual case: no copies
            f = files[0]
            bases = [0]
            self.step, self.wall, has_summary = f.step, f.wall, f.has_summary
            self.raw = {k: (v[0], v[1]) for k, v in f.values.items()}
        else:
            bases = np.cumsum([0] + [f.n_events for f in files]).tolist()
            self.step = np.concatenate([f.step for f in files]) if files else np.zeros(0, np.int64)
            self.wall = np.concatenate([f.wall for f in files]) if files else np.zeros(0)
            has_summary = np.concatenate([f.has_summary for f in files]) if files else np.zeros(0, np.uint8)
            raw = {}
            for f, b in zip(files, bases):
                for key, (idx, val) in f.values.items():
                    raw.setdefault(key, []).append((idx + b if b else idx, val))
            self.raw = {
                k: (np.concatenate([p[0] for p in v]), np.concatenate([p[1] for p in v])) if len(v) > 1 else v[0]
                for k, v in raw.items()
            }
        self.bases = bases
        fvs = {b + i: parse_file_version(v) for f, b in zip(files, bases) for i, v in f.file_versions}
        starts = {b + i for f, b in zip(files, bases) for i in f.starts}
        all_others = [(b + i, tag, kind, payload) for f, b in zip(files, bases) for i, tag, kind, payload in f.others]
        self.triggers = _triggers(self.step, has_summary, fvs, starts, self.raw, all_others)
        self.series = {}
        for key, (idx, val) in self.raw.items():
            self.series[key] = (idx, val, _keep_mask(idx, self.step, key[0], self.triggers))
        self.others = []
        self.purged_others = []
        if not self.triggers:
            self.others = all_others
            return
        for item in all_others:
            i, tag, kind = item[0], item[1], item[2]
            if kind in _VALUE_KINDS and _dropped(i, int(self.step[i]), tag, self.triggers):
                self.purged_others.append(item)
            else:
                self.others.append(item)

    def scalar_keys(self):
        """Dict tag -> its series keys, for tags that are scalars: every simple_value,
        and tensors of plugin 'scalars' (what TensorBoard's scalars dashboard shows)."""
        if self._scalar_keys is None:
            out = {}
            for tag, source in self.series:
                if source == "simple" or self.plugins.get(tag) == "scalars":
                    out.setdefault(tag, []).append((tag, source))
            self._scalar_keys = out
        return self._scalar_keys

    def scalar(self, tag):
        """ScalarSeries of ``tag`` (kept points) and the number of purged points.

        Its ``step`` and ``wall_time`` are read-only: they may be views of the
        run's per-event columns, shared with the run's other tags.
        """
        keys = self.scalar_keys()[tag]
        purged = 0
        if len(keys) == 1:
            idx, val, keep = self.series[keys[0]]
            if self.triggers:
                purged = int(len(keep) - np.count_nonzero(keep))
                if purged:
                    idx, val = idx[keep], val[keep]
        else:
            idx = np.concatenate([self.series[k][0][self.series[k][2]] for k in keys])
            val = np.concatenate([self.series[k][1][self.series[k][2]] for k in keys])
            order = np.argsort(idx, kind="stable")
            idx, val = idx[order], val[order]
            purged = sum(int((~self.series[k][2]).sum()) for k in keys)
        where = _consecutive(idx)
        if where is None:
            where = idx
        return ScalarSeries._trusted(_take(self.step, where), _take(self.wall, where), val), purged


def _consecutive(idx):
    """``slice(a, b)`` when the sorted ``idx`` is a run of consecutive events (the columns are then viewed,
    not copied), else None. Small runs are checked without numpy (its per-call cost dominates there)."""
    n = len(idx)
    if not n:
        return slice(0, 0)
    a = int(idx[0])
    if int(idx[-1]) - a + 1 != n:
        return None
    if n <= 256:
        return slice(a, a + n) if idx.tolist() == list(range(a, a + n)) else None
    return slice(a, a + n) if bool((idx[1:] > idx[:-1]).all()) else None


def _take(column, where):
    out = column[where]
    out.flags.writeable = False
    return out


def _triggers(step, has_summary, fvs, starts, raw, others):
    n = len(step)
    if n == 0:
        return []
    if not starts and step[0] >= -1 and _never_back(step):
        return []  # steps never go back and nobody restarted: nothing to purge
    trig = []
    fv = None
    recent = -1
    step_l = step.tolist()
    has_summary = has_summary.tolist()
    for i in range(n):
        if i in fvs:
            fv = fvs[i]
        s = step_l[i]
        if fv and fv >= 2:
            if i in starts:
                trig.append((i, s, None))
        elif has_summary[i] and s < recent:
            trig.append((i, s, set()))
        else:
            recent = s
    bytag = {t[0]: t[2] for t in trig if t[2] is not None}
    if bytag:
        where = np.fromiter(bytag, dtype=np.int64)
        for (tag, _), (idx, _) in raw.items():
            for i in idx[np.isin(idx, where)].tolist():
                bytag[i].add(tag)
        for i, tag, _, _ in others:
            if i in bytag:
                bytag[i].add(tag)
    return trig


def _never_back(step):
    if len(step) <= 256:  # without numpy: its per-call cost dominates on small runs
        s = step.tolist()
        return all(a <= b for a, b in zip(s, s[1:]))
    return bool(np.all(step[1:] >= step[:-1]))


def _keep_mask(idx, step, tag, triggers):
    mine = [(i, s) for i, s, tags in triggers if tags is None or tag in tags] if triggers else None
    if not mine or not len(idx):
        # all kept: a broadcast view costs no memory (for big series), a small array less time
        return np.ones(len(idx), dtype=bool) if len(idx) < 1 << 16 else np.broadcast_to(np.True_, (len(idx),))
    keep = np.ones(len(idx), dtype=bool)
    steps = step[idx]
    t_idx = np.array([m[0] for m in mine], dtype=np.int64)
    t_step = np.array([m[1] for m in mine], dtype=np.int64)
    suffix_min = np.minimum.accumulate(t_step[::-1])[::-1]
    k = np.searchsorted(t_idx, idx, side="right")  # first trigger after each point
    later = k < len(t_idx)
    keep[later] = steps[later] < suffix_min[k[later]]
    return keep


def _dropped(i, s, tag, triggers):
    return any(ti > i and s >= ts and (tags is None or tag in tags) for ti, ts, tags in triggers)


def check_flag(name, value):
    """``value`` if it is a bool; else InvalidArgumentError naming the argument (``"no"`` is truthy)."""
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidArgumentError(f"`{name}` must be True or False. Received: {name}={value!r}")
    return bool(value)


def read_scan(path, skip_damaged=False, keep_payloads=False, verify=True, report_errors=False):
    """Scans one event file into a FileScan; with ``report_errors``, a file that is not an event
    file (a FIFO, a device) gives a FileScan with ``error`` set instead of raising."""
    try:
        source = event_source(path)  # a URL's bytes; else path itself
        return scan_file(source, None if source is path else path, skip_damaged, keep_payloads, verify)
    except NotAnEventFileError as e:
        if not report_errors:
            raise
        scan = FileScan(os.fspath(path))
        scan.error = str(e)
        return scan


def _warn_skipped(scans):
    import warnings

    for scan in scans:
        if scan.skipped:
            ranges = ", ".join(f"{n} bytes at offset {o} ({why})" for o, n, why in scan.skipped[:3])
            more = f" and {len(scan.skipped) - 3} more" if len(scan.skipped) > 3 else ""
            warnings.warn(f"{scan.path}: skipped damaged records: {ranges}{more}", RuntimeWarning, stacklevel=4)
        if getattr(scan, "cut", False):
            o, n = scan.truncated
            warnings.warn(f"{scan.path}: {n} bytes at offset {o} ignored: {CUT}", RuntimeWarning, stacklevel=4)


def read_runs(logdir, *, skip_damaged=False, runs=None, keep_payloads=False, workers=None, progress=None,
              warn=True, verify=True, report_errors=False):
    """Dict run -> RunData for every run of ``logdir`` (or only ``runs``).

    With ``skip_damaged``, each file with skipped records gets a RuntimeWarning
    naming the byte ranges (unless ``warn=False``: the caller reports them). An
    incomplete last record is a file still being written only in the newest file
    of a run; in an older one it is marked ``cut`` (and warned about).
    """
    skip_damaged = check_flag("skip_damaged", skip_damaged)
    verify = check_flag("verify", verify)
    wanted = name_filter(runs, "runs")
    files = iter_event_files(logdir)
    if wanted is not None:
        files = [rp for rp in files if rp[0] in wanted]
    args = (skip_damaged, keep_payloads, verify, report_errors)

    def together(paths, progress):
        return scan_many(paths, lambda p: read_scan(p, *args), skip_damaged, keep_payloads, verify, progress)

    paths = [p for _, p in files]
    scans = map_files(read_scan, paths, args, workers, progress, together if len(paths) > 1 else None) if files else []
    grouped = {}
    for (run, _), scan in zip(files, scans):
        grouped.setdefault(run, []).append(scan)
    for fs in grouped.values():
        for scan in fs[:-1]:
            scan.cut = bool(scan.truncated)
    if warn:
        _warn_skipped(scans)
    return {run: RunData(run, fs) for run, fs in grouped.items()}


def read_scalars(logdir: str | os.PathLike, *, skip_damaged: bool = False, tags: str | Iterable[str] | None = None,
                 runs: str | Iterable[str] | None = None, workers: int | None = None,
                 progress: Callable[[int, int], object] | None = None,
                 verify: bool = True) -> dict[tuple[str, str], ScalarSeries]:
    """Reads every scalar of a log directory, as TensorBoard shows them.

    Mirrors ``EventAccumulator(run_dir, size_guidance={"scalars": 0, "tensors": 0})``
    per run: TF1 ``simple_value`` scalars and TF2/Keras scalar tensors (plugin
    ``scalars``), with TensorBoard's purge rules applied, in file order.

    Args:
        logdir: a log directory (or a single event file).
        skip_damaged: skip damaged records (resyncing on the next valid one)
            instead of raising :class:`tfcompat.DamagedRecordError`; a
            RuntimeWarning names each skipped byte range.
        tags: a tag or an iterable of tags to keep (default: all).
        runs: a run or an iterable of runs to read (default: all).
        workers: processes used to read many files (None: automatic, 1: none).
        progress: optional ``callback(files_done, files_total)``.
        verify: check every record's data CRC (the default: at memory speed).
            False checks only the length CRCs, as TensorBoard's data server does
            by default.

    Returns:
        dict ``(run, tag) -> ScalarSeries``, sorted by run then tag. ``step``
        and ``wall_time`` are read-only arrays (the tags of a run may share them).

    An incomplete last record is quiet in the newest file of a run (a file
    still being written); in an older file it gets a RuntimeWarning (the file
    was cut). A record whose length runs past the end of the file while valid
    records follow it is damage.

    Raises:
        LogReadError: ``logdir`` does not exist or cannot be read.
        NotAnEventFileError: a file named like an event file is a FIFO, a device...
        DamagedRecordError: a damaged record (unless ``skip_damaged``).
        InvalidArgumentError: a bad argument (``skip_damaged="no"``).
    """
    wanted = name_filter(tags, "tags")
    out = {}
    with GcPaused():
        for run, data in read_runs(logdir, skip_damaged=skip_damaged, runs=runs, workers=workers,
                                   progress=progress, verify=verify).items():
            for tag in sorted(data.scalar_keys()):
                if wanted is None or tag in wanted:
                    out[(run, tag)] = data.scalar(tag)[0]
    return dict(sorted(out.items()))
