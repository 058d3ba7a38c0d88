"""Reading the records of one event file window by window, in bounded memory.

Mirrors TensorFlow's ``tf_record_iterator`` over an event file, with what it
leaves out: every damaged record is reported with its byte offset (or skipped,
resuming at the next valid record), a record whose length runs past the end of
the file is told apart from a tail still being written, and only regular files
are opened (a FIFO would block, ``/dev/zero`` never ends).

Memory stays near one window (8 MiB) plus the largest record, whatever the file
size; the search for the next valid record after damage is linear in the bytes
searched.
"""

import io
import os
import stat

from tfcompat._errors import DamagedRecordError, LogReadError, NotAnEventFileError
from tfcompat.wire import crc as _crc
from tfcompat.wire import framing as _fr
from tfcompat.wire.checksum import bad_records
from tfcompat.wire.framing import FOOTER_SIZE, HEADER_SIZE

__all__ = ["RecordStream", "open_event_file", "WINDOW", "PAST_EOF"]

WINDOW = 8 << 20
PAST_EOF = "record length {n} runs past the end of the file"
_FEW = 64  # fewer records than this are checked one by one (no numpy needed)

_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def open_event_file(path):
    """An unbuffered binary file object of ``path``, which must be a regular file.

    Opened non-blocking, so a FIFO named like an event file is refused at once
    instead of waiting for a writer.

    Raises:
        NotAnEventFileError: ``path`` is a FIFO, a device, a socket or a directory.
        LogReadError: it cannot be opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:  # a dangling link, no permission, a file rotated away since it was listed
        raise LogReadError(f"Cannot read the event file. Received: path={os.fspath(path)!r} ({e.strerror or e})") from e
    try:
        mode = os.fstat(fd).st_mode
    except OSError as e:
        os.close(fd)
        raise LogReadError(f"Cannot read the event file. Received: path={os.fspath(path)!r} ({e.strerror or e})") from e
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise NotAnEventFileError(f"Not an event file: it is {kind}, not a regular file. Received: path={os.fspath(path)!r}")
    return io.FileIO(fd, "rb", closefd=True)


def _check_binary(source):
    mode = getattr(source, "mode", "b")
    if isinstance(source, io.TextIOBase) or (isinstance(mode, str) and "b" not in mode):
        raise TypeError(f"`source` must be opened in binary mode ('rb'). Received: source={source!r}")


class RecordStream:
    """The records of one event file, as windows of a buffer.

    Args:
        source: a path, a bytes-like object, or a binary file object.
        path: name used in messages (default: the path or the file's name).
        skip_damaged: skip damaged records (resuming at the next valid one) and
            list them in :attr:`skipped`, instead of raising.
        verify: check each record's data CRC (the length CRC is always checked).
        window: bytes read at a time.
        plain: never import numpy (one step per record; damage is still found, but
            skipping it may need numpy).

    After :meth:`windows` is exhausted: :attr:`size`, :attr:`truncated`
    (``(offset, nbytes)`` of an incomplete last record, or None) and :attr:`skipped`
    (``[(offset, nbytes, reason), ...]``).
    """

    def __init__(self, source, path=None, skip_damaged=False, verify=True, window=WINDOW, plain=False):
        self.plain = plain  # no numpy: records walked and CRCs checked one by one (images: few, big records)
        self.skip_damaged = skip_damaged
        self.verify = verify
        self.window = window
        self.size = 0
        self.expected_size = None  # the file's size when reading began (None: unknown)
        self.truncated = None
        self.skipped = []
        self._file = None
        self._mem = None
        self._owned = False
        if isinstance(source, (bytes, bytearray, memoryview)):
            self._mem = memoryview(source).cast("B") if not isinstance(source, bytes) else memoryview(source)
            name = "<bytes>"
        elif hasattr(source, "read"):
            _check_binary(source)
            self._file = source
            name = getattr(source, "name", "<file>")
        else:
            self._file = open_event_file(source)
            self._owned = True
            name = os.fspath(source)
        self.path = str(path if path is not None else name)

    def close(self):
        if self._owned and self._file is not None:
            self._file.close()
        self._file = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- reading ---------------------------------------------------------------

    def _file_size(self):
        f = self._file
        try:
            return os.fstat(f.fileno()).st_size
        except (AttributeError, OSError, ValueError):
            pass
        try:  # BytesIO and the like
            if f.seekable():
                here = f.tell()
                end = f.seek(0, io.SEEK_END)
                f.seek(here)
                return end
        except (AttributeError, OSError, ValueError):
            pass
        return None

    def _read(self, buf, hi):
        """Fills ``buf[hi:]`` from the file; returns the new end and whether the file ended."""
        f = self._file
        mv = memoryview(buf)
        while hi < len(buf):
            if hasattr(f, "readinto"):
                got = f.readinto(mv[hi:])
            else:
                chunk = f.read(len(buf) - hi)
                if not isinstance(chunk, (bytes, bytearray)):
                    raise TypeError(f"`source` must be opened in binary mode ('rb'). Received: source={f!r}")
                got = len(chunk)
                mv[hi : hi + got] = chunk
            if got is None:  # a non-blocking stream with nothing to read now
                return hi, True
            if not got:
                return hi, True
            hi += got
        return hi, False

    def windows(self):
        """Yields ``(mv, offsets, lengths, base)`` for each stretch of valid records.

        ``mv`` is a memoryview of the buffer (valid until the next step: copy what
        you keep), ``offsets``/``lengths`` the data offset in ``mv`` and the length
        of each record (int64 arrays or ``array('q')``), ``base`` the file offset
        of ``mv[0]``.

        Raises:
            DamagedRecordError: the first damaged record (unless ``skip_damaged``).
        """
        try:
            yield from self._windows()
        finally:
            self.close()

    def _windows(self):
        if self._mem is not None:
            buf, hi, eof = self._mem, len(self._mem), True
            self.expected_size = hi
        else:
            size = self.expected_size = self._file_size()
            cap = self.window if size is None or size >= self.window else size + 1
            buf = bytearray(cap)
            hi, eof = self._read(buf, 0)
        mv = memoryview(buf)
        base = lo = 0
        damage = None  # (file offset, reason, runs past the end) of the damage being skipped
        while True:
            if eof:
                limit = hi
            else:
                size = self._file_size()
                limit = max(hi + 1, size - base) if size is not None else 1 << 62
            if damage is None:
                w = _fr.walk(mv, lo, hi, limit, runs=not self.plain)
                offs, lens = self._checked(mv, w.offsets, w.lengths, base)
                if len(offs):
                    yield mv, offs, lens, base
                lo, status = w.stop, w.status
                if status == _fr.DAMAGED:
                    if not self.skip_damaged:
                        raise DamagedRecordError(self.path, base + lo, w.info)
                    damage, lo = (base + lo, w.info, False), lo + 1
                    continue
                if status == _fr.PAST_LIMIT:
                    n = w.info - HEADER_SIZE - FOOTER_SIZE
                    damage, lo = (base + lo, PAST_EOF.format(n=n), True), lo + 1
                    continue
                if status == _fr.SHORT:
                    self.truncated = (base + lo, hi - lo)
                    break
                if status == _fr.END and eof:
                    break
                need = w.info if status == _fr.MORE else 0
            else:
                found, q = _fr.find_record(mv, lo, hi, limit)
                if found == _fr.FOUND:
                    start, reason, past = damage
                    if past and not self.skip_damaged:
                        raise DamagedRecordError(self.path, start, f"{reason}, and valid records follow at byte {base + q}")
                    self.skipped.append((start, base + q - start, reason))
                    damage, lo = None, q
                    continue
                if found == _fr.NONE:
                    start, reason, past = damage
                    if past:
                        self.truncated = (start, base + hi - start)
                    else:
                        self.skipped.append((start, base + hi - start, reason))
                    break
                lo, need = q, _candidate_need(mv, q, hi)
            if eof:  # cannot happen: MORE needs bytes past `hi`, which only a file not yet at its end has
                break
            buf, mv, base, lo, hi, eof = self._refill(buf, mv, base, lo, hi, need)
        self.size = base + hi

    def _refill(self, buf, mv, base, lo, hi, need):
        """Moves ``buf[lo:hi]`` to the front (growing the buffer when a record needs more) and reads on."""
        keep = hi - lo
        cap = max(len(buf), self.window)
        if need > cap:
            # grows to the record's length when the file is known to hold it (walk compared it with the
            # file size), by doubling otherwise (an unsized stream: a bogus length must not allocate)
            cap = need if self._file_size() is not None else min(need, 2 * cap)
        tail = mv[lo:hi].tobytes()  # a copy: the ranges may overlap
        if cap > len(buf):
            buf = bytearray(cap)
        buf[:keep] = tail
        base += lo
        hi, eof = self._read(buf, keep)
        return buf, memoryview(buf), base, 0, hi, eof

    def _checked(self, mv, offs, lens, base):
        """The records whose data CRC is right; bad ones raise or are listed in ``skipped``."""
        if not self.verify or not len(offs):
            return offs, lens
        if len(offs) < _FEW or self.plain:
            bad = _crc.bad_data_crcs(mv, offs, lens)
        else:
            bad = bad_records(mv, offs, lens, in_place=self._mem is None).tolist()
        if not bad:
            return offs, lens
        if not self.skip_damaged:
            raise DamagedRecordError(self.path, base + int(offs[bad[0]]) - HEADER_SIZE, "data CRC mismatch")
        for k in bad:
            self.skipped.append((base + int(offs[k]) - HEADER_SIZE, int(lens[k]) + HEADER_SIZE + FOOTER_SIZE,
                                 "data CRC mismatch"))
        self.skipped.sort()
        import numpy as np

        keep = np.ones(len(offs), dtype=bool)
        keep[bad] = False
        return np.asarray(offs, dtype=np.int64)[keep], np.asarray(lens, dtype=np.int64)[keep]


def _candidate_need(mv, q, hi):
    """Bytes the candidate record at ``q`` needs in the buffer (its whole length if its header is complete)."""
    if hi - q < HEADER_SIZE:
        return HEADER_SIZE
    n = int.from_bytes(mv[q : q + 8], "little")
    return HEADER_SIZE + n + FOOTER_SIZE
