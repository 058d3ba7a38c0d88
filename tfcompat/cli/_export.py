"""``tfcompat export LOGDIR --csv FILE | --json FILE``: every scalar as rows (run, tag, step, wall_time, value).

``-`` writes to stdout. Values are written with full float64 precision
(``repr``); in JSON, NaN and infinities are the strings "nan", "inf", "-inf".
The text is made by numpy a block of rows at a time (tfcompat.logs._text): the
same bytes as csv.writer / json.dump, without a Python float or str per value.
"""

import codecs
import csv
import io
import json
import os
import sys
from operator import add

from tfcompat._errors import LogReadError
from tfcompat.cli._progress import Progress, silence_stdout, warnings_to_stderr
from tfcompat.logs._reader import read_scalars
from tfcompat.logs._text import float_text, int_text, texts

__all__ = ["configure", "csv_blocks", "json_blocks", "main", "write_csv", "write_json"]


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


def csv_blocks(mapping):
    """The UTF-8 bytes of the CSV of a ``read_scalars`` mapping, a block of rows at a time.

    The bytes ``csv.writer`` writes (floats as ``repr``), made by numpy (tfcompat.logs._text):
    no Python object per value but the bytes of ``step,wall_time,`` and ``value\\nrun,tag,``,
    joined once per block.
    """
    yield b"run,tag,step,wall_time,value\n"
    shared = _SharedColumns(_csv_step_wall)
    for (run, tag), s in mapping.items():
        prefix = _csv_prefix(run, tag).encode("utf-8")
        for a in range(0, len(s), _BLOCK):
            values = texts(float_text(s.value[a : a + _BLOCK], suffix=b"\n" + prefix))
            parts = [prefix] * (2 * len(values) + 1)
            parts[1::2] = shared.get((s.step, s.wall_time), a)
            parts[2::2] = values
            yield memoryview(b"".join(parts))[: -len(prefix)]  # the last row's "\n" ends the block


def _json_items(text):
    return b", ".join(texts(text))


def _json_ints(column):
    return _json_items(int_text(column))


def _json_floats(column):
    return _json_items(float_text(column, json=True))


def json_blocks(mapping):
    """The bytes of the JSON of a ``read_scalars`` mapping (a list of series), a block at a time.

    The text ``json.dump`` gives for the whole list (``json_float`` values: NaN and
    infinities as "nan", "inf", "-inf"; ASCII only, as json.dumps escapes).
    """
    yield b"["
    steps, walls = _SharedColumns(_json_ints), _SharedColumns(_json_floats)
    for k, ((run, tag), s) in enumerate(mapping.items()):
        yield ((", " if k else "") + '{"run": ' + json.dumps(run) + ', "tag": ' + json.dumps(tag)).encode("ascii")
        for name, column, shared in ((b"step", s.step, steps), (b"wall_time", s.wall_time, walls),
                                     (b"value", s.value, None)):
            yield b', "' + name + b'": ['
            for a in range(0, len(column), _BLOCK):
                items = shared.get((column,), a) if shared else _json_floats(column[a : a + _BLOCK])
                yield b", " + items if a else items
            yield b"]"
        yield b"}"
    yield b"]\n"


def write_csv(mapping, f):
    """Writes a ``read_scalars`` mapping as CSV rows to the text file ``f`` (see :func:`csv_blocks`)."""
    for block in csv_blocks(mapping):
        f.write(str(block, "utf-8"))


def write_json(mapping, f):
    """Writes a ``read_scalars`` mapping as a JSON list of series to the text file ``f`` (see :func:`json_blocks`)."""
    for block in json_blocks(mapping):
        f.write(str(block, "utf-8"))


def _stdout_writer():
    """A function writing bytes to stdout: its binary buffer when the text layer would write the same
    bytes (UTF-8, no newline translation), saving a decode and an encode of every block."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if buffer is not None and encoding and codecs.lookup(encoding).name == "utf-8" and os.linesep == "\n":
        out.flush()
        return buffer.write
    return lambda block: out.write(str(block, "utf-8"))


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
    blocks = csv_blocks if args.csv is not None else json_blocks
    if dest == "-":
        try:
            write = _stdout_writer()
            for block in blocks(mapping):
                write(block)
            sys.stdout.flush()
        except BrokenPipeError:  # `| head`: the reader has seen enough
            silence_stdout()
            return 0
    else:
        try:
            with open(dest, "wb") as f:  # UTF-8 bytes, "\n" as csv's lineterminator: as text with newline=""
                for block in blocks(mapping):
                    f.write(block)
        except OSError as e:
            flag = "--csv" if args.csv else "--json"
            raise LogReadError(f"Cannot write the export file. Received: {flag}={dest!r} ({e})") from e
    n = sum(len(s) for s in mapping.values())
    print(f"exported {n} point(s) of {len(mapping)} series", file=sys.stderr)
    return 0
