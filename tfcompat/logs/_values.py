"""Readers of the non-scalar summaries: histograms, images, text, and raw events."""

import collections
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, BinaryIO

import numpy as np

from tfcompat._errors import MissingDependencyError
from tfcompat._urls import local_path
from tfcompat.logs._common import GcPaused, Image
from tfcompat.logs._files import event_source
from tfcompat.logs._reader import check_flag, name_filter, read_runs
from tfcompat.logs._scan import KIND_OF_PLUGIN, proto_event
from tfcompat.logs._series import ScalarSeries
from tfcompat.wire import payloads as _payloads
from tfcompat.wire.decode import decode_tensor
from tfcompat.wire.records import iter_records

if TYPE_CHECKING:  # pandas is optional, the Event proto loads on first read
    import pandas
    from tensorboard.compat.proto.event_pb2 import Event

__all__ = [
    "Histogram",
    "Image",
    "Audio",
    "Text",
    "read_events",
    "read_histograms",
    "read_images_numpy",
    "read_audio",
    "read_text",
    "scalars_to_pandas",
]

Histogram = collections.namedtuple(
    "Histogram", "step wall_time min max num sum sum_squares bucket_limit bucket"
)
Histogram.__doc__ = """One histogram, as ``EventAccumulator.Histograms`` reports it.

``bucket_limit`` holds the right edge of each bucket and ``bucket`` its count
(numpy arrays). TF2 histograms (``[k, 3]`` tensors of left, right, count) are
converted; their ``sum``/``sum_squares`` are unknown there and reported as NaN.
"""


Audio = collections.namedtuple("Audio", "step wall_time sample_rate encoded content_type")
Audio.__doc__ = "One audio clip: WAV bytes in ``encoded``; sample_rate 0 when unknown (TF2 keeps it in plugin metadata)."

Text = collections.namedtuple("Text", "step wall_time text")
Text.__doc__ = "One text summary; ``text`` is a str, or a numpy array of str for non-scalar text tensors."


def read_events(source: str | os.PathLike | bytes | BinaryIO, skip_damaged: bool = False,
                verify: bool = True) -> Iterator[tuple[int, "Event"]]:
    """Yields ``(offset, event)`` for each record of one event file.

    Mirrors ``tf.compat.v1.train.summary_iterator`` (``event`` is tensorboard's
    ``Event`` proto), with CRCs checked and a truncated tail ending quietly. The
    file is read in windows: memory stays bounded whatever its size.

    Args:
        source: a path, bytes, or a file object opened in binary mode.
        skip_damaged: skip damaged records instead of raising.
        verify: check every record's data CRC.

    Raises:
        DamagedRecordError: a damaged record (unless ``skip_damaged``).
        NotAnEventFileError: ``source`` names a FIFO, a device, a directory.
        TypeError: ``source`` is a file opened in text mode.
    """
    check_flag("skip_damaged", skip_damaged)
    check_flag("verify", verify)
    path = source if isinstance(source, str) else getattr(source, "name", "<bytes>")
    if isinstance(source, str):
        source = event_source(local_path(source))  # a URL's bytes (file:// is a local path)
    for offset, data in iter_records(source, path=path, skip_damaged=skip_damaged, verify=verify):
        yield offset, proto_event(data, path, offset)


def _items(logdir, kinds, runs, tags, skip_damaged):
    with GcPaused():
        return _gather(logdir, kinds, runs, tags, skip_damaged)


def _gather(logdir, kinds, runs, tags, skip_damaged):
    wanted = name_filter(tags, "tags")
    out = {}
    keep = set(kinds) | {"tensor"}
    for run, data in read_runs(logdir, runs=runs, keep_payloads=keep, skip_damaged=skip_damaged).items():
        step = wall = None  # as lists (numpy's per-element access costs more), once there is a value
        for i, tag, kind, payload in data.others:
            if kind == "tensor":
                kind = KIND_OF_PLUGIN.get(data.plugins.get(tag), "tensor")
            if kind in kinds and (wanted is None or tag in wanted):
                if step is None:
                    step, wall = data.step.tolist(), data.wall.tolist()
                out.setdefault((run, tag), []).append((step[i], wall[i], payload))
    return dict(sorted(out.items()))


def _tensor(data):
    """numpy array of TensorProto bytes (by hand when plain, else through the proto class)."""
    arr = _payloads.decode_tensor_bytes(data)
    if arr is None:
        from tensorboard.compat.proto import tensor_pb2

        arr = decode_tensor(tensor_pb2.TensorProto.FromString(data))
    return arr


def _histogram(step, wall, field, data):
    if field == "histo":  # TF1 HistogramProto: decoded by the scan, or its bytes from the proto path
        h = data if isinstance(data, tuple) else _payloads.decode_histogram(data)
        if h is None:
            from tensorboard.compat.proto import summary_pb2

            p = summary_pb2.HistogramProto.FromString(data)
            h = (p.min, p.max, p.num, p.sum, p.sum_squares, np.array(p.bucket_limit, dtype=np.float64),
                 np.array(p.bucket, dtype=np.float64))
        return Histogram(step, wall, *h)
    a = np.asarray(_tensor(data), dtype=np.float64).reshape(-1, 3)
    n = float(a[:, 2].sum())
    lo = float(a[0, 0]) if len(a) else np.nan
    hi = float(a[-1, 1]) if len(a) else np.nan
    return Histogram(step, wall, lo, hi, n, np.nan, np.nan, a[:, 1].copy(), a[:, 2].copy())


