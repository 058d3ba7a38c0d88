"""Finds event files under a log directory, grouped into runs as TensorBoard does.

A run is a folder holding at least one file whose name contains ``tfevents``;
its name is the folder's path relative to the log directory (``.`` for the log
directory itself), with ``/`` separators. Within a run, files are read in
sorted name order, as TensorBoard's ``DirectoryWatcher`` reads them.

A log directory may be a URL (``gs://``, ``s3://``, ``memory://`` ...): it is
listed and read through fsspec (:mod:`tfcompat._urls`), as TensorBoard does
without TensorFlow; ``file://`` URLs are local paths. :func:`event_source` is
the one place a listed file is opened by URL.
"""

import os
import stat

from tfcompat import _urls
from tfcompat._errors import InvalidArgumentError, LogReadError

__all__ = ["iter_event_files", "runs_of", "is_event_file", "event_source", "read_small_file"]


def is_event_file(name):
    """Mirrors ``io_wrapper.IsSummaryEventsFile``: the name contains ``tfevents``."""
    return "tfevents" in name and not name.endswith(".profile-empty")


def _check_dir(logdir):
    if not isinstance(logdir, (str, os.PathLike)):
        raise InvalidArgumentError(f"`logdir` must be a path. Received: logdir={logdir!r}")
    path = _urls.local_path(os.fspath(logdir))
    if not _urls.is_url(path) and not os.path.exists(path):
        scheme = _urls.scheme_of(path)
        raise LogReadError(f"Log directory not found. Received: logdir={os.fspath(logdir)!r}"
                           + (f" (a {scheme}:// URL)" if scheme else ""))
    return path


def _url_event_files(url):
    try:
        found = _urls.list_event_files(url, is_event_file)
    except FileNotFoundError:
        raise LogReadError(f"Log directory not found. Received: logdir={url!r}") from None
    except OSError as e:  # permissions, network, a missing bucket
        raise LogReadError(f"Cannot list the log directory. Received: logdir={url!r} ({e})") from e
    found.sort(key=lambda rp: (rp[0], rp[1].rsplit("/", 1)[-1]))
    return found


def event_source(path):
    """What the reader reads for a listed file: ``path`` itself, or for a URL its bytes.

    Raises:
        LogReadError: the URL cannot be read.
    """
    if not (isinstance(path, str) and _urls.is_url(path)):
        return path
    try:
        with _urls.open_url(path) as f:
            return f.read()
    except OSError as e:
        raise LogReadError(f"Cannot read the event file. Received: path={path!r} ({e})") from e


def iter_event_files(logdir: str | os.PathLike) -> list[tuple[str, str]]:
    """Lists ``(run, path)`` of every event file under ``logdir``, runs sorted, files by name.

    Mirrors how ``EventMultiplexer.AddRunsFromDirectory`` finds runs. ``logdir``
    may also be a single event file (its run is ``.``).

    Raises:
        LogReadError: ``logdir`` does not exist or cannot be listed.
        MissingDependencyError: ``logdir`` is a URL and fsspec (or the package
            of its scheme) is not installed.
    """
    path = _check_dir(logdir)
    if _urls.is_url(path):
        return _url_event_files(path)
    if not os.path.isdir(path):  # one file (a FIFO or device too: the reader refuses it by name)
        return [(".", path)]
    found = []
    _walk(path, found, path)
    found.sort(key=lambda rp: (rp[0], os.path.basename(rp[1])))
    return found


def _walk(top, found, logdir):
    """Appends ``(run, path)`` of the event files under ``top``: os.walk(followlinks=False) with one
    scandir per folder and no generator per folder (1,000 runs list in a few milliseconds)."""
    stack = [(top, ".")]
    while stack:
        folder, run = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as e:
            raise LogReadError(f"Cannot list the log directory. Received: logdir={logdir!r} ({e})") from e
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if not is_dir:
                if is_event_file(entry.name):
                    found.append((run, entry.path))
            elif not entry.is_symlink():  # like os.walk: symlinked folders are listed, not entered
                stack.append((entry.path, entry.name if run == "." else f"{run}/{entry.name}"))


def runs_of(logdir):
    """Dict run -> list of event file paths in read order."""
    runs = {}
    for run, p in iter_event_files(logdir):
        runs.setdefault(run, []).append(p)
    return runs


_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def read_small_file(path, limit):
    """The bytes of ``path`` if it is a local regular file of at most ``limit`` bytes, else None (the
    caller then reads it the usual way, which reports why it cannot)."""
    if not isinstance(path, str) or _urls.is_url(path):
        return None
    try:
        fd = os.open(path, _FLAGS)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        # A regular file's read stops short only at its end (the stream reads to the end too: a
        # file being written is read as far as it is); one byte more than allowed means too big.
        data = os.read(fd, limit + 1)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)
