"""TFRecord framing: the one place that frames event records.

A record on disk is::

    uint64 length (little endian)
    uint32 masked_crc32c(length bytes)
    byte   data[length]
    uint32 masked_crc32c(data)

The writer (:mod:`tfcompat.wire.event_writer`) frames with :func:`encode_record`;
the reader (:mod:`tfcompat.logs`) finds records with :class:`~tfcompat.wire.stream.RecordStream`
(window by window, in bounded memory) or, for a buffer already in memory,
:func:`frame_records`.
"""

import collections
import struct

from tfcompat.wire.crc import masked_crc32c
from tfcompat.wire.framing import FOOTER_SIZE, HEADER_SIZE, MAX_RECORD_LENGTH
from tfcompat.wire.stream import RecordStream

__all__ = ["encode_record", "HEADER_SIZE", "FOOTER_SIZE", "MAX_RECORD_LENGTH", "Frames", "frame_records", "iter_records"]

_pack_q = struct.Struct("<Q").pack
_pack_i = struct.Struct("<I").pack


def encode_record(data):
    """Frames ``data`` (bytes) as one TFRecord."""
    header = _pack_q(len(data))
    return b"".join((header, _pack_i(masked_crc32c(header)), data, _pack_i(masked_crc32c(data))))


Frames = collections.namedtuple("Frames", "offsets lengths truncated skipped size")
Frames.__doc__ = """Where the records of one buffer are.

Attributes:
    offsets: int64 numpy array of the byte offset of each record's data.
    lengths: int64 numpy array of each record's data length.
    truncated: ``(offset, nbytes)`` of an incomplete last record, or None.
    skipped: list of ``(offset, nbytes, reason)`` of damaged bytes skipped
        (only with ``skip_damaged=True``).
    size: size of the buffer in bytes.
"""


def frame_records(buf, path="<bytes>", skip_damaged=False, verify=True):
    """Locates every record of ``buf`` with both CRCs checked.

    Mirrors TensorFlow's ``tf_record_iterator`` over an event file, except that
    a truncated last record (a file still being written) ends the buffer quietly
    and is reported in :attr:`Frames.truncated`.

    Args:
        buf: bytes, bytearray, memoryview or mmap holding a whole file.
        path: name used in error messages.
        skip_damaged: if True, skip a damaged record by searching for the next
            valid one, and report it in :attr:`Frames.skipped`.
        verify: check the data CRCs (the length CRCs are always checked).

    Returns:
        :class:`Frames`.

    Raises:
        DamagedRecordError: a CRC mismatch, an impossible length, or a length
            running past the end with valid records after it (unless
            ``skip_damaged``), naming ``path`` and the byte offset.
    """
    import numpy as np

    stream = RecordStream(memoryview(buf).cast("B"), path, skip_damaged, verify)
    offs, lens = [], []
    for _, o, n, base in stream.windows():
        offs.append(np.asarray(o, dtype=np.int64) + base)
        lens.append(np.asarray(n, dtype=np.int64))
    offsets = np.concatenate(offs) if offs else np.zeros(0, dtype=np.int64)
    lengths = np.concatenate(lens) if lens else np.zeros(0, dtype=np.int64)
    return Frames(offsets, lengths, stream.truncated, sorted(stream.skipped), stream.size)


def iter_records(source, path=None, skip_damaged=False, verify=True):
    """Yields ``(offset, data)`` for each record of ``source`` (path, bytes or binary file object).

    Mirrors ``tf.compat.v1.io.tf_record_iterator`` with CRCs checked; a
    truncated last record ends the iteration quietly. The file is read in
    windows: memory stays bounded whatever its size.
    """
    stream = RecordStream(source, path, skip_damaged, verify)
    for mv, offs, lens, base in stream.windows():
        for off, n in zip(offs, lens):
            yield base + int(off) - HEADER_SIZE, bytes(mv[off : off + n])
