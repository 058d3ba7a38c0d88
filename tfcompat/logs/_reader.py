"""Reads runs: the files of a folder, in order, with TensorBoard's purge rules.

The rules replicate ``EventAccumulator`` (purge_orphaned_data=True, the default):

* ``file_version`` ("brain.Event:N") is remembered across the files of a run;
* while it is >= 2, a ``session_log`` START at step S drops every point already
  read (any tag) whose step is >= S (a restart from a checkpoint);
* otherwise a summary event whose step is lower than the last event's step drops
  the earlier points of *its own tags* with step >= its step.

A point is therefore dropped iff some later trigger applying to its tag has a
step <= the point's step; that closed form is applied with numpy.

The rules are applied to TF2 scalar tensors too. ``EventAccumulator`` itself
never purges tensors (its purge covers scalars, histograms, images and audio
only), while TensorBoard's server (``plugin_event_accumulator``, where every
summary is a tensor) does: a TF2 run with a restart or a backwards step reads
here as TensorBoard's charts show it, not as ``EventAccumulator.Tensors``.
"""

import os

import numpy as np

from tfcompat._errors import InvalidArgumentError
from tfcompat.logs._files import event_source, iter_event_files
from tfcompat.logs._parallel import map_files
from tfcompat.logs._scan import scan_buffer
from tfcompat.logs._series import ScalarSeries
from tfcompat.wire.records import read_source

__all__ = ["RunData", "read_runs", "read_scalars", "read_scan"]

_VALUE_KINDS = ("histogram", "image", "audio", "tensor", "text")


def parse_file_version(s):
    """Mirrors ``event_util.ParseFileVersion``: "brain.Event:2" -> 2.0, junk -> -1."""
    try:
        return float(s.split("brain.Event:")[-1])
    except ValueError:
        return -1.0


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
        bases = np.cumsum([0] + [f.n_events for f in files])
        self.bases = bases
        self.step = np.concatenate([f.step for f in files]) if files else np.zeros(0, np.int64)
        self.wall = np.concatenate([f.wall for f in files]) if files else np.zeros(0)
        has_summary = np.concatenate([f.has_summary for f in files]) if files else np.zeros(0, np.uint8)
        fvs = {int(b + i): parse_file_version(v) for f, b in zip(files, bases) for i, v in f.file_versions}
        starts = {int(b + i) for f, b in zip(files, bases) for i in f.starts}
        raw = {}
        for f, b in zip(files, bases):
            for key, (idx, val) in f.values.items():
                raw.setdefault(key, []).append((idx + b, val))
        self.raw = {
            k: (np.concatenate([p[0] for p in v]), np.concatenate([p[1] for p in v])) if len(v) > 1 else v[0]
            for k, v in raw.items()
        }
        all_others = [(int(b + i), tag, kind, payload) for f, b in zip(files, bases) for i, tag, kind, payload in f.others]
        self.triggers = _triggers(self.step, has_summary, fvs, starts, self.raw, all_others)
        self.series = {}
        for key, (idx, val) in self.raw.items():
            self.series[key] = (idx, val, _keep_mask(idx, self.step[idx], key[0], self.triggers))
        self.others = []
        self.purged_others = []
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
        """ScalarSeries of ``tag`` (kept points) and the number of purged points."""
        keys = self.scalar_keys()[tag]
        idx = np.concatenate([self.series[k][0][self.series[k][2]] for k in keys])
        val = np.concatenate([self.series[k][1][self.series[k][2]] for k in keys])
        if len(keys) > 1:
            order = np.argsort(idx, kind="stable")
            idx, val = idx[order], val[order]
        purged = sum(int((~self.series[k][2]).sum()) for k in keys)
        return ScalarSeries(self.step[idx], self.wall[idx], val), purged


def _triggers(step, has_summary, fvs, starts, raw, others):
    n = len(step)
    if n == 0:
        return []
    if not starts and step[0] >= -1 and (n < 2 or bool(np.all(step[1:] >= step[:-1]))):
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


