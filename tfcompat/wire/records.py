"""TFRecord framing: the one place that frames event records.

A record on disk is::

    uint64 length (little endian)
    uint32 masked_crc32c(length bytes)
    byte   data[length]
    uint32 masked_crc32c(data)

The writer (:mod:`tfcompat.wire.event_writer`) frames with :func:`encode_record`;
the reader (:mod:`tfcompat.logs`) decodes with the functions added below it.
"""

import collections
import os
import struct
from array import array as _array

from tfcompat._errors import DamagedRecordError, LogReadError
from tfcompat.wire import crc as _crc
from tfcompat.wire.crc import MASK_DELTA, masked_crc32c
from tfcompat.wire.crc import crc32c as _crc32c

__all__ = ["encode_record", "HEADER_SIZE", "FOOTER_SIZE", "Frames", "frame_records", "iter_records", "read_source"]

HEADER_SIZE = 12
FOOTER_SIZE = 4

_pack_q = struct.Struct("<Q").pack
_pack_i = struct.Struct("<I").pack


def encode_record(data):
    """Frames ``data`` (bytes) as one TFRecord."""
    header = _pack_q(len(data))
    return b"".join((header, _pack_i(masked_crc32c(header)), data, _pack_i(masked_crc32c(data))))


# -- decoding -----------------------------------------------------------------
#
# Records are located in one pass over an in-memory buffer (bytes / mmap /
# memoryview); the data CRC is checked on memoryview slices so no record is
# copied before it is needed. A length field is never used to allocate: it is
# compared with the bytes actually present first.

# the compiled function itself when there is one: one Python call less per record
_crc32c_fast = getattr(_crc, "_crc32c_c", None) or _crc32c

# A protobuf message cannot exceed 2 GiB, so a longer record is damage, not a
# file still being written.
MAX_RECORD_LENGTH = (1 << 31) - 1

_unpack_hdr = struct.Struct("<QI").unpack_from
_unpack_i = struct.Struct("<I").unpack_from

Frames = collections.namedtuple("Frames", "offsets lengths truncated skipped size")
Frames.__doc__ = """Where the records of one buffer are.

Attributes:
    offsets: ``array('q')`` of the byte offset of each record's data.
    lengths: ``array('q')`` of each record's data length.
    truncated: ``(offset, nbytes)`` of an incomplete last record, or None.
    skipped: list of ``(offset, nbytes, reason)`` of damaged bytes skipped
        (only with ``skip_damaged=True``).
    size: size of the buffer in bytes.
"""


def _unmask(masked):
    """Inverse of the CRC masking: the plain CRC32C a stored checksum stands for."""
    rot = (masked - MASK_DELTA) & 0xFFFFFFFF
    return ((rot >> 17) | (rot << 15)) & 0xFFFFFFFF


def _check_at(mv, off, size):
    """Classifies the record at ``off``: ('ok', n) | ('truncated', None) | ('damaged', reason)."""
    if size - off < HEADER_SIZE:
        return "truncated", None
    n, hcrc = _unpack_hdr(mv, off)
    if _crc32c(mv[off : off + 8]) != _unmask(hcrc):
        return "damaged", "length CRC mismatch"
    if n > MAX_RECORD_LENGTH:
        return "damaged", f"impossible record length {n}"
    end = off + HEADER_SIZE + n
    if end + FOOTER_SIZE > size:
        return "truncated", None
    if _crc32c(mv[off + HEADER_SIZE : end]) != _unmask(_unpack_i(mv, end)[0]):
        return "damaged", "data CRC mismatch"
    return "ok", n


_RESYNC_WINDOW = 1 << 20


