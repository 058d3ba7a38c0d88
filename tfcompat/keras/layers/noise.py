"""Mirrors Keras 2.2's ``keras.layers.noise``: GaussianNoise, GaussianDropout, AlphaDropout (Keras 3's)."""

from tfcompat._lazy_tf import import_keras

keras = import_keras()

__all__ = ["GaussianNoise", "GaussianDropout", "AlphaDropout"]

GaussianNoise = keras.layers.GaussianNoise
GaussianDropout = keras.layers.GaussianDropout
AlphaDropout = keras.layers.AlphaDropout
