"""Mirrors Keras 2.2's ``keras.layers.normalization``: ``BatchNormalization`` (Keras 3's, same arguments)."""

from tfcompat._lazy_tf import import_keras

keras = import_keras()

__all__ = ["BatchNormalization"]

BatchNormalization = keras.layers.BatchNormalization
