"""Wire-format decoding of ``Event`` records without the proto classes.

The common shape of a summary event, as TF1 ``FileWriter``, TF2 ``tf.summary``,
Keras, tensorboardX and PyTorch write it, is::

    Event{wall_time, step, summary{value{tag, [metadata], simple_value | rank-0 tensor}}}

:func:`parse_layout` reads that shape by hand and says where each number sits
in the record (its *payload*); everything else in the record is *skeleton*.
Two records with the same skeleton bytes parse the same way, which lets the
scanner decode thousands of them at once with numpy. Anything else returns
None and is read with tensorboard's proto classes (:func:`decode_tensor`
mirrors ``tensor_util.make_ndarray`` for those).
"""

import struct

__all__ = ["parse_layout", "parse_special", "read_payload", "decode_tensor", "varint", "iter_fields", "text",
           "plugin_name"]

# Payload kinds: fixed-size little-endian floats/ints, or a varint.
F4, F8, I4, I8, VARINT, HALF = "f4", "f8", "i4", "i8", "varint", "half"

_unpack_f = struct.Struct("<f").unpack_from
_unpack_d = struct.Struct("<d").unpack_from
_unpack_i4 = struct.Struct("<i").unpack_from
_unpack_i8 = struct.Struct("<q").unpack_from
_unpack_e = struct.Struct("<e").unpack



def _dtypes():
    """TensorFlow DataType enum -> numpy dtype, for the dtypes a summary can hold."""
    import numpy as np

    return {
        1: np.float32, 2: np.float64, 3: np.int32, 4: np.uint8, 5: np.int16, 6: np.int8,
        7: object, 9: np.int64, 10: np.bool_, 14: None, 17: np.uint16, 19: np.float16,
        22: np.uint32, 23: np.uint64,
    }


def _dtype_table():
    table = globals().get("DTYPES")
    return table if table is not None else __getattr__("DTYPES")


def __getattr__(name):
    # DTYPES is built on first use: the parsers here serve numpy-free paths (a small `inspect`)
    if name == "DTYPES":
        value = globals()["DTYPES"] = _dtypes()
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# dtype -> (payload kind for 4/8-byte tensor_content, packed field number of the typed list)
_SCALAR_DTYPES = {1: (F4, 5), 2: (F8, 6), 3: (I4, 7), 9: (I8, 10), 19: (None, 13)}

_tag_cache = {}


def varint(buf, pos, end):
    """(value, new_pos) of the varint at ``pos``; raises IndexError/ValueError when bad."""
    b = buf[pos]
    if b < 0x80:
        return b, pos + 1
    result = b & 0x7F
    shift = 7
    pos += 1
    while True:
        if pos >= end or shift > 63:
            raise ValueError("bad varint")
        b = buf[pos]
        result |= (b & 0x7F) << shift
        pos += 1
        if b < 0x80:
            return result & 0xFFFFFFFFFFFFFFFF, pos  # protobuf keeps the low 64 bits
        shift += 7


def text(raw):
    s = _tag_cache.get(raw)
    if s is None:
        s = raw.decode("utf-8")  # strict: invalid UTF-8 goes to the proto path (which rejects it)
        if len(_tag_cache) < 100000:
            _tag_cache[raw] = s
    return s


def iter_fields(buf, pos, end):
    """Yields (field, wire_type, start, stop, value) of a message; raises ValueError when malformed."""
    while pos < end:
        key, pos = varint(buf, pos, end)
        field, wt = key >> 3, key & 7
        if wt == 0:
            start = pos
            value, pos = varint(buf, pos, end)
        elif wt == 1:
            start, pos, value = pos, pos + 8, None
        elif wt == 5:
            start, pos, value = pos, pos + 4, None
        elif wt == 2:
            n, start = varint(buf, pos, end)
            pos = start + n
            value = None
        else:
            raise ValueError("unsupported wire type")
        if pos > end or field == 0:
            raise ValueError("field runs past its message")
        yield field, wt, start, pos, value


def plugin_name(buf, pos, end):
    name = ""
    for f, wt, s, e, _ in iter_fields(buf, pos, end):
        if f == 1 and wt == 2:  # plugin_data
            for f2, wt2, s2, e2, _ in iter_fields(buf, s, e):
                if f2 == 1 and wt2 == 2:
                    name = text(bytes(buf[s2:e2]))
    return name


