"""A read pauses the cyclic garbage collector and always gives it back as it found it."""

import gc
import threading

import pytest

from tests.support import simple, write
from tfcompat.logs import read_histograms, read_images, read_scalars
from tfcompat.logs._common import GcPaused


@pytest.fixture
def logdir(tmp_path):
    write(tmp_path / "a" / "events.out.tfevents.1.host", [simple(s, {"loss": 1.0 / (s + 1)}) for s in range(50)])
    return tmp_path


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("read", [read_scalars, read_histograms, read_images])
def test_a_read_leaves_the_collector_as_it_found_it(logdir, read, collector_on):
    read(logdir)
    assert gc.isenabled()
    gc.disable()
    try:
        read(logdir)
        assert not gc.isenabled()  # a user's choice survives the read
    finally:
        gc.enable()


def test_nested_and_overlapping_pauses_restore_once_the_last_one_ends(collector_on):
    outer = GcPaused()
    with outer:
        assert not gc.isenabled()
        with GcPaused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner end must not turn it back on under the outer read
    assert gc.isenabled()


def test_reads_in_many_threads_never_leave_the_collector_off(logdir, collector_on):
    start = threading.Barrier(8)
    errors = []

    def reader():
        try:
            start.wait()
            for _ in range(20):
                assert read_scalars(logdir)[("a", "loss")].step.tolist() == list(range(50))
        except Exception as e:  # noqa: BLE001 (reported by the main thread)
            errors.append(e)

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert gc.isenabled()


def test_the_collector_is_off_while_a_read_runs(logdir, collector_on):
    seen = []
    read_scalars(logdir, progress=lambda done, total: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()
