"""Log directories given as URLs (``gs://``, ``s3://``, ``hdfs://``, ``memory://``, ``file://``), through fsspec.

Mirrors what ``tf.io.gfile`` gave TF1 code and what TensorBoard's reader opens
without TensorFlow (it also goes through fsspec). TensorFlow-free: the
standard library and, only when a URL is used, the optional ``fsspec``
package (``pip install "tfcompat[fsspec]"``) plus the filesystem's own package
(``gcsfs`` for ``gs://``, ``s3fs`` for ``s3://``). ``file://`` URLs are local
paths and need nothing.
"""

import posixpath
import re

from tfcompat._errors import InvalidArgumentError, MissingDependencyError

__all__ = ["is_url", "local_path", "join_url", "scheme_of", "fsspec_filesystem", "fsspec_knows", "list_event_files",
           "open_url"]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
_FSSPEC_HINT = 'Install fsspec: `pip install "tfcompat[fsspec]"`'


def scheme_of(path) -> "str | None":
    """The URL scheme of ``path`` (``"gs"``, ``"file"`` ...), or None for a plain path."""
    if not isinstance(path, str):
        return None
    m = _SCHEME.match(path)
    return m.group(1).lower() if m else None


def is_url(path) -> bool:
    """True for ``scheme://`` log directories other than ``file://`` (a local path in URL form)."""
    scheme = scheme_of(path)
    return scheme is not None and scheme != "file"


def local_path(path):
    """``path`` with a ``file://`` prefix removed (``file:///tmp/logs`` -> ``/tmp/logs``); other paths unchanged."""
    if scheme_of(path) == "file":
        rest = path[len("file://"):]
        if rest and not rest.startswith("/"):  # file://host/path: only the local host is reachable
            host, _, tail = rest.partition("/")
            if host not in ("", "localhost"):
                raise InvalidArgumentError(f"A file:// URL must name this machine (file:///path). Received: {path!r}")
            rest = "/" + tail
        return rest or "/"
    return path


def join_url(url: str, name: str) -> str:
    """``url/name`` with exactly one ``/`` between them."""
    return url.rstrip("/") + "/" + name


def fsspec_knows(url: str) -> bool:
    """True when fsspec is installed and can open ``url`` here (its scheme's package installed too)."""
    try:
        import fsspec
    except ImportError:
        return False
    try:
        fsspec.get_filesystem_class(scheme_of(url))
    except (ImportError, ValueError):
        return False
    return True


def fsspec_filesystem(url: str, what: str = "read"):
    """``(filesystem, path)`` of ``url`` through fsspec.

    Raises:
        MissingDependencyError: fsspec, or the package of the URL's scheme, is
            not installed; the message says what to install.
        InvalidArgumentError: fsspec knows no filesystem for the scheme.
    """
    scheme = scheme_of(url)
    try:
        import fsspec
    except ImportError as e:
        raise MissingDependencyError(
            f"Log directory {url!r} is a {scheme}:// URL: to {what} it, tfcompat needs fsspec. {_FSSPEC_HINT} "
            "(and the filesystem's package: gcsfs for gs://, s3fs for s3://)."
        ) from e
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except ImportError as e:
        raise MissingDependencyError(
            f"Log directory {url!r}: fsspec needs another package for {scheme}:// URLs ({e})."
        ) from e
    except ValueError as e:
        raise InvalidArgumentError(
            f"No filesystem is known for {scheme}:// URLs ({e}). Received: logdir={url!r}"
        ) from e
    return fs, path


def list_event_files(url: str, is_event_file):
    """``[(run, url of the file)]`` of every file under ``url`` whose name ``is_event_file`` accepts.

    Runs are folders relative to ``url`` (``.`` for ``url`` itself), as
    :func:`tfcompat.logs.iter_event_files` names them for local paths.

    Raises:
        FileNotFoundError: nothing exists at ``url``.
    """
    fs, root = fsspec_filesystem(url)
    root = root.rstrip("/") or root
    base = url.rstrip("/")
    if fs.isfile(root):
        return [(".", url)]
    if not fs.isdir(root):
        raise FileNotFoundError(url)
    found = []
    for path in fs.find(root, withdirs=False):
        path = path.rstrip("/")
        folder, name = posixpath.split(path)
        if not is_event_file(name):
            continue
        rel = posixpath.relpath(folder, root) if folder.rstrip("/") != root else "."
        found.append((rel, join_url(base, posixpath.relpath(path, root))))
    return found


def open_url(url: str):
    """A binary file object reading ``url`` (closed by the caller)."""
    fs, path = fsspec_filesystem(url)
    return fs.open(path, "rb")
