"""``read_images``: TF1 image summaries, read without numpy when the runs are plain.

An image is bytes, a size and a step: nothing numpy computes faster, and importing
numpy costs more (60-80 ms) than slicing thousands of images out of their
records. So runs holding only TF1 ``image`` values, scalars and the usual
non-summary events, undamaged and with no point TensorBoard would purge, are
read here record by record (every CRC checked); anything else -- a TF2 image
tensor, damage, a restart, an incomplete record, a URL -- goes to the numpy
path (:func:`tfcompat.logs._values.read_images_numpy`), which gives the same
results on what both read (tests/logs/test_read_many.py).
"""

import os
from collections.abc import Iterable

from tfcompat._errors import DamagedRecordError, InvalidArgumentError, LogReadError, NotAnEventFileError
from tfcompat._urls import is_url
from tfcompat.logs._common import GcPaused, Image, name_filter
from tfcompat.logs._files import iter_event_files
from tfcompat.logs._inspect_small import PlainFile, purges
from tfcompat.logs._templates import match
from tfcompat.wire.decode import parse_special
from tfcompat.wire.payloads import image_fields, parse_summary
from tfcompat.wire.stream import RecordStream

__all__ = ["read_images"]

_NOT_SUMMARIES = ("file_version", "graph_def", "meta_graph_def", "run_metadata")


def read_images(logdir: str | os.PathLike, *, runs: str | Iterable[str] | None = None,
                tags: str | Iterable[str] | None = None,
                skip_damaged: bool = False) -> dict[tuple[str, str], list[Image]]:
    """Reads images: mirrors ``EventAccumulator.Images`` (TF1 ``image``) and TF2 image tensors.

    The image bytes are sliced straight from the record, no proto objects.

    Returns:
        dict ``(run, tag) -> list of Image``; a TF2 summary of k images gives k entries.
    """
    if skip_damaged is False:
        with GcPaused():
            got = _plain(logdir, runs, tags)
        if got is not None:
            return got
    # the numpy path loads only when the plain path cannot answer
    from tfcompat.logs._values import read_images_numpy

    return read_images_numpy(logdir, runs=runs, tags=tags, skip_damaged=skip_damaged)


def _plain(logdir, runs, tags):
    try:
        wanted_runs, wanted_tags = name_filter(runs, "runs"), name_filter(tags, "tags")
    except InvalidArgumentError:
        return None  # the numpy path reports it
    grouped = {}
    for run, path in iter_event_files(logdir):
        if wanted_runs is not None and run not in wanted_runs:
            continue
        f = _scan(path)
        if f is None:
            return None
        grouped.setdefault(run, []).append(f)
    out = {}
    for run, files in grouped.items():
        if purges(files):
            return None
        for f in files:
            for k, tag, (height, width, encoded) in f.items:
                if wanted_tags is None or tag in wanted_tags:
                    out.setdefault((run, tag), []).append(Image(f.steps[k], f.walls[k], width, height, encoded))
    return dict(sorted(out.items()))


class _ImageFile(PlainFile):
    __slots__ = ("walls",)


def _scan(path):
    """The images, steps and wall times of one file, or None when it needs the numpy path."""
    if not isinstance(path, str) or is_url(path):
        return None
    try:
        stream = RecordStream(path, plain=True)
    except (LogReadError, NotAnEventFileError):
        return None
    f = _ImageFile(path, 0)
    f.walls = walls = []
    steps, has, items = f.steps, f.has_summary, f.items
    try:
        for mv, offs, lens, _ in stream.windows():
            for off, n in zip(offs, lens):
                t, got = match(mv, off, n)
                if t is not None:  # scalars
                    walls.append(float(got[0]))
                    steps.append(got[1])
                    has.append(t.has_summary)
                    continue
                summary = parse_summary(mv, off, off + n)
                if summary is None:
                    special = parse_special(mv, off, off + n)
                    if special is None or special[2] not in _NOT_SUMMARIES:
                        return None  # a session_log START purges; an odd event needs the proto path
                    walls.append(special[0])
                    steps.append(special[1])
                    has.append(False)
                    if special[2] == "file_version":
                        f.file_versions.append((len(steps) - 1, special[3]))
                    continue
                k = len(steps)
                for tag, _, _, field, s, e in summary[2]:
                    if field == "image":
                        im = image_fields(mv, s, e)
                        if im is None:
                            return None
                        items.append((k, tag, (im[0], im[1], mv[im[3] : im[4]].tobytes())))
                    elif field != "simple_value":
                        return None  # histograms, audio, tensors: the numpy path
                walls.append(summary[0])
                steps.append(summary[1])
                has.append(True)
    except DamagedRecordError:
        return None
    finally:
        stream.close()
    if stream.truncated or stream.skipped:
        return None
    f.n_events = len(steps)
    return f
