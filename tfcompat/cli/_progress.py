"""Progress on stderr for long reads: only on a TTY, and only once a read has taken > 1 s.

Also :func:`warnings_to_stderr`: the CLI's one-line form of the reader's warnings.
"""

import contextlib
import os
import sys
import time
import warnings

__all__ = ["silence_stdout", "Progress", "warnings_to_stderr"]


@contextlib.contextmanager
def warnings_to_stderr(command, stream=None):
    """Prints each RuntimeWarning (skipped damaged records) as ``tfcompat CMD: warning: ...``.

    A command-line user gets the message, not Python's ``file.py:123: RuntimeWarning``
    and a source line; other warnings are shown as usual.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        try:
            yield
        finally:
            out = stream if stream is not None else sys.stderr
            for w in caught:
                if issubclass(w.category, RuntimeWarning):
                    print(f"tfcompat {command}: warning: {w.message}", file=out)
                else:
                    warnings.showwarning(w.message, w.category, w.filename, w.lineno)


class Progress:
    """A ``progress(done, total)`` callback that draws ``reading files: k/n`` on stderr."""

    def __init__(self, label="reading event files", stream=None, delay=1.0):
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self.start = time.monotonic()
        self.delay = delay
        self.shown = False
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done, total):
        if not self.enabled or time.monotonic() - self.start < self.delay:
            return
        self.shown = True
        self.stream.write(f"\r{self.label}: {done}/{total} files")
        self.stream.flush()

    def close(self):
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def silence_stdout():
    """After a ``BrokenPipeError`` (``tfcompat ... | head``): stdout goes to /dev/null, so exit prints nothing."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
