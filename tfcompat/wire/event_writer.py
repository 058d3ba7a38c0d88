"""The one place that writes event files (TF1's ``EventFileWriter`` behind ``FileWriter``).

``EventFileWriter`` appends framed ``Event`` records to one new file
``events.out.tfevents.<ts>.<host>.<pid>.<n>`` (TF2 and tensorboardX add the pid
and a counter too, here zero-padded so a run's files sort in the order they were
made; TF1 did not, and two writers of one second truncated each other):

* the file is created exclusively (never an existing file truncated) with its
  ``file_version`` record as soon as the writer exists, so an unwritable log
  directory fails at construction, naming it;
* events are queued and written by a background thread when ``max_queue``
  events are pending or every ``flush_secs`` seconds; a failure in that thread
  is kept and raised by the next call, never dropped;
* each record lands exactly once and whole: after a failed write (disk full,
  file too large) only the bytes that did not reach the file are written again;
* a file deleted or moved away while open (its log directory removed) is noticed
  by the next write or flush, which raises :class:`WriterError` saying how many
  events went with it; later events go to a new file;
* ``flush()`` returns only when everything added before it has been handed to
  the operating system, so it survives the process being killed.

What it writes to comes from ``files``, an object with ``makedirs``, ``exists``,
``join`` and ``open_new`` (:class:`LocalFiles` by default): URLs get theirs from
:func:`tfcompat._fs.files_for`, tests a failing one. Workers that must not write
get a :class:`NullEventWriter`, which takes the same calls and writes nothing.
What happens to open writers at exit, fork and SIGTERM is in
:mod:`tfcompat.wire.writer_hooks`.
"""

import errno
import itertools
import os
import socket
import struct
import threading
import time

from tfcompat._errors import InvalidArgumentError, WriterClosedError, WriterError
from tfcompat.wire import writer_hooks
from tfcompat.wire.encode import event_bytes, file_version_event_bytes
from tfcompat.wire.records import encode_record

__all__ = ["EventFileWriter", "NullEventWriter", "LocalFiles"]

# next() is atomic under the GIL: no lock a fork could leave held.
_name_counter = itertools.count(1)
_record_length = struct.Struct("<Q").unpack_from


