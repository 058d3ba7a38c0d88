"""The event writer: file naming, framing, flush/close guarantees, errors."""

import os
import re
import time

import pytest

from tests.support import read_back
from tfcompat import InvalidArgumentError, WriterClosedError, WriterError
from tfcompat.wire.encode import scalar_value_bytes, summary_bytes, tag_prefix
from tfcompat.wire.event_writer import EventFileWriter


def _scalar_summary(**tags):
    return summary_bytes([scalar_value_bytes(tag_prefix(t), v) for t, v in tags.items()])


def test_file_is_named_as_tf1_and_starts_with_file_version(tmp_path):
    w = EventFileWriter(tmp_path)
    name = os.path.basename(w.path)
    assert re.fullmatch(r"events\.out\.tfevents\.\d{10}\.[^/]+", name), name
    w.close()
    acc = read_back(tmp_path)
    assert acc.file_version == 2.0 or acc.file_version == "brain.Event:2"


def test_scalars_are_simple_values_read_back_by_tensorboard(tmp_path):
    with EventFileWriter(tmp_path) as w:
        for step in range(5):
            w.add_summary_bytes(_scalar_summary(loss=1.0 / (step + 1), lr=0.01), step)
    acc = read_back(tmp_path)
    assert sorted(acc.Tags()["scalars"]) == ["loss", "lr"]
    events = acc.Scalars("loss")
    assert [e.step for e in events] == [0, 1, 2, 3, 4]
    assert [e.value for e in events] == pytest.approx([1.0, 0.5, 1 / 3, 0.25, 0.2])


def test_flush_puts_everything_on_disk(tmp_path):
    w = EventFileWriter(tmp_path, max_queue=1000, flush_secs=1000)
    w.add_summary_bytes(_scalar_summary(a=1.0), 1)
    before = os.path.getsize(w.path)
    w.flush()
    assert os.path.getsize(w.path) > before
    assert [e.step for e in read_back(tmp_path).Scalars("a")] == [1]
    w.close()


def test_background_thread_writes_after_flush_secs(tmp_path):
    w = EventFileWriter(tmp_path, max_queue=1000, flush_secs=0.05)
    size = os.path.getsize(w.path)
    w.add_summary_bytes(_scalar_summary(a=1.0), 1)
    deadline = time.time() + 5
    while os.path.getsize(w.path) == size and time.time() < deadline:
        time.sleep(0.01)
    assert os.path.getsize(w.path) > size
    w.close()


def test_closed_writer_raises_and_reopen_starts_a_new_file(tmp_path):
    w = EventFileWriter(tmp_path)
    first = w.path
    w.close()
    with pytest.raises(WriterClosedError, match="logdir="):
        w.add_summary_bytes(_scalar_summary(a=1.0), 1)
    w.reopen()
    assert w.path != first
    w.add_summary_bytes(_scalar_summary(a=2.0), 2)
    w.close()
    assert len(os.listdir(tmp_path)) == 2


def test_two_writers_in_one_second_do_not_clobber(tmp_path):
    a, b = EventFileWriter(tmp_path), EventFileWriter(tmp_path)
    assert a.path != b.path
    a.close(), b.close()


def test_unwritable_logdir_is_named(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WriterError, match=r"logdir='.*file/sub'"):
        EventFileWriter(str(blocker / "sub"))


@pytest.mark.parametrize("kw", [{"max_queue": 0}, {"flush_secs": -1}, {"max_queue": "10"}])
def test_bad_arguments_name_the_argument(tmp_path, kw):
    (name, value), = kw.items()
    with pytest.raises(InvalidArgumentError, match=f"Received: {name}={value!r}"):
        EventFileWriter(tmp_path, **kw)


def test_add_event_bytes_takes_bytes_and_copies_buffers(tmp_path):
    w = EventFileWriter(tmp_path)
    with pytest.raises(InvalidArgumentError, match="`data` must be a serialized Event.*Received: data='abc'"):
        w.add_event_bytes("abc")
    from tfcompat.wire.encode import event_bytes

    buf = bytearray(event_bytes(1.0, 7, _scalar_summary(a=1.0)))
    w.add_event_bytes(buf)
    buf[:] = event_bytes(1.0, 8, _scalar_summary(a=2.0))  # reused by the caller before the write
    w.close()
    assert [(e.step, e.value) for e in read_back(tmp_path).Scalars("a")] == [(7, 1.0)]


class _FailingFile:
    def __init__(self, inner):
        self.inner, self.fail = inner, True

    def write(self, data):
        if self.fail:
            raise OSError(28, "No space left on device")
        return self.inner.write(data)

    def flush(self):
        self.inner.flush()

    def close(self):
        self.inner.close()


def test_background_failure_is_raised_on_next_call_and_data_is_kept(tmp_path):
    w = EventFileWriter(tmp_path, max_queue=1, flush_secs=1000)
    w._file = _FailingFile(w._file)
    w.add_summary_bytes(_scalar_summary(a=1.0), 1)  # wakes the thread, which fails
    deadline = time.time() + 5
    while w._error is None and time.time() < deadline:
        time.sleep(0.01)
    with pytest.raises(WriterError, match="No space left"):
        w.add_summary_bytes(_scalar_summary(a=2.0), 2)
    w._file.fail = False
    w.add_summary_bytes(_scalar_summary(a=3.0), 3)
    w.close()
    assert [e.step for e in read_back(tmp_path).Scalars("a")] == [1, 3]


def _fail_in_background(w):
    w._file = _FailingFile(w._file)
    w.add_summary_bytes(_scalar_summary(a=1.0), 1)  # wakes the thread, which fails
    deadline = time.time() + 5
    while w._error is None and time.time() < deadline:
        time.sleep(0.01)
    assert w._error is not None
    w._file.fail = False  # the disk recovers


@pytest.mark.parametrize("call", ["flush", "close"])
def test_flush_and_close_write_kept_events_then_raise_the_background_failure(tmp_path, call):
    w = EventFileWriter(tmp_path, max_queue=1, flush_secs=1000)
    _fail_in_background(w)
    with pytest.raises(WriterError, match="failed in the background.*No space left"):
        getattr(w, call)()
    assert [e.step for e in read_back(tmp_path).Scalars("a")] == [1]
    w.close()  # reported once: a second call is clean (close is idempotent)
    w.close()
    assert w.closed


def test_reopened_files_sort_in_the_order_they_were_made(tmp_path):
    # TensorBoard reads a run's files in name order: the 10th file of a second must not come before the 9th.
    w = EventFileWriter(tmp_path)
    paths = []
    for step in range(12):
        w.add_summary_bytes(_scalar_summary(a=float(step)), step)
        paths.append(w.path)
        w.close()
        w.reopen()
    w.close()
    assert sorted(paths) == paths
    assert [e.step for e in read_back(tmp_path).Scalars("a")] == list(range(12))
