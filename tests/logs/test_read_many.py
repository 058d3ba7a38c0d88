"""Many small runs are scanned as one batch (tfcompat.logs._scan_many): what it gives must be what the
file-by-file scan gives, and what EventAccumulator gives, down to damage and its offsets."""

import warnings

import numpy as np
import pytest
from tensorboard.compat.proto import summary_pb2

from tests.support import (
    assert_matches_ea,
    file_version,
    frame,
    histo_event,
    scalar_tensor,
    session_start,
    simple,
    tensor_event,
    write,
)
from tfcompat import DamagedRecordError
from tfcompat.logs import _scan_many, inspect, read_histograms, read_images, read_scalars
from tfcompat.wire.encode import event_bytes, image_value_bytes, summary_bytes
from tfcompat.wire.histogram import histo_value_bytes


def _image_event(step, tag, side):
    rng = np.random.default_rng(step)
    return event_bytes(1.5 + step, step, summary_bytes([image_value_bytes(tag, rng.integers(0, 255, (side, side, 3),
                                                                                               dtype=np.uint8))]))


def _odd_histogram(step):
    """A histogram whose min is 0 (the field is left out) and whose bucket arrays need 2-byte lengths."""
    ev = histo_event(step, "h/odd", [0.0, 1.0, 2.0])
    h = ev.summary.value[0].histo
    h.min = 0.0
    del h.bucket_limit[:], h.bucket[:]
    h.bucket_limit.extend(float(x) for x in range(300))
    h.bucket.extend(float(x % 7) for x in range(300))
    return ev


def _build(root, n=40):
    """``n`` small runs of every shape the batch meets, plus a few odd ones."""
    for r in range(n):
        evs = [file_version()] + [simple(s, {"loss": (r + s) / 7, "acc": -s}) for s in range(12)]
        if r % 3 == 0:  # TF2: the plugin metadata only on the first event of each file
            evs += [tensor_event(s, "t", scalar_tensor(s * 0.5, "float32", content=True), metadata=s == 0)
                    for s in range(12)]
        if r % 5 == 0:
            evs += [histo_event(s, "h", [1.0, float(s)]) for s in range(3)] + [_odd_histogram(3)]
            evs += [_image_event(s, "img", 3 + 70 * s) for s in range(3)]
        write(root / f"run{r:02d}" / "events.out.tfevents.1.a", evs)
    # a run of two files, the second a restart
    write(root / "two" / "events.out.tfevents.1.a", [file_version()] + [simple(s, {"loss": s}) for s in range(10)])
    write(root / "two" / "events.out.tfevents.2.b", [file_version(), session_start(5)]
          + [simple(s, {"loss": -s}) for s in range(5, 9)])
    write(root / "empty" / "events.out.tfevents.1.a", [], raw=b"")
    write(root / "one" / "events.out.tfevents.1.a", [simple(3, {"x": 1.0})])
    # an incomplete last record: in the newest file (still being written) and in an older one (cut)
    whole = frame([file_version()] + [simple(s, {"loss": s}) for s in range(6)])
    write(root / "tail" / "events.out.tfevents.1.a", [], raw=whole + whole[:20])
    write(root / "tail" / "events.out.tfevents.2.b", [], raw=whole[:-7])


def _one_by_one(monkeypatch):
    monkeypatch.setattr(_scan_many, "SMALL_FILE", -1)  # no file is small: each is scanned on its own


def _same(a, b):
    assert list(a) == list(b)
    for k in a:
        x, y = a[k], b[k]
        if isinstance(x, list):
            assert len(x) == len(y), k
            for p, q in zip(x, y):
                for u, v in zip(p, q):
                    if isinstance(u, np.ndarray):
                        assert u.dtype == v.dtype and u.tolist() == v.tolist(), k
                    else:
                        assert u == v or (u != u and v != v), k
        else:
            assert x == y, k


@pytest.mark.filterwarnings("ignore:.*cut:RuntimeWarning")  # the older file of run 'tail' is cut on purpose
def test_a_batch_reads_what_the_file_by_file_scan_reads(tmp_path, monkeypatch):
    _build(tmp_path)
    got = (read_scalars(tmp_path), read_histograms(tmp_path), read_images(tmp_path), inspect(tmp_path))
    with monkeypatch.context() as m:
        _one_by_one(m)
        want = (read_scalars(tmp_path), read_histograms(tmp_path), read_images(tmp_path), inspect(tmp_path))
    for a, b in zip(got[:3], want[:3]):
        _same(a, b)
    assert got[3] == want[3]
    assert len(got[0]) > 80 and ("two", "loss") in got[0]


@pytest.mark.parametrize("run", ["run00", "run03", "run05", "two", "one"])
def test_a_batch_reads_what_event_accumulator_reads(tmp_path, run):
    _build(tmp_path)
    assert_matches_ea(read_scalars(tmp_path, runs=[run]), tmp_path / run, run=run)