def _scalar_tensor(buf, pos, end):
    """Payload ``(start, stop, kind)`` of a rank-0 numeric tensor, or None."""
    dtype = None
    payload = None
    seen = set()
    for f, wt, s, e, v in iter_fields(buf, pos, end):
        if f in seen:
            return None
        seen.add(f)
        if f == 1 and wt == 0:
            dtype = v
        elif f == 2 and wt == 2:
            if e != s:  # a shape with dims: not a scalar
                return None
        elif f == 3 and wt == 0:
            pass  # version_number
        elif payload is None and wt == 2 and f in (4, 5, 6, 7, 10, 13):
            payload = (f, s, e)
        else:
            return None
    if dtype not in _SCALAR_DTYPES or payload is None:
        return None
    kind, list_field = _SCALAR_DTYPES[dtype]
    f, s, e = payload
    if f == 4:  # tensor_content: raw little-endian bytes of one element
        if kind is None or e - s != (4 if kind in (F4, I4) else 8):
            return None
        return s, e, kind
    if f != list_field:
        return None
    if dtype in (1, 2):
        if e - s != (4 if dtype == 1 else 8):
            return None
        return s, e, kind
    # int_val / int64_val / half_val: exactly one varint
    try:
        _, p = varint(buf, s, e)
    except (IndexError, ValueError):
        return None
    if p != e:
        return None
    return s, e, (HALF if dtype == 19 else VARINT)


def parse_layout(buf, pos, end):
    """The layout of the summary event in ``buf[pos:end]``, or None if it is not the common shape.

    Returns:
        ``(wall, step, has_summary, values)`` where ``wall``/``step`` are payloads
        ``(start, stop, kind)`` or None (field absent = 0), and ``values`` is a list
        of ``(tag, source, plugin, payload)``; ``source`` is ``"simple"`` or
        ``"tensor"``; ``plugin`` is the metadata's plugin name or None.
    """
    try:
        return _parse_layout(buf, pos, end)
    except (IndexError, ValueError, UnicodeDecodeError):
        return None


def _parse_layout(buf, pos, end):
    wall = step = summary = None
    for f, wt, s, e, _ in iter_fields(buf, pos, end):
        if f == 1 and wt == 1 and wall is None:
            wall = (s, e, F8)
        elif f == 2 and wt == 0 and step is None:
            step = (s, e, VARINT)
        elif f == 5 and wt == 2 and summary is None:
            summary = (s, e)
        else:
            return None
    values = []
    if summary is not None:
        for f, wt, s, e, _ in iter_fields(buf, summary[0], summary[1]):
            if f != 1 or wt != 2:
                return None
            tag = node = plugin = payload = None
            source = None
            for f2, wt2, s2, e2, _ in iter_fields(buf, s, e):
                if f2 == 1 and wt2 == 2 and tag is None:
                    tag = text(bytes(buf[s2:e2]))
                elif f2 == 7 and wt2 == 2 and node is None:
                    node = text(bytes(buf[s2:e2]))
                elif f2 == 9 and wt2 == 2 and plugin is None:
                    plugin = plugin_name(buf, s2, e2)
                elif f2 == 2 and wt2 == 5 and source is None:
                    source, payload = "simple", (s2, e2, F4)
                elif f2 == 8 and wt2 == 2 and source is None:
                    payload = _scalar_tensor(buf, s2, e2)
                    if payload is None:
                        return None
                    source = "tensor"
                else:
                    return None
            if source is None:
                return None
            if tag is None:
                tag = ""
            if source == "tensor" and not tag:
                return None  # TF1-era tensor named by node_name: the proto path keys it as TensorBoard does
            values.append((tag, source, plugin, payload))
    return wall, step, summary is not None, values


def read_payload(buf, payload):
    """The number a payload ``(start, stop, kind)`` holds, as a Python float or int."""
    s, e, kind = payload
    if kind == F4:
        return _unpack_f(buf, s)[0]
    if kind == F8:
        return _unpack_d(buf, s)[0]
    if kind == I4:
        return _unpack_i4(buf, s)[0]
    if kind == I8:
        return _unpack_i8(buf, s)[0]
    v, _ = varint(buf, s, e)
    if kind == HALF:
        return _unpack_e((v & 0xFFFF).to_bytes(2, "little"))[0]
    return v - (1 << 64) if v >= 1 << 63 else v


