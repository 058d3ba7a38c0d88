"""Runs legacy corpus scripts the way ``tfcompat run SCRIPT ARGS`` does, many per process.

Test support, not a test module: ``python corpus_runner.py JOBS.json RESULTS.json``.
TensorFlow and Keras are imported once; each script then runs in a forked child through
:func:`tfcompat.run.run_path`, so it starts from a fresh copy of that state (no graph, layer
names, user modules or patches left over from the script before), as a new process would.
The child's stdout/stderr go to the job's files; its exit status and run time go to RESULTS.
"""

import atexit
import json
import os
import signal
import sys
import time
import traceback

TIMEOUT = float(os.environ.get("TFCOMPAT_CORPUS_TIMEOUT", "120"))


def _child(job):
    out = os.open(job["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err = os.open(job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(out, 1)
    os.dup2(err, 2)
    os.chdir(job["cwd"])
    code = 1
    try:
        from tfcompat.run import run_path

        code = run_path(job["script"], job["args"])
    except BaseException:  # a failure of tfcompat's runner itself, not of the script
        traceback.print_exc()
        code = 3
    finally:
        try:
            # What interpreter exit does for `tfcompat run`: atexit hooks (writers flush there).
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code if isinstance(code, int) and 0 <= code < 256 else 1)


def main(jobs_path, results_path):
    with open(jobs_path) as f:
        jobs = json.load(f)
    if os.environ.get("TFCOMPAT_CORPUS_PREIMPORT", "1") == "1":
        # The real packages, untouched; every child inherits them instead of paying ~4 s each.
        import keras  # noqa: F401
        import tensorflow  # noqa: F401
    results = {}
    for job in jobs:
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _child(job)
        status, cpu = None, 0.0
        while status is None:
            done, raw, usage = os.wait4(pid, os.WNOHANG)
            if done:
                status, cpu = os.waitstatus_to_exitcode(raw), usage.ru_utime + usage.ru_stime
            elif time.monotonic() - started > TIMEOUT:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                status = "timeout"
            else:
                time.sleep(0.02)
        results[job["name"]] = {"rc": status, "seconds": round(time.monotonic() - started, 2),
                                "cpu_seconds": round(cpu, 2)}
        with open(results_path, "w") as f:
            json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
