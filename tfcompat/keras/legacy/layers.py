"""Mirrors Keras 2.2's ``keras.legacy.layers``: Keras 1 layers Keras 3 removed; each raises naming its replacement."""

from tfcompat.keras._same_names import RemovedInKeras3Error, removed_class

__all__ = ["Merge", "merge", "MaxoutDense", "Highway", "AtrousConvolution1D", "AtrousConvolution2D", "Recurrent",
           "ConvRecurrent2D"]

_KERAS1 = "Keras 2 kept it only for Keras 1 code"

Merge = removed_class("Merge", _KERAS1, "keras.layers.Concatenate/Add/Multiply/Average/Maximum/Dot")
MaxoutDense = removed_class("MaxoutDense", _KERAS1, "Dense(units * k) followed by a max over groups of k")
Highway = removed_class("Highway", _KERAS1, "two Dense layers combined with a sigmoid gate")
AtrousConvolution1D = removed_class("AtrousConvolution1D", _KERAS1, "Conv1D(..., dilation_rate=rate)")
AtrousConvolution2D = removed_class("AtrousConvolution2D", _KERAS1, "Conv2D(..., dilation_rate=rate)")
Recurrent = removed_class("Recurrent", _KERAS1, "keras.layers.RNN(cell)")
ConvRecurrent2D = removed_class("ConvRecurrent2D", _KERAS1, "keras.layers.ConvLSTM2D")


def merge(inputs, mode="sum", concat_axis=-1, dot_axes=-1, **kwargs):
    """Keras 1 ``merge(inputs, mode=...)``: raises, naming the Keras 2 function for ``mode``."""
    instead = {"sum": "add", "mul": "multiply", "concat": "concatenate", "ave": "average", "max": "maximum",
               "dot": "dot", "cos": "dot(..., normalize=True)"}.get(mode, "add/multiply/concatenate/average/maximum/dot")
    raise RemovedInKeras3Error(f"Keras 1's merge() is gone in Keras 3; use keras.layers.{instead}(inputs). "
                               f"Received: mode={mode!r}")
