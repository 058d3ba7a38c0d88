"""Progress on stderr for long reads: only on a TTY, and only once a read has taken > 1 s."""

import sys
import time

__all__ = ["Progress"]


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
