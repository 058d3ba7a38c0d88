"""``python -m tfcompat``: the same as the ``tfcompat`` command."""
import sys

from tfcompat.cli import main

sys.exit(main())