def _resync(mv, off, size):
    """First offset after ``off`` where a whole valid record starts (or ``size``).

    Candidates are the positions whose next 4 bytes are the masked CRC of the 8
    before them; that CRC is computed for a whole window of positions at once
    with numpy (a zero-filled block after a crash can be megabytes long).
    """
    import numpy as np

    arr = np.frombuffer(mv, dtype=np.uint8)
    table = _crc_table()
    start = off + 1
    last = size - HEADER_SIZE - FOOTER_SIZE  # last position a record could start at
    while start <= last:
        stop = min(start + _RESYNC_WINDOW, last + 1)
        crc = np.full(stop - start, 0xFFFFFFFF, dtype=np.uint32)
        for j in range(8):
            byte = arr[start + j : stop + j].astype(np.uint32)
            crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
        crc ^= np.uint32(0xFFFFFFFF)
        masked = ((crc >> 15) | (crc << 17)) + np.uint32(MASK_DELTA)  # uint32 arithmetic wraps
        stored = (arr[start + 8 : stop + 8].astype(np.uint32)
                  | (arr[start + 9 : stop + 9].astype(np.uint32) << 8)
                  | (arr[start + 10 : stop + 10].astype(np.uint32) << 16)
                  | (arr[start + 11 : stop + 11].astype(np.uint32) << 24))
        for k in np.flatnonzero(masked == stored).tolist():
            if _check_at(mv, start + k, size)[0] == "ok":
                return start + k
        start = stop
    return size


_TABLE_NP = []


def _crc_table():
    if not _TABLE_NP:
        import numpy as np

        _TABLE_NP.append(np.array(_crc.TABLE, dtype=np.uint32))
    return _TABLE_NP[0]


def frame_records(buf, path="<bytes>", skip_damaged=False):
    """Locates every record of ``buf`` with both CRCs checked.

    Mirrors TensorFlow's ``tf_record_iterator`` over an event file, except that
    a truncated last record (a file still being written) ends the buffer quietly
    and is reported in :attr:`Frames.truncated`.

    Args:
        buf: bytes, bytearray, memoryview or mmap holding a whole file.
        path: name used in error messages.
        skip_damaged: if True, skip a damaged record by searching for the next
            valid one, and report it in :attr:`Frames.skipped`.

    Returns:
        :class:`Frames`.

    Raises:
        DamagedRecordError: a CRC mismatch or an impossible length (unless
            ``skip_damaged``), naming ``path`` and the byte offset.
    """
    mv = memoryview(buf).cast("B")
    size = len(mv)
    offsets = _array("q")
    lengths = _array("q")
    skipped = []
    truncated = None
    unpack_hdr = _unpack_hdr
    header_crcs = {}  # length -> its masked CRC: lengths repeat a lot, so this is a dict hit
    add_off = offsets.append
    add_len = lengths.append
    checked = 0  # records whose data CRC is verified
    off = 0
    prev_n = -1
    cooldown = 0
    # Pass 1 walks the headers (each length is CRC-checked before it is trusted);
    # data CRCs are checked in bulk by _check_data, which raises at the first bad one.
    while off < size:
        if size - off >= HEADER_SIZE:
            n, hcrc = unpack_hdr(mv, off)
            good = header_crcs.get(n)
            if good is None and n <= MAX_RECORD_LENGTH:
                good = header_crcs[n] = masked_crc32c(mv[off : off + 8])
            end = off + HEADER_SIZE + n
            if good == hcrc and end + FOOTER_SIZE <= size:
                add_off(off + HEADER_SIZE)
                add_len(n)
                off = end + FOOTER_SIZE
                if n == prev_n and not cooldown:
                    jumped = _stride_jump(mv, off, size, n, offsets, lengths)
                    off += jumped * (n + HEADER_SIZE + FOOTER_SIZE)
                    if jumped < 64:
                        cooldown = 64  # lengths vary here: walk a while before trying again
                elif cooldown:
                    cooldown -= 1
                prev_n = n
                continue
        status, info = _check_at(mv, off, size)
        offsets, lengths = _check_data(mv, offsets, lengths, checked, path, skip_damaged, skipped)
        add_off, add_len, checked = offsets.append, lengths.append, len(offsets)
        if status == "truncated":
            truncated = (off, size - off)
            break
        if not skip_damaged:
            raise DamagedRecordError(path, off, info)
        nxt = _resync(mv, off, size)
        skipped.append((off, nxt - off, info))
        off = nxt
    offsets, lengths = _check_data(mv, offsets, lengths, checked, path, skip_damaged, skipped)
    if skipped:
        skipped.sort()
    return Frames(offsets, lengths, truncated, skipped, size)


