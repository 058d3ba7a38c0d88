"""``tfcompat export LOGDIR --csv FILE | --json FILE``: every scalar as rows (run, tag, step, wall_time, value).

``-`` writes to stdout. Values are written with full float64 precision
(``repr``); in JSON, NaN and infinities are the strings "nan", "inf", "-inf".
"""

import csv
import io
import json
import sys

from tfcompat._errors import LogReadError
from tfcompat.cli._progress import Progress, silence_stdout, warnings_to_stderr
from tfcompat.logs._reader import read_scalars
from tfcompat.logs._series import json_float

__all__ = ["configure", "main", "write_csv", "write_json"]


def configure(parser):
    parser.add_argument("logdir", help="log directory (or one event file)")
    out = parser.add_mutually_exclusive_group(required=True)
    out.add_argument("--csv", metavar="FILE", help="write CSV (run,tag,step,wall_time,value); '-' for stdout")
    out.add_argument("--json", metavar="FILE", help="write JSON, one object per series; '-' for stdout")
    parser.add_argument("--run", action="append", dest="runs", metavar="RUN", help="only this run (repeatable)")
    parser.add_argument("--tag", action="append", dest="tags", metavar="TAG", help="only this tag (repeatable)")
    parser.add_argument("--skip-damaged", action="store_true", help="skip damaged records instead of failing")
    parser.add_argument("--workers", type=int, default=None, help="processes reading files (default: automatic)")


_CHUNK = 1 << 16  # rows formatted per write: bounds the strings alive at once


class _Reprs(dict):
    """repr of each float, computed once: the tags of one run share their events' wall times."""

    def __missing__(self, x):
        r = repr(x)
        if x:  # 0.0 == -0.0 as keys, but their reprs differ: never cache zeros
            self[x] = r
        return r


def _csv_prefix(run, tag):
    """``run,tag,`` quoted as the csv module quotes them (a tag may hold commas or quotes)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow((run, tag, ""))
    return buf.getvalue()[:-1]


def write_csv(mapping, f):
    """Writes a ``read_scalars`` mapping as CSV rows to the text file ``f``.

    The same bytes ``csv.writer`` writes (floats as ``repr``), formatted a column
    at a time: about 0.5 us a row instead of 4 us.
    """
    f.write("run,tag,step,wall_time,value\n")
    walls = _Reprs()
    for (run, tag), s in mapping.items():
        prefix = _csv_prefix(run, tag)
        sep = "\n" + prefix
        for a in range(0, len(s), _CHUNK):
            steps = map(str, s.step[a : a + _CHUNK].tolist())
            wall = map(walls.__getitem__, s.wall_time[a : a + _CHUNK].tolist())
            vals = map(repr, s.value[a : a + _CHUNK].tolist())
            f.write(prefix + sep.join(map(",".join, zip(steps, wall, vals))) + "\n")
        if len(walls) > 1 << 20:
            walls.clear()


def write_json(mapping, f):
    """Writes a ``read_scalars`` mapping as a JSON list of series to the text file ``f``.

    The text ``json.dump`` of the whole list gives, one series at a time through
    the C encoder; NaN and infinities as "nan", "inf", "-inf".
    """
    import numpy as np

    f.write("[")
    for k, ((run, tag), s) in enumerate(mapping.items()):
        values = s.value.tolist() if bool(np.isfinite(s.value).all()) else [json_float(v) for v in s.value.tolist()]
        if k:
            f.write(", ")
        f.write(json.dumps({"run": run, "tag": tag, "step": s.step.tolist(), "wall_time": s.wall_time.tolist(),
                            "value": values}, allow_nan=False))
    f.write("]\n")


def main(args):
    """Exports scalars; 0 on success, 2 on read/write errors."""
    progress = Progress()
    try:
        with warnings_to_stderr("export"):
            mapping = read_scalars(args.logdir, skip_damaged=args.skip_damaged, tags=args.tags, runs=args.runs,
                                   workers=args.workers, progress=progress)
    finally:
        progress.close()
    dest = args.csv if args.csv is not None else args.json
    writer = write_csv if args.csv is not None else write_json
    if dest == "-":
        try:
            writer(mapping, sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:  # `| head`: the reader has seen enough
            silence_stdout()
            return 0
    else:
        try:
            with open(dest, "w", newline="", encoding="utf-8") as f:
                writer(mapping, f)
        except OSError as e:
            flag = "--csv" if args.csv else "--json"
            raise LogReadError(f"Cannot write the export file. Received: {flag}={dest!r} ({e})") from e
    n = sum(len(s) for s in mapping.values())
    print(f"exported {n} point(s) of {len(mapping)} series", file=sys.stderr)
    return 0
