"""Runs check's examples in one process, one way (``plain``, ``imports`` or ``run``); JSON lines on stdout.

Not a test module: tests/check/test_examples.py starts it as ``python -m tests.check.snippet_runner MODE DIR``
with the snippets as a JSON list on stdin. It prints ``{"index": i, "ok": bool, "error": str}`` per snippet
and exits early (code 3) when a snippet left the process unusable (eager execution turned off); the caller
starts it again from the next snippet.
"""

import contextlib
import io
import json
import os
import runpy
import sys
import traceback


def _reset():
    if "tfcompat.v1" in sys.modules and "tensorflow" in sys.modules:
        sys.modules["tfcompat.v1"].reset_default_graph()
    if "keras" in sys.modules:
        sys.modules["keras"].backend.clear_session()


def _run_one(mode, path):
    if mode == "run":
        from tfcompat.run import run_path

        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = run_path(path)
        lines = [line for line in err.getvalue().strip().splitlines() if line.strip()]
        return status == 0, (lines[-1] if lines and status else "")
    init = {}
    if mode == "imports":  # the 2018 module's tensorflow (TF 0.12's for 0.12 code), as run decides it
        from tfcompat.check import classify_file
        from tfcompat.run._module_rule import LEGACY_BUILTINS, builtins_for

        init["__builtins__"] = builtins_for(classify_file(path)) or LEGACY_BUILTINS
    try:
        runpy.run_path(path, init_globals=init, run_name="__main__")
        return True, ""
    except BaseException as e:  # the example's own failure is the result
        return False, "".join(traceback.format_exception_only(type(e), e)).strip().splitlines()[-1]


def main(mode, workdir, start):
    snippets = json.load(sys.stdin)
    for index in range(start, len(snippets)):
        path = os.path.join(workdir, f"example_{mode}_{index}.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(snippets[index])
        os.environ["LOGDIR"] = os.path.join(workdir, f"logs_{mode}_{index}")
        os.makedirs(os.environ["LOGDIR"], exist_ok=True)
        with contextlib.redirect_stdout(io.StringIO()):
            ok, error = _run_one(mode, path)
        print(json.dumps({"index": index, "ok": ok, "error": error}), flush=True)
        _reset()
        if "tensorflow" in sys.modules and not sys.modules["tensorflow"].executing_eagerly():
            return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0))
