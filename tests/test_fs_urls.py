"""Event files written to URL log dirs through fsspec, without TensorFlow: ``memory://`` and ``s3://`` on a real
S3-compatible server on loopback (moto's server mode, see tests/conftest.py). Read back with tfcompat's reader by
URL and with TensorBoard's EventAccumulator on a local copy of the files."""

import uuid

import pytest

from tests.support import read_back
from tfcompat import MissingDependencyError
from tfcompat._fs import FsspecFiles, files_for, open_event_writer, write_text
from tfcompat.logs import read_scalars
from tfcompat.wire.encode import scalar_value_bytes, summary_bytes, tag_prefix
from tfcompat.wire.event_writer import LocalFiles

fsspec = pytest.importorskip("fsspec", reason="fsspec not installed (URL log dirs): pip install 'tfcompat[fsspec]'")


def _add(writer, step, value):
    writer.add_summary_bytes(summary_bytes([scalar_value_bytes(tag_prefix("loss"), value)]), step)


def _local_copy(url, tmp_path):
    fs, path = fsspec.core.url_to_fs(url)
    fs.get(path.rstrip("/") + "/", str(tmp_path) + "/", recursive=True)
    return tmp_path


def _write_and_check(url, tmp_path):
    writer = open_event_writer(url + "/run")
    _add(writer, 0, 1.0)
    writer.flush()
    # Flushed events are in the object store before close, as a local file would have them on disk.
    assert read_scalars(url)[("run", "loss")].step.tolist() == [0]
    _add(writer, 1, 0.5)
    writer.close()
    got = read_scalars(url)
    assert got[("run", "loss")].value.tolist() == [1.0, 0.5]
    acc = read_back(_local_copy(url, tmp_path) / "run")
    assert [(e.step, e.value) for e in acc.Scalars("loss")] == [(0, 1.0), (1, 0.5)]
    return writer


def test_memory_url_written_without_tensorflow_then_read(tmp_path):
    url = f"memory://tfcompat-{uuid.uuid4().hex[:8]}"
    assert isinstance(files_for(url), FsspecFiles)
    writer = _write_and_check(url, tmp_path)
    assert writer.path.startswith(url + "/run/events.out.tfevents.")
    write_text(url + "/run/plugins/p/config.txt", "hello")
    fs, path = fsspec.core.url_to_fs(url)
    assert fs.cat_file(path + "/run/plugins/p/config.txt") == b"hello"


@pytest.mark.slow
def test_s3_url_on_a_local_s3_server(s3_bucket, tmp_path):
    _write_and_check(s3_bucket + "/logs", tmp_path)
    fs, path = fsspec.core.url_to_fs(s3_bucket)
    assert [p.rsplit("/", 1)[-1][:20] for p in fs.find(path)] == ["events.out.tfevents."]


def test_file_url_and_plain_path_are_local(tmp_path):
    assert isinstance(files_for(f"file://{tmp_path}"), LocalFiles)
    writer = open_event_writer(f"file://{tmp_path}/run")
    _add(writer, 3, 2.0)
    writer.close()
    assert writer.path.startswith(str(tmp_path / "run") + "/")
    assert read_scalars(tmp_path)[("run", "loss")].step.tolist() == [3]


def test_a_url_nothing_here_can_write_says_what_to_install(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "fsspec", None)
    monkeypatch.setattr("tfcompat._fs.optional_tf", lambda: None)
    with pytest.raises(MissingDependencyError, match=r"gs:// URL.*write to it.*tfcompat\[fsspec\].*TensorFlow"):
        open_event_writer("gs://bucket/run")
