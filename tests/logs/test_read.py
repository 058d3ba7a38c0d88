"""tfcompat.logs.read_scalars on event files built in memory, checked against EventAccumulator."""

import random

import numpy as np
import pytest
from tensorboard.compat.proto import event_pb2

from tests.support import (
    assert_matches_ea,
    file_version,
    float_tensor,
    frame,
    histo_event,
    scalar_tensor,
    session_start,
    simple,
    string_tensor,
    tensor_event,
    write,
)
from tfcompat import DamagedRecordError, InvalidArgumentError, LogReadError
from tfcompat.logs import (
    ScalarSeries,
    iter_event_files,
    read_events,
    read_histograms,
    read_scalars,
    scalars_to_pandas,
)


def _f32(x):
    return float(np.float32(x))


def test_tf1_simple_values_are_float32_rounded_in_file_order(tmp_path):
    write(tmp_path / "events.out.tfevents.1.h",
          [file_version()] + [simple(s, {"loss": 1 / (s + 3), "acc": s * 0.1}) for s in range(5)])
    got = read_scalars(tmp_path)
    assert list(got) == [(".", "acc"), (".", "loss")]
    s = got[(".", "loss")]
    assert s.step.dtype == np.int64 and s.wall_time.dtype == np.float64 and s.value.dtype == np.float64
    assert s.step.tolist() == [0, 1, 2, 3, 4]
    assert s.value.tolist() == [_f32(1 / (k + 3)) for k in range(5)]
    assert s.wall_time.tolist() == [k + 0.5 for k in range(5)]
    assert_matches_ea(got, tmp_path)


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64", "int32", "int64"])
@pytest.mark.parametrize("content", [False, True])
def test_tf2_scalar_tensors_of_every_dtype(tmp_path, dtype, content):
    vals = [0, 1.5, -2.25, 7, 1000] if dtype.startswith("float") else [0, 3, -5, 1 << 20, 42]
    if dtype == "int64":
        vals[-1] = -(1 << 40)
    events = [file_version()] + [
        tensor_event(s, "m", scalar_tensor(v, dtype, content), metadata=(s == 0)) for s, v in enumerate(vals)
    ]
    write(tmp_path / "events.out.tfevents.2.h.v2", events)
    got = read_scalars(tmp_path)
    assert got[(".", "m")].value.tolist() == [float(np.array(v, dtype=dtype)) for v in vals]
    assert_matches_ea(got, tmp_path)


def test_many_events_fast_path_matches_ea_with_odd_shapes(tmp_path):
    # > 16 records per length so the grouped numpy decoder runs; shapes vary per record.
    rng = random.Random(1)
    events = [file_version()]
    for s in range(600):
        kind = rng.randrange(6)
        if kind == 0:
            events.append(simple(s, {"a": rng.uniform(-1e6, 1e6), "b": rng.random()}))
        elif kind == 1:
            events.append(simple(s, {"a": float("nan"), "b": float("inf")}, wall=0.0))
        elif kind == 2:
            events.append(tensor_event(s, "t", scalar_tensor(rng.random(), "float32", True)))
        elif kind == 3:
            events.append(tensor_event(s, "t", scalar_tensor(rng.random(), "float64"), metadata=False))
        elif kind == 4:
            events.append(tensor_event(s, "i", scalar_tensor(rng.randrange(-1000, 1000), "int64")))
        else:
            events.append(simple(s * 1000, {"a": rng.random(), "b/with space": -1.0}))
    write(tmp_path / "events.out.tfevents.3.h", events)
    got = read_scalars(tmp_path)
    assert np.isnan(got[(".", "a")].value).sum() > 50 and np.isinf(got[(".", "b")].value).sum() > 50
    assert_matches_ea(got, tmp_path)
    # the slow (one record at a time) path gives the same answer
    from tfcompat.logs import _scan

    old = _scan.MIN_GROUP
    _scan.MIN_GROUP = 10**9
    try:
        assert read_scalars(tmp_path) == got
    finally:
        _scan.MIN_GROUP = old