def _stride_jump(mv, off, size, n, offsets, lengths):
    """Appends the records of length ``n`` that follow back to back from ``off``; returns how many.

    Event files are mostly runs of equal-length records (the same tags every
    step), and equal lengths have byte-identical 12-byte headers (length and its
    CRC), so a run is found with one numpy comparison instead of a Python loop.
    """
    import numpy as np

    stride = n + HEADER_SIZE + FOOTER_SIZE
    total = 0
    k = 64
    while True:
        k = min(k, (size - off) // stride)
        if k <= 0:
            return total
        arr = np.frombuffer(mv, dtype=np.uint8)
        template = arr[off - stride : off - stride + HEADER_SIZE]
        pos = off + np.arange(k, dtype=np.int64) * stride
        same = np.all(arr[pos[:, None] + np.arange(HEADER_SIZE)] == template, axis=1)
        m = k if same.all() else int(np.argmin(same))
        if m:
            offsets.extend((pos[:m] + HEADER_SIZE).tolist())
            lengths.extend([n] * m)
            total += m
            off += m * stride
        if m < k:
            return total
        k = min(k * 4, 16384)


def _check_data(mv, offsets, lengths, start, path, skip_damaged, skipped):
    """Verifies the data CRCs of records ``start:``; returns the arrays without bad ones (skip) or raises."""
    n = len(offsets)
    if start >= n:
        return offsets, lengths
    import numpy as np

    offs = np.frombuffer(offsets, dtype=np.int64)[start:]
    ends = offs + np.frombuffer(lengths, dtype=np.int64)[start:]
    arr = np.frombuffer(mv, dtype=np.uint8)
    stored = arr[ends[:, None] + np.arange(4)].view("<u4")[:, 0].astype(np.uint64)
    rot = (stored - np.uint64(MASK_DELTA)) & np.uint64(0xFFFFFFFF)
    want = ((rot >> np.uint64(17)) | (rot << np.uint64(15))) & np.uint64(0xFFFFFFFF)
    slices = map(mv.__getitem__, map(slice, offs.tolist(), ends.tolist()))
    got = np.fromiter(map(_crc32c_fast, slices), dtype=np.uint64, count=len(offs))
    bad = np.flatnonzero(got != want)
    if len(bad):
        if not skip_damaged:
            raise DamagedRecordError(path, int(offs[bad[0]]) - HEADER_SIZE, "data CRC mismatch")
        for k in bad.tolist():
            o = int(offs[k])
            skipped.append((o - HEADER_SIZE, int(ends[k]) - o + HEADER_SIZE + FOOTER_SIZE, "data CRC mismatch"))
        keep = np.ones(n, dtype=bool)
        keep[start + bad] = False
        kept_o = np.frombuffer(offsets, dtype=np.int64)[keep].tolist()
        kept_l = np.frombuffer(lengths, dtype=np.int64)[keep].tolist()
        return _array("q", kept_o), _array("q", kept_l)
    return offsets, lengths


def read_source(source):
    """Bytes of ``source``: a path, bytes-like, or a binary file object."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return source
    if hasattr(source, "read"):
        data = source.read()
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError(f"`source` must be opened in binary mode. Received: source={source!r}")
        return data
    try:
        with open(source, "rb") as f:
            return f.read()
    except OSError as e:  # a dangling link, no permission, a file rotated away since it was listed
        raise LogReadError(f"Cannot read the event file. Received: path={os.fspath(source)!r} ({e.strerror or e})") from e


def iter_records(source, path=None, skip_damaged=False):
    """Yields ``(offset, data)`` for each record of ``source`` (path, bytes or file object).

    Mirrors ``tf.compat.v1.io.tf_record_iterator`` with CRCs checked; a
    truncated last record ends the iteration quietly.
    """
    buf = read_source(source)
    if path is None:
        path = source if isinstance(source, str) else getattr(source, "name", "<bytes>")
    frames = frame_records(buf, str(path), skip_damaged)
    mv = memoryview(buf).cast("B")
    for off, n in zip(frames.offsets, frames.lengths):
        yield off - HEADER_SIZE, bytes(mv[off : off + n])
