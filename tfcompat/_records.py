"""TFRecord framing: the one place that frames event records.

A record on disk is::

    uint64 length (little endian)
    uint32 masked_crc32c(length bytes)
    byte   data[length]
    uint32 masked_crc32c(data)

The writer (:mod:`tfcompat._event_writer`) frames with :func:`encode_record`;
the reader (:mod:`tfcompat.logs`) decodes with the functions added below it.
"""

import struct

from tfcompat._crc import masked_crc32c

__all__ = ["encode_record", "HEADER_SIZE", "FOOTER_SIZE"]

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

import collections as _collections
from array import array as _array

from tfcompat._crc import crc32c as _crc32c
from tfcompat._errors import DamagedRecordError

__all__ += ["Frames", "frame_records", "iter_records", "read_source"]

# A protobuf message cannot exceed 2 GiB, so a longer record is damage, not a
# file still being written.
MAX_RECORD_LENGTH = (1 << 31) - 1

_unpack_hdr = struct.Struct("<QI").unpack_from
_unpack_i = struct.Struct("<I").unpack_from

Frames = _collections.namedtuple("Frames", "offsets lengths truncated skipped size")
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
    rot = (masked - _MASK_DELTA) & 0xFFFFFFFF
    return ((rot >> 17) | (rot << 15)) & 0xFFFFFFFF


_MASK_DELTA = 0xA282EAD8


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


def _resync(mv, off, size):
    """First offset after ``off`` where a whole valid record starts (or ``size``)."""
    p = off + 1
    while p + HEADER_SIZE + FOOTER_SIZE <= size:
        if _check_at(mv, p, size)[0] == "ok":
            return p
        p += 1
    return size


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
    crc = _crc32c
    unpack_hdr = _unpack_hdr
    unpack_i = _unpack_i
    header_crcs = {}  # length -> expected unmasked CRC of its 8 bytes: lengths repeat a lot
    add_off = offsets.append
    add_len = lengths.append
    off = 0
    while off < size:
        if size - off >= HEADER_SIZE:
            n, hcrc = unpack_hdr(mv, off)
            good = header_crcs.get(n)
            if good is None and n <= MAX_RECORD_LENGTH:
                good = header_crcs[n] = masked_crc32c(mv[off : off + 8])
            end = off + HEADER_SIZE + n
            if good == hcrc and end + FOOTER_SIZE <= size:
                if crc(mv[off + HEADER_SIZE : end]) == _unmask(unpack_i(mv, end)[0]):
                    add_off(off + HEADER_SIZE)
                    add_len(n)
                    off = end + FOOTER_SIZE
                    continue
        # Slow path: say exactly what is wrong with the record at `off`.
        status, info = _check_at(mv, off, size)
        if status == "truncated":
            truncated = (off, size - off)
            break
        if not skip_damaged:
            raise DamagedRecordError(path, off, info)
        nxt = _resync(mv, off, size)
        skipped.append((off, nxt - off, info))
        off = nxt
    return Frames(offsets, lengths, truncated, skipped, size)


def read_source(source):
    """Bytes of ``source``: a path, bytes-like, or a binary file object."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return source
    if hasattr(source, "read"):
        data = source.read()
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError(f"`source` must be opened in binary mode. Received: source={source!r}")
        return data
    with open(source, "rb") as f:
        return f.read()


def iter_records(source, path=None, skip_damaged=False):
    """Yields ``(offset, data)`` for each record of ``source`` (path, bytes or file object).

    Mirrors ``tf.compat.v1.io.tf_record_iterator`` with CRCs checked; a
    truncated last record ends the iteration quietly.
    """
    buf = read_source(source)
    if path is None:
        path = source if isinstance(source, (str, bytes)) and not isinstance(source, bytes) else getattr(source, "name", "<bytes>")
    frames = frame_records(buf, str(path), skip_damaged)
    mv = memoryview(buf).cast("B")
    for off, n in zip(frames.offsets, frames.lengths):
        yield off - HEADER_SIZE, bytes(mv[off : off + n])
