"""Log directories as URLs on the reading side, without TensorFlow: ``memory://`` (fsspec), ``file://``, and what
is said when a URL cannot be read. The same logs read locally and by URL give the same points."""

import sys
import uuid

import pytest

from tests.support import file_version, frame, histo_event, simple, write
from tfcompat import InvalidArgumentError, LogReadError, MissingDependencyError
from tfcompat.cli import main
from tfcompat.logs import iter_event_files, read_histograms, read_scalars

fsspec = pytest.importorskip("fsspec", reason="fsspec not installed (URL log dirs): pip install 'tfcompat[fsspec]'")


def _events(n=5, tag="loss"):
    return [file_version()] + [simple(s, {tag: 1.0 / (s + 1)}) for s in range(n)]


@pytest.fixture
def memory_logdir():
    """``memory://`` log dir holding runs ``.``, ``a`` and ``a/b`` (as the same tree under tmp_path would)."""
    fs = fsspec.filesystem("memory")
    root = f"/tfcompat-{uuid.uuid4().hex[:8]}"
    files = {f"{root}/events.out.tfevents.1.h": _events(3, "top"),
             f"{root}/a/events.out.tfevents.2.h": _events(4),
             f"{root}/a/b/events.out.tfevents.3.h": _events(2) + [histo_event(2, "w", [1.0, 2.0])],
             f"{root}/a/notes.txt": None}
    for path, events in files.items():
        fs.pipe_file(path, frame(events) if events else b"not an event file")
    yield "memory://" + root
    fs.rm(root, recursive=True)


def _local_twin(tmp_path):
    write(tmp_path / "events.out.tfevents.1.h", _events(3, "top"))
    write(tmp_path / "a" / "events.out.tfevents.2.h", _events(4))
    write(tmp_path / "a" / "b" / "events.out.tfevents.3.h", _events(2) + [histo_event(2, "w", [1.0, 2.0])])
    return tmp_path


def test_memory_url_reads_like_the_same_local_tree(memory_logdir, tmp_path):
    remote, local = read_scalars(memory_logdir), read_scalars(_local_twin(tmp_path))
    assert list(remote) == list(local) == [(".", "top"), ("a", "loss"), ("a/b", "loss")]
    for key in local:
        assert remote[key].step.tolist() == local[key].step.tolist()
        assert remote[key].value.tolist() == local[key].value.tolist()
    assert [h.max for h in read_histograms(memory_logdir)[("a/b", "w")]] == [2.0]
    runs = [(run, path.rsplit("/", 1)[-1]) for run, path in iter_event_files(memory_logdir)]
    assert runs == [(".", "events.out.tfevents.1.h"), ("a", "events.out.tfevents.2.h"),
                    ("a/b", "events.out.tfevents.3.h")]
    assert all(path.startswith(memory_logdir + "/") for _, path in iter_event_files(memory_logdir))


def test_memory_url_of_one_run_and_of_one_file(memory_logdir):
    assert list(read_scalars(memory_logdir + "/a/b")) == [(".", "loss")]
    assert list(read_scalars(memory_logdir + "/a/b/")) == [(".", "loss")]
    assert list(read_scalars(memory_logdir + "/a/events.out.tfevents.2.h")) == [(".", "loss")]


def test_inspect_and_export_commands_take_a_url(memory_logdir, capsys):
    assert main(["inspect", memory_logdir]) == 0
    out = capsys.readouterr().out
    assert "a/b" in out and "loss" in out
    assert main(["export", memory_logdir, "--csv", "-"]) == 0
    assert capsys.readouterr().out.count("\n") == 1 + 3 + 4 + 2  # header + points


def test_file_url_is_a_local_path(tmp_path):
    _local_twin(tmp_path)
    assert list(read_scalars(f"file://{tmp_path}")) == list(read_scalars(tmp_path))
    with pytest.raises(LogReadError, match="Log directory not found"):
        read_scalars(f"file://{tmp_path}/nothing-here")


def test_missing_url_says_not_found_naming_it():
    url = f"memory://tfcompat-missing-{uuid.uuid4().hex[:8]}"
    with pytest.raises(LogReadError, match=f"Log directory not found. Received: logdir='{url}'"):
        read_scalars(url)


def test_unknown_scheme_names_it():
    with pytest.raises(InvalidArgumentError, match="nosuchfs://"):
        read_scalars("nosuchfs://bucket/logs")


def test_without_fsspec_a_url_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "fsspec", None)  # `import fsspec` fails as if not installed
    with pytest.raises(MissingDependencyError, match=r"gs:// URL.*needs fsspec.*tfcompat\[fsspec\]"):
        read_scalars("gs://bucket/logs")
    # A local path never needs it.
    assert read_scalars.__module__.startswith("tfcompat.logs")


def test_a_url_whose_package_is_missing_names_the_package(monkeypatch):
    def no_package(protocol):
        raise ImportError("Install gcsfs to access Google Storage")

    monkeypatch.setattr(fsspec, "get_filesystem_class", no_package)
    monkeypatch.setattr(fsspec.core, "url_to_fs", lambda url, **kw: no_package("gs"))
    with pytest.raises(MissingDependencyError, match="gcsfs"):
        read_scalars("gs://bucket/logs")


def test_read_events_takes_a_memory_url_and_a_file_url(memory_logdir, tmp_path):
    from tfcompat.logs import read_events

    by_url = [e.step for _, e in read_events(memory_logdir + "/a/events.out.tfevents.2.h")]
    local = _local_twin(tmp_path) / "a" / "events.out.tfevents.2.h"
    assert by_url == [e.step for _, e in read_events(str(local))] == [0, 0, 1, 2, 3]
    assert [e.step for _, e in read_events("file://" + str(local))] == by_url
