"""tfcompat._lazy_tf: TensorFlow and Keras load on first use, and versions below the floors are refused by name."""

import pytest

from tfcompat import MissingDependencyError
from tfcompat._lazy_tf import import_keras, import_tf


def test_a_keras_older_than_the_floor_is_refused_with_its_version(monkeypatch):
    keras = pytest.importorskip("keras", reason="needs Keras")
    monkeypatch.setattr(keras, "__version__", "3.3.3")
    with pytest.raises(MissingDependencyError, match=r"Keras >= 3\.12\. Received: keras==3\.3\.3"):
        import_keras()


def test_a_tensorflow_older_than_the_floor_is_refused_with_its_version(monkeypatch):
    tf = pytest.importorskip("tensorflow", reason="needs TensorFlow")
    monkeypatch.setattr(tf, "__version__", "2.15.1")
    with pytest.raises(MissingDependencyError, match=r"TensorFlow >= 2\.16 \(Keras 3\)\. Received: tensorflow==2\.15\.1"):
        import_tf()


def test_the_installed_versions_pass():
    pytest.importorskip("tensorflow", reason="needs TensorFlow")
    version = import_keras().__version__
    assert tuple(int(p) for p in version.split(".")[:2]) >= (3, 12), version
