"""The one place that writes event files.

``EventFileWriter`` appends framed ``Event`` records to one
``events.out.tfevents.<ts>.<host>`` file, as TF1's ``FileWriter`` did:

* the file and its ``file_version`` record exist as soon as the writer does, so
  an unwritable log directory fails at construction, naming it;
* events are queued and written by a background thread when ``max_queue``
  events are pending or every ``flush_secs`` seconds; a failure in that thread
  is kept and raised by the next call, never dropped;
* ``flush()`` returns only when everything added before it has been handed to
  the operating system, so it survives the process being killed;
* writers still open at interpreter exit are flushed and closed.

What it writes to comes from ``files``, an object with ``makedirs``, ``exists``,
``join`` and ``open_new`` (:class:`LocalFiles` by default): URLs get theirs from
:func:`tfcompat._fs.files_for`, tests a failing one. Workers that must not write
get a :class:`NullEventWriter`, which takes the same calls and writes nothing.
"""

import atexit
import os
import socket
import threading
import time
import weakref

from tfcompat._errors import InvalidArgumentError, WriterClosedError, WriterError
from tfcompat.wire.encode import event_bytes, file_version_event_bytes
from tfcompat.wire.records import encode_record

__all__ = ["EventFileWriter", "NullEventWriter", "LocalFiles"]

_open_writers = weakref.WeakSet()
_name_lock = threading.Lock()
_claimed_names = set()
_counter = [0]


class LocalFiles:
    """Local paths through ``os`` and ``open()``: what :class:`EventFileWriter` writes to by default."""

    def makedirs(self, path):
        os.makedirs(path, exist_ok=True)

    def exists(self, path):
        return os.path.exists(path)

    def join(self, logdir, name):
        return os.path.join(logdir, name)

    def open_new(self, path):
        return open(path, "wb")


_LOCAL = LocalFiles()


def _check_positive(name, value, kind=(int, float)):
    if isinstance(value, bool) or not isinstance(value, kind) or value <= 0:
        raise InvalidArgumentError(f"`{name}` must be a positive number. Received: {name}={value!r}")


