"""Scans many event files in parallel worker processes.

Decoding is CPU-bound Python, so threads would share one core; processes do not.
Small jobs stay in-process: a pool costs ~0.1 s to start. The automatic mode
forks (Linux, single-threaded caller) or stays sequential; an explicit
``workers=k`` elsewhere uses forkserver/spawn, which needs the usual
``if __name__ == "__main__":`` guard in the calling script.
"""

import os

from tfcompat._errors import InvalidArgumentError

__all__ = ["map_files"]

_PARALLEL_MIN_FILES = 32
_PARALLEL_MIN_BYTES = 8 << 20


def _scan_one(job):
    scan, path, args = job
    return scan(path, *args)


def _fork_context():
    """A 'fork' context when forking is safe: Linux, and no other Python thread running.

    Forked children run only this module's pure-Python/numpy code, and fork (unlike
    spawn/forkserver) does not re-import ``__main__``, so scripts without an
    ``if __name__ == "__main__":`` guard are fine.
    """
    import multiprocessing
    import sys
    import threading

    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return None


def _auto_workers(paths):
    if len(paths) < _PARALLEL_MIN_FILES:
        return 1
    total = 0
    for p in paths:
        try:
            total += os.path.getsize(p)
        except OSError:
            pass
        if total >= _PARALLEL_MIN_BYTES:
            return min(os.cpu_count() or 1, 8)
    return 1


def map_files(scan, paths, args=(), workers=None, progress=None, in_process=None):
    """``scan(path, *args)`` of each of ``paths`` in order.

    ``scan`` is a module-level function (worker processes receive it pickled);
    ``progress(done, total)`` is called as files finish. ``in_process(paths,
    progress)``, when given, does the whole job when it stays in this process
    (many small files are cheaper scanned together).
    """
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise InvalidArgumentError(f"`workers` must be None or a positive int. Received: workers={workers!r}")
    n = workers or _auto_workers(paths)
    jobs = [(scan, p, args) for p in paths]
    if n <= 1 or len(paths) < 2:
        if in_process is not None:
            return in_process(paths, progress)
        out = []
        for k, job in enumerate(jobs):
            out.append(_scan_one(job))
            if progress:
                progress(k + 1, len(jobs))
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = _fork_context()
    if ctx is None:
        if workers is None:  # automatic: never risk re-running an unguarded __main__
            return map_files(scan, paths, args, 1, progress, in_process)
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    out = []
    with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
        for k, scan in enumerate(pool.map(_scan_one, jobs, chunksize=max(1, len(jobs) // (n * 8)))):
            out.append(scan)
            if progress:
                progress(k + 1, len(jobs))
    return out
