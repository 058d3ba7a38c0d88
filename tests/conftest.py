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


def pytest_configure(config):
    # TFCOMPAT_BLOCK_TF=1: run the suite as where TensorFlow is not installed (tests/test_no_tensorflow.py
    # uses it for the reading side; tests that need TensorFlow skip).
    import os

    if os.environ.get("TFCOMPAT_BLOCK_TF") == "1":
        from tests.support import block_tensorflow

        block_tensorflow()
