"""Finds event files under a log directory, grouped into runs as TensorBoard does.

A run is a folder holding at least one file whose name contains ``tfevents``;
its name is the folder's path relative to the log directory (``.`` for the log
directory itself), with ``/`` separators. Within a run, files are read in
sorted name order, as TensorBoard's ``DirectoryWatcher`` reads them.
"""

import os

from tfcompat._errors import InvalidArgumentError, LogReadError

__all__ = ["iter_event_files", "runs_of", "is_event_file"]


def is_event_file(name):
    """Mirrors ``io_wrapper.IsSummaryEventsFile``: the name contains ``tfevents``."""
    return "tfevents" in name and not name.endswith(".profile-empty")


def _check_dir(logdir):
    if not isinstance(logdir, (str, os.PathLike)):
        raise InvalidArgumentError(f"`logdir` must be a path. Received: logdir={logdir!r}")
    path = os.fspath(logdir)
    if not os.path.exists(path):
        raise LogReadError(f"Log directory not found. Received: logdir={path!r}")
    return path


def iter_event_files(logdir):
    """Lists ``(run, path)`` of every event file under ``logdir``, runs sorted, files by name.

    Mirrors how ``EventMultiplexer.AddRunsFromDirectory`` finds runs. ``logdir``
    may also be a single event file (its run is ``.``).

    Raises:
        LogReadError: ``logdir`` does not exist.
    """
    path = _check_dir(logdir)
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
