"""Mirrors Keras 2.2's ``keras.layers.embeddings``: ``Embedding`` (Keras 3's; ``input_length`` is accepted)."""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._keras2_layers import keras2_layer

keras = import_keras()

__all__ = ["Embedding"]

Embedding = keras2_layer(keras.layers.Embedding, __name__)
