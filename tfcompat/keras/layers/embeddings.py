"""Mirrors Keras 2.2's ``keras.layers.embeddings``: ``Embedding`` (Keras 3's; ``input_length`` is accepted)."""

from tfcompat._lazy_tf import import_keras

keras = import_keras()

__all__ = ["Embedding"]

Embedding = keras.layers.Embedding
