"""``tfcompat export LOGDIR --csv FILE | --json FILE``: every scalar as rows (run, tag, step, wall_time, value).

``-`` writes to stdout. Values are written with full float64 precision
(``repr``); in JSON, NaN and infinities are the strings "nan", "inf", "-inf".
The text is made by numpy a block of rows at a time (tfcompat.logs._text): the
same bytes as csv.writer / json.dump, 1M rows in well under a second.
"""

import csv
import io
import json
import sys
from operator import add

from tfcompat._errors import LogReadError
from tfcompat.cli._progress import Progress, silence_stdout, warnings_to_stderr
from tfcompat.logs._reader import read_scalars
from tfcompat.logs._text import float_text, int_text, texts

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


_BLOCK = 1 << 16  # rows formatted and written at once: bounds the text alive at once
_SHARED_ROWS = 1 << 18  # per-event text kept for the other tags of a run (about 16 MB at most)


class _SharedColumns:
    """Text of a run's step or wall-time columns, made once for all its tags.

    The tags of a run logged in the same events get views of the same arrays from
    ``read_scalars``: their step and wall-time text is the same, block for block.
    Keyed by the arrays' memory, which stays theirs while the arrays are held here.
    """

    def __init__(self, render):
        self.render = render
        self.key = None

    def get(self, columns, a):
        key = tuple((c.__array_interface__["data"][0], c.strides, len(c)) for c in columns)
        if key != self.key:
            self.key, self.held, self.blocks, self.rows = key, columns, {}, 0
        text = self.blocks.get(a)
        if text is None:
            text = self.render(*(c[a : a + _BLOCK] for c in columns))
            rows = len(columns[0][a : a + _BLOCK])
            if self.rows + rows <= _SHARED_ROWS:
                self.blocks[a] = text
                self.rows += rows
        return text


def _csv_prefix(run, tag):
    """``run,tag,`` quoted as the csv module quotes them (a tag may hold commas or quotes)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow((run, tag, ""))
    return buf.getvalue()[:-1]


def _csv_step_wall(step, wall):
    """``step,wall_time,`` of each row, as bytes."""
    return list(map(add, texts(int_text(step, b",")), texts(float_text(wall, suffix=b","))))


def write_csv(mapping, f):
    """Writes a ``read_scalars`` mapping as CSV rows to the text file ``f``.

    The bytes ``csv.writer`` writes (floats as ``repr``), made by numpy a block of rows
    at a time (tfcompat.logs._text): no Python object per value but the bytes of
    ``step,wall_time,`` and of ``value\\nrun,tag,``, joined once per block.
    """
    f.write("run,tag,step,wall_time,value\n")
    shared = _SharedColumns(_csv_step_wall)
    for (run, tag), s in mapping.items():
        prefix = _csv_prefix(run, tag)
        encoded = prefix.encode("utf-8")
        for a in range(0, len(s), _BLOCK):
            values = texts(float_text(s.value[a : a + _BLOCK], suffix=b"\n" + encoded))
            parts = values * 2
            parts[0::2] = shared.get((s.step, s.wall_time), a)
            parts[1::2] = values
            block = b"".join(parts)
            f.write(prefix + block[: len(block) - len(encoded)].decode("utf-8"))


def _json_items(step):
    return b", ".join(texts(step)).decode("ascii")


def _json_ints(column):
    return _json_items(int_text(column))


def _json_floats(column):
    return _json_items(float_text(column, json=True))


def write_json(mapping, f):
    """Writes a ``read_scalars`` mapping as a JSON list of series to the text file ``f``.

    The text ``json.dump`` gives for the whole list (``json_float`` values: NaN and
    infinities as "nan", "inf", "-inf"), each list written a block at a time.
    """
    f.write("[")
    steps, walls = _SharedColumns(_json_ints), _SharedColumns(_json_floats)
    for k, ((run, tag), s) in enumerate(mapping.items()):
        f.write((", " if k else "") + '{"run": ' + json.dumps(run) + ', "tag": ' + json.dumps(tag))
        for name, column, shared in (("step", s.step, steps), ("wall_time", s.wall_time, walls),
                                     ("value", s.value, None)):
            f.write(', "' + name + '": [')
            for a in range(0, len(column), _BLOCK):
                items = shared.get((column,), a) if shared else _json_floats(column[a : a + _BLOCK])
                f.write(", " + items if a else items)
            f.write("]")
        f.write("}")
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
