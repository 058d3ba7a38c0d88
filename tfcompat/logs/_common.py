"""What the reader's two paths share (numpy's, and the numpy-free one of a small ``inspect``).

Value kinds by Summary.Value field and by plugin, TensorBoard's file-version rule,
the ``runs=``/``tags=`` argument rule, strict-JSON floats, and an inspect report's
row for one file. Nothing here imports numpy.
"""

import collections
import gc
import threading

from tfcompat._errors import InvalidArgumentError

__all__ = ["KIND_OF_FIELD", "KIND_OF_PLUGIN", "GRAPH_KINDS", "CUT", "parse_file_version", "name_filter",
           "json_float", "file_row", "GcPaused", "Image"]

Image = collections.namedtuple("Image", "step wall_time width height encoded")
Image.__doc__ = "One image: PNG/JPEG bytes in ``encoded``; width/height 0 when unknown (TF2 stores them as text)."

# Summary.Value oneof field -> kind reported by inspect
KIND_OF_FIELD = {"simple_value": "scalar", "histo": "histogram", "image": "image", "audio": "audio"}
# plugin name of a tensor summary -> kind
KIND_OF_PLUGIN = {
    "scalars": "scalar", "histograms": "histogram", "images": "image", "audio": "audio",
    "text": "text", "graphs": "graph",
}
# events that are not summaries -> the tag inspect shows them under
GRAPH_KINDS = {"graph_def": "graph", "meta_graph_def": "graph", "run_metadata": "graph"}

CUT = "incomplete last record in a file that is no longer written (a later file of the run exists): cut"


class GcPaused:
    """Pauses the cyclic garbage collector during a read, restoring its state after.

    A read creates many objects that live on (a histogram, its arrays, its tuple...) and
    no cycles; the collector, triggered every 700 allocations, re-scans them all again and
    again: 15-30% of reading 10,000 histograms or 1,000 small runs. Reads in several
    threads (or nested) share one pause: the first in records the state, the last out
    restores it, so concurrent reads never leave the collector off.
    """

    __slots__ = ()
    _lock = threading.Lock()
    _depth = 0
    _was_enabled = False

    def __enter__(self):
        cls = GcPaused
        with cls._lock:
            if cls._depth == 0:
                cls._was_enabled = gc.isenabled()
                gc.disable()
            cls._depth += 1
        return self

    def __exit__(self, *exc):
        cls = GcPaused
        with cls._lock:
            cls._depth -= 1
            if cls._depth == 0 and cls._was_enabled:
                gc.enable()


def parse_file_version(s):
    """Mirrors ``event_util.ParseFileVersion``: "brain.Event:2" -> 2.0, junk -> -1."""
    try:
        return float(s.split("brain.Event:")[-1])
    except ValueError:
        return -1.0


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


def json_float(x):
    """A value as strict JSON allows it: NaN and infinities become "nan", "inf", "-inf"; None stays None."""
    if x is None:
        return None
    x = float(x)
    if x != x:
        return "nan"
    if x in (float("inf"), float("-inf")):
        return "inf" if x > 0 else "-inf"
    return x


def file_row(f):
    """The inspect report of one scanned file, and its status: "ok", "truncated" (still being written),
    "damaged" or "not an event file"."""
    damaged = [{"offset": o, "bytes": n, "reason": r} for o, n, r in f.skipped]
    truncated = None
    if f.truncated and getattr(f, "cut", False):
        damaged.append({"offset": f.truncated[0], "bytes": f.truncated[1], "reason": CUT})
    elif f.truncated:
        truncated = {"offset": f.truncated[0], "bytes": f.truncated[1]}
    if f.error is not None or (f.n_events == 0 and f.skipped and f.skipped[0][0] == 0):
        status = "not an event file"  # nothing in it reads as a record, from its first byte on
    elif damaged:
        status = "damaged"
    else:
        status = "truncated" if truncated else "ok"
    return {
        "path": f.path,
        "size": f.size,
        "events": f.n_events,
        "status": status,
        "error": f.error,
        "file_version": f.file_versions[0][1] if f.file_versions else None,
        "truncated": truncated,
        "damaged": damaged,
    }, status