def decode_tensor(t):
    """A numpy array of a ``TensorProto``: what ``tensor_util.make_ndarray`` returns, without TF."""
    import numpy as np

    shape = [d.size for d in t.tensor_shape.dim]
    n = int(np.prod(shape)) if shape else 1
    dt = t.dtype
    if dt == 7:  # DT_STRING
        vals = list(t.string_val)
        arr = np.empty(len(vals), dtype=object)
        arr[:] = vals
        return _fill(arr, shape, n)
    np_dtype = _dtype_table().get(dt)
    if dt == 14:  # bfloat16: the high half of a float32
        raw = np.frombuffer(t.tensor_content, dtype="<u2") if t.tensor_content else np.array(
            t.half_val, dtype=np.uint32).astype("<u2")
        return _fill((raw.astype(np.uint32) << 16).view(np.float32), shape, n)
    if np_dtype is None or np_dtype is object:
        raise ValueError(f"unsupported tensor dtype {dt}")
    if t.tensor_content:
        return np.frombuffer(t.tensor_content, dtype=np.dtype(np_dtype).newbyteorder("<")).astype(
            np_dtype).reshape(shape)
    if dt == 19:
        vals = np.array(t.half_val, dtype=np.uint16).view(np.float16)
    elif dt == 1:
        vals = np.array(t.float_val, dtype=np.float32)
    elif dt == 2:
        vals = np.array(t.double_val, dtype=np.float64)
    elif dt in (9,):
        vals = np.array(t.int64_val, dtype=np.int64)
    elif dt == 23:
        vals = np.array(t.uint64_val, dtype=np.uint64)
    elif dt == 22:
        vals = np.array(t.uint32_val, dtype=np.uint32)
    elif dt == 10:
        vals = np.array(t.bool_val, dtype=np.bool_)
    else:
        vals = np.array(t.int_val, dtype=np.int64).astype(np_dtype)
    return _fill(vals, shape, n)


def _fill(vals, shape, n):
    import numpy as np

    # make_ndarray repeats a single value to fill the shape (a constant tensor
    # stores one value); no value at all for a non-empty shape is an error there too.
    if vals.size == n:
        return vals.reshape(shape)
    if vals.size == 0:
        raise ValueError(f"tensor holds no value for shape {shape}")
    if vals.size < n:
        vals = np.concatenate([vals, np.repeat(vals[-1:], n - vals.size)])
        return vals.reshape(shape)
    raise ValueError(f"tensor holds {vals.size} values for shape {shape}")


# Event oneof ``what`` fields that carry no summary: field -> kind
_SPECIAL = {3: "file_version", 4: "graph_def", 7: "session_log", 8: "run_metadata", 9: "meta_graph_def"}


def parse_special(buf, pos, end):
    """``(wall, step, kind, info)`` of a file_version / graph / session_log / run_metadata event, or None.

    ``info`` is the version string, the session status, or the run-metadata tag.
    Saves loading the proto classes for files holding only scalars and these.
    """
    try:
        return _parse_special(buf, pos, end)
    except (IndexError, ValueError, UnicodeDecodeError):
        return None


def _check_strings(buf, s, e, string_fields):
    """Validates a submessage whose fields are strings (UTF-8, as proto3 requires) or varints."""
    out = {}
    for f, wt, s2, e2, v in iter_fields(buf, s, e):
        if f in out or (wt == 2) != (f in string_fields):
            return None
        out[f] = bytes(buf[s2:e2]).decode("utf-8") if wt == 2 else v
    return out


def _parse_special(buf, pos, end):
    wall = 0.0
    step = 0
    kind = info = None
    seen = set()
    for f, wt, s, e, v in iter_fields(buf, pos, end):
        if f in seen:
            return None
        seen.add(f)
        if f == 1 and wt == 1:
            wall = _unpack_d(buf, s)[0]
        elif f == 2 and wt == 0:
            step = v - (1 << 64) if v >= 1 << 63 else v
        elif f in _SPECIAL and wt == 2 and kind is None:
            kind = _SPECIAL[f]
            if f == 3:
                info = bytes(buf[s:e]).decode("utf-8")
            elif f == 7:
                sub = _check_strings(buf, s, e, (2, 3))
                if sub is None:
                    return None
                info = sub.get(1, 0)
            elif f == 8:
                sub = {}
                for f2, wt2, s2, e2, _ in iter_fields(buf, s, e):
                    if f2 in sub or wt2 != 2 or f2 not in (1, 2):
                        return None
                    sub[f2] = bytes(buf[s2:e2]).decode("utf-8") if f2 == 1 else None
                info = sub.get(1, "")
        elif f == 10 and wt == 2:  # source_metadata {writer}
            if _check_strings(buf, s, e, (1,)) is None:
                return None
        else:
            return None
    if kind is None:
        return None
    return wall, step, kind, info
