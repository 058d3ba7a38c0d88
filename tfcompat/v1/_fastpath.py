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

__all__ = ["SummaryPlan", "build_plan", "feeds_by_id", "PlainSummaryBytes", "python_int_fits", "int_out_of_range"]

_pack_f = struct.Struct("<f").pack
_FAST_FLOATS = (float, np.float64, np.float32)
_UNPLANNABLE = None
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
    __slots__ = ("header", "key", "tensor", "np_dtype", "fast", "flush", "const")

    def __init__(self, header, tensor=None, const=None):
        self.header = header
        self.tensor = tensor
        self.key = id(tensor) if tensor is not None else None
        self.const = const
        if tensor is not None:
            self.np_dtype = tensor.dtype.as_numpy_dtype
            self.fast = tensor.dtype.name in ("float32", "float64")
            self.flush = tensor.dtype.name == "float64"


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


def _items(tensor, depth=0):
    op = tensor.op
    if depth > 50:
        return _UNPLANNABLE
    if op.type == "ScalarSummary":
        return _scalar_items(op)
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
    for plan in plans:
        dtype = plan.dtypes.get(key)
        if dtype is not None:
            return np.dtype(dtype).kind == "f" and not python_int_fits(value, dtype)
    return False


class SummaryPlan:
    """Builds the serialized ``Summary`` of one fetch from ``feed_dict`` values."""

    __slots__ = ("tensor", "items", "names", "ids", "dtypes")

    def __init__(self, tensor, items):
        self.tensor = tensor
        self.items = items
        self.ids = frozenset(i.key for i in items if i.key is not None)
        # Tensor names ("x:0") are feed keys too; op names are not (TF refuses them).
        self.names = {i.tensor.name: i.key for i in items if i.tensor is not None}
        self.dtypes = {i.key: i.np_dtype for i in items if i.tensor is not None}

    def run(self, feed_dict):
        """Returns the ``Summary`` bytes, or None when TF must run it; raises like ``Session.run`` would."""
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
            if item.fast and type(value) in _FAST_FLOATS:
                if item.flush:
                    parts.append(item.header + _float64_to_f32_bytes(value))
                    continue
                try:
                    parts.append(item.header + _pack_f(value))
                    continue
                except OverflowError:
                    pass
            parts.append(item.header + self._convert(item, value))
        return PlainSummaryBytes(b"".join(parts))

    def _convert(self, item, value):
        if isinstance(value, int) and np.dtype(item.np_dtype).kind != "f" and not python_int_fits(value, item.np_dtype):
            raise int_out_of_range(item.tensor, value)
        if hasattr(value, "numpy") and not isinstance(value, np.ndarray):
            value = value.numpy()  # eager tensor / Keras variable
        try:
            with np.errstate(over="ignore"):  # TF turns out-of-range values into inf silently too
                arr = np.asarray(value, dtype=item.np_dtype)
        except (TypeError, ValueError, OverflowError, NotImplementedError) as e:  # NotImplementedError: a graph tensor
            raise InvalidArgumentError(
                f"`feed_dict` value for placeholder {item.tensor.name!r} cannot be converted to "
                f"{item.tensor.dtype.name} ({e}). Received: feed_dict[{item.tensor.op.name}]={value!r:.200}"
            ) from None
        if arr.ndim != 0:
            raise InvalidArgumentError(
                f"The summary {self.tensor.name!r} records a scalar, but placeholder {item.tensor.name!r} "
                f"was fed a value of shape {arr.shape} (TF: tags and values are not the same shape). "
                f"Received: feed_dict[{item.tensor.op.name}]={value!r:.200}"
            )
        if item.flush:
            return _float64_to_f32_bytes(float(arr))
        with np.errstate(over="ignore"):
            return arr.astype(np.float32).tobytes()



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


def int_out_of_range(tensor, value):
    """The error of a Python int :func:`python_int_fits` refused, naming the placeholder."""
    return InvalidArgumentError(
        f"`feed_dict` value for {tensor.name!r} cannot be converted to {tensor.dtype.name} (a Python int out of "
        f"its range; TF1's Session refused it too: use a larger dtype such as int64). "
        f"Received: feed_dict[{tensor.name}]={value!r}"
    )