def test_session_log_start_purges_later_steps_of_all_tags(tmp_path):
    events = [file_version()] + [simple(s, {"loss": s, "acc": -s}) for s in range(0, 50, 10)]
    events += [session_start(20)] + [simple(s, {"loss": s + 0.5}) for s in range(20, 40, 10)]
    write(tmp_path / "events.out.tfevents.1.h", events)
    got = read_scalars(tmp_path)
    assert got[(".", "loss")].step.tolist() == [0, 10, 20, 30]
    assert got[(".", "loss")].value.tolist() == [0, 10, 20.5, 30.5]
    assert got[(".", "acc")].step.tolist() == [0, 10]
    assert_matches_ea(got, tmp_path)


def test_without_file_version_out_of_order_steps_purge_only_their_tags(tmp_path):
    events = [simple(s, {"loss": s, "acc": s}) for s in range(0, 50, 10)]
    events += [simple(25, {"loss": -1.0})]
    write(tmp_path / "events.out.tfevents.1.h", events)
    got = read_scalars(tmp_path)
    assert got[(".", "loss")].step.tolist() == [0, 10, 20, 25]
    assert got[(".", "acc")].step.tolist() == [0, 10, 20, 30, 40]
    assert_matches_ea(got, tmp_path)


def test_duplicate_steps_are_kept_and_restart_spans_files(tmp_path):
    write(tmp_path / "events.out.tfevents.1.a", [file_version()] + [simple(s, {"x": s}) for s in (0, 1, 1, 2, 3)])
    write(tmp_path / "events.out.tfevents.2.a",
          [file_version(9.0), session_start(2)] + [simple(s, {"x": 10 + s}) for s in (2, 3)])
    got = read_scalars(tmp_path)
    assert got[(".", "x")].step.tolist() == [0, 1, 1, 2, 3]
    assert got[(".", "x")].value.tolist() == [0, 1, 1, 12, 13]
    assert_matches_ea(got, tmp_path)


def test_graph_meta_graph_run_metadata_and_non_scalars_are_not_scalars(tmp_path):
    g = event_pb2.Event(wall_time=1, graph_def=b"\x0a\x03\x0a\x01a")
    mg = event_pb2.Event(wall_time=1, meta_graph_def=b"")
    rm = event_pb2.Event(wall_time=1, step=3)
    rm.tagged_run_metadata.tag = "step3"
    rm.tagged_run_metadata.run_metadata = b"\x0a\x00"
    text = tensor_event(1, "notes", string_tensor(["hi"], []), plugin="text")
    other_rank0 = tensor_event(1, "hp", scalar_tensor(3.0), plugin="hparams")
    write(tmp_path / "events.out.tfevents.1.h",
          [file_version(), g, mg, rm, histo_event(1, "w", [1.0, 2.0]), text, other_rank0, simple(2, {"s": 1.0})])
    got = read_scalars(tmp_path)
    assert list(got) == [(".", "s")]
    assert_matches_ea(got, tmp_path)


def test_runs_are_folders_with_odd_names_and_files_read_in_name_order(tmp_path):
    odd = tmp_path / "nn=[30, 30]-lr=0.1 (run 1)"
    write(str(odd / "events.out.tfevents.2.h"), [file_version()] + [simple(s, {"x": s}) for s in (5, 6)])
    write(str(odd / "events.out.tfevents.1.h"), [file_version()] + [simple(s, {"x": s}) for s in (1, 2)])
    write(str(tmp_path / "events.out.tfevents.0.h"), [file_version(), simple(0, {"root": 1.0})])
    write(str(tmp_path / "a" / "b" / "x.tfevents.y"), [simple(0, {"deep": 2.0})])
    (tmp_path / "a" / "notes.txt").write_text("not an event file")
    runs = [r for r, _ in iter_event_files(tmp_path)]
    assert runs == [".", "a/b", odd.name, odd.name]
    got = read_scalars(tmp_path)
    assert got[(odd.name, "x")].step.tolist() == [1, 2, 5, 6]
    assert set(got) == {(".", "root"), ("a/b", "deep"), (odd.name, "x")}
    assert_matches_ea(got, odd, run=odd.name)
    assert read_scalars(tmp_path, runs=["a/b"]) == {("a/b", "deep"): got[("a/b", "deep")]}
    assert list(read_scalars(tmp_path, tags="x")) == [(odd.name, "x")]


