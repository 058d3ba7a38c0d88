"""Log directories as local paths or URLs (``gs://``, ``s3://``, ``ram://`` ...): the one place that tells them apart.

Mirrors how TF1's ``FileWriter`` reached any filesystem through ``tf.gfile``:
a URL goes through ``tf.io.gfile`` (TensorFlow loaded then, not before); a local
path through :class:`tfcompat.wire.event_writer.LocalFiles`.
"""

import os

from tfcompat._lazy_tf import import_tf
from tfcompat.wire.event_writer import EventFileWriter, LocalFiles

__all__ = ["is_url", "join", "files_for", "open_event_writer", "makedirs", "write_text"]


def is_url(path: str) -> bool:
    """True for ``scheme://`` paths (``file://`` excluded: it is a local path)."""
    return "://" in path and not path.startswith("file://")


def join(logdir: str, name: str) -> str:
    """``logdir/name`` with ``/`` for URLs and ``os.path.join`` for local paths."""
    return logdir.rstrip("/") + "/" + name if is_url(logdir) else os.path.join(logdir, name)


class GFiles:
    """A URL log directory through ``tf.io.gfile``."""

    def __init__(self):
        self._gfile = import_tf().io.gfile

    def makedirs(self, path):
        self._gfile.makedirs(path)

    def exists(self, path):
        return self._gfile.exists(path)

    def join(self, logdir, name):
        return join(logdir, name)

    def open_new(self, path):
        return self._gfile.GFile(path, "wb")


def files_for(logdir: str):
    """What ``logdir`` lives on: ``tf.io.gfile`` for a URL, local files otherwise."""
    return GFiles() if is_url(os.fspath(logdir)) else LocalFiles()


def open_event_writer(logdir, **kwargs) -> EventFileWriter:
    """An :class:`EventFileWriter` on ``logdir`` whatever it lives on."""
    return EventFileWriter(logdir, files=files_for(os.fspath(logdir)), **kwargs)


def makedirs(path: str) -> None:
    files_for(path).makedirs(path)


def write_text(path: str, text: str) -> None:
    """Writes ``text`` to ``path`` (a file beside the event files: projector config, metadata TSV)."""
    if is_url(path):
        gfile = import_tf().io.gfile
        gfile.makedirs(path.rsplit("/", 1)[0])
        with gfile.GFile(path, "w") as f:
            f.write(text)
    else:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)  # a reader (the projector) never sees half a file
