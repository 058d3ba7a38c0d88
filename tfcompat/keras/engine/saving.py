"""Mirrors Keras 2.2's ``keras.engine.saving``: model files (HDF5 at any path) and configurations."""

from tfcompat.keras.models import load_model, model_from_config, model_from_json, model_from_yaml, save_model

__all__ = ["save_model", "load_model", "model_from_config", "model_from_json", "model_from_yaml"]
