"""Mirrors Keras 2.2's ``keras.layers.wrappers``: Wrapper, TimeDistributed, Bidirectional (Keras 3's)."""

from tfcompat._lazy_tf import import_keras

keras = import_keras()

__all__ = ["Wrapper", "TimeDistributed", "Bidirectional"]

Wrapper = keras.layers.Wrapper
TimeDistributed = keras.layers.TimeDistributed
Bidirectional = keras.layers.Bidirectional
