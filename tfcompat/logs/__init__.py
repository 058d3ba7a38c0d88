"""Reading TensorBoard event files without TensorFlow: ``tfcompat.logs``.

Mirrors what TensorBoard's ``EventAccumulator`` reports (scalars, TF2 scalar
tensors, histograms, images, text), with TensorBoard's purge rules, much faster
and with damaged files reported instead of silently cut. Imports only numpy and
protobuf (tensorboard's compiled protos), never TensorFlow or Keras.
"""

from tfcompat.logs._files import iter_event_files
from tfcompat.logs._reader import read_scalars
from tfcompat.logs._series import ScalarSeries

__all__ = [
    "read_scalars",
    "ScalarSeries",
    "iter_event_files",
]
