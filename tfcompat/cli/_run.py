"""``tfcompat run [--explain] [--legacy GLOB] [--modern GLOB] (SCRIPT | -m MODULE) [ARGS...]``.

Mirrors ``python SCRIPT ARGS`` / ``python -m MODULE ARGS``: everything after the
script or module is the script's own ``sys.argv``; tfcompat's options come before it.
"""

import argparse
import os
import sys

from tfcompat._errors import InvalidArgumentError
from tfcompat.cli._quiet import quiet_tensorflow_import
from tfcompat.keras._tf_keras import legacy_keras_requested
from tfcompat.run import run_module, run_path

__all__ = ["configure", "parse_argv", "main"]

_USAGE = "tfcompat run [-h] [--explain] [--legacy GLOB] [--modern GLOB] (SCRIPT | -m MODULE) [ARGS ...]"
_EPILOG = """Each module of yours (the script and what it imports outside the standard library and site-packages) is
read once: TF1 graph API, TF 0.12 names or Keras 2 names/arguments make it 2018 code, whose `tensorflow`
and `keras` are tfcompat's; any other module gets the real ones. A line `# tfcompat: legacy` or
`# tfcompat: modern` in a file, or --legacy/--modern, decides instead. TensorFlow's C++ info and warning
lines are silenced unless TF_CPP_MIN_LOG_LEVEL is set."""


def configure(parser):
    parser.usage = _USAGE
    parser.epilog = _EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--explain", action="store_true",
                        help="print each module's decision (2018 or today) and the line that made it, on stderr")
    parser.add_argument("--legacy", action="append", default=[], metavar="GLOB",
                        help="files matching GLOB are 2018 code whatever their source says (repeatable)")
    parser.add_argument("--modern", action="append", default=[], metavar="GLOB",
                        help="files matching GLOB are today's code (repeatable)")
    parser.add_argument("-m", dest="module", metavar="MODULE", help="run a library module as a script (like python -m)")
    parser.add_argument("script", nargs="?", metavar="SCRIPT", help="path of the legacy script")
    parser.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS", help="passed to the script verbatim")


def parse_argv(parser, rest):
    """Takes tfcompat's options, then ``(SCRIPT | -m MODULE) ARGS...``; all after the script is the script's own."""
    rest = list(rest)
    opts = argparse.Namespace(explain=False, legacy=[], modern=[])
    while rest and rest[0] in ("--explain", "--legacy", "--modern") or rest and rest[0].startswith(("--legacy=",
                                                                                                     "--modern=")):
        flag = rest.pop(0)
        if flag == "--explain":
            opts.explain = True
            continue
        flag, eq, value = flag.partition("=")
        if not eq:
            if not rest:
                parser.error(f"argument {flag}: expected one argument")
            value = rest.pop(0)
        getattr(opts, flag[2:]).append(value)
    if not rest or rest[0] in ("-h", "--help"):
        parser.print_help()
        raise SystemExit(0 if rest else 2)
    if rest[0] == "-m" or rest[0].startswith("-m") and len(rest[0]) > 2:
        module = rest[0][2:] if rest[0] != "-m" else (rest[1] if len(rest) > 1 else None)
        if not module:
            parser.error("argument -m: expected one argument")
        args = rest[1:] if rest[0] != "-m" else rest[2:]
        return argparse.Namespace(module=module, script=None, args=args, **vars(opts))
    if rest[0].startswith("-"):
        parser.error(f"unrecognized option before SCRIPT: {rest[0]} (options of the script go after it)")
    return argparse.Namespace(module=None, script=rest[0], args=rest[1:], **vars(opts))


def _explain(line):
    print(f"tfcompat run: {line}", file=sys.stderr, flush=True)


def main(args):
    if legacy_keras_requested():
        # tf.keras would be tf-keras (Keras 2), which the 2018 fixes (acc, lr, callbacks) are not made for:
        # running on silently would skip them.
        raise InvalidArgumentError(
            "tfcompat run gives 2018 Keras code Keras 2's behaviour on Keras 3; TF_USE_LEGACY_KERAS=1 makes "
            "tf.keras tf-keras, which tfcompat does not change. Unset it (`env -u TF_USE_LEGACY_KERAS tfcompat run "
            "...`), or run the script with plain `python` on tf-keras. Received: TF_USE_LEGACY_KERAS="
            f"{os.environ.get('TF_USE_LEGACY_KERAS')!r}"
        )
    # TensorFlow's C++ INFO/WARNING lines (oneDNN, CUDA probing...) are noise for a 2018 script's user,
    # unless the user asked for them.
    if "TF_CPP_MIN_LOG_LEVEL" not in os.environ:
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
        quiet_tensorflow_import()  # the lines logged before TF's log level applies
    options = dict(legacy=args.legacy, modern=args.modern, explain=_explain if args.explain else None)
    if args.module:
        return run_module(args.module, args.args, **options)
    if not args.script:
        raise InvalidArgumentError("`SCRIPT` or `-m MODULE` is required. Received: nothing")
    if os.path.isdir(args.script) and not os.path.isfile(os.path.join(args.script, "__main__.py")):
        # as `python DIR`: a folder runs only through its __main__.py
        raise InvalidArgumentError(f"`SCRIPT` is a directory without a __main__.py. Received: SCRIPT={args.script!r}")
    return run_path(args.script, args.args, **options)
