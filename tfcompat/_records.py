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
