"""A summary of every run and tag of a log directory (``tfcompat inspect``).

Mirrors ``tensorboard --inspect``, with what it leaves out: TF1/TF2 format,
value statistics, NaN/inf counts, out-of-order steps, purged points, and
damaged or truncated files (damaged records are skipped and reported, never
fatal, so one bad file does not hide the others).
"""

import os
from collections.abc import Callable, Iterable

from tfcompat.logs._common import GRAPH_KINDS, KIND_OF_PLUGIN, file_row, json_float
from tfcompat.logs._inspect_small import small_report

__all__ = ["inspect"]



def _scalar_row(tag, fmt, steps_raw, steps, values, purged):
    import numpy as np

    finite = values[np.isfinite(values)]
    return {
        "tag": tag,
        "kind": "scalar",
        "format": fmt,
        "count": int(len(steps)),
        "first_step": int(steps[0]) if len(steps) else None,
        "last_step": int(steps[-1]) if len(steps) else None,
        "min_step": int(steps.min()) if len(steps) else None,
        "max_step": int(steps.max()) if len(steps) else None,
        "first": json_float(values[0]) if len(values) else None,
        "last": json_float(values[-1]) if len(values) else None,
        "min": float(finite.min()) if len(finite) else None,
        "max": float(finite.max()) if len(finite) else None,
        "nan": int(np.isnan(values).sum()),
        "inf": int(np.isinf(values).sum()),
        "out_of_order": int((np.diff(steps_raw) < 0).sum()) if len(steps_raw) > 1 else 0,
        "purged": int(purged),
    }


def _other_row(tag, kind, fmt, steps, purged):
    import numpy as np

    steps = np.asarray(steps, dtype=np.int64)
    return {
        "tag": tag, "kind": kind, "format": fmt, "count": int(len(steps)),
        "first_step": int(steps[0]) if len(steps) else None,
        "last_step": int(steps[-1]) if len(steps) else None,
        "min_step": int(steps.min()) if len(steps) else None,
        "max_step": int(steps.max()) if len(steps) else None,
        "first": None, "last": None, "min": None, "max": None, "nan": 0, "inf": 0,
        "out_of_order": int((np.diff(steps) < 0).sum()) if len(steps) > 1 else 0,
        "purged": int(purged),
    }


def inspect(logdir: str | os.PathLike, *, runs: str | Iterable[str] | None = None, workers: int | None = None,
            progress: Callable[[int, int], object] | None = None, verify: bool = True) -> dict:
    """Summarizes ``logdir``: mirrors ``tensorboard --inspect --logdir LOGDIR``.

    Damaged records are skipped and reported, never fatal, so one bad file does
    not hide the others. An incomplete last record is "truncated" (a file still
    being written) only in the newest file of a run; in an older file it is damage.

    Returns:
        A JSON-ready dict: ``{"logdir", "runs": [{"run", "files": [...], "tags": [...]}],
        "damaged_files", "truncated_files", "not_event_files"}``. Each file has a
        status: "ok", "truncated", "damaged" or "not an event file" (a FIFO or
        device, or no valid record from the first byte on). Each tag row has kind
        (scalar, histogram, image, text, audio, tensor, graph), format (TF1/TF2),
        count, first/last/min/max step, first/last/min/max value, nan, inf,
        out_of_order and purged counts.

    Raises:
        LogReadError: ``logdir`` does not exist or cannot be read.
    """
    if workers is None or (isinstance(workers, int) and not isinstance(workers, bool) and workers >= 1):
        report = small_report(logdir, runs=runs, verify=verify)
        if report is not None:
            if progress:  # after the fact: the small path may still hand over to the numpy path midway
                total = sum(len(r["files"]) for r in report["runs"])
                for k in range(total):
                    progress(k + 1, total)
            return report
    import numpy as np

    # the numpy path's reader loads only when the small path (no numpy) cannot answer
    from tfcompat.logs._reader import read_runs

    report = {"logdir": str(logdir), "runs": [], "damaged_files": 0, "truncated_files": 0, "not_event_files": 0}
    counter = {"damaged": "damaged_files", "truncated": "truncated_files", "not an event file": "not_event_files"}
    for run, data in read_runs(logdir, skip_damaged=True, runs=runs, workers=workers, progress=progress,
                               warn=False, verify=verify, report_errors=True).items():
        files = []
        for f in data.files:
            row, status = file_row(f)
            files.append(row)
            if status in counter:
                report[counter[status]] += 1
        rows = []
        scalar_keys = data.scalar_keys()
        for tag in sorted(scalar_keys):
            keys = scalar_keys[tag]
            series, purged = data.scalar(tag)
            raw_idx = np.sort(np.concatenate([data.series[k][0] for k in keys]))
            fmt = "/".join(sorted({"TF1" if s == "simple" else "TF2" for _, s in keys}))
            rows.append(_scalar_row(tag, fmt, data.step[raw_idx], series.step, series.value, purged))
        # rank-0 tensors of other plugins, and everything non-scalar
        others = {}
        for (tag, source), (idx, _, keep) in data.series.items():
            if tag in scalar_keys and (tag, source) in scalar_keys[tag]:
                continue
            kind = KIND_OF_PLUGIN.get(data.plugins.get(tag), "tensor")
            entry = others.setdefault((tag, kind, "TF2"), [[], 0])
            entry[0].extend(data.step[idx[keep]].tolist())
            entry[1] += int((~keep).sum())
        for i, tag, kind, _ in data.others + [(None,) + item[1:] for item in data.purged_others]:
            fmt = "TF1"
            if kind == "tensor":
                kind, fmt = KIND_OF_PLUGIN.get(data.plugins.get(tag), "tensor"), "TF2"
            elif kind in GRAPH_KINDS:
                tag, kind = (kind if kind != "run_metadata" else f"run_metadata/{tag}"), "graph"
            elif kind == "session_log":
                continue
            entry = others.setdefault((tag, kind, fmt), [[], 0])
            if i is None:
                entry[1] += 1
            else:
                entry[0].append(int(data.step[i]))
        for (tag, kind, fmt), (steps, purged) in sorted(others.items()):
            rows.append(_other_row(tag, kind, fmt, steps, purged))
        report["runs"].append({"run": run, "files": files, "tags": rows})
    return report