@pytest.mark.filterwarnings("ignore:.*cut:RuntimeWarning")  # the older file of run 'tail' is cut on purpose
def test_histograms_and_images_of_a_batch_equal_event_accumulator(tmp_path):
    from tensorboard.backend.event_processing import event_accumulator as ea

    _build(tmp_path, n=11)
    hists, imgs = read_histograms(tmp_path), read_images(tmp_path)
    for run in ("run00", "run05", "run10"):
        acc = ea.EventAccumulator(str(tmp_path / run), size_guidance={"histograms": 0, "images": 0})
        acc.Reload()
        for tag in ("h", "h/odd"):
            exp = acc.Histograms(tag)
            assert [(h.step, h.wall_time) for h in hists[(run, tag)]] == [(e.step, e.wall_time) for e in exp]
            for h, e in zip(hists[(run, tag)], exp):
                v = e.histogram_value
                assert (h.min, h.max, h.num, h.sum, h.sum_squares) == (v.min, v.max, v.num, v.sum, v.sum_squares)
                assert h.bucket_limit.tolist() == list(v.bucket_limit) and h.bucket.tolist() == list(v.bucket)
        assert [(i.step, i.wall_time, i.width, i.height, i.encoded) for i in imgs[(run, "img")]] == [
            (e.step, e.wall_time, e.width, e.height, e.encoded_image_string) for e in acc.Images("img")]
    assert {i.height for i in imgs[("run05", "img")]} == {3, 73, 143}  # 143: a 2-byte varint


def test_the_writers_histogram_layout_decodes_as_the_proto_does(tmp_path):
    values = np.random.default_rng(0).normal(0, 3, 5000).tolist()
    body = histo_value_bytes("w", values)
    write(tmp_path / "events.out.tfevents.1.a", [file_version(), event_bytes(2.0, 1, summary_bytes([body]))])
    (h,) = read_histograms(tmp_path)[(".", "w")]
    proto = summary_pb2.Summary.FromString(summary_bytes([body])).value[0].histo
    assert (h.min, h.max, h.num, h.sum, h.sum_squares) == (proto.min, proto.max, proto.num, proto.sum,
                                                           proto.sum_squares)
    assert h.bucket_limit.tolist() == list(proto.bucket_limit) and h.bucket.tolist() == list(proto.bucket)
    assert len(h.bucket) > 16  # bucket arrays over 127 bytes: their lengths are 2-byte varints


def _damaged(root, n, bad_run, corrupt):
    for r in range(n):
        data = bytearray(frame([file_version()] + [simple(s, {"loss": s * 0.5 + r}) for s in range(15)]))
        if r == bad_run:
            corrupt(data)
        write(root / f"run{r:02d}" / "events.out.tfevents.1.a", [], raw=bytes(data))
    return root / f"run{bad_run:02d}" / "events.out.tfevents.1.a"


def _record_offset(k):
    """Byte offset of record ``k`` of the files _damaged writes (all records before it framed)."""
    return len(frame([file_version()] + [simple(s, {"loss": 0.0}) for s in range(k - 1)]))


def test_a_bad_crc_in_one_of_many_small_files_is_found_with_its_offset(tmp_path, monkeypatch):
    offset = _record_offset(7)
    path = _damaged(tmp_path, 30, 17, lambda d: d.__setitem__(offset + 14, d[offset + 14] ^ 0xFF))
    with pytest.raises(DamagedRecordError) as e:
        read_scalars(tmp_path)
    assert e.value.path == str(path) and e.value.offset == offset
    with pytest.warns(RuntimeWarning, match=f"at offset {offset}"):
        got = read_scalars(tmp_path, skip_damaged=True)
    assert len(got[("run17", "loss")]) == 14 and len(got[("run16", "loss")]) == 15
    report = inspect(tmp_path)
    assert report["damaged_files"] == 1
    (bad,) = [f for r in report["runs"] for f in r["files"] if f["status"] != "ok"]
    assert bad["path"] == str(path) and bad["damaged"][0]["offset"] == offset
    with monkeypatch.context() as m:
        _one_by_one(m)
        assert inspect(tmp_path) == report


def test_a_record_that_does_not_decode_in_one_of_many_is_named_with_its_file_offset(tmp_path):
    offset = _record_offset(9)

    def garbage(d):  # valid CRCs around bytes that are no Event proto
        n = int.from_bytes(d[offset : offset + 8], "little")
        d[offset : offset + 16 + n] = frame([b"\xff" * n])

    path = _damaged(tmp_path, 25, 4, garbage)
    with pytest.raises(DamagedRecordError) as e:
        read_scalars(tmp_path)
    assert e.value.path == str(path) and e.value.offset == offset
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        got = read_scalars(tmp_path, skip_damaged=True)
    assert got[("run04", "loss")].step.tolist() == [s for s in range(15) if s != 8]


def test_the_garbage_collector_is_paused_only_during_a_read(tmp_path):
    import gc

    _build(tmp_path, n=3)
    try:
        for enabled in (True, False):
            gc.enable() if enabled else gc.disable()
            read_scalars(tmp_path / "run00")
            read_histograms(tmp_path / "run00")
            assert gc.isenabled() == enabled
            with pytest.raises(DamagedRecordError):
                read_scalars(_damaged(tmp_path / "bad", 3, 1, lambda d: d.__setitem__(60, d[60] ^ 0xFF)).parent)
            assert gc.isenabled() == enabled
    finally:
        gc.enable()
