"""Small pure builders of Summary/Event wire bytes (no TensorFlow).

These write protobuf wire format by hand for the hot paths (one scalar, one
event) so that a step costs microseconds, and fall back to tensorboard's proto
classes for everything else. Bytes they produce parse into the same messages
TensorFlow's ``Summary``/``Event`` protos would hold.
"""

import struct

__all__ = [
    "varint",
    "scalar_value_bytes",
    "summary_bytes",
    "event_bytes",
    "file_version_event_bytes",
]

_pack_f = struct.Struct("<f").pack
_pack_d = struct.Struct("<d").pack


def varint(n):
    """Protobuf base-128 varint of a non-negative int (negative: 10-byte two's complement)."""
    if n < 0:
        n += 1 << 64
    if n < 0x80:
        return bytes((n,))
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def tag_prefix(tag):
    """The bytes of ``Summary.Value.tag`` (field 1) for ``tag``; cache it per tag."""
    raw = tag.encode("utf-8")
    return b"\x0a" + varint(len(raw)) + raw


def scalar_value_bytes(prefix, value):
    """One ``Summary.Value`` with ``simple_value`` (TF1 format), framed as ``Summary.value`` (field 1).

    Args:
        prefix: ``tag_prefix(tag)``.
        value: a Python float (stored as float32, as TF1 did).
    """
    body = prefix + b"\x15" + _pack_f(value)
    return b"\x0a" + varint(len(body)) + body


def summary_bytes(values):
    """A serialized ``Summary`` from already-framed ``Summary.value`` pieces."""
    return b"".join(values)


def event_bytes(wall_time, step, summary=None, *, file_version=None):
    """A serialized ``Event`` holding a serialized ``Summary`` (or a file_version string).

    Zero steps are omitted, as proto3 serialization does.
    """
    parts = [b"\x09", _pack_d(wall_time)]
    if step:
        parts.append(b"\x10")
        parts.append(varint(step))
    if file_version is not None:
        raw = file_version.encode("utf-8")
        parts.append(b"\x1a" + varint(len(raw)) + raw)
    if summary is not None:
        parts.append(b"\x2a")
        parts.append(varint(len(summary)))
        parts.append(summary)
    return b"".join(parts)


def file_version_event_bytes(wall_time):
    """The first event of every event file: ``file_version: "brain.Event:2"``."""
    return event_bytes(wall_time, 0, file_version="brain.Event:2")