class EventFileWriter:
    """Writes ``Event`` records to one new event file in ``logdir``.

    Args:
        logdir: directory (created if missing) or ``scheme://`` URL.
        max_queue: events kept in memory before the background thread writes them.
        flush_secs: at most this many seconds between background writes.
        filename_suffix: appended to the file name, as TF1's ``filename_suffix``.
        style: ``"tf1"`` names the file ``events.out.tfevents.<ts>.<host>`` (TF1's
            ``FileWriter``); ``"tf2"`` adds ``.<pid>.<n>.v2`` as TF2's writer does.
        files: what the log directory lives on (see the module docstring); local files by default.
    """

    def __init__(self, logdir, max_queue=10, flush_secs=120, filename_suffix="", style="tf1", files=None):
        if not isinstance(logdir, (str, os.PathLike)) or not os.fspath(logdir):
            raise InvalidArgumentError(
                f"`logdir` must be a non-empty path or URL. Received: logdir={logdir!r}"
            )
        _check_positive("max_queue", max_queue, int)
        _check_positive("flush_secs", flush_secs)
        if not isinstance(filename_suffix, str):
            raise InvalidArgumentError(
                f"`filename_suffix` must be a str. Received: filename_suffix={filename_suffix!r}"
            )
        if style not in ("tf1", "tf2"):
            raise InvalidArgumentError(f"`style` must be 'tf1' or 'tf2'. Received: style={style!r}")
        self._logdir = os.fspath(logdir)
        self._max_queue = max_queue
        self._flush_secs = float(flush_secs)
        self._suffix = filename_suffix
        self._style = style
        self._files = _LOCAL if files is None else files
        self._lock = threading.Lock()  # guards _pending and _error
        self._io_lock = threading.Lock()  # one writer of the file at a time
        self._wake = threading.Condition(self._lock)
        self._file = None
        self._thread = None
        self._open_new_file()

    # -- lifecycle ---------------------------------------------------------

    def _open_new_file(self):
        try:
            self._files.makedirs(self._logdir)
        except Exception as e:
            raise WriterError(
                f"Cannot create the log directory. Received: logdir={self._logdir!r} ({e})"
            ) from e
        path = self._unique_path()
        try:
            f = self._files.open_new(path)
            f.write(encode_record(file_version_event_bytes(time.time())))
            f.flush()
        except Exception as e:
            raise WriterError(
                f"Cannot write an event file in the log directory. Received: logdir={self._logdir!r} ({e})"
            ) from e
        self._path = path
        self._file = f
        self._pending = []
        self._error = None
        self._closed = False
        self._thread = threading.Thread(
            target=self._run, name=f"tfcompat-writer-{os.path.basename(path)}", daemon=True
        )
        self._thread.start()
        _register_for_exit(self)

    def _unique_path(self):
        host = socket.gethostname()
        with _name_lock:
            ts = int(time.time())
            base = f"events.out.tfevents.{ts:010d}.{host}"
            if self._style == "tf2":
                _counter[0] += 1
                name = f"{base}.{os.getpid()}.{_counter[0]}.v2{self._suffix}"
            else:
                name = base + self._suffix
            path = self._files.join(self._logdir, name)
            while path in _claimed_names or self._files.exists(path):
                # Two TF1 writers in one directory within one second: TF1 let the
                # second truncate the first; keep both instead.
                _counter[0] += 1
                name = f"{base}.{os.getpid()}.{_counter[0]}{self._suffix}"
                path = self._files.join(self._logdir, name)
            _claimed_names.add(path)
        return path

    @property
    def path(self):
        """Path of the event file being written."""
        return self._path

    def get_logdir(self):
        """Mirrors ``FileWriter.get_logdir()``."""
        return self._logdir

    @property
    def closed(self):
        return self._closed

    # -- adding ------------------------------------------------------------

    def add_event_bytes(self, data):
        """Queues one serialized ``Event``."""
        if self._error is not None:
            self._raise_background_error("Events queued at the time were kept and will be retried on flush().")
        if type(data) is not bytes:
            if not isinstance(data, (bytes, bytearray, memoryview)):
                raise InvalidArgumentError(f"`data` must be a serialized Event (bytes). Received: data={data!r:.80}")
            data = bytes(data)  # the caller may reuse its buffer
        with self._lock:
            if self._closed:
                raise WriterClosedError(
                    f"This writer is closed; call reopen() to write again. Received: logdir={self._logdir!r}"
                )
            # Framed (length, CRCs) when written, mostly by the background
            # thread: the caller (often a training loop) only appends.
            self._pending.append(data)
            if len(self._pending) >= self._max_queue:
                self._wake.notify()

    def add_summary_bytes(self, summary, step, wall_time=None):
        """Queues an ``Event`` holding the serialized ``Summary`` ``summary`` at ``step``."""
        self.add_event_bytes(event_bytes(time.time() if wall_time is None else wall_time, step, summary))

    def add_event(self, event):
        """Queues an ``Event`` proto (TF's, tensorboard's or tensorboardX's)."""
        self.add_event_bytes(event.SerializeToString())

    # -- writing -----------------------------------------------------------

    def _write_pending(self):
        """Writes what is queued; returns with everything handed to the OS or raises."""
        with self._io_lock:
            with self._lock:
                batch, self._pending = self._pending, []
            if not batch:
                return
            try:
                self._file.write(b"".join([encode_record(data) for data in batch]))
                self._file.flush()
            except BaseException:
                with self._lock:  # keep the data: it is retried by the next write
                    self._pending[:0] = batch
                raise

    def _run(self):
        while True:
            with self._lock:
                if self._closed:
                    return
                if len(self._pending) < self._max_queue:
                    self._wake.wait(self._flush_secs)
                if self._closed:
                    return
            try:
                self._write_pending()
            except Exception as e:  # raised by the next add/flush/close
                with self._lock:
                    self._error = e
                    self._wake.wait(self._flush_secs)

    def flush(self):
        """Mirrors ``FileWriter.flush()``: everything added so far is on disk after it.

        Raises:
            WriterError: writing failed now, or failed earlier in the background
                (raised after the kept events were written).
        """
        if self._closed:
            return
        self._flush_then_raise()

    def _flush_then_raise(self):
        # Write first: events kept after a background failure land if the
        # disk recovered; then report that failure, as every next call does.
        try:
            self._write_pending()
        except Exception as e:
            with self._lock:
                self._error = None  # superseded by this error
            raise WriterError(f"Cannot write event file {self._path!r}: {e}") from e
        if self._error is not None:
            self._raise_background_error("The events kept since have now been written.")

    def _raise_background_error(self, note):
        with self._lock:
            err, self._error = self._error, None
        if err is not None:
            raise WriterError(f"Writing event file {self._path!r} failed in the background: {err!r}. {note}") from err

    def close(self):
        """Mirrors ``FileWriter.close()``: flushes, then closes the file. Idempotent."""
        if self._closed:
            return
        with self._lock:
            # First, so an add() racing with close() raises instead of being lost.
            self._closed = True
            self._wake.notify()
        try:
            self._flush_then_raise()
        finally:
            try:
                with self._io_lock:  # never close the file under a background write
                    self._file.close()
            finally:
                _open_writers.discard(self)
            if self._thread is not None and self._thread is not threading.current_thread():
                self._thread.join(timeout=5)

    def reopen(self):
        """Mirrors ``FileWriter.reopen()``: a closed writer starts a new file in the same logdir."""
        if self._closed:
            self._open_new_file()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        state = "closed" if self._closed else "open"
        return f"<EventFileWriter {self._path!r} ({state})>"


class NullEventWriter:
    """An :class:`EventFileWriter` that writes nothing: for workers that must not write (non-chief replicas)."""

    closed = False

    def __init__(self, logdir, **_ignored):
        self._logdir = os.fspath(logdir)
        self.path = None

    def get_logdir(self):
        return self._logdir

    def add_event_bytes(self, data):
        pass

    def add_summary_bytes(self, summary, step, wall_time=None):
        pass

    def add_event(self, event):
        pass

    def flush(self):
        pass

    def close(self):
        pass

    def reopen(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

    def __repr__(self):
        return f"<NullEventWriter {self._logdir!r}>"


_exit_hook = []


def _register_for_exit(writer):
    # Registered with the first writer, not at import: importing writes nothing and hooks nothing.
    with _name_lock:
        if not _exit_hook:
            atexit.register(_close_all_at_exit)
            _exit_hook.append(True)
    _open_writers.add(writer)


def _close_all_at_exit():
    for w in list(_open_writers):
        try:
            w.close()
        except Exception:  # pragma: no cover - best effort at exit
            pass
