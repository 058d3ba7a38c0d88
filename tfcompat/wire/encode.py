"""Small pure builders of Summary/Event wire bytes (no TensorFlow).

These write protobuf wire format by hand for the hot paths (one scalar, one
event) so that a step costs microseconds, and fall back to tensorboard's proto
classes for everything else. Bytes they produce parse into the same messages
TensorFlow's ``Summary``/``Event`` protos would hold.
"""

import math
import struct
import zlib

from tfcompat._errors import InvalidArgumentError

__all__ = [
    "f32_bytes",
    "varint",
    "scalar_value_bytes",
    "summary_bytes",
    "event_bytes",
    "file_version_event_bytes",
    "tag_prefix",
    "graph_event_bytes",
    "tf2_scalar_value_bytes",
    "tf2_histogram_value_bytes",
    "encode_png",
    "image_value_bytes",
    "tf1_float_image_to_uint8",
]

_pack_f = struct.Struct("<f").pack
_pack_d = struct.Struct("<d").pack
_pack_wall = struct.Struct("<Bd").pack  # Event.wall_time: field 1, fixed64 (tag byte 0x09) then the double


def f32_bytes(value):
    """A Python float as the 4 little-endian bytes of a C++ ``static_cast<float>``."""
    # struct refuses doubles beyond float32's range; TF1 (a C++ cast) and
    # protobuf store them as +-inf. A diverging loss must not stop training.
    try:
        return _pack_f(value)
    except OverflowError:
        return _pack_f(math.copysign(math.inf, value))


_ONE_BYTE = tuple(bytes((n,)) for n in range(0x80))


def varint(n):
    """Protobuf base-128 varint of a non-negative int (negative: 10-byte two's complement)."""
    if 0 <= n < 0x4000:  # steps and lengths: almost always one or two bytes
        return _ONE_BYTE[n] if n < 0x80 else bytes(((n & 0x7F) | 0x80, n >> 7))
    if n < 0:
        n += 1 << 64
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def _len_field(field_byte, payload):
    return field_byte + varint(len(payload)) + payload


def tag_prefix(tag):
    """The bytes of ``Summary.Value.tag`` (field 1) for ``tag``; cache it per tag."""
    raw = tag.encode("utf-8")
    return b"\x0a" + varint(len(raw)) + raw


def scalar_value_bytes(prefix, value):
    """One ``Summary.Value`` with ``simple_value`` (TF1 format), framed as ``Summary.value`` (field 1).

    Args:
        prefix: ``tag_prefix(tag)``.
        value: a Python float (stored as float32, as TF1 did; beyond its range: +-inf).
    """
    body = prefix + b"\x15" + f32_bytes(value)
    return b"\x0a" + varint(len(body)) + body


def summary_bytes(values):
    """A serialized ``Summary`` from already-framed ``Summary.value`` pieces."""
    return b"".join(values)


def event_bytes(wall_time, step, summary=None, *, file_version=None):
    """A serialized ``Event`` holding a serialized ``Summary`` (or a file_version string).

    Zero steps are omitted, as proto3 serialization does.
    """
    if file_version is None and summary is not None:  # every summary event: one join
        if step:
            return b"".join((_pack_wall(9, wall_time), b"\x10", varint(step), b"\x2a", varint(len(summary)), summary))
        return b"".join((_pack_wall(9, wall_time), b"\x2a", varint(len(summary)), summary))
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


def graph_event_bytes(wall_time, graph_def_bytes):
    """An ``Event`` holding a serialized ``GraphDef`` (field 4), as ``FileWriter.add_graph`` wrote."""
    return (
        b"\x09" + _pack_d(wall_time) + b"\x22" + varint(len(graph_def_bytes)) + graph_def_bytes
    )


# -- TF2 tensor summaries -------------------------------------------------------

def _plugin_metadata(plugin_name):
    # No data_class and empty content, byte for byte what tensorboard's
    # scalar/histogram ``create_summary_metadata`` (used by TF2's tf.summary) emits.
    plugin_data = _len_field(b"\x0a", plugin_name.encode("ascii"))
    return _len_field(b"\x0a", plugin_data)


# SummaryMetadata{plugin_data{plugin_name: "scalars"}}
_SCALARS_METADATA = _len_field(b"\x4a", _plugin_metadata("scalars"))
# SummaryMetadata{plugin_data{plugin_name: "histograms"}}
_HISTOGRAMS_METADATA = _len_field(b"\x4a", _plugin_metadata("histograms"))


def tf2_scalar_value_bytes(prefix, value):
    """A framed ``Summary.value`` as TF2's ``tf.summary.scalar`` writes it.

    A float32 scalar ``TensorProto`` with the ``scalars`` plugin metadata.

    Args:
        prefix: ``tag_prefix(tag)``.
        value: a Python float.
    """
    # TensorProto{dtype: DT_FLOAT, tensor_shape: {}, float_val: [value]}
    tensor = b"\x08\x01\x12\x00\x2a\x04" + f32_bytes(value)
    body = prefix + _SCALARS_METADATA + _len_field(b"\x42", tensor)
    return _len_field(b"\x0a", body)


