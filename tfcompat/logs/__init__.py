"""Reading TensorBoard event files without TensorFlow: ``tfcompat.logs``.

Mirrors what TensorBoard's ``EventAccumulator`` reports (scalars, TF2 scalar
tensors, histograms, images, audio, text), with TensorBoard's purge rules, much faster,
and with damaged files reported instead of silently cut. Imports only numpy and
protobuf (tensorboard's compiled protos, loaded on first need), never TensorFlow
or Keras.

Example::

    from tfcompat.logs import read_scalars
    for (run, tag), s in read_scalars("logs").items():
        print(run, tag, s.step[-1], s.value[-1])
"""

from tfcompat._errors import DamagedRecordError, LogReadError
from tfcompat.logs._files import iter_event_files
from tfcompat.logs._inspect import inspect
from tfcompat.logs._reader import read_scalars
from tfcompat.logs._series import ScalarSeries
from tfcompat.logs._values import (
    Audio,
    Histogram,
    Image,
    Text,
    read_audio,
    read_events,
    read_histograms,
    read_images,
    read_text,
    scalars_to_pandas,
)

__all__ = [
    "read_scalars",
    "ScalarSeries",
    "iter_event_files",
    "read_events",
    "read_histograms",
    "read_images",
    "read_audio",
    "read_text",
    "Histogram",
    "Image",
    "Audio",
    "Text",
    "inspect",
    "scalars_to_pandas",
    "DamagedRecordError",
    "LogReadError",
]

# compare (tfcompat compare / tfcompat.testing), re-exported here:
from tfcompat.logs._compare import ComparisonResult, PairComparison, compare_logs, compare_scalars  # noqa: E402

__all__ += ["compare_logs", "compare_scalars", "ComparisonResult", "PairComparison"]
