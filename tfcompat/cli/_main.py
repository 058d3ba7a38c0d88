"""The ``tfcompat`` command: dispatches to one subcommand module.

Only the chosen subcommand's module is imported, so ``tfcompat inspect`` never
pays for (or loads) TensorFlow. Each subcommand module defines
``configure(parser)`` to add its arguments and ``main(args) -> int``.

Exit codes: 0 success, 1 a negative result (``compare`` found differences,
``check`` found code that cannot work), 2 usage or read errors.
"""

import argparse
import importlib
import sys

from tfcompat._errors import TfcompatError
from tfcompat._version import __version__

__all__ = ["main", "COMMANDS"]

# name -> (module, one-line help)
COMMANDS = {
    "run": ("tfcompat.cli._run", "run an unmodified TF1/Keras 2 script (or -m module) as if it were 2018"),
    "check": ("tfcompat.cli._check", "scan .py files and notebooks for legacy calls and say what breaks"),
    "inspect": ("tfcompat.cli._inspect", "summarize the runs and tags of a TensorBoard log directory"),
    "compare": ("tfcompat.cli._compare", "compare the scalars of two log directories (old vs new)"),
    "export": ("tfcompat.cli._export", "export scalars to CSV or JSON"),
}


def _top_parser():
    parser = argparse.ArgumentParser(
        prog="tfcompat",
        description="Run TF1/Keras 2 TensorBoard code under TF2/Keras 3 and check its logs.",
    )
    parser.add_argument("--version", action="version", version=f"tfcompat {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, help_text) in COMMANDS.items():
        sub.add_parser(name, help=help_text, add_help=False)
    return parser


def main(argv=None):
    """Entry point of the ``tfcompat`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        parser = _top_parser()
        if not argv:
            parser.print_help()
            return 2
        try:
            parser.parse_args(argv)  # prints usage, --help or --version
        except SystemExit as e:
            return int(e.code or 0)
        return 2
    name, rest = argv[0], argv[1:]
    module = importlib.import_module(COMMANDS[name][0])
    parser = argparse.ArgumentParser(prog=f"tfcompat {name}", description=COMMANDS[name][1])
    module.configure(parser)
    try:
        # A module may parse by itself (``run`` passes the script's own argv through).
        args = module.parse_argv(parser, rest) if hasattr(module, "parse_argv") else parser.parse_args(rest)
    except SystemExit as e:
        return int(e.code or 0)
    try:
        return int(module.main(args) or 0)
    except (TfcompatError, OSError) as e:
        print(f"tfcompat {name}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"tfcompat {name}: interrupted", file=sys.stderr)
        return 130
    except Exception:
        # A bug of ours must not exit 1, which means "different" (compare) or
        # "cannot work" (check): show it, and exit 2 like any other failure.
        import traceback  # only here: it costs a cold start a few milliseconds

        traceback.print_exc()
        print(f"tfcompat {name}: internal error (please report it with the traceback above)", file=sys.stderr)
        return 2
