"""Runs a script or module as ``python SCRIPT`` / ``python -m MODULE`` would, in the 2018 environment.

Mirrors ``python SCRIPT ARGS`` for code written for TensorFlow 1.x / Keras 2:
:func:`tfcompat.patch` is in effect (the module rule and the names TF 2 lacks),
the script itself is classified like every module it imports, ``sys.argv`` is
what the script expects (``[SCRIPT, ARGS...]``), it runs as ``__main__`` and its
exit code passes through. An uncaught exception prints the script's traceback
and exits 1, as Python does. The traceback holds the user's frames and the
library frames TensorFlow and Keras show, never tfcompat's: its wrappers
(``tfcompat.v1`` wraps every TF function, ``run`` wraps ``Model.fit``...) only pass
the call on. The one tfcompat frame kept is the innermost, when its line is the
``raise`` of an error tfcompat itself reports.
"""

import importlib.util
import linecache
import os
import runpy
import sys
import traceback
import types
from collections.abc import Callable, Iterable, Sequence

from tfcompat._errors import InvalidArgumentError
from tfcompat.run._module_rule import is_user_file
from tfcompat.run._patch import current_rule, patch, unpatch

__all__ = ["run_path", "run_module"]


_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the tfcompat folder


def _tfcompat_frame(filename):
    return os.path.abspath(filename).startswith(_PACKAGE + os.sep)


def _runner_frame(filename):
    return _tfcompat_frame(filename) or filename.startswith("<frozen runpy") or filename == runpy.__file__


def _raises_here(tb):
    line = linecache.getline(tb.tb_frame.f_code.co_filename, tb.tb_lineno).lstrip()
    return line.startswith("raise ") or line == "raise"


def _user_traceback(tb):
    """``tb`` without the runner's leading frames and without tfcompat's frames (see the module docstring)."""
    frames = []
    while tb is not None:
        frames.append(tb)
        tb = tb.tb_next
    while frames and _runner_frame(frames[0].tb_frame.f_code.co_filename):
        frames.pop(0)
    kept = [f for i, f in enumerate(frames) if not _tfcompat_frame(f.tb_frame.f_code.co_filename)
            or (i == len(frames) - 1 and _raises_here(f))]
    rebuilt = None
    for f in reversed(kept):
        rebuilt = types.TracebackType(rebuilt, f.tb_frame, f.tb_lasti, f.tb_lineno)
    return rebuilt


def _print_script_traceback(exc):
    """Prints the traceback like Python would, without tfcompat's frames (chained exceptions too)."""
    seen, pending = set(), [exc]
    while pending:
        e = pending.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        e.__traceback__ = _user_traceback(e.__traceback__)
        pending.extend((e.__cause__, e.__context__))
    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)


def _today_module_hint(exc):
    """What to do when a module run as today's code was handed a TF1 graph tensor, or None.

    A module that uses no TF1 or Keras 2 name (``def lrelu(x): return tf.maximum(x, 0.2 * x)``) gets the real
    tensorflow; a 2018 module's tensors belong to tfcompat's TF1 graph, which real ops refuse ("... defined in
    <...LegacyGraph object ...>, which is out of scope"). The module's era is the user's to state.
    """
    chain, e = [], exc
    while e is not None and len(chain) < 8:
        chain.append(e)
        e = e.__cause__ or e.__context__
    if not any("LegacyGraph object at" in str(c) for c in chain):
        return None
    rule = current_rule()
    tb, culprit = exc.__traceback__, None
    while tb is not None:  # the innermost frame of a user module run as today's code
        path = tb.tb_frame.f_code.co_filename
        if rule is not None and is_user_file(path) and not rule.decide(path).legacy:
            culprit = (path, tb.tb_lineno)
        tb = tb.tb_next
    if culprit is None:
        return None
    path, line = culprit
    return (f"tfcompat run: {path} runs as today's code ({rule.decide(path).describe()}), and its line {line} handed "
            f"today's tensorflow a tensor of the TF1 graph that 2018 modules build in. If the module belongs to the "
            f"2018 code, add the line `# tfcompat: legacy` to it, or run with `--legacy '{os.path.basename(path)}'`.")


def _execute(run, source_path, argv0, args, legacy, modern, explain):
    """Runs ``run(init_globals)`` patched; ``source_path()`` gives the file of the code run as ``__main__``."""
    saved_argv = sys.argv
    sys.argv = [argv0] + list(args)
    patch(legacy, modern, explain)
    try:
        init_globals = {}
        path = source_path()
        if path:
            current_rule().prepare(init_globals, path)
        run(init_globals)
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
        hint = _today_module_hint(e)  # before the traceback is trimmed: it reads the frames
        _print_script_traceback(e)
        if hint:
            print(hint, file=sys.stderr)
        return 1
    finally:
        sys.stdout.flush()
        unpatch()
        sys.argv = saved_argv
    return 0


def run_path(script: str, args: Sequence[str] = (), *, legacy: Iterable[str] = (), modern: Iterable[str] = (),
             explain: Callable[[str], object] | None = None) -> int:
    """Runs ``script`` as ``__main__`` with ``sys.argv = [script, *args]`` under :func:`tfcompat.patch`.

    Args:
        script: the path of a .py file.
        args: the script's own arguments.
        legacy, modern: globs of files whose era the user decided (``--legacy``/``--modern``).
        explain: a callable given one line per module decision (``--explain``).

    Returns:
        The exit status the script would have had under ``python``.
    """
    if not isinstance(script, (str, os.PathLike)) or not os.path.isfile(script):
        hint = " (a folder: give the script inside it, or `-m package.module`)" if os.path.isdir(script) else ""
        raise InvalidArgumentError(f"`SCRIPT` is not a file{hint}. Received: SCRIPT={script!r}")
    script = os.fspath(script)
    script_dir = os.path.dirname(os.path.abspath(script))
    sys.path.insert(0, script_dir)
    try:
        return _execute(lambda g: runpy.run_path(script, init_globals=g, run_name="__main__"),
                        lambda: script, script, args, legacy, modern, explain)
    finally:
        try:
            sys.path.remove(script_dir)
        except ValueError:
            pass


def run_module(module: str, args: Sequence[str] = (), *, legacy: Iterable[str] = (), modern: Iterable[str] = (),
               explain: Callable[[str], object] | None = None) -> int:
    """Runs ``module`` like ``python -m module`` (``sys.argv[0]`` is its file) under :func:`tfcompat.patch`."""
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

    def source_path():
        origin = spec.origin
        if spec.submodule_search_locations is not None:  # a package runs its __main__ (found once patched)
            main_spec = importlib.util.find_spec(f"{module}.__main__")
            origin = main_spec.origin if main_spec is not None else None
        return origin if origin and origin.endswith(".py") else None

    return _execute(lambda g: runpy.run_module(module, init_globals=g, run_name="__main__", alter_sys=True),
                    source_path, spec.origin or module, args, legacy, modern, explain)
