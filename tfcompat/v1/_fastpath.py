"""Runs fetches of scalar summaries fed from placeholders without calling TensorFlow.

The 2018 logging pattern ``sess.run(merged, feed_dict={loss_ph: loss, ...})``
spends most of its time in ``Session.run`` overhead. When a fetch is a
``ScalarSummary`` (or a ``MergeSummary`` of them) whose values are fed
placeholders or constants, the serialized ``Summary`` TF would return is just
``Summary.Value{tag, simple_value}`` pieces concatenated in merge order. A
:class:`SummaryPlan` is built once per fetch from the real ops (so tags carry
TF1's name scopes and ``_1`` suffixes exactly) and then only packs floats.

Anything a plan cannot reproduce exactly (control dependencies, shaped
placeholders, duplicate tags, other op types) gets no plan and goes to the
real session.
"""

import math
import struct
import warnings

import numpy as np

from tfcompat._errors import GraphError, InvalidArgumentError
from tfcompat._lazy_tf import import_tf
from tfcompat.wire.encode import f32_bytes, varint
from tfcompat.wire.histogram import histo_piece, tf1_histogram_bytes, tf1_histograms_bytes

__all__ = ["SummaryPlan", "build_plan", "feeds_by_id", "PlainSummaryBytes", "python_int_fits", "int_out_of_range"]

