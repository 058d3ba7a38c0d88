"""Log directories as local paths or URLs (``gs://``, ``s3://``, ``memory://``, ``ram://`` ...): the one place
that tells them apart on the writing side.

Mirrors how TF1's ``FileWriter`` reached any filesystem through ``tf.gfile``,
without needing TensorFlow: a URL goes through fsspec when it is installed and
knows the scheme (:mod:`tfcompat._urls`), else through ``tf.io.gfile`` when
TensorFlow is installed (``ram://`` is TensorFlow's own); ``file://`` URLs and
plain paths through :class:`tfcompat.wire.event_writer.LocalFiles`.

An object store cannot append: a URL's event file is kept in a local spool and
every ``flush()`` uploads it whole, so each flushed epoch is visible in the
bucket, as TensorFlow's GCS and S3 files do on ``flush()``.
"""

import os
import tempfile
import threading

from tfcompat import _urls
from tfcompat._errors import MissingDependencyError
from tfcompat._lazy_tf import optional_tf
from tfcompat.wire.event_writer import EventFileWriter, LocalFiles

__all__ = ["is_url", "join", "files_for", "open_event_writer", "makedirs", "write_text", "FsspecFiles", "GFiles"]

_SPOOL_IN_MEMORY = 8 << 20  # bytes of an event file kept in memory before the spool moves to a temp file


def is_url(path: str) -> bool:
    """True for ``scheme://`` paths (``file://`` excluded: it is a local path)."""
    return _urls.is_url(path)


def join(logdir: str, name: str) -> str:
    """``logdir/name`` with ``/`` for URLs and ``os.path.join`` for local paths."""
    return _urls.join_url(logdir, name) if is_url(logdir) else os.path.join(_urls.local_path(logdir), name)


class _UploadOnFlush:
    """A write-only binary file of an object store: bytes go to a local spool, ``flush()`` uploads them all."""

    def __init__(self, fs, path):
        self._fs, self._path = fs, path
        self._spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY)
        self._dirty = True  # the object exists (empty) from the start, as a local file would
        self._lock = threading.Lock()
        self.closed = False
        self.name = path

    def write(self, data):
        with self._lock:
            self._spool.write(data)
            self._dirty = True
        return len(data)

    def flush(self):
        with self._lock:
            if not self._dirty:
                return
            self._spool.seek(0)
            with self._fs.open(self._path, "wb") as f:
                while True:
                    chunk = self._spool.read(1 << 20)
                    if not chunk:
                        break
                    f.write(chunk)
            self._spool.seek(0, os.SEEK_END)
            self._dirty = False

    def close(self):
        if self.closed:
            return
        try:
            self.flush()
        finally:
            self.closed = True
            self._spool.close()


class FsspecFiles:
    """A URL log directory through fsspec (``memory://``, ``s3://``, ``gs://``, ``hdfs://`` ...)."""

    def __init__(self, url):
        self._fs, _ = _urls.fsspec_filesystem(url, what="write to")

    def _path(self, url):
        return _urls.fsspec_filesystem(url, what="write to")[1]

    def makedirs(self, path):
        self._fs.makedirs(self._path(path), exist_ok=True)

    def exists(self, path):
        return self._fs.exists(self._path(path))

    def join(self, logdir, name):
        return _urls.join_url(logdir, name)

    def open_new(self, path):
        target = self._path(path)
        if self._fs.exists(target):
            raise FileExistsError(path)
        f = _UploadOnFlush(self._fs, target)
        f.flush()  # the file exists from now on, as a local one
        return f

    def write_text(self, path, text):
        target = self._path(path)
        self._fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
        with self._fs.open(target, "wb") as f:
            f.write(text.encode("utf-8"))


class GFiles:
    """A URL log directory through ``tf.io.gfile`` (TensorFlow installed, fsspec not, or ``ram://``)."""

    def __init__(self, gfile):
        self._gfile = gfile

    def makedirs(self, path):
        self._gfile.makedirs(path)

    def exists(self, path):
        return self._gfile.exists(path)

    def join(self, logdir, name):
        return join(logdir, name)

    def open_new(self, path):
        if self._gfile.exists(path):
            raise FileExistsError(path)
        return self._gfile.GFile(path, "wb")

    def write_text(self, path, text):
        self._gfile.makedirs(path.rsplit("/", 1)[0])
        with self._gfile.GFile(path, "w") as f:
            f.write(text)


def files_for(logdir: str):
    """What ``logdir`` lives on: fsspec or ``tf.io.gfile`` for a URL, local files otherwise.

    Raises:
        MissingDependencyError: a URL that neither fsspec nor TensorFlow can open here.
    """
    logdir = os.fspath(logdir)
    if not is_url(logdir):
        return LocalFiles()
    if _urls.fsspec_knows(logdir):
        return FsspecFiles(logdir)
    tf = optional_tf()
    if tf is not None:
        return GFiles(tf.io.gfile)
    try:
        _urls.fsspec_filesystem(logdir, what="write to")  # raises, saying what to install
    except MissingDependencyError as e:
        raise MissingDependencyError(f"{e} TensorFlow's tf.io.gfile would do too; it is not installed.") from None
    return FsspecFiles(logdir)


def open_event_writer(logdir, **kwargs) -> EventFileWriter:
    """An :class:`EventFileWriter` on ``logdir`` whatever it lives on."""
    logdir = os.fspath(logdir)
    files = files_for(logdir)
    return EventFileWriter(logdir if is_url(logdir) else _urls.local_path(logdir), files=files, **kwargs)


def makedirs(path: str) -> None:
    files_for(path).makedirs(path if is_url(path) else _urls.local_path(path))


def write_text(path: str, text: str) -> None:
    """Writes ``text`` to ``path`` (a file beside the event files: projector config, metadata TSV)."""
    if is_url(path):
        files_for(path).write_text(path, text)
        return
    path = _urls.local_path(path)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)  # a reader (the projector) never sees half a file
