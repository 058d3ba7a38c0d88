"""Summary values read straight from the record bytes: the events holding histograms, images, audio, tensors.

Mirrors what tensorboard's ``Event``/``HistogramProto``/``Summary.Image``/``TensorProto``
classes give for them (``EventAccumulator`` reads them so), without building
proto objects: a histogram's bucket arrays are one ``np.frombuffer`` each, an
image's bytes one slice. Each parser accepts only the plain encoding writers
produce (every field once, the expected wire types, valid UTF-8) and returns
None for anything else, which the caller then hands to the proto classes: the
results are the same either way.
"""

import struct

from tfcompat.wire import decode as _decode
from tfcompat.wire.decode import iter_fields, plugin_name, text, varint

__all__ = ["parse_summary", "decode_histogram", "decode_image", "decode_audio", "image_fields", "audio_fields",
           "decode_tensor_bytes", "tensor_header", "string_vals", "VALUE_FIELDS"]

_unpack_d = struct.Struct("<d").unpack_from
_unpack_f = struct.Struct("<f").unpack_from

# Summary.Value oneof field number -> the name used in scans
VALUE_FIELDS = {2: "simple_value", 4: "image", 5: "histo", 6: "audio", 8: "tensor"}


def _signed64(v):
    return v - (1 << 64) if v >= 1 << 63 else v