_pack_f = struct.Struct("<f").pack
_FAST_FLOATS = (float, np.float64, np.float32)
_UNPLANNABLE = None
_F32, _F64, _OTHER, _HISTO = "float32", "float64", "other", "histogram"  # how SummaryPlan.run packs a fed value
# HistogramSummary inputs answered here (TF's kernel takes these real types; bfloat16 goes to TF).
_HISTO_DTYPES = ("float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                 "uint64")
# TF's kernels run with flush-to-zero: a double whose float32 rounding (with
# unbounded exponent) falls below FLT_MIN becomes a signed zero. Measured
# against TF 2.21's ScalarSummary: the threshold is FLT_MIN * (1 - 2**-25).
_TINY = 1.1754943508222875e-38 * (1 - 2.0 ** -25)


def _float64_to_f32_bytes(x):
    """``static_cast<float>(double)`` under TF's flush-to-zero, as 4 little-endian bytes."""
    if x != 0.0 and -_TINY < x < _TINY:
        x = math.copysign(0.0, x)
    return f32_bytes(x)


class PlainSummaryBytes(bytes):
    """Serialized ``Summary`` known to hold no ``metadata`` (FileWriter writes it as is)."""

    __slots__ = ()


class _Item:
    __slots__ = ("header", "key", "tensor", "np_dtype", "fast", "flush", "const", "kind", "dims", "tag")

    def __init__(self, header, tensor=None, const=None, histogram=False, tag=b""):
        self.header = header  # a histogram's: the tag field only (its length depends on the values)
        self.tag = tag
        self.tensor = tensor
        self.key = id(tensor) if tensor is not None else None
        self.const = const
        self.kind = None
        if tensor is not None:
            self.np_dtype = tensor.dtype.as_numpy_dtype
            self.fast = tensor.dtype.name in ("float32", "float64")
            self.flush = tensor.dtype.name == "float64"
            self.kind = _HISTO if histogram else (_F64 if self.flush else _F32) if self.fast else _OTHER
            shape = tensor.shape
            self.dims = None if shape.rank is None else [d for d in shape.as_list()]


def _value_header(tag):
    # Value body: field 1 (tag) + field 2 (fixed32 simple_value) = 1+len(varint)+len(tag) + 1+4 bytes.
    inner = b"\x0a" + varint(len(tag)) + tag + b"\x15"
    return b"\x0a" + varint(len(inner) + 4) + inner


def _tags_of(op):
    tags_op = op.inputs[0].op
    if tags_op.type != "Const":
        return None
    proto = tags_op.get_attr("value")
    if proto.tensor_shape.dim or len(proto.string_val) != 1:
        return None
    return bytes(proto.string_val[0])


def _scalar_items(op):
    if op.control_inputs:
        return _UNPLANNABLE
    tag = _tags_of(op)
    if tag is None:
        return _UNPLANNABLE
    src = op.inputs[1]
    header = _value_header(tag)
    if src.op.type == "Placeholder":
        shape = src.shape
        if shape.rank not in (None, 0) or src.dtype.is_complex or src.dtype.name in ("string", "variant", "resource"):
            return _UNPLANNABLE
        return [(tag, _Item(header, tensor=src))]
    if src.op.type == "Const" and not src.shape.rank:
        value = import_tf().make_ndarray(src.op.get_attr("value"))
        if value.dtype == np.float64:
            raw = _float64_to_f32_bytes(float(value))
        else:
            with np.errstate(over="ignore"):
                raw = value.astype(np.float32).tobytes()
        return [(tag, _Item(header, const=header + raw))]
    return _UNPLANNABLE


def _histogram_items(op):
    # TF1's tf.summary.histogram of a fed placeholder: the kernel's bytes come from
    # tfcompat.wire.encode.tf1_histogram_bytes (byte-identical, tested against it).
    if op.control_inputs:
        return _UNPLANNABLE
    tag = _tags_of(op)
    src = op.inputs[1]
    if tag is None or src.op.type != "Placeholder" or src.dtype.name not in _HISTO_DTYPES:
        return _UNPLANNABLE
    return [(tag, _Item(b"\x0a" + varint(len(tag)) + tag, tensor=src, histogram=True, tag=tag))]


def _items(tensor, depth=0):
    op = tensor.op
    if depth > 50:
        return _UNPLANNABLE
    if op.type == "ScalarSummary":
        return _scalar_items(op)
    if op.type == "HistogramSummary":
        return _histogram_items(op)
    if op.type == "MergeSummary" and not op.control_inputs:
        out = []
        for inp in op.inputs:
            sub = _items(inp, depth + 1)
            if sub is _UNPLANNABLE:
                return _UNPLANNABLE
            out.extend(sub)
        return out
    return _UNPLANNABLE


def build_plan(tensor):
    """A :class:`SummaryPlan` for ``tensor`` or None when it must run in TF."""
    items = _items(tensor)
    if items is _UNPLANNABLE or not items:
        return None
    tags = [t for t, _ in items]
    if len(set(tags)) != len(tags):
        return None  # TF's MergeSummary raises on duplicates: let it
    return SummaryPlan(tensor, [i for _, i in items])


def feeds_by_id(feed_dict, plans):
    """``feed_dict`` keyed by ``id(placeholder)``, or None if it feeds anything ``plans`` do not read.

    TF validates every fed key and value, read or not (a key from another
    graph, an unknown name, a value of the wrong shape): such feeds go to the
    real session so they fail as they did in TF1.
    """
    feeds = {}
    if feed_dict:
        for k, v in feed_dict.items():
            if type(k) is str:
                for plan in plans:
                    key = plan.names.get(k)
                    if key is not None:
                        break
                else:
                    return None
            elif type(k) is int and k in (0, 1):
                continue  # K.learning_phase() (a Python int under Keras 3): see _session._convert_feeds
            else:
                key = id(k)
                for plan in plans:
                    if key in plan.ids:
                        break
                else:
                    return None
            if type(v) is int and _inexact_float_feed(v, key, plans):
                return None  # whether TF accepts it depends on its version: let TF decide
            feeds[key] = v
    return feeds


def _inexact_float_feed(value, key, plans):
    """True for a Python int a float placeholder cannot hold exactly (2049 or 70000 in float16).

    TF 2.16 (like TF1) refuses those and TF 2.21 rounds them; an int out of an integer dtype's range
    (2**40 in int32) is refused by every version, by the fast path too (:func:`int_out_of_range`).
    """
    item = next((i for plan in plans for i in plan.items if i.key == key), None)
    return item is not None and _inexact_for(item, value)


def _inexact_for(item, value):
    return np.dtype(item.np_dtype).kind == "f" and not python_int_fits(value, item.np_dtype)


class SummaryPlan:
    """Builds the serialized ``Summary`` of one fetch from ``feed_dict`` values."""

    __slots__ = ("tensor", "items", "names", "ids", "slots", "template")

    def __init__(self, tensor, items):
        self.tensor = tensor
        self.items = items
        self.ids = frozenset(i.key for i in items if i.key is not None)
        # Tensor names ("x:0") are feed keys too; op names are not (TF refuses them).
        self.names = {i.tensor.name: i.key for i in items if i.tensor is not None}
        # For run()'s single pass: id(placeholder) -> (position, item) when each placeholder
        # feeds one value (else None: the general path); constants sit in the template.
        slots = {}
        for pos, item in enumerate(items):
            if item.key is not None:
                slots[item.key] = None if item.key in slots else (pos, item.header, item.kind, item)
        self.slots = None if None in slots.values() else slots
        self.template = [item.const for item in items]

    def run(self, feed_dict):
        """Returns the ``Summary`` bytes, or None when TF must run it; raises like ``Session.run`` would."""
        slots = self.slots
        # The 2018 loop feeds exactly this summary's placeholders, by tensor: one pass, no
        # intermediate dict (ids, not the keys' own hash: TF's Tensor.__hash__ costs microseconds).
        if not feed_dict or slots is None or len(feed_dict) != len(slots):
            return self._run_general(feed_dict)
        parts = self.template.copy()
        histograms = None
        for key, value in feed_dict.items():
            hit = slots.get(id(key))
            if hit is None:
                return self._run_general(feed_dict)
            pos, header, kind, item = hit
            if kind is _HISTO:
                if histograms is None:
                    histograms = []
                histograms.append((pos, item, self._histogram_values(item, value)))
                continue
            if kind is _F32 and type(value) in _FAST_FLOATS:
                try:
                    parts[pos] = header + _pack_f(value)
                    continue
                except OverflowError:
                    pass
            elif kind is _F64 and type(value) in _FAST_FLOATS:
                parts[pos] = header + _float64_to_f32_bytes(value)
                continue
            elif type(value) is int and _inexact_for(item, value):
                return None  # whether TF accepts it depends on its version: let TF decide
            parts[pos] = self._piece(item, value)
        if histograms is not None:
            self._fill_histograms(parts, histograms, feed_dict)
        return PlainSummaryBytes(b"".join(parts))

    def _run_general(self, feed_dict):
        feeds = feeds_by_id(feed_dict, (self,))
        return None if feeds is None else self.build(feeds)

    def build(self, feeds):
        """The ``Summary`` bytes from ``feeds`` (see :func:`feeds_by_id`)."""
        parts = []
        for item in self.items:
            if item.key is None:
                parts.append(item.const)
                continue
            try:
                value = feeds[item.key]
            except KeyError:
                raise GraphError(
                    f"Missing feed: the fetched summary {self.tensor.name!r} reads placeholder "
                    f"{item.tensor.name!r} (dtype {item.tensor.dtype.name}), which has no value in "
                    "`feed_dict`. Add it: feed_dict={" + item.tensor.op.name + ": value, ...}."
                ) from None
            kind = item.kind
            if kind is _F32 and type(value) in _FAST_FLOATS:
                try:
                    parts.append(item.header + _pack_f(value))
                    continue
                except OverflowError:
                    pass
            elif kind is _F64 and type(value) in _FAST_FLOATS:
                parts.append(item.header + _float64_to_f32_bytes(value))
                continue
            parts.append(self._piece(item, value))
        return PlainSummaryBytes(b"".join(parts))

    def _piece(self, item, value):
        """The framed ``Summary.value`` of ``item`` fed ``value``, converted as ``Session.run`` converts feeds."""
        if item.kind is _HISTO:
            arr = self._histogram_values(item, value)
            try:
                return histo_piece(item.header, tf1_histogram_bytes(arr))
            except InvalidArgumentError as e:
                raise InvalidArgumentError(
                    f"Nan in summary histogram for: {item.tag.decode('utf-8', 'replace')} (the "
                    f"summary {self.tensor.name!r}): {e}. Received: feed_dict[{item.tensor.op.name}]={value!r:.200}"
                ) from None
        arr = self._as_array(item, value)
        if arr.ndim != 0:
            raise InvalidArgumentError(
                f"The summary {self.tensor.name!r} records a scalar, but placeholder {item.tensor.name!r} "
                f"was fed a value of shape {arr.shape} (TF: tags and values are not the same shape). "
                f"Received: feed_dict[{item.tensor.op.name}]={value!r:.200}"
            )
        if item.flush:
            return item.header + _float64_to_f32_bytes(float(arr))
        with np.errstate(over="ignore"):
            return item.header + arr.astype(np.float32).tobytes()

    def _histogram_values(self, item, value):
        arr = self._as_array(item, value)
        dims = item.dims
        if dims is not None and (len(dims) != arr.ndim or any(d is not None and d != n for d, n in zip(dims, arr.shape))):
            raise InvalidArgumentError(
                f"Cannot feed value of shape {arr.shape} for Tensor {item.tensor.name!r}, which has shape "
                f"{item.tensor.shape}. Received: feed_dict[{item.tensor.op.name}] of shape {arr.shape}"
            )
        return arr

    def _fill_histograms(self, parts, histograms, feed_dict):
        """Puts the histograms of one run into ``parts``, computed together (see tf1_histograms_bytes)."""
        try:
            encoded = tf1_histograms_bytes([arr for _, _, arr in histograms])
        except InvalidArgumentError:  # NaN/inf in one of them: raise naming it
            for _, item, _ in histograms:
                self._piece(item, feed_dict[item.tensor])
            raise
        for (pos, item, _), histogram in zip(histograms, encoded):
            parts[pos] = histo_piece(item.header, histogram)

    def _as_array(self, item, value):
        if type(value) is int and np.dtype(item.np_dtype).kind != "f" and not python_int_fits(value, item.np_dtype):
            raise int_out_of_range(item.tensor, value)
        if type(value) is np.ndarray and value.dtype == item.np_dtype:
            return value  # a histogram's values, usually: nothing to convert
        if value is None:
            # numpy (and so TF) turns None into NaN: a missing metric (logs.get("val_loss")) became a NaN point.
            raise InvalidArgumentError(
                f"`feed_dict` value for placeholder {item.tensor.name!r} of the summary {self.tensor.name!r} is "
                f"None; feed a number (TF wrote None as NaN). Received: feed_dict[{item.tensor.op.name}]=None"
            )
        if hasattr(value, "numpy") and not isinstance(value, np.ndarray):
            value = value.numpy()  # eager tensor / Keras variable
        try:
            with np.errstate(over="ignore", invalid="ignore"):  # TF turns out-of-range values into inf silently too
                return np.asarray(value, dtype=item.np_dtype)
        except (TypeError, ValueError, OverflowError, NotImplementedError) as e:  # NotImplementedError: a graph tensor
            raise InvalidArgumentError(
                f"`feed_dict` value for placeholder {item.tensor.name!r} cannot be converted to "
                f"{item.tensor.dtype.name} ({e}). Received: feed_dict[{item.tensor.op.name}]={value!r:.200}"
            ) from None


def python_int_fits(value, np_dtype) -> bool:
    """False for a Python int ``np_dtype`` cannot hold (70000 in float16, 2**40 in int32), which TF1's
    ``Session.run`` refused; numpy would give inf, wrap to 0 (numpy 1.x) or raise (numpy 2)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # numpy 1.24-1.26: out-of-bound ints wrap
            with np.errstate(over="ignore"):
                return np.asarray(value, dtype=np_dtype).item() == value
    except OverflowError:
        return False


class _IntOutOfRangeError(InvalidArgumentError, TypeError):
    """A Python int a placeholder's dtype cannot hold: TF raises TypeError for it, so this is one too."""


def int_out_of_range(tensor, value):
    """The error of a Python int :func:`python_int_fits` refused, naming the placeholder."""
    return _IntOutOfRangeError(
        f"`feed_dict` value for {tensor.name!r} cannot be converted to {tensor.dtype.name} (a Python int out of "
        f"its range; TF1's Session refused it too: use a larger dtype such as int64). "
        f"Received: feed_dict[{tensor.name}]={value!r}"
    )
