"""The event writer across processes: concurrent writers in one directory, fork, SIGTERM.

Real processes and real signals: children run small scripts (``python -c``) that import only
``tfcompat.wire``; what they wrote is read back with EventAccumulator.
"""

import os
import re
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tests.support import read_back
from tfcompat.wire.event_writer import LocalFiles

COMMON = textwrap.dedent(
    """
    import os, signal, sys, threading, time
    from tfcompat.wire.encode import scalar_value_bytes, summary_bytes, tag_prefix
    from tfcompat.wire.event_writer import EventFileWriter, LocalFiles

    def summary(tag, value):
        return summary_bytes([scalar_value_bytes(tag_prefix(tag), float(value))])
    """
)


def _script(body):
    return COMMON + textwrap.dedent(body)


def _steps(logdir, tag):
    return [e.step for e in read_back(logdir).Scalars(tag)]


# -- several processes open writers in one directory within the same second -------------------

WRITER = _script(
    """
    root, tag, t0, kind, trials = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], int(sys.argv[5])

    class SlowStatFiles(LocalFiles):
        # A network file system: a stat takes 20 ms, so the others can create the file meanwhile.
        def exists(self, path):
            time.sleep(0.02)
            return super().exists(path)

    files = SlowStatFiles() if kind == "slow-stat" else LocalFiles()
    for trial in range(trials):
        start = t0 + trial  # 0.1 s past a whole second: the four open their writers in one second
        time.sleep(max(0.0, start - time.time() - 0.02))
        while time.time() < start:  # spin for the last moments, to start together
            pass
        w = EventFileWriter(os.path.join(root, f"trial{trial}"), max_queue=100, files=files)
        for step in range(1000):
            w.add_summary_bytes(summary(tag, step), step)
        w.close()
        print(trial, os.path.basename(w.path), flush=True)
    """
)

TRIALS = 20


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["local", "slow-stat"])
def test_four_processes_opening_writers_in_the_same_second_lose_nothing(tmp_path, kind):
    t0 = int(time.time()) + 3.1  # Python starts in about a second on a busy machine
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), f"p{i}", repr(t0), kind, str(TRIALS)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(4)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err[-2000:] for _, err in outs]
    names = {}
    for out, _ in outs:
        for line in out.splitlines():
            trial, name = line.split()
            names.setdefault(int(trial), []).append(name)
    for trial in range(TRIALS):
        acc = read_back(tmp_path / f"trial{trial}")
        for i in range(4):
            assert [e.step for e in acc.Scalars(f"p{i}")] == list(range(1000)), (trial, i, names[trial])
        assert len(set(names[trial])) == 4, names[trial]  # a name per process and writer
    # Meaningful only if the writers really started within one second (the time stamp in their names).
    same_second = sum(len({n.split(".")[3] for n in names[t]}) == 1 for t in range(TRIALS))
    assert same_second >= TRIALS - 2, names