def _keep_mask(idx, steps, tag, triggers):
    keep = np.ones(len(idx), dtype=bool)
    mine = [(i, s) for i, s, tags in triggers if tags is None or tag in tags]
    if not mine or not len(idx):
        return keep
    t_idx = np.array([m[0] for m in mine], dtype=np.int64)
    t_step = np.array([m[1] for m in mine], dtype=np.int64)
    suffix_min = np.minimum.accumulate(t_step[::-1])[::-1]
    k = np.searchsorted(t_idx, idx, side="right")  # first trigger after each point
    later = k < len(t_idx)
    keep[later] = steps[later] < suffix_min[k[later]]
    return keep


def _dropped(i, s, tag, triggers):
    return any(ti > i and s >= ts and (tags is None or tag in tags) for ti, ts, tags in triggers)


def name_filter(value, name):
    """The set of names a ``tags=``/``runs=`` argument selects (a str or an iterable of str), None for all."""
    if value is None:
        return None
    if isinstance(value, str):
        return {value}
    try:
        names = set(value)
    except TypeError:
        names = None
    if names is None or not all(isinstance(v, str) for v in names):
        raise InvalidArgumentError(f"`{name}` must be a name or an iterable of names (str). Received: {name}={value!r}")
    return names


def read_scan(path, skip_damaged=False, keep_payloads=False):
    """Scans one event file (path, bytes or binary file object) into a FileScan."""
    buf = read_source(event_source(path))
    name = path if isinstance(path, (str, os.PathLike)) else getattr(path, "name", "<bytes>")
    return scan_buffer(buf, os.fspath(name) if isinstance(name, os.PathLike) else str(name), skip_damaged, keep_payloads)


def _scan_files(paths, skip_damaged, keep_payloads, workers, progress=None):
    return map_files(read_scan, paths, skip_damaged, keep_payloads, workers, progress)


def _warn_skipped(scans):
    import warnings

    for scan in scans:
        if scan.skipped:
            ranges = ", ".join(f"{n} bytes at offset {o} ({why})" for o, n, why in scan.skipped[:3])
            more = f" and {len(scan.skipped) - 3} more" if len(scan.skipped) > 3 else ""
            warnings.warn(f"{scan.path}: skipped damaged records: {ranges}{more}", RuntimeWarning, stacklevel=4)


def read_runs(logdir, *, skip_damaged=False, runs=None, keep_payloads=False, workers=None, progress=None,
              warn=True):
    """Dict run -> RunData for every run of ``logdir`` (or only ``runs``).

    With ``skip_damaged``, each file with skipped records gets a RuntimeWarning
    naming the byte ranges (unless ``warn=False``: the caller reports them).
    """
    wanted = name_filter(runs, "runs")
    files = iter_event_files(logdir)
    if wanted is not None:
        files = [rp for rp in files if rp[0] in wanted]
    scans = _scan_files([p for _, p in files], skip_damaged, keep_payloads, workers, progress) if files else []
    if warn:
        _warn_skipped(scans)
    grouped = {}
    for (run, _), scan in zip(files, scans):
        grouped.setdefault(run, []).append(scan)
    return {run: RunData(run, fs) for run, fs in grouped.items()}


def read_scalars(logdir, *, skip_damaged=False, tags=None, runs=None, workers=None, progress=None):
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

    Returns:
        dict ``(run, tag) -> ScalarSeries``, sorted by run then tag.

    Raises:
        LogReadError: ``logdir`` does not exist or cannot be read.
        DamagedRecordError: a damaged record (unless ``skip_damaged``).
    """
    wanted = name_filter(tags, "tags")
    out = {}
    for run, data in read_runs(logdir, skip_damaged=skip_damaged, runs=runs, workers=workers,
                               progress=progress).items():
        for tag in sorted(data.scalar_keys()):
            if wanted is None or tag in wanted:
                out[(run, tag)] = data.scalar(tag)[0]
    return dict(sorted(out.items()))
