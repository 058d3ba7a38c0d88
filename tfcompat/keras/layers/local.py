"""Mirrors Keras 2.2's ``keras.layers.local``: Keras 3 removed LocallyConnected1D/2D, so they raise saying so."""

from tfcompat.keras._same_names import removed_class

__all__ = ["LocallyConnected1D", "LocallyConnected2D"]

LocallyConnected1D = removed_class(
    "LocallyConnected1D", "Keras 3 has no locally connected layers",
    "Conv1D with groups, or a DepthwiseConv1D followed by a Dense per position")
LocallyConnected2D = removed_class(
    "LocallyConnected2D", "Keras 3 has no locally connected layers",
    "Conv2D, or DepthwiseConv2D followed by a 1x1 Conv2D")
