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

from tfcompat import _urls
from tfcompat._errors import InvalidArgumentError, LogReadError

__all__ = ["iter_event_files", "runs_of", "is_event_file", "event_source"]


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


def iter_event_files(logdir):
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
    if os.path.isfile(path):
        return [(".", path)]
    found = []

    def onerror(e):
        raise LogReadError(f"Cannot list the log directory. Received: logdir={path!r} ({e})")

    for dirpath, dirnames, filenames in os.walk(path, onerror=onerror):
        dirnames.sort()
        names = sorted(n for n in filenames if is_event_file(n))
        if not names:
            continue
        rel = os.path.relpath(dirpath, path)
        run = "." if rel == "." else rel.replace(os.sep, "/")
        found.extend((run, os.path.join(dirpath, n)) for n in names)
    found.sort(key=lambda rp: (rp[0], os.path.basename(rp[1])))
    return found


def runs_of(logdir):
    """Dict run -> list of event file paths in read order."""
    runs = {}
    for run, p in iter_event_files(logdir):
        runs.setdefault(run, []).append(p)
    return runs
