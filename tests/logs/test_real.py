"""Every folder of ../shared/fixtures/real-logs read by tfcompat.logs equals EventAccumulator's view."""

import numpy as np
import pytest

from tests.support import REAL_LOGS, assert_matches_ea, real_log_dirs, real_log_files
from tfcompat.logs import (
    inspect,
    read_events,
    read_histograms,
    read_images,
    read_scalars,
)


def _rel(p):
    return str(p.relative_to(REAL_LOGS)) if hasattr(p, "relative_to") else str(p)  # pytest 8.0 passes NOTSET too


@pytest.mark.parametrize("run_dir", real_log_dirs(), ids=_rel)
def test_scalars_equal_event_accumulator(real_logs, run_dir):
    # runs=["."]: EventAccumulator reads only the folder's own files, not subfolders
    got = read_scalars(run_dir, runs=["."])
    assert_matches_ea(got, run_dir)


def test_whole_tree_reads_every_run(real_logs):
    got = read_scalars(real_logs)
    runs = {r for r, _ in got}
    assert "tensorflow__lingvo/lingvo/core/ops/testdata" in runs
    lingvo = {t: s for (r, t), s in got.items() if r == "tensorflow__lingvo/lingvo/core/ops/testdata"}
    assert sum(len(s) for s in lingvo.values()) == 2520


@pytest.mark.parametrize("path", real_log_files(), ids=_rel)
def test_read_events_counts_match_the_fixture_readme(real_logs, path):
    # Each file's records parse into Event protos; truncated files end quietly.
    events = list(read_events(str(path)))
    assert events and events[0][0] == 0
    assert all(o2 > o1 for (o1, _), (o2, _) in zip(events, events[1:]))


def test_inspect_reports_the_naturally_truncated_files(real_logs):
    report = inspect(real_logs)
    truncated = sorted(
        f["path"].split("/real-logs/")[1] for run in report["runs"] for f in run["files"] if f["truncated"]
    )
    assert [p.split("/")[0] for p in truncated] == [
        "MorvanZhou__Reinforcement-learning-with-tensorflow", "MorvanZhou__tutorials", "MorvanZhou__tutorials"]
    assert report["truncated_files"] == 3 and report["damaged_files"] == 0


def test_session_log_restart_fixture_purges_like_tensorboard(real_logs):
    d = real_logs / "tensorflow__tensorboard/tensorboard/functionaltests/testdata"
    report = inspect(d, runs=["."])
    rows = {r["tag"]: r for r in report["runs"][0]["tags"]}
    assert rows["loss"]["kind"] == "scalar" and rows["loss"]["format"] == "TF1"
    assert rows["graph_def"]["count"] == 3 and rows["meta_graph_def"]["count"] == 3


def test_histograms_and_images_match_event_accumulator(real_logs):
    from tensorboard.backend.event_processing import event_accumulator as ea

    d = real_logs / "tensorflow__tensorboard/log_tayo/train"
    acc = ea.EventAccumulator(str(d), size_guidance={"histograms": 0, "images": 0})
    acc.Reload()
    hists = read_histograms(d)
    assert sorted(t for _, t in hists) == sorted(acc.Tags()["histograms"])
    for (_, tag), hs in hists.items():
        exp = acc.Histograms(tag)
        assert [h.step for h in hs] == [e.step for e in exp]
        for h, e in zip(hs, exp):
            assert h.num == e.histogram_value.num and h.sum == e.histogram_value.sum
            np.testing.assert_array_equal(h.bucket_limit, e.histogram_value.bucket_limit)
            np.testing.assert_array_equal(h.bucket, e.histogram_value.bucket)
    imgs = read_images(d)
    assert sorted(t for _, t in imgs) == sorted(acc.Tags()["images"])
    for (_, tag), im in imgs.items():
        exp = acc.Images(tag)
        assert [(i.step, i.width, i.height, i.encoded) for i in im] == [
            (e.step, e.width, e.height, e.encoded_image_string) for e in exp]


def _accumulator(run_dir):
    from tensorboard.backend.event_processing import event_accumulator as ea

    acc = ea.EventAccumulator(str(run_dir), size_guidance={"scalars": 0, "histograms": 0, "images": 0, "tensors": 0})
    acc.Reload()
    return acc


@pytest.mark.parametrize("run_dir", real_log_dirs(), ids=lambda p: str(p.relative_to(REAL_LOGS)))
def test_histograms_and_images_equal_event_accumulator_in_every_folder(real_logs, run_dir):
    # the bytes fast paths (np.frombuffer on the bucket arrays, image bytes sliced from the record)
    acc = _accumulator(run_dir)
    hists = {t: hs for (r, t), hs in read_histograms(run_dir, runs=["."]).items()}
    assert sorted(t for t in hists if t in acc.Tags()["histograms"]) == sorted(acc.Tags()["histograms"])
    for tag in acc.Tags()["histograms"]:
        exp = acc.Histograms(tag)
        assert [(h.step, h.wall_time) for h in hists[tag]] == [(e.step, e.wall_time) for e in exp], tag
        for h, e in zip(hists[tag], exp):
            v = e.histogram_value
            assert (h.min, h.max, h.num, h.sum, h.sum_squares) == (v.min, v.max, v.num, v.sum, v.sum_squares)
            assert h.bucket_limit.tolist() == list(v.bucket_limit) and h.bucket.tolist() == list(v.bucket)
    imgs = {t: im for (r, t), im in read_images(run_dir, runs=["."]).items()}
    assert sorted(imgs) == sorted(acc.Tags()["images"])
    for tag, im in imgs.items():
        assert [(i.step, i.wall_time, i.width, i.height, i.encoded) for i in im] == [
            (e.step, e.wall_time, e.width, e.height, e.encoded_image_string) for e in acc.Images(tag)], tag


@pytest.mark.parametrize("run_dir", real_log_dirs(), ids=lambda p: str(p.relative_to(REAL_LOGS)))
def test_without_data_crc_checks_the_values_are_the_same(real_logs, run_dir):
    got = read_scalars(run_dir, runs=["."], verify=False)
    assert got == read_scalars(run_dir, runs=["."])


@pytest.mark.parametrize("path", real_log_files(), ids=lambda p: str(p.relative_to(REAL_LOGS)))
def test_damaged_real_files_every_bad_record_found_at_its_offset(real_logs, path):
    # flip bits inside the data (or stored data CRC) of random records: the bulk CRC path must
    # report exactly the records a record-by-record check rejects, at their offsets
    import random

    from tfcompat.wire.crc import masked_crc32c
    from tfcompat.wire.records import frame_records

    original = path.read_bytes()
    frames = frame_records(original, str(path))
    starts = [int(o) - 12 for o in frames.offsets]
    if not starts:
        pytest.skip("no complete record")
    rng = random.Random(str(path))
    hit = sorted(rng.sample(range(len(starts)), min(len(starts), rng.randrange(1, 8))))
    data = bytearray(original)
    for k in hit:
        n = int(frames.lengths[k])
        data[starts[k] + 12 + rng.randrange(n + 4)] ^= 1 << rng.randrange(8)
    data = bytes(data)
    naive = [o for o, n in zip(starts, frames.lengths.tolist())
             if masked_crc32c(data[o + 12 : o + 12 + n]) != int.from_bytes(data[o + 12 + n : o + 16 + n], "little")]
    assert naive == [starts[k] for k in hit]
    got = frame_records(data, str(path), skip_damaged=True)
    assert [s[0] for s in got.skipped] == naive
    assert got.truncated == frames.truncated
