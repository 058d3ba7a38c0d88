"""The one exception hierarchy of tfcompat.

Every error tfcompat raises on purpose derives from :class:`TfcompatError`, so
``except tfcompat.TfcompatError`` catches them all. Where a builtin type is the
natural one (a bad argument is a ``ValueError``, a wrong type a ``TypeError``)
the class derives from both, so code written against the builtin keeps working.
"""

import os

__all__ = [
    "TfcompatError",
    "InvalidArgumentError",
    "LogReadError",
    "DamagedRecordError",
    "NotAnEventFileError",
    "WriterError",
    "WriterClosedError",
    "GraphError",
    "MissingDependencyError",
    "RemovedAPIError",
    "DataDownloadError",
]


class TfcompatError(Exception):
    """Base class of every error tfcompat raises on purpose."""


class InvalidArgumentError(TfcompatError, ValueError):
    """An argument has a value tfcompat cannot use; the message names both."""


class LogReadError(TfcompatError, OSError):
    """An event file or log directory could not be read."""


class DamagedRecordError(LogReadError):
    """A TFRecord in an event file is damaged (bad CRC or impossible length).

    Attributes:
        path: the file that holds the record.
        offset: byte offset of the start of the damaged record.
        reason: short description of what is wrong.
    """

    def __init__(self, path: str | os.PathLike, offset: int, reason: str) -> None:
        self.path = str(path)
        self.offset = int(offset)
        self.reason = reason
        super().__init__(f"{self.path}: damaged record at byte offset {self.offset}: {reason}")

    def __reduce__(self):
        return (type(self), (self.path, self.offset, self.reason))


class NotAnEventFileError(LogReadError):
    """A file named like an event file is not one: a FIFO, a device, a directory (never read: it could block or never end)."""


class WriterError(TfcompatError, OSError):
    """An event writer could not write; raised on the call after the failure."""


class WriterClosedError(WriterError):
    """Data was added to a writer after ``close()``."""


class GraphError(TfcompatError, ValueError):
    """A TF1 graph/session misuse: missing feed, fetch from another graph, ..."""


class MissingDependencyError(TfcompatError, ImportError):
    """An optional dependency (TensorFlow, pandas, matplotlib, ...) is not installed."""


class RemovedAPIError(TfcompatError, ImportError):
    """A TF 1.x name tfcompat does not provide (most of ``tf.contrib``); the message says what replaced it.

    An ``ImportError``, so ``from tensorflow.contrib import rnn`` shows this message too.
    """


class DataDownloadError(TfcompatError, OSError):
    """A dataset file is missing and could not be downloaded; the message says which files to put where."""
