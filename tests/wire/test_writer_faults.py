"""The event writer under disk faults: a full disk, a file too large, its file or directory deleted.

Each record must land exactly once and in one piece whatever fails and recovers: after a failed
write only the bytes that did not reach the file are written again. Disk-full is a real ENOSPC
(a 256 KiB tmpfs mounted in a private mount namespace, skipped where that is not allowed) and a
real EFBIG (``RLIMIT_FSIZE`` in a child process); both are read back with EventAccumulator.
"""

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from tests.support import read_back
from tfcompat import WriterError
from tfcompat.wire.encode import scalar_value_bytes, summary_bytes, tag_prefix
from tfcompat.wire.event_writer import EventFileWriter

_PREFIX = tag_prefix("x")


def _summary(value):
    return summary_bytes([scalar_value_bytes(_PREFIX, value)])


def _steps(logdir, tag="x"):
    return [e.step for e in read_back(logdir).Scalars(tag)]


# -- the file or its directory disappears --------------------------------------------------


def test_deleting_the_log_directory_is_reported_on_flush_and_later_events_go_to_a_new_file(tmp_path):
    logdir = tmp_path / "run"
    w = EventFileWriter(logdir, max_queue=1000, flush_secs=1000)
    first = w.path
    for step in range(5):
        w.add_summary_bytes(_summary(step), step)
    w.flush()
    shutil.rmtree(logdir)  # a cleanup script, a notebook cell: the writer is still open
    w.add_summary_bytes(_summary(5.0), 5)
    with pytest.raises(WriterError, match=r"deleted or moved.*5 events"):
        w.flush()
    # Said once; the event added after the deletion was not lost: it is in the new file.
    w.add_summary_bytes(_summary(6.0), 6)
    w.close()
    assert w.path != first and os.path.dirname(w.path) == str(logdir)
    assert _steps(logdir) == [5, 6]


def test_deleting_the_event_file_is_reported_on_close(tmp_path):
    w = EventFileWriter(tmp_path, max_queue=1000, flush_secs=1000)
    w.add_summary_bytes(_summary(1.0), 1)
    w.flush()
    os.remove(w.path)
    with pytest.raises(WriterError, match=r"deleted or moved"):
        w.close()
    assert w.closed


def test_a_replaced_event_file_is_reported(tmp_path):
    w = EventFileWriter(tmp_path, max_queue=1000, flush_secs=1000)
    w.flush()
    os.rename(w.path, str(tmp_path / "moved"))
    open(w.path, "wb").close()  # same name, another file
    w.add_summary_bytes(_summary(1.0), 1)
    with pytest.raises(WriterError, match=r"deleted or moved"):
        w.flush()
    w.close()


def test_an_untouched_file_flushes_and_closes_cleanly(tmp_path):
    w = EventFileWriter(tmp_path, max_queue=1000, flush_secs=1000)
    for step in range(3):
        w.add_summary_bytes(_summary(step), step)
        w.flush()
    w.close()
    assert _steps(tmp_path) == [0, 1, 2]


# -- a full disk, a file too large: keep what was written, write only the rest --------------

CHILD = textwrap.dedent(
    """
    import os, resource, shutil, sys, time
    from tfcompat import WriterError
    from tfcompat.wire.encode import scalar_value_bytes, summary_bytes, tag_prefix
    from tfcompat.wire.event_writer import EventFileWriter

    mode, logdir, out = sys.argv[1], sys.argv[2], sys.argv[3]
    prefix = tag_prefix("x")
    # max_queue=7: the background thread also hits the fault, mid-batch.
    w = EventFileWriter(logdir, max_queue=7, flush_secs=0.05)
    if mode == "efbig":
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (os.path.getsize(w.path) + 3001, hard))
    else:  # enospc: fill what is left of the small file system
        filler = open(os.path.join(logdir, "filler"), "wb", buffering=0)
        try:
            while True:
                filler.write(b"f" * 512)
        except OSError:
            pass
        filler.close()
        # Free one page: a few KB fit, the rest of the records do not.
        os.truncate(os.path.join(logdir, "filler"), os.path.getsize(os.path.join(logdir, "filler")) - 4096)
    failures = 0
    for step in range(400):  # about 12 KB of records: most do not fit
        try:
            w.add_summary_bytes(summary_bytes([scalar_value_bytes(prefix, float(step))]), step)
        except WriterError:  # a background failure, reported on this call: this event was not added
            failures += 1
            w.add_summary_bytes(summary_bytes([scalar_value_bytes(prefix, float(step))]), step)
    deadline = time.time() + 1.0
    while time.time() < deadline:  # retried for a second: every retry fails again
        try:
            w.flush()
        except WriterError as e:
            failures += 1
            assert ("File too large" in str(e)) if mode == "efbig" else ("No space left" in str(e)), e
        time.sleep(0.01)
    if mode == "efbig":
        resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
    else:
        os.remove(os.path.join(logdir, "filler"))
    try:
        w.flush()  # the disk recovered: everything lands, once
    except WriterError:  # a failure of the background thread before the recovery, reported now
        w.flush()
    w.close()
    os.makedirs(out, exist_ok=True)
    shutil.copy(w.path, out)  # out of the tmpfs, which goes away with this process's mount namespace
    print("failures", failures)
    """
)


def _run_child(argv, tmp_path):
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr[-3000:]
    failures = int(proc.stdout.split("failures")[-1])
    assert failures >= 10, proc.stdout  # the fault really happened, again and again
    return failures


def test_efbig_then_recovery_writes_each_record_exactly_once(tmp_path):
    out = tmp_path / "out"
    _run_child([sys.executable, "-c", CHILD, "efbig", str(tmp_path / "run"), str(out)], tmp_path)
    assert _steps(out) == list(range(400))


def _can_mount_tmpfs(tmp_path):
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return None
    probe = tmp_path / "probe"
    probe.mkdir()
    r = subprocess.run([unshare, "-rm", "sh", "-c", f"mount -t tmpfs -o size=256k tfcompat {probe}"],
                       capture_output=True, timeout=30)
    return unshare if r.returncode == 0 else None


def test_enospc_on_a_full_tmpfs_then_recovery_writes_each_record_exactly_once(tmp_path):
    unshare = _can_mount_tmpfs(tmp_path)
    if unshare is None:
        pytest.skip("cannot mount a tmpfs in a private mount namespace here (unshare -rm)")
    mnt, out = tmp_path / "mnt", tmp_path / "out"
    mnt.mkdir()
    script = f'mount -t tmpfs -o size=256k tfcompat "{mnt}" && exec "$0" "$@"'
    _run_child([unshare, "-rm", "sh", "-c", script, sys.executable, "-c", CHILD, "enospc", str(mnt), str(out)],
               tmp_path)
    assert _steps(out) == list(range(400))
