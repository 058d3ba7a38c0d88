"""Shared fixtures: ``real_logs`` (skips when ../shared is absent), ``fresh_graph`` (a fresh TF1 legacy
graph), ``tiny_model`` (a seeded Keras 3 classifier and its data). Plain helpers live in :mod:`tests.support`.
"""

import pytest

from tests.support import REAL_LOGS


@pytest.fixture
def real_logs():
    """Path of the real-logs fixture folder; skips the test when absent."""
    if not REAL_LOGS.is_dir():
        pytest.skip(f"real-logs fixtures not found at {REAL_LOGS}")
    return REAL_LOGS


@pytest.fixture
def fresh_graph():
    """A fresh tfcompat legacy graph before and after the test (``tf.reset_default_graph()``)."""
    pytest.importorskip("tensorflow", reason="needs TensorFlow")
    import tfcompat.v1 as tf

    tf.reset_default_graph()
    yield
    tf.reset_default_graph()