def test_file_names_carry_the_pid_and_a_counter(tmp_path):
    proc = subprocess.run([sys.executable, "-c", _script(
        """
        a, b = EventFileWriter(sys.argv[1]), EventFileWriter(sys.argv[1], style="tf2", filename_suffix=".x")
        print(os.path.basename(a.path), os.path.basename(b.path), os.getpid())
        a.close(), b.close()
        """), str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    a, b, pid = proc.stdout.split()
    host_pid_n = r"events\.out\.tfevents\.\d{10}\.[^/]+\." + pid + r"\.\d+"
    assert re.fullmatch(host_pid_n, a), a
    assert re.fullmatch(host_pid_n + r"\.v2\.x", b), b


def test_an_existing_file_of_the_same_name_is_never_truncated(tmp_path):
    """The exclusive create, on its own: whatever name is picked, an existing file is left alone."""
    victim = tmp_path / "events.out.tfevents.1.h"
    victim.write_bytes(b"keep me")
    with pytest.raises(FileExistsError):
        LocalFiles().open_new(str(victim))
    assert victim.read_bytes() == b"keep me"


# -- fork ---------------------------------------------------------------------------------------

def _run(body, *args, timeout=120):
    proc = subprocess.run([sys.executable, "-c", _script(body), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def test_a_forked_child_neither_writes_the_parents_queue_nor_its_file(tmp_path):
    _run(
        """
        logdir = sys.argv[1]
        w = EventFileWriter(logdir, max_queue=10**6, flush_secs=1000)
        for step in range(100):
            w.add_summary_bytes(summary("parent", step), step)   # queued, not written yet
        pid = os.fork()
        if pid == 0:
            # The child's own events go to a file of its own; its exit writes nothing of the parent's.
            for step in range(1000, 1010):
                w.add_summary_bytes(summary("child", step), step)
            sys.exit(0)  # a normal exit: atexit hooks run
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, status
        for step in range(100, 200):
            w.add_summary_bytes(summary("parent", step), step)
        w.close()
        """,
        tmp_path,
    )
    assert _steps(tmp_path, "parent") == list(range(200))
    assert _steps(tmp_path, "child") == list(range(1000, 1010))
    assert len(os.listdir(tmp_path)) == 2


def test_forks_while_the_writer_thread_holds_its_lock_never_hang(tmp_path):
    out = _run(
        """
        logdir = sys.argv[1]

        class SlowFile:
            # Each write takes 3 ms, so a fork lands while the writer thread is inside one.
            def __init__(self, f):
                self.f = f
            def write(self, data):
                time.sleep(0.003)
                return self.f.write(data)
            def flush(self):
                self.f.flush()
            def close(self):
                self.f.close()

        class SlowFiles(LocalFiles):
            def open_new(self, path):
                return SlowFile(super().open_new(path))

        w = EventFileWriter(logdir, max_queue=1, flush_secs=1000, files=SlowFiles())
        hung = 0
        for i in range(40):
            w.add_summary_bytes(summary("x", i), i)   # wakes the writer thread
            time.sleep(0.001)
            pid = os.fork()
            if pid == 0:
                sys.exit(0)   # exit runs the writers' atexit close
            deadline = time.time() + 10
            while True:
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
                if time.time() > deadline:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    hung += 1
                    break
                time.sleep(0.005)
        w.close()
        print("hung", hung)
        """,
        tmp_path,
        timeout=600,
    )
    assert "hung 0" in out, out
    assert _steps(tmp_path, "x") == list(range(40))


# -- SIGTERM ------------------------------------------------------------------------------------

def _start(body, *args):
    """Runs ``body`` then WAIT_FOR_SIGTERM in a child; returns it once it is ready for the signal."""
    script = _script(body) + WAIT_FOR_SIGTERM
    proc = subprocess.Popen([sys.executable, "-c", script, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.startswith("ready"), (line, proc.stderr.read()[-3000:] if proc.poll() is not None else "")
    return proc, line.split()[1:]


WAIT_FOR_SIGTERM = textwrap.dedent(
    """
    for step in range(50):
        w.add_summary_bytes(summary("x", step), step)   # queued: flush_secs=120, max_queue=1000
    print("ready", signal.getsignal(signal.SIGTERM) is signal.SIG_DFL, flush=True)
    time.sleep(60)
    """
)


def test_sigterm_with_the_default_handler_flushes_then_dies_by_the_signal(tmp_path):
    proc, (default_still,) = _start(
        """
        w = EventFileWriter(sys.argv[1], max_queue=1000, flush_secs=120)
        """,
        tmp_path,
    )
    assert default_still == "False"  # the writer hooked SIGTERM (no handler of the user's was there)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGTERM  # the process still ends as SIGTERM ends it
    assert _steps(tmp_path, "x") == list(range(50))


def test_sigterm_handler_of_the_user_is_left_in_place(tmp_path):
    proc, (default_still,) = _start(
        """
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(7))   # the user's own handler
        w = EventFileWriter(sys.argv[1], max_queue=1000, flush_secs=120)
        assert signal.getsignal(signal.SIGTERM).__name__ == "<lambda>"
        """,
        tmp_path,
    )
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=30)
    assert proc.returncode == 7  # their handler ran; exiting closed the writer
    assert _steps(tmp_path, "x") == list(range(50))


def test_a_user_handler_installed_later_can_chain_to_the_writers(tmp_path):
    proc, _ = _start(
        """
        w = EventFileWriter(sys.argv[1], max_queue=1000, flush_secs=120)
        previous = signal.getsignal(signal.SIGTERM)
        def mine(signum, frame):
            print("mine", flush=True)
            previous(signum, frame)
        signal.signal(signal.SIGTERM, mine)
        """,
        tmp_path,
    )
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=30)
    assert "mine" in out and proc.returncode == -signal.SIGTERM
    assert _steps(tmp_path, "x") == list(range(50))


def test_sigterm_hook_is_lazy_main_thread_only_and_removed_with_the_last_writer(tmp_path):
    out = _run(
        """
        import tfcompat.wire.event_writer   # importing hooks nothing
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
        made = []
        t = threading.Thread(target=lambda: made.append(EventFileWriter(sys.argv[1])))
        t.start(); t.join()
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL   # not from another thread
        a = EventFileWriter(sys.argv[1])
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
        b = EventFileWriter(sys.argv[1])
        a.close()
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL   # b is still open
        made[0].close(); b.close()
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL   # nothing left behind
        c = EventFileWriter(sys.argv[1])
        t = threading.Thread(target=c.close)   # the last close, off the main thread: cannot touch signals
        t.start(); t.join()
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
        import tfcompat
        tfcompat.unpatch()   # ... so tfcompat's unpatch() takes it away
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
        print("ok")
        """,
        tmp_path,
    )
    assert "ok" in out


@pytest.mark.slow
def test_a_writer_failing_at_exit_says_so_on_stderr(tmp_path):
    # Nobody can catch an error raised by the exit hook: the events it lost are reported, not dropped silently.
    script = _script(
        """
        import shutil
        logdir = sys.argv[1]
        w = EventFileWriter(logdir, max_queue=100, flush_secs=120)
        w.add_summary_bytes(summary("loss", 1), 1)
        w.flush()
        shutil.rmtree(logdir)
        w.add_summary_bytes(summary("loss", 2), 2)
        """
    )
    r = subprocess.run([sys.executable, "-c", script, str(tmp_path / "logs")], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert "tfcompat: at exit, an event writer failed: WriterError" in r.stderr, r.stderr