class LocalFiles:
    """Local paths through ``os`` and ``open()``: what :class:`EventFileWriter` writes to by default."""

    def makedirs(self, path):
        os.makedirs(path, exist_ok=True)

    def exists(self, path):
        return os.path.exists(path)

    def join(self, logdir, name):
        return os.path.join(logdir, name)

    def open_new(self, path):
        # Exclusive ("x"): an existing file is never truncated. Unbuffered: a
        # write reports how many bytes reached the file, so a failed one is
        # resumed where it stopped instead of written twice.
        return open(path, "xb", buffering=0)

    def identity(self, path):
        """What tells the file at ``path`` apart from another one later at that path (None: nothing there)."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        return (st.st_dev, st.st_ino)


_LOCAL = LocalFiles()


def _check_positive(name, value, kind=(int, float)):
    if isinstance(value, bool) or not isinstance(value, kind) or value <= 0:
        raise InvalidArgumentError(f"`{name}` must be a positive number. Received: {name}={value!r}")


def _records_after(data, first, pos):
    """``(start, n)``: the first record boundary at or after ``pos`` in ``data`` (whose first record
    starts at ``first``) and how many records start there or later."""
    off = first
    while off < pos:
        off += 16 + _record_length(data, off)[0]  # 8 length + 4 crc + payload + 4 crc
    start, n = off, 0
    while off < len(data):
        off += 16 + _record_length(data, off)[0]
        n += 1
    return start, n


def _write_all(f, data):
    """Writes ``data`` to ``f``: ``(bytes that reached it, the exception that stopped it or None)``."""
    pos = 0
    try:
        while pos < len(data):
            n = f.write(data if pos == 0 else data[pos:])
            if n is None:  # a file object that takes everything or raises (GFile, a test's)
                n = len(data) - pos
            elif n <= 0:
                raise OSError(errno.EIO, "the file took no bytes")
            pos += n
    except BaseException as e:
        return pos, e
    return pos, None


class EventFileWriter:
    """Writes ``Event`` records to one new event file in ``logdir``.

    Args:
        logdir: directory (created if missing) or ``scheme://`` URL.
        max_queue: events kept in memory before the background thread writes them.
        flush_secs: at most this many seconds between background writes.
        filename_suffix: appended to the file name, as TF1's ``filename_suffix``.
        style: ``"tf1"`` names the file ``events.out.tfevents.<ts>.<host>.<pid>.<n>``;
            ``"tf2"`` adds ``.v2`` as TF2's writer does.
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
        self._suffix = (".v2" if style == "tf2" else "") + filename_suffix
        self._files = _LOCAL if files is None else files
        self._new_locks()
        self._pending = []  # serialized events not written yet
        self._unwritten = b""  # framed bytes a failed write left over: they go first
        self._partial = 0  # how many of those finish a record whose head is in the file
        self._unwritten_events = 0  # records starting in _unwritten
        self._error = None
        self._closed = True
        self._forked_from = None
        self._file = None
        self._thread = None
        self._open_new_file()

    def _new_locks(self):
        self._lock = threading.Lock()  # guards _pending, _error and _closed
        self._io_lock = threading.Lock()  # one writer of the file at a time; guards _file and _unwritten
        self._io_owner = None  # thread inside _io_lock (the SIGTERM handler must not write under itself)
        self._wake = threading.Condition(self._lock)

    # -- lifecycle ---------------------------------------------------------

    def _open_new_file(self):
        with self._io_lock:
            self._cut_partial()  # events a failed close() kept go to the new file
            self._create_file()
        self._error = None
        self._closed = False
        self._forked_from = None
        self._thread = threading.Thread(
            target=self._run, name=f"tfcompat-writer-{os.path.basename(self._path)}", daemon=True
        )
        self._thread.start()
        writer_hooks.track(self)

    def _create_file(self):
        """Creates the next event file and writes its ``file_version`` record (under ``_io_lock``)."""
        try:
            self._files.makedirs(self._logdir)
        except Exception as e:
            raise WriterError(
                f"Cannot create the log directory. Received: logdir={self._logdir!r} ({e})"
            ) from e
        prefix = f"events.out.tfevents.{int(time.time()):010d}.{socket.gethostname()}.{os.getpid()}"
        for _ in range(1000):
            # Zero-padded: TensorBoard reads a run's files in name order, and a
            # reopen() in the same second must sort after the file it follows.
            path = self._files.join(self._logdir, f"{prefix}.{next(_name_counter):06d}{self._suffix}")
            try:
                f = self._files.open_new(path)
                break
            except FileExistsError:  # another process of the same pid number (a container, a restart)
                continue
            except Exception as e:
                raise WriterError(
                    f"Cannot write an event file in the log directory. Received: logdir={self._logdir!r} ({e})"
                ) from e
        else:
            raise WriterError(f"Cannot find a free event file name. Received: logdir={self._logdir!r}")
        identity = getattr(self._files, "identity", None)
        try:
            pos, error = _write_all(f, encode_record(file_version_event_bytes(time.time())))
            if error is not None:
                raise error
            f.flush()
        except Exception as e:
            f.close()
            raise WriterError(
                f"Cannot write an event file in the log directory. Received: logdir={self._logdir!r} ({e})"
            ) from e
        self._file, self._path, self._events_in_file = f, path, 0
        self._identity = identity(path) if identity is not None else None

    def _cut_partial(self):
        """Before writing to another file: the tail of a record cut short in the old one would be garbage there."""
        self._unwritten = self._unwritten[self._partial:]
        self._partial = 0

    @property
    def path(self):
        """Path of the event file being written."""
        return self._path

    def get_logdir(self):
        """Mirrors ``FileWriter.get_logdir()``."""
        return self._logdir

    @property
    def closed(self):
        return self._closed and self._forked_from is None

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
            if not self._closed:
                # Framed (length, CRCs) when written, mostly by the background
                # thread: the caller (often a training loop) only appends.
                self._pending.append(data)
                if len(self._pending) >= self._max_queue:
                    self._wake.notify()
                return
        if self._forked_from is None:
            raise WriterClosedError(
                f"This writer is closed; call reopen() to write again. Received: logdir={self._logdir!r}"
            )
        # First use in a process forked from the one that opened it: a file of its own.
        self._open_new_file()
        self.add_event_bytes(data)

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
            self._io_owner = threading.get_ident()
            try:
                with self._lock:
                    batch, self._pending = self._pending, []
                self._write_batch(batch)
            finally:
                self._io_owner = None

    def _write_batch(self, batch):
        """Writes ``batch`` after what an earlier failure left over (under ``_io_lock``)."""
        if batch:
            self._unwritten += b"".join([encode_record(d) for d in batch])
            self._unwritten_events += len(batch)
        lost = None
        if self._file is not None and self._identity is not None and \
                self._files.identity(self._path) != self._identity:
            lost = (self._path, self._events_in_file)
            f, self._file = self._file, None
            try:
                f.close()
            except Exception:
                pass
        if self._unwritten:
            if self._file is None:
                self._cut_partial()
                self._create_file()  # on failure everything stays in _unwritten
            self._write_unwritten()
        if self._file is not None:
            self._file.flush()
        if lost is not None:
            raise WriterError(
                f"The event file {lost[0]!r} was deleted or moved away while this writer had it open (its log "
                f"directory removed?): the {lost[1]} events written to it are gone from {self._logdir!r}. "
                + (f"Events since are in {self._path!r}." if self._file is not None else
                   "Later events go to a new file.")
            )

    def _write_unwritten(self):
        """Hands ``_unwritten`` to the file; on failure keeps the bytes that did not reach it, then raises."""
        data = self._unwritten
        pos, error = _write_all(self._file, data)
        if error is None:
            self._events_in_file += self._unwritten_events
            self._unwritten, self._partial, self._unwritten_events = b"", 0, 0
            return
        # Records cut short or not started stay for the next attempt: none is written twice.
        start, left = _records_after(data, self._partial, pos)
        self._events_in_file += self._unwritten_events - left
        self._unwritten, self._partial, self._unwritten_events = data[pos:], start - pos, left
        raise error

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
                (raised after the kept events were written), or the file was
                deleted or moved away since the last write.
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
            if isinstance(e, WriterError):
                raise
            raise WriterError(f"Cannot write event file {self._path!r}: {e}") from e
        if self._error is not None:
            self._raise_background_error("The events kept since have now been written.")

    def _raise_background_error(self, note):
        with self._lock:
            err, self._error = self._error, None
        if isinstance(err, WriterError):
            raise WriterError(str(err)) from err
        if err is not None:
            raise WriterError(f"Writing event file {self._path!r} failed in the background: {err!r}. {note}") from err

    def close(self):
        """Mirrors ``FileWriter.close()``: flushes, then closes the file. Idempotent.

        Events that could not be written stay queued: ``reopen()`` writes them to its new file.
        """
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
                    if self._file is not None:
                        f, self._file = self._file, None
                        f.close()
            finally:
                writer_hooks.forget(self)
            if self._thread is not None and self._thread is not threading.current_thread():
                self._thread.join(timeout=5)

    def reopen(self):
        """Mirrors ``FileWriter.reopen()``: a closed writer starts a new file in the same logdir."""
        if self._closed:
            self._open_new_file()

    # -- process events (called by tfcompat.wire.writer_hooks) --------------------

    def flush_before_exit(self, timeout):
        """Best-effort flush from a signal handler, which may have interrupted this writer's own thread.

        Waits at most ``timeout`` seconds for a background write; never writes
        in the middle of a write the handler interrupted. Raises what writing raises.
        """
        if self._closed or self._io_owner == threading.get_ident():
            return
        if not self._io_lock.acquire(timeout=timeout):
            return
        try:
            # Held only for a moment, unless by the thread this handler interrupted (it stays frozen).
            got = self._lock.acquire(timeout=0.2)
            try:
                batch, self._pending = self._pending, []
            finally:
                if got:
                    self._lock.release()
            self._write_batch(batch)
        finally:
            self._io_lock.release()

    def forget_parent_after_fork(self, parent_pid):
        """In a forked child: drops the parent's queue, file and locks; the first add opens a file of its own."""
        self._new_locks()
        f, self._file = self._file, None
        if f is not None:
            writer_hooks.leave_to_parent(f)
        self._pending, self._unwritten, self._partial = [], b"", 0
        self._error = None
        self._thread = None
        if not self._closed:
            self._closed = True
            self._forked_from = parent_pid

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
