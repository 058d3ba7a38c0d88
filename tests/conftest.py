"""Shared fixtures: ``real_logs`` (skips when ../shared is absent), ``fresh_graph`` (a fresh TF1 legacy
graph), ``s3_endpoint``/``s3_bucket`` (a local S3 server). Plain helpers live in :mod:`tests.support`.

Where TensorFlow is not installed, every test module marked ``pytest.mark.tf`` is skipped whole, with the reason,
before it is imported (its imports would fail); ``TFCOMPAT_BLOCK_TF=1`` runs the suite as if it were not installed.
"""

import importlib.util
import os

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
    if os.environ.get("TFCOMPAT_BLOCK_TF") == "1":
        from tests.support import block_tensorflow

        block_tensorflow()


_NO_TF = "TensorFlow not installed (this module is marked tf): pip install 'tfcompat[cpu]'"


class _SkippedModule(pytest.Module):
    def collect(self):
        pytest.skip(f"{self.path.relative_to(self.config.rootpath)}: {_NO_TF}")


def pytest_pycollect_makemodule(module_path, parent):
    """A module marked ``tf`` is skipped without being imported where TensorFlow is not installed."""
    if importlib.util.find_spec("tensorflow") is None and "pytest.mark.tf" in module_path.read_text(encoding="utf-8"):
        return _SkippedModule.from_parent(parent, path=module_path)
    return None


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    """An S3-compatible server on loopback: moto's server mode (``python -m moto.server``), started for the session.

    Skips where moto's server or s3fs (fsspec's s3://) is not installed. Returns its endpoint URL.
    """
    import socket
    import subprocess
    import sys
    import time

    for module, install in (("moto.server", "moto[server]"), ("s3fs", "s3fs"), ("flask", "moto[server]")):
        pytest.importorskip(module, reason=f"{module} not installed (S3 log dirs on a local server): pip install {install!r}")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(tmp_path_factory.mktemp("moto") / "server.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"moto server did not start on 127.0.0.1:{port} (exit {proc.poll()}); see {log.name}")
            time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def s3_bucket(s3_endpoint, monkeypatch):
    """``s3://<new bucket>`` on the loopback server; fsspec's s3 filesystem is pointed at it for the test."""
    import uuid

    import fsspec

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setitem(fsspec.config.conf, "s3", {"endpoint_url": s3_endpoint, "key": "testing", "secret": "testing"})
    bucket = f"tfcompat-{uuid.uuid4().hex[:10]}"
    fs = fsspec.filesystem("s3")
    fs.mkdir(bucket)
    yield f"s3://{bucket}"
    fs.rm(bucket, recursive=True)