def test_zero_byte_file_and_empty_directory(tmp_path):
    write(tmp_path / "r" / "events.out.tfevents.0.h", [], raw=b"")
    assert read_scalars(tmp_path) == {}
    assert read_scalars(tmp_path / "r") == {}


def test_truncated_tail_is_quiet_damage_raises_or_is_skipped(tmp_path):
    good = frame([file_version()] + [simple(s, {"x": s}) for s in range(30)])
    write(tmp_path / "t" / "events.out.tfevents.1.h", [], raw=good[:-5])
    assert read_scalars(tmp_path / "t")[(".", "x")].step.tolist() == list(range(29))
    bad = bytearray(good)
    bad[len(bad) // 2] ^= 0xFF
    p = write(tmp_path / "d" / "events.out.tfevents.1.h", [], raw=bytes(bad))
    with pytest.raises(DamagedRecordError) as ei:
        read_scalars(tmp_path / "d")
    assert ei.value.path == str(p) and 0 < ei.value.offset < len(bad)
    with pytest.warns(RuntimeWarning, match=r"skipped damaged records: \d+ bytes at offset \d+ \(data CRC mismatch\)"):
        got = read_scalars(tmp_path / "d", skip_damaged=True)[(".", "x")]
    assert len(got) == 29 and set(got.step.tolist()) < set(range(30))


def test_valid_crc_but_not_a_proto_is_damage(tmp_path):
    write(tmp_path / "events.out.tfevents.1.h", [], raw=frame([file_version(), b"\xff\xff\xff", simple(1, {"x": 1.0})]))
    with pytest.raises(DamagedRecordError, match="not a valid Event"):
        read_scalars(tmp_path)
    with pytest.warns(RuntimeWarning, match="record data does not decode"):
        assert read_scalars(tmp_path, skip_damaged=True)[(".", "x")].step.tolist() == [1]


def test_missing_logdir_and_bad_workers_name_the_argument(tmp_path):
    with pytest.raises(LogReadError, match="nope"):
        read_scalars(tmp_path / "nope")
    write(tmp_path / "events.out.tfevents.1.h", [simple(1, {"x": 1.0})])
    with pytest.raises(InvalidArgumentError, match="workers=0"):
        read_scalars(tmp_path, workers=0)


@pytest.mark.slow
def test_parallel_workers_give_the_same_answer(tmp_path):
    for r in range(6):
        write(tmp_path / f"run{r}" / "events.out.tfevents.1.h",
              [file_version()] + [simple(s, {"x": s * r}) for s in range(40)])
    assert read_scalars(tmp_path, workers=2) == read_scalars(tmp_path, workers=1)


@pytest.mark.slow
def test_automatic_parallel_reading_of_many_files(tmp_path, monkeypatch):
    from tfcompat.logs import _parallel

    for r in range(5):
        write(tmp_path / f"run{r}" / "events.out.tfevents.1.h", [file_version()] + [simple(s, {"x": r}) for s in range(20)])
    sequential = read_scalars(tmp_path, workers=1)
    monkeypatch.setattr(_parallel, "_PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(_parallel, "_PARALLEL_MIN_BYTES", 0)
    seen = []
    assert read_scalars(tmp_path, progress=lambda done, total: seen.append((done, total))) == sequential
    assert seen[-1] == (5, 5)


def test_read_events_yields_protos_with_offsets(tmp_path):
    evs = [file_version(), simple(3, {"x": 1.0})]
    data = frame(evs)
    got = list(read_events(data))
    assert [o for o, _ in got] == [0, len(evs[0].SerializeToString()) + 16]
    assert got[1][1].summary.value[0].tag == "x"


def test_pandas_views(tmp_path):
    pytest.importorskip("pandas", reason="pandas not installed (to_pandas): pip install 'tfcompat[pandas]'")
    write(tmp_path / "events.out.tfevents.1.h", [simple(s, {"x": s, "y": 2 * s}) for s in range(3)])
    got = read_scalars(tmp_path)
    df = got[(".", "y")].to_pandas()
    assert df["value"].tolist() == [0.0, 2.0, 4.0] and df["step"].dtype == np.int64
    long = scalars_to_pandas(got)
    assert len(long) == 6 and set(long["tag"]) == {"x", "y"}


def test_series_equality_and_length_check():
    a = ScalarSeries([1, 2], [0.0, 1.0], [np.nan, 1.0])
    assert a == ScalarSeries([1, 2], [0.0, 1.0], [np.nan, 1.0])
    with pytest.raises(ValueError, match="one length"):
        ScalarSeries([1], [0.0, 1.0], [1.0])


@pytest.mark.parametrize("with_version", [True, False])
def test_negative_huge_and_repeated_steps_match_ea(tmp_path, with_version):
    steps = [-5, -4, -4, 3, 2**40, -(2**40), 7, 7, 6] * 4  # > 16 records per length: grouped decoder
    events = ([file_version()] if with_version else []) + [simple(s, {"x": i}) for i, s in enumerate(steps)]
    empty = event_pb2.Event(wall_time=3.0, step=1)
    empty.summary.SetInParent()  # a summary field holding no values
    events.append(empty)
    write(tmp_path / "events.out.tfevents.1.h", events)
    got = read_scalars(tmp_path)
    assert_matches_ea(got, tmp_path)


def test_ten_byte_step_varints_keep_the_low_64_bits_like_protobuf(tmp_path):
    from tfcompat.wire.encode import scalar_value_bytes, tag_prefix

    summary = scalar_value_bytes(tag_prefix("x"), 1.5)
    raw = [b"\x09" + bytes(8) + b"\x10" + b"\xff" * 9 + bytes([last]) + b"\x2a" + bytes([len(summary)]) + summary
           for last in [1, 2, 0x7F] * 8]  # 24 records: the grouped decoder and the one-by-one one
    write(tmp_path / "events.out.tfevents.1.h", [file_version()] + raw)
    got = read_scalars(tmp_path)
    assert got[(".", "x")].step.tolist()[:3] == [-1, 2**63 - 1, -1]
    assert_matches_ea(got, tmp_path)


def test_tf1_audio_and_image_values(tmp_path):
    from tensorboard.compat.proto import summary_pb2

    from tfcompat.logs import inspect, read_audio, read_images

    ev = event_pb2.Event(wall_time=2.0, step=4)
    ev.summary.value.add(tag="sound", audio=summary_pb2.Summary.Audio(
        sample_rate=16000, num_channels=1, length_frames=3, encoded_audio_string=b"RIFF", content_type="audio/wav"))
    ev.summary.value.add(tag="pic", image=summary_pb2.Summary.Image(height=2, width=3, encoded_image_string=b"\x89PNG"))
    write(tmp_path / "events.out.tfevents.1.h", [file_version(), ev])
    clip = read_audio(tmp_path)[(".", "sound")][0]
    assert (clip.step, clip.sample_rate, clip.encoded, clip.content_type) == (4, 16000, b"RIFF", "audio/wav")
    img = read_images(tmp_path)[(".", "pic")][0]
    assert (img.width, img.height, img.encoded) == (3, 2, b"\x89PNG")
    kinds = {r["tag"]: r["kind"] for r in inspect(tmp_path)["runs"][0]["tags"]}
    assert kinds == {"sound": "audio", "pic": "image"}


def test_a_single_event_file_is_run_dot(tmp_path):
    p = write(tmp_path / "sub" / "events.out.tfevents.9.h", [file_version()] + [simple(s, {"x": s}) for s in range(3)])
    got = read_scalars(p)
    assert list(got) == [(".", "x")] and got[(".", "x")].step.tolist() == [0, 1, 2]
    assert iter_event_files(p) == [(".", str(p))]


def test_bad_tags_runs_and_logdir_types_name_the_argument(tmp_path):
    write(tmp_path / "events.out.tfevents.1.h", [simple(1, {"x": 1.0})])
    for kwargs, message in ((dict(tags=5), "tags=5"), (dict(runs=5), "runs=5"), (dict(tags=["x", 3]), "tags=")):
        with pytest.raises(InvalidArgumentError, match=message):
            read_scalars(tmp_path, **kwargs)
    with pytest.raises(InvalidArgumentError, match="tags=5"):
        read_histograms(tmp_path, tags=5)
    with pytest.raises(InvalidArgumentError, match="logdir=5"):
        read_scalars(5)
    assert list(read_scalars(tmp_path, tags=("x",), runs=iter(["."]))) == [(".", "x")]


def test_tf2_scalar_tensors_are_purged_as_tensorboards_server_shows_them(tmp_path):
    # EventAccumulator never purges tensors; TensorBoard's server (plugin_event_accumulator) does,
    # and the reader follows the server so a restarted TF2 run reads as its charts show it.
    from tensorboard.backend.event_processing import plugin_event_accumulator as pea
    from tensorboard.util import tensor_util

    events = [file_version(), session_start(0)]
    events += [tensor_event(s, "loss", scalar_tensor(s / 100)) for s in range(0, 50, 10)]
    events += [session_start(20)] + [tensor_event(s, "loss", scalar_tensor(1 + s / 100)) for s in (20, 30)]
    write(tmp_path / "events.out.tfevents.1.h.v2", events)
    acc = pea.EventAccumulator(str(tmp_path), size_guidance={"tensors": 0})
    acc.Reload()
    exp = acc.Tensors("loss")
    got = read_scalars(tmp_path)[(".", "loss")]
    assert got.step.tolist() == [e.step for e in exp] == [0, 10, 20, 30]
    assert got.value.tolist() == [float(tensor_util.make_ndarray(e.tensor_proto)) for e in exp]


def test_scalars_tensor_of_shape_1_is_a_scalar_as_tensorboard_shows_it(tmp_path):
    # tf.summary.write(tag, tf.constant([x]), metadata=scalars): TensorBoard's scalars plugin reads
    # it with make_ndarray(...).item(); it is one number, not a damaged record.
    from tensorboard.backend.event_processing import plugin_event_accumulator as pea
    from tensorboard.util import tensor_util

    events = [file_version()] + [tensor_event(s, "loss", float_tensor(np.array([[s / 2]]))) for s in range(3)]
    events.append(tensor_event(3, "loss", scalar_tensor(1.75)))
    write(tmp_path / "events.out.tfevents.1.h.v2", events)
    acc = pea.EventAccumulator(str(tmp_path), size_guidance={"tensors": 0})
    acc.Reload()
    exp = [tensor_util.make_ndarray(e.tensor_proto).item() for e in acc.Tensors("loss")]
    got = read_scalars(tmp_path)[(".", "loss")]
    assert got.value.tolist() == exp == [0.0, 0.5, 1.0, 1.75] and got.step.tolist() == [0, 1, 2, 3]
    # more than one number under the `scalars` plugin is still refused, naming the tag
    write(tmp_path / "events.out.tfevents.2.h.v2", [tensor_event(4, "loss", float_tensor(np.array([1.0, 2.0])))])
    with pytest.raises(DamagedRecordError, match=r"'loss' is not one number .*shape \[2\]"):
        read_scalars(tmp_path)


def test_an_event_file_that_cannot_be_opened_is_a_log_read_error_naming_it(tmp_path, capsys):
    # a dangling link (or a file rotated away between listing and reading): exit 2, not a traceback
    write(tmp_path / "old" / "events.out.tfevents.1.h", [simple(1, {"x": 1.0})])
    link = tmp_path / "new" / "events.out.tfevents.1.h"
    link.parent.mkdir()
    link.symlink_to(tmp_path / "gone")
    with pytest.raises(LogReadError, match=r"Cannot read the event file. Received: path='.*new/events.out.tfevents.1.h'"):
        read_scalars(tmp_path / "new")
    from tfcompat.cli._main import main

    assert main(["compare", str(tmp_path / "old"), str(tmp_path / "new")]) == 2
    assert "Cannot read the event file" in capsys.readouterr().err


def test_the_tags_of_one_run_share_read_only_step_and_wall_columns(tmp_path):
    # 5 tags x N events: one step and one wall-time column, not 5 copies (10M scalars fit in 193 MB)
    write(tmp_path / "events.out.tfevents.1.h", [file_version()] + [simple(s, {"a": s, "b": -s}) for s in range(50)])
    got = read_scalars(tmp_path)
    a, b = got[(".", "a")], got[(".", "b")]
    assert np.shares_memory(a.step, b.step) and np.shares_memory(a.wall_time, b.wall_time)
    assert not a.step.flags.writeable and not a.wall_time.flags.writeable and a.value.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        a.step[0] = 5
    assert a.step.tolist() == list(range(50)) and b.value.tolist() == [-float(s) for s in range(50)]
