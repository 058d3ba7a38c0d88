"""``tf.summary`` (TF1) and ``tf.train.summary_iterator`` as tfcompat.v1 exposes them.

The summary ops are TF's own ``tf.compat.v1.summary.*`` built in the legacy
graph (so tags get TF1's name scopes and ``_1`` suffixes); this module adds
the writer classes and a ``merge_all`` that remembers when it found nothing.
"""

import collections
import sys

from tfcompat._errors import LogReadError
from tfcompat._lazy_tf import import_tf, internal
from tfcompat.v1 import _graph
from tfcompat.v1._saver import import_meta_graph
from tfcompat.v1._session import note_empty_merge_all
from tfcompat.v1._writer import FileWriter, FileWriterCache
from tfcompat.wire.records import frame_records

__all__ = ["merge_all", "summary_iterator", "summary_overrides", "train_overrides", "compat_overrides"]


def merge_all(key=None, scope=None, name=None):
    """Mirrors ``tf.summary.merge_all(key=tf.GraphKeys.SUMMARIES, scope=None, name=None)``.

    Returns None when the collection is empty, as TF1 did; a later
    ``sess.run(None)`` or ``writer.add_summary(None)`` then raises an error
    that says which summaries were expected and why none were found.
    """
    tf = import_tf()
    key = tf.compat.v1.GraphKeys.SUMMARIES if key is None else key
    graph = _graph.current_graph()
    tf1_summary = internal("tensorflow.python.summary.summary")  # not tf.compat.v1's (may be re-bound)
    with graph.as_default():
        merged = tf1_summary.merge_all(key=key, scope=scope, name=name)
    note_empty_merge_all(graph, key if merged is None else None)
    return merged


def summary_iterator(path):
    """Mirrors ``tf.train.summary_iterator(path)``: an iterator over the ``Event`` protos of one event file.

    As TF1's, it is never exhausted for good: after ``StopIteration`` a later
    ``next()`` returns the events appended to the file since.
    """
    return _EventFileIterator(path)


class _EventFileIterator:
    """Reads the complete records after the last one read; a record still being written waits for a later next()."""

    def __init__(self, path):
        self._path = str(path)
        self._offset = 0  # where the first record not read yet starts
        self._ready = collections.deque()
        self._event_cls = import_tf().compat.v1.Event

    def __iter__(self):
        return self

    def __next__(self):
        if not self._ready:
            self._read_new_records()
            if not self._ready:
                raise StopIteration
        return self._event_cls.FromString(self._ready.popleft())

    def _read_new_records(self):
        try:
            with open(self._path, "rb") as f:
                f.seek(self._offset)
                buf = f.read()
        except OSError as e:
            raise LogReadError(f"Cannot read the event file. Received: path={self._path!r} ({e.strerror or e})") from e
        frames = frame_records(buf, self._path)
        self._ready.extend(buf[o : o + n] for o, n in zip(frames.offsets, frames.lengths))
        self._offset += frames.truncated[0] if frames.truncated else len(buf)


def summary_overrides():
    return {"merge_all": merge_all, "FileWriter": FileWriter, "FileWriterCache": FileWriterCache}


def train_overrides():
    # TF 0.12's tf.train.SummaryWriter became tf.summary.FileWriter in 1.0.
    return {"summary_iterator": summary_iterator, "import_meta_graph": import_meta_graph, "SummaryWriter": FileWriter}


def compat_overrides():
    # tf.compat.v1.* written inside a tfcompat.v1 script means tfcompat.v1 itself.
    return {"v1": sys.modules["tfcompat.v1"]}