def _int32(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >= 1 << 31 else v


def parse_summary(buf, pos, end):
    """``(wall, step, values)`` of a summary event, or None if it is not the plain shape.

    ``values`` lists ``(tag, node_name, plugin, field, start, stop)`` per
    ``Summary.Value``: ``plugin`` is the metadata's plugin name (None without
    metadata), ``field`` a name of :data:`VALUE_FIELDS`, ``buf[start:stop]`` its bytes.
    """
    try:
        return _parse_summary(buf, pos, end)
    except (IndexError, ValueError, UnicodeDecodeError):
        return None


def _length(buf, pos, end):
    """(length, position after it) of the varint length at ``pos`` (one or two bytes inline)."""
    n = buf[pos]
    if n < 0x80:
        return n, pos + 1
    m = buf[pos + 1]
    if m < 0x80:
        return (n & 0x7F) | (m << 7), pos + 2
    return varint(buf, pos, end)


# Summary.Value keys (field << 3 | wire type), all one byte: tag, node_name, metadata, the value oneof
_VALUE_KEYS = {0x0A: "tag", 0x3A: "node", 0x4A: "meta", 0x15: "simple_value", 0x22: "image", 0x2A: "histo",
               0x32: "audio", 0x42: "tensor"}


def _parse_summary(buf, pos, end):
    wall = 0.0
    step = 0
    summary = None
    seen = set()
    for f, wt, s, e, v in iter_fields(buf, pos, end):
        if f in seen:
            return None
        seen.add(f)
        if f == 1 and wt == 1:
            wall = _unpack_d(buf, s)[0]
        elif f == 2 and wt == 0:
            step = _signed64(v)
        elif f == 5 and wt == 2:
            summary = (s, e)
        else:
            return None
    if summary is None:
        return None
    values = []
    pos, end = summary
    keys = _VALUE_KEYS
    while pos < end:
        if buf[pos] != 0x0A:  # Summary.value
            return None
        n, s = _length(buf, pos + 1, end)
        e = s + n
        if e > end:
            return None
        pos = e
        tag, node, plugin, field, span = "", "", None, None, None
        seen = set()
        while s < e:
            key = keys.get(buf[s])
            if key is None or key in seen:
                return None
            seen.add(key)
            if key == "simple_value":
                if field is not None or s + 5 > e:
                    return None
                field, span = key, (s + 1, s + 5)
                s += 5
                continue
            n, s2 = _length(buf, s + 1, e)
            e2 = s2 + n
            if e2 > e:
                return None
            if key == "tag":
                tag = text(bytes(buf[s2:e2]))
            elif key == "node":
                node = text(bytes(buf[s2:e2]))
            elif key == "meta":
                plugin = plugin_name(buf, s2, e2)
            elif field is None:
                field, span = key, (s2, e2)
            else:
                return None
            s = e2
        if field is None:
            return None
        values.append((tag, node, plugin, field, span[0], span[1]))
    return wall, step, values


_HISTO_KEYS = {0x09: 0, 0x11: 1, 0x19: 2, 0x21: 3, 0x29: 4, 0x32: 5, 0x3A: 6}  # field << 3 | wire type


def decode_histogram(buf, pos=0, end=None):
    """``(min, max, num, sum, sum_squares, bucket_limit, bucket)`` of HistogramProto bytes, or None.

    Each field once, the bucket arrays packed (as every TensorFlow version writes
    them); the arrays are copies (``np.frombuffer`` of the record bytes).
    """
    np = _numpy()
    mv = memoryview(buf)
    end = len(mv) if end is None else end
    got = _canonical_histogram(mv, pos, end)
    if got is not None:
        return got
    out = [0.0, 0.0, 0.0, 0.0, 0.0, None, None]
    seen = 0
    unpack = _unpack_d
    try:
        while pos < end:
            j = _HISTO_KEYS.get(mv[pos])
            if j is None or seen & (1 << j):
                return None  # another field, a repeated one, a multi-byte key: the proto class decides
            seen |= 1 << j
            if j < 5:
                out[j] = unpack(mv, pos + 1)[0]
                pos += 9
                continue
            n = mv[pos + 1]
            pos += 2
            if n >= 0x80:
                n, pos = varint(mv, pos - 1, end)
            if pos + n > end or n % 8:
                return None
            out[j] = np.frombuffer(mv, dtype="<f8", count=n // 8, offset=pos).astype(np.float64)
            pos += n
        if pos != end:
            return None
    except (IndexError, ValueError, struct.error):
        return None
    for j in (5, 6):
        if out[j] is None:
            out[j] = np.zeros(0)
    return tuple(out)


_unpack_head = struct.Struct("<BdBdBdBdBdB").unpack_from  # fields 1-5 (doubles) with their keys, the next key
_HEAD_KEYS = (0x09, 0x11, 0x19, 0x21, 0x29, 0x32)
_NATIVE_F8 = struct.pack("=d", 1.0) == struct.pack("<d", 1.0)  # a little-endian machine: '<f8' is float64


_NP = []


def _numpy():
    """numpy, imported on first need: images and scalars are read without it."""
    if not _NP:
        import numpy

        _NP.append(numpy)
    return _NP[0]


def _canonical_histogram(mv, pos, end):
    """decode_histogram of the layout every TF1 writer produces (fields 1-7 in order, the five doubles
    non-zero, two packed arrays): one struct call instead of a loop over the fields, or None."""
    if end - pos < 48:
        return None
    head = _unpack_head(mv, pos)
    if head[0::2] != _HEAD_KEYS:
        return None
    np = _numpy()
    pos += 46
    arrays = []
    for want in (0x32, 0x3A):
        if pos >= end or mv[pos - 1] != want:
            return None
        n = mv[pos]
        if n < 0x80:
            pos += 1
        elif pos + 1 < end and mv[pos + 1] < 0x80:  # up to 2,047 buckets
            n = (n & 0x7F) | (mv[pos + 1] << 7)
            pos += 2
        else:
            n, pos = varint(mv, pos, end)
        if pos + n > end or n % 8:
            return None
        if _NATIVE_F8:  # the bytes copied into a fresh array: cheaper than a view of the whole buffer, then a copy
            got = np.empty(n >> 3)
            memoryview(got).cast("B")[:] = mv[pos : pos + n]
        else:
            got = np.frombuffer(mv, dtype="<f8", count=n >> 3, offset=pos).astype(np.float64)
        arrays.append(got)
        pos += n + 1  # past the next key
    if pos - 1 != end:
        return None
    return head[1], head[3], head[5], head[7], head[9], arrays[0], arrays[1]


def _canonical_image(mv, pos, end):
    """image_fields of the layout writers produce (height, width, colorspace in order, then the
    encoded bytes): a few varints read in place, or None."""
    out = []
    try:
        for key in (0x08, 0x10, 0x18):
            if mv[pos] != key:
                return None
            v = mv[pos + 1]
            if v < 0x80:
                pos += 2
            else:
                v, pos = varint(mv, pos + 1, end)
                v = _int32(v)
            out.append(v)
        if mv[pos] != 0x22:
            return None
        n, s = varint(mv, pos + 1, end)
    except (IndexError, ValueError):
        return None
    if s + n != end:
        return None
    return out[0], out[1], out[2], s, end


def image_fields(buf, pos=0, end=None):
    """``(height, width, colorspace, start, stop)`` of Summary.Image bytes (``buf[start:stop]`` is the
    encoded image, not copied), or None."""
    mv = memoryview(buf)
    end = len(mv) if end is None else end
    got = _canonical_image(mv, pos, end)
    if got is not None:
        return got
    try:
        out = [0, 0, 0, pos, pos]
        seen = set()
        for f, wt, s, e, v in iter_fields(mv, pos, end):
            if f in seen:
                return None
            seen.add(f)
            if f in (1, 2, 3) and wt == 0:
                out[f - 1] = _int32(v)
            elif f == 4 and wt == 2:
                out[3], out[4] = s, e
            else:
                return None
        return tuple(out)
    except (IndexError, ValueError):
        return None


def decode_image(buf):
    """``(height, width, colorspace, encoded)`` of Summary.Image bytes, or None."""
    got = image_fields(buf)
    return None if got is None else (*got[:3], bytes(memoryview(buf)[got[3] : got[4]]))


def audio_fields(buf, pos=0, end=None):
    """``(sample_rate, num_channels, length_frames, start, stop, content_type)`` of Summary.Audio
    bytes (``buf[start:stop]`` is the encoded audio, not copied), or None."""
    mv = memoryview(buf)
    end = len(mv) if end is None else end
    try:
        out = [0.0, 0, 0, pos, pos, ""]
        seen = set()
        for f, wt, s, e, v in iter_fields(mv, pos, end):
            if f in seen:
                return None
            seen.add(f)
            if f == 1 and wt == 5:
                out[0] = _unpack_f(mv, s)[0]
            elif f in (2, 3) and wt == 0:
                out[f - 1] = _signed64(v)
            elif f == 4 and wt == 2:
                out[3], out[4] = s, e
            elif f == 5 and wt == 2:
                out[5] = bytes(mv[s:e]).decode("utf-8")
            else:
                return None
        return tuple(out)
    except (IndexError, ValueError, UnicodeDecodeError):
        return None


def decode_audio(buf):
    """``(sample_rate, num_channels, length_frames, encoded, content_type)`` of Summary.Audio bytes, or None."""
    got = audio_fields(buf)
    return None if got is None else (*got[:3], bytes(memoryview(buf)[got[3] : got[4]]), got[5])


def tensor_header(buf, pos, end):
    """``(dtype, shape)`` of TensorProto bytes (shape a list of dim sizes), or None when unusual."""
    try:
        dtype, shape = 0, []
        seen = set()
        for f, wt, s, e, v in iter_fields(buf, pos, end):
            if f in (1, 2) and f in seen:
                return None
            seen.add(f)
            if f == 1 and wt == 0:
                dtype = v
            elif f == 2 and wt == 2:
                for f2, wt2, s2, e2, _ in iter_fields(buf, s, e):
                    if f2 != 2 or wt2 != 2:
                        return None  # unknown_rank or something else
                    size = 0
                    for f3, wt3, _, _, v3 in iter_fields(buf, s2, e2):
                        if f3 == 1 and wt3 == 0:
                            size = _signed64(v3)
                        elif f3 != 2 or wt3 != 2:
                            return None
                    shape.append(size)
        return dtype, shape
    except (IndexError, ValueError):
        return None


def decode_tensor_bytes(buf):
    """A numpy array of TensorProto bytes holding ``tensor_content`` (numbers) or ``string_val``; None otherwise."""
    np = _numpy()

    try:
        mv = memoryview(buf)
        head = tensor_header(mv, 0, len(mv))
        if head is None:
            return None
        dtype, shape = head
        content = None
        strings = []
        for f, wt, s, e, _ in iter_fields(mv, 0, len(mv)):
            if f in (1, 2, 3):
                continue
            if f == 4 and wt == 2 and content is None:
                content = (s, e)
            elif f == 8 and wt == 2 and dtype == 7:
                strings.append(bytes(mv[s:e]))
            else:
                return None
        n = 1
        for d in shape:
            if d < 0:
                return None
            n *= d
        if dtype == 7:
            if content is not None or len(strings) != n:
                return None
            arr = np.empty(n, dtype=object)
            arr[:] = strings
            return arr.reshape(shape)
        np_dtype = _decode.DTYPES.get(dtype)
        if np_dtype is None or np_dtype is object or content is None:
            return None
        dt = np.dtype(np_dtype)
        s, e = content
        if e - s != n * dt.itemsize:
            return None
        return np.frombuffer(mv, dtype=dt.newbyteorder("<"), count=n, offset=s).astype(dt).reshape(shape)
    except (IndexError, ValueError):
        return None



def string_vals(buf):
    """The ``string_val`` entries of TensorProto bytes (a list of bytes), whatever its shape says."""
    try:
        mv = memoryview(buf)
        out = [bytes(mv[s:e]) for f, wt, s, e, _ in iter_fields(mv, 0, len(mv)) if f == 8 and wt == 2]
        return out
    except (IndexError, ValueError):
        from tensorboard.compat.proto import tensor_pb2

        return list(tensor_pb2.TensorProto.FromString(bytes(buf)).string_val)