def tf2_histogram_buckets(values, bucket_count=30):
    """The ``[k, 3]`` (left, right, count) array TF2's ``tf.summary.histogram`` stores.

    Same bucketing as tensorboard's ``histogram_pb``: ``bucket_count`` equal-width
    buckets from min to max; all-equal data puts every count in the last bucket.
    """
    import numpy as np

    data = np.asarray(values, dtype=np.float64).ravel()
    if bucket_count == 0 or data.size == 0:
        return np.zeros((bucket_count, 3))
    lo, hi = float(data.min()), float(data.max())
    if hi == lo:
        counts = np.zeros(bucket_count)
        counts[-1] = data.size
        edges = np.full(bucket_count, lo)
        return np.stack([edges, edges, counts], axis=1)
    width = (hi - lo) / bucket_count
    idx = np.minimum(np.floor((data - lo) / width).astype(np.int64), bucket_count - 1)
    counts = np.bincount(idx, minlength=bucket_count).astype(np.float64)
    edges = np.linspace(lo, hi, bucket_count + 1)
    return np.stack([edges[:-1], edges[1:], counts], axis=1)


def tf2_histogram_value_bytes(tag, values, bucket_count=30):
    """A framed ``Summary.value`` as TF2's ``tf.summary.histogram`` writes it.

    A float64 ``[k, 3]`` tensor with the ``histograms`` plugin metadata.
    """
    import numpy as np

    buckets = np.ascontiguousarray(tf2_histogram_buckets(values, bucket_count), dtype="<f8")
    dims = b"".join(_len_field(b"\x12", b"\x08" + varint(n)) for n in buckets.shape)
    tensor = b"\x08\x02" + _len_field(b"\x12", dims) + _len_field(b"\x22", buckets.tobytes())
    body = tag_prefix(tag) + _HISTOGRAMS_METADATA + _len_field(b"\x42", tensor)
    return _len_field(b"\x0a", body)


# -- images -----------------------------------------------------------------------

def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode_png(pixels):
    """PNG bytes of a ``uint8`` array ``[h, w]`` or ``[h, w, c]`` (c = 1, 3 or 4).

    A small zlib encoder (filter 0 rows): no Pillow, no TensorFlow.
    """
    import numpy as np
    arr = np.asarray(pixels)
    if arr.dtype != np.uint8:
        raise InvalidArgumentError(f"`pixels` must be uint8. Received: dtype={arr.dtype}")
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[:, :, 0]
    if arr.ndim not in (2, 3) or (arr.ndim == 3 and arr.shape[2] not in (3, 4)):
        raise InvalidArgumentError(
            f"`pixels` must have shape [h, w] or [h, w, 1|3|4]. Received: shape={tuple(np.shape(pixels))}"
        )
    h, w = arr.shape[:2]
    color_type = {2: 0, 3: 2, 4: 6}[arr.ndim if arr.ndim == 2 else arr.shape[2]]
    rows = np.ascontiguousarray(arr).reshape(h, -1)
    raw = b"".join(b"\x00" + rows[i].tobytes() for i in range(h))
    header = struct.pack(">IIBBBBB", w, h, 8, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(raw))
        + _png_chunk(b"IEND", b"")
    )


def tf1_float_image_to_uint8(image):
    """Mirrors TF1's image summary kernel turning one float image ``[h, w, c]`` into uint8.

    Non-negative images are scaled by ``255 / max``; images with negative values
    by ``127 / max|v|`` around 128. Non-finite pixels become TF1's red
    ``bad_color``. All in float32 with truncating casts, as the C++ kernel did.
    """
    import numpy as np

    img = np.asarray(image, dtype=np.float32)
    if img.ndim == 2:
        img = img[:, :, None]
    finite = np.all(np.isfinite(img), axis=2)
    vals = img[finite]
    lo = np.float32(vals.min()) if vals.size else np.float32(np.inf)
    hi = np.float32(vals.max()) if vals.size else np.float32(-np.inf)
    if lo < 0:
        top = max(abs(lo), abs(hi))
        scale = np.float32(0.0 if top < 1e-6 else np.float32(127.0) / top)
        offset = np.float32(128.0)
    else:
        scale = np.float32(0.0 if hi < 1e-6 else np.float32(255.0) / hi)
        offset = np.float32(0.0)
    with np.errstate(invalid="ignore", over="ignore"):
        out = (img * scale + offset).astype(np.uint8)
    bad = np.array([255, 0, 0, 255], dtype=np.uint8)[: img.shape[2]]
    out[~finite] = bad
    return out


def image_value_bytes(tag, pixels):
    """A framed ``Summary.value`` with a TF1 ``image`` (as ``tf.compat.v1.summary.image``).

    Args:
        tag: the full tag (TF1 named them ``<name>/image/<i>``).
        pixels: ``uint8`` array ``[h, w]`` or ``[h, w, c]``.
    """
    import numpy as np

    arr = np.asarray(pixels)
    h, w = arr.shape[:2]
    channels = 1 if arr.ndim == 2 else arr.shape[2]
    png = encode_png(arr)
    image = (
        b"\x08" + varint(h) + b"\x10" + varint(w) + b"\x18" + varint(channels) + _len_field(b"\x22", png)
    )
    return _len_field(b"\x0a", tag_prefix(tag) + _len_field(b"\x22", image))
