"""``tfcompat inspect LOGDIR [--json]``: what a log directory holds, per run and tag.

Mirrors ``tensorboard --inspect --logdir LOGDIR`` without loading TensorFlow.

Exit status: 0 every file read cleanly (an incomplete last record in the newest
file of a run is a file still being written, not damage); 1 a file is damaged
or is not an event file (the report says which); 2 usage or read errors.
"""

import sys

from tfcompat.cli._progress import Progress, silence_stdout
from tfcompat.logs._files import runs_of
from tfcompat.logs._inspect import inspect

__all__ = ["configure", "main", "format_table"]


_EPILOG = """\
exit status:
  0  every file read cleanly; an incomplete last record in the newest file of a run is a
     file still being written ("truncated"), not damage
  1  a file is damaged (a bad checksum, a record that does not decode, a record length running
     past the end of the file, an incomplete record in an older file of the run) or is not an
     event file (a FIFO or device, or nothing in it reads as a record): the report says which
  2  usage error, or the log directory (or a file in it) cannot be read"""


def configure(parser):
    import argparse

    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = _EPILOG
    parser.add_argument("logdir", help="log directory (or one event file)")
    parser.add_argument("--json", action="store_true", help="print JSON for tools instead of a table")
    parser.add_argument("--run", action="append", dest="runs", metavar="RUN",
                        help="only this run (repeatable); '.' is the log directory itself")
    parser.add_argument("--workers", type=int, default=None, help="processes reading files (default: automatic)")
    parser.add_argument("--no-verify", dest="verify", action="store_false",
                        help="check only the length CRCs, not every record's data CRC (faster on huge files)")


def _fmt(x):
    if x is None:
        return "-"
    if isinstance(x, str):
        return x
    return f"{x:.6g}"


def _steps(row):
    # the range, not first..last: after a restart without purge the last step is not the largest
    if row["count"] == 0:
        return "-"
    if row["min_step"] == row["max_step"]:
        return str(row["min_step"])
    return f"{row['min_step']}..{row['max_step']}"


def format_table(report):
    """The report as a readable text table."""
    lines = []
    head = ("TAG", "KIND", "FORMAT", "COUNT", "STEPS", "FIRST", "LAST", "MIN", "MAX", "NAN", "INF", "OOO", "PURGED")
    for run in report["runs"]:
        nev = sum(f["events"] for f in run["files"])
        where = " (the log directory itself)" if run["run"] == "." else ""  # '.' is what --run and --map take
        lines.append(f"run {run['run']!r}{where}: {len(run['files'])} file(s), {nev} event(s)")
        rows = [head] + [
            (r["tag"], r["kind"], r["format"], str(r["count"]), _steps(r), _fmt(r["first"]), _fmt(r["last"]),
             _fmt(r["min"]), _fmt(r["max"]), str(r["nan"]), str(r["inf"]), str(r["out_of_order"]), str(r["purged"]))
            for r in run["tags"]
        ]
        widths = [max(len(r[k]) for r in rows) for k in range(len(head))]
        for r in rows:
            lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        for f in run["files"]:
            if f.get("error"):
                lines.append(f"  NOT AN EVENT FILE: {f['path']}: {f['error']}")
                continue
            if f.get("status") == "not an event file":
                d = f["damaged"][0]
                lines.append(f"  NOT AN EVENT FILE: {f['path']}: no valid record in {f['size']} bytes ({d['reason']} "
                             "at byte 0)")
                continue
            if f["truncated"]:
                t = f["truncated"]
                lines.append(f"  truncated: {f['path']}: last record incomplete at byte {t['offset']} "
                             f"({t['bytes']} bytes ignored; the newest file of its run: still being written)")
            for d in f["damaged"]:
                lines.append(f"  DAMAGED: {f['path']}: {d['reason']} at byte {d['offset']} ({d['bytes']} bytes skipped)")
        lines.append("")
    if not report["runs"]:
        lines.append(f"no event files (names containing 'tfevents') under {report['logdir']!r}")
    not_event = report.get("not_event_files", 0)
    lines.append(
        f"{len(report['runs'])} run(s), {report['truncated_files']} truncated file(s), "
        f"{report['damaged_files']} damaged file(s)" + (f", {not_event} not event file(s)" if not_event else "")
    )
    return "\n".join(lines)


def main(args):
    """Prints the inspect report; 0 all clean, 1 a file damaged or not an event file, 2 usage or read errors."""
    progress = Progress()
    try:
        report = inspect(args.logdir, runs=args.runs, workers=args.workers, progress=progress, verify=args.verify)
    finally:
        progress.close()
    if args.runs and not report["runs"]:
        have = sorted(runs_of(args.logdir))
        shown = ", ".join(repr(r) for r in have[:20]) + (", ..." if len(have) > 20 else "")
        print(f"tfcompat inspect: error: no such run. Received: --run {' --run '.join(args.runs)}; "
              f"runs under {args.logdir!r}: {shown or 'none'}", file=sys.stderr)
        return 2
    try:
        if args.json:
            import json  # only for --json: it costs a cold start a few milliseconds

            json.dump(report, sys.stdout, indent=1)
            sys.stdout.write("\n")
        else:
            print(format_table(report))
        sys.stdout.flush()
    except BrokenPipeError:  # `| head`: the reader has seen enough
        silence_stdout()
    return 1 if report["damaged_files"] or report["not_event_files"] else 0


