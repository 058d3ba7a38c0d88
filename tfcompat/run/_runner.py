"""Runs a script or module as ``python SCRIPT`` / ``python -m MODULE`` would, under :func:`tfcompat.patch`.

Mirrors ``python SCRIPT ARGS`` under a 2018 TensorFlow 1.x / Keras 2: the
modules are patched (:func:`tfcompat.patch`), ``sys.argv`` is what the script
expects (``[SCRIPT, ARGS...]``), the script runs as ``__main__`` and its exit
code passes through. An uncaught exception prints the script's traceback
(tfcompat's own frames left out) and exits 1, as Python does.
"""

import os
import runpy
import sys
import traceback

from tfcompat._errors import InvalidArgumentError
from tfcompat.run._patch import patch, unpatch
from tfcompat.v1._graph import legacy_graph

__all__ = ["run_path", "run_module"]

def _tfcompat_frame(filename):
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.abspath(filename).startswith(here + os.sep) or filename.startswith("<frozen runpy")


def _print_script_traceback(exc):
    """Prints the traceback like Python would, without the frames of tfcompat's runner."""
    tb = exc.__traceback__
    # Drop the leading frames of tfcompat/_run.py and runpy until the script's first frame.
    while tb is not None and (_tfcompat_frame(tb.tb_frame.f_code.co_filename)
                              or tb.tb_frame.f_code.co_filename == runpy.__file__):
        tb = tb.tb_next
    traceback.print_exception(type(exc), exc, tb, file=sys.stderr)


def _execute(run, argv0, args):
    saved_argv = sys.argv
    sys.argv = [argv0] + list(args)
    _prepare_legacy_graph()  # before patch(): its one-time TF fixes then sit under ours
    patch()
    try:
        run()
    except SystemExit as e:
        code = e.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        print(code, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        raise
    except BaseException as e:  # the script's own failure: its traceback, exit status 1
        _print_script_traceback(e)
        return 1
    finally:
        sys.stdout.flush()
        unpatch()
        sys.argv = saved_argv
    return 0


def _prepare_legacy_graph():
    # A 2017 script's first op may sit inside `with tf.name_scope(...)`; the legacy graph must
    # exist by then for the scope to reach it. `patch()` alone never creates it (no side effects).
    legacy_graph()


def run_path(script, args=()):
    """Runs ``script`` as ``__main__`` with ``sys.argv = [script, *args]`` under :func:`tfcompat.patch`.

    Returns:
        The exit status the script would have had under ``python``.
    """
    if not os.path.isfile(script) and not os.path.isdir(script):
        raise InvalidArgumentError(f"`SCRIPT` is not a file. Received: SCRIPT={script!r}")
    script_dir = os.path.dirname(os.path.abspath(script)) if os.path.isfile(script) else os.path.abspath(script)
    sys.path.insert(0, script_dir)
    try:
        return _execute(lambda: runpy.run_path(script, run_name="__main__"), script, args)
    finally:
        try:
            sys.path.remove(script_dir)
        except ValueError:
            pass


def run_module(module, args=()):
    """Runs ``module`` like ``python -m module`` (sys.argv[0] is its file) under :func:`tfcompat.patch`."""
    import importlib.util

    # As `python -m`: the current directory comes first on sys.path.
    cwd = os.getcwd()
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError) as e:
        raise InvalidArgumentError(f"`MODULE` cannot be found: {e}. Received: MODULE={module!r}") from e
    if spec is None:
        raise InvalidArgumentError(f"`MODULE` cannot be found. Received: MODULE={module!r}")
    argv0 = spec.origin or module
    return _execute(lambda: runpy.run_module(module, run_name="__main__", alter_sys=True), argv0, args)
