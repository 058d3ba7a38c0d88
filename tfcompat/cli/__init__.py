"""The ``tfcompat`` command line: every subcommand's arguments, output and exit codes.

Nothing else in tfcompat imports this package; the libraries it drives
(:mod:`tfcompat.run`, :mod:`tfcompat.check`, :mod:`tfcompat.logs`) never print.
"""

from tfcompat.cli._main import COMMANDS, main

__all__ = ["main", "COMMANDS"]