def read_histograms(logdir: str | os.PathLike, *, runs: str | Iterable[str] | None = None,
                    tags: str | Iterable[str] | None = None,
                    skip_damaged: bool = False) -> dict[tuple[str, str], list[Histogram]]:
    """Reads histograms: mirrors ``EventAccumulator.Histograms`` (TF1 ``histo``) and TF2 histogram tensors.

    Bucket arrays come straight from the record bytes (``np.frombuffer``), no proto objects.

    Returns:
        dict ``(run, tag) -> list of Histogram`` in file order, purge rules applied.
    """
    out = {}
    items = _items(logdir, ("histogram",), runs, tags, skip_damaged)
    with GcPaused():
        for key, got in items.items():
            out[key] = [_histogram(step, wall, *p) for step, wall, p in got]
    return out


def read_images_numpy(logdir, runs=None, tags=None, skip_damaged=False):
    """read_images (tfcompat.logs._images) through RunData: TF2 image tensors, damage, purges."""
    out = {}
    for key, items in _items(logdir, ("image",), runs, tags, skip_damaged).items():
        imgs = []
        for step, wall, (field, data) in items:
            if field == "image":
                im = data if isinstance(data, tuple) else _payloads.decode_image(data)
                if im is None:
                    from tensorboard.compat.proto import summary_pb2

                    p = summary_pb2.Summary.Image.FromString(data)
                    im = (p.height, p.width, p.colorspace, p.encoded_image_string)
                imgs.append(Image(step, wall, im[1], im[0], im[3]))
            else:
                vals = _payloads.string_vals(data)  # [width, height, image, image, ...]
                w = int(vals[0]) if vals and vals[0].isdigit() else 0
                h = int(vals[1]) if len(vals) > 1 and vals[1].isdigit() else 0
                imgs.extend(Image(step, wall, w, h, enc) for enc in vals[2:])
        out[key] = imgs
    return out


def read_audio(logdir: str | os.PathLike, *, runs: str | Iterable[str] | None = None,
               tags: str | Iterable[str] | None = None,
               skip_damaged: bool = False) -> dict[tuple[str, str], list[Audio]]:
    """Reads audio: mirrors ``EventAccumulator.Audio`` (TF1 ``audio``) and TF2 audio tensors.

    Returns:
        dict ``(run, tag) -> list of Audio``; a TF2 summary of k clips gives k entries.
    """
    out = {}
    for key, items in _items(logdir, ("audio",), runs, tags, skip_damaged).items():
        clips = []
        for step, wall, (field, data) in items:
            if field == "audio":
                a = data if isinstance(data, tuple) else _payloads.decode_audio(data)
                if a is None:
                    from tensorboard.compat.proto import summary_pb2

                    p = summary_pb2.Summary.Audio.FromString(data)
                    a = (p.sample_rate, p.num_channels, p.length_frames, p.encoded_audio_string, p.content_type)
                clips.append(Audio(step, wall, a[0], a[3], a[4]))
            else:
                vals = _payloads.string_vals(data)  # [k, 2] of (encoded, label)
                clips.extend(Audio(step, wall, 0, enc, "audio/wav") for enc in vals[0::2])
        out[key] = clips
    return out


def read_text(logdir: str | os.PathLike, *, runs: str | Iterable[str] | None = None,
              tags: str | Iterable[str] | None = None,
              skip_damaged: bool = False) -> dict[tuple[str, str], list[Text]]:
    """Reads text summaries (TF1 ``tf.summary.text`` and TF2): plugin ``text`` string tensors.

    Returns:
        dict ``(run, tag) -> list of Text``.
    """
    out = {}
    for key, items in _items(logdir, ("text",), runs, tags, skip_damaged).items():
        texts = []
        for step, wall, (_, data) in items:
            arr = _tensor(data)
            dec = np.vectorize(lambda b: b.decode("utf-8", "replace"), otypes=[object])(arr) if arr.size else arr
            texts.append(Text(step, wall, dec.item() if dec.ndim == 0 else dec))
        out[key] = texts
    return out


def scalars_to_pandas(mapping: Mapping[tuple[str, str], ScalarSeries]) -> "pandas.DataFrame":
    """One long ``pandas.DataFrame`` (run, tag, step, wall_time, value) of a ``read_scalars`` result."""
    try:
        import pandas as pd
    except ImportError as e:
        raise MissingDependencyError("scalars_to_pandas() needs pandas: pip install pandas") from e
    frames = []
    for (run, tag), s in mapping.items():
        frames.append(pd.DataFrame({"run": run, "tag": tag, "step": s.step, "wall_time": s.wall_time, "value": s.value}))
    if not frames:
        return pd.DataFrame({"run": [], "tag": [], "step": np.zeros(0, np.int64),
                             "wall_time": np.zeros(0), "value": np.zeros(0)})
    return pd.concat(frames, ignore_index=True)
