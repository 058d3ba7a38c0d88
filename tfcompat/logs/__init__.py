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

import importlib

from tfcompat._errors import DamagedRecordError, LogReadError, NotAnEventFileError

# Names load on first use, so ``import tfcompat.logs`` costs no numpy/protobuf
# import until something is read (the CLI's --help stays instant).
_LAZY = {
    "read_scalars": "tfcompat.logs._reader",
    "ScalarSeries": "tfcompat.logs._series",
    "iter_event_files": "tfcompat.logs._files",
    "read_events": "tfcompat.logs._values",
    "read_histograms": "tfcompat.logs._values",
    "read_images": "tfcompat.logs._images",
    "read_audio": "tfcompat.logs._values",
    "read_text": "tfcompat.logs._values",
    "Histogram": "tfcompat.logs._values",
    "Image": "tfcompat.logs._common",
    "Audio": "tfcompat.logs._values",
    "Text": "tfcompat.logs._values",
    "inspect": "tfcompat.logs._inspect",
    "scalars_to_pandas": "tfcompat.logs._values",
    "compare_logs": "tfcompat.logs._compare",
    "compare_scalars": "tfcompat.logs._compare",
    "ComparisonResult": "tfcompat.logs._compare",
    "PairComparison": "tfcompat.logs._compare",
}

__all__ = list(_LAZY) + ["DamagedRecordError", "LogReadError", "NotAnEventFileError"]


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tfcompat.logs' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
