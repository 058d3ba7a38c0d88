"""A quiet ``import tensorflow`` for ``tfcompat run``, as ``TF_CPP_MIN_LOG_LEVEL=2`` was quiet in TF 1.x.

TensorFlow 2.16+ logs some INFO lines from C++ before its logging is set up
(``oneDNN custom operations are on ...``, preceded by absl's ``WARNING: All log
messages before absl::InitializeLog() is called are written to STDERR``); those
ignore ``TF_CPP_MIN_LOG_LEVEL``, and the only switch that stops the oneDNN one
(``TF_ENABLE_ONEDNN_OPTS=0``) changes the numerics. So the first
``import tensorflow`` runs with file descriptor 2 sent to a temporary file, and
what it wrote is then written to stderr minus absl's INFO/WARNING lines (and
that one absl notice). Errors, Python warnings and anything else pass through.
"""

import importlib.abc
import importlib.util
import os
import re
import sys
import tempfile

__all__ = ["quiet_tensorflow_import", "drop_info_lines"]

_ABSL_LINE = re.compile(rb"^[IW]\d{4} \d\d:\d\d:\d+\.\d+ +\d+ [^ \]]+:\d+\] ")
_ABSL_NOTICE = b"WARNING: All log messages before absl::InitializeLog() is called are written to STDERR"


def drop_info_lines(data: bytes) -> bytes:
    """``data`` without absl INFO/WARNING lines (``I0000 00:00:... file.cc:12] ...``) and absl's pre-init notice."""
    kept = [line for line in data.splitlines(keepends=True)
            if not (_ABSL_LINE.match(line) or line.rstrip(b"\r\n") == _ABSL_NOTICE)]
    return b"".join(kept)


class _FilteredStderr:
    """Sends file descriptor 2 to a temporary file; on exit restores it and writes back what is not noise."""

    def __enter__(self):
        sys.stderr.flush()
        self._saved = os.dup(2)
        self._file = tempfile.TemporaryFile()
        os.dup2(self._file.fileno(), 2)
        return self

    def __exit__(self, *exc):
        try:
            sys.stderr.flush()
        finally:
            os.dup2(self._saved, 2)
            os.close(self._saved)
        self._file.seek(0)
        data = drop_info_lines(self._file.read())
        self._file.close()
        while data:
            data = data[os.write(2, data):]
        return False


class _QuietLoader(importlib.abc.Loader):
    """The real loader of ``tensorflow``, whose module runs under :class:`_FilteredStderr`."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        # From here on the module and its spec know only the real loader.
        module.__loader__ = self._loader
        if module.__spec__ is not None:
            module.__spec__.loader = self._loader
        with _FilteredStderr():
            self._loader.exec_module(module)


class _QuietTensorFlowFinder(importlib.abc.MetaPathFinder):
    """Finds ``tensorflow`` once, through the finders after it, and hands it a :class:`_QuietLoader`."""

    def find_spec(self, name, path=None, target=None):
        if name != "tensorflow":
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)  # once: the real finders from now on
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            spec.loader = _QuietLoader(spec.loader)
        return spec


def quiet_tensorflow_import() -> None:
    """The next first ``import tensorflow`` in this process leaves out TensorFlow's INFO/WARNING lines.

    Does nothing when TensorFlow is already imported.
    """
    if "tensorflow" not in sys.modules and not any(isinstance(f, _QuietTensorFlowFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _QuietTensorFlowFinder())
