"""``tfcompat run SCRIPT [ARGS...]`` / ``tfcompat run -m MODULE [ARGS...]``: the command line of :mod:`tfcompat.run`.

Mirrors ``python SCRIPT ARGS`` / ``python -m MODULE ARGS``: everything after the
script or module is the script's own ``sys.argv``.
"""

import argparse

from tfcompat._errors import InvalidArgumentError
from tfcompat.run import run_module, run_path

__all__ = ["configure", "parse_argv", "main"]

_USAGE = "tfcompat run [-h] (SCRIPT | -m MODULE) [ARGS ...]"


def configure(parser):
    parser.usage = _USAGE
    parser.add_argument("-m", dest="module", metavar="MODULE", help="run a library module as a script (like python -m)")
    parser.add_argument("script", nargs="?", metavar="SCRIPT", help="path of the legacy script")
    parser.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS", help="passed to the script verbatim")


def parse_argv(parser, rest):
    """Takes ``[-h] (SCRIPT | -m MODULE) ARGS...``; everything after the script/module is the script's own."""
    rest = list(rest)
    if not rest or rest[0] in ("-h", "--help"):
        parser.print_help()
        raise SystemExit(0 if rest else 2)
    if rest[0] == "-m" or rest[0].startswith("-m") and len(rest[0]) > 2:
        module = rest[0][2:] if rest[0] != "-m" else (rest[1] if len(rest) > 1 else None)
        if not module:
            parser.error("argument -m: expected one argument")
        args = rest[1:] if rest[0] != "-m" else rest[2:]
        return argparse.Namespace(module=module, script=None, args=args)
    if rest[0].startswith("-"):
        parser.error(f"unrecognized option before SCRIPT: {rest[0]} (options of the script go after it)")
    return argparse.Namespace(module=None, script=rest[0], args=rest[1:])


def main(args):
    if args.module:
        return run_module(args.module, args.args)
    if not args.script:
        raise InvalidArgumentError("`SCRIPT` or `-m MODULE` is required. Received: nothing")
    return run_path(args.script, args.args)
