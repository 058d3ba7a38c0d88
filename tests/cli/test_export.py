"""`tfcompat export`: CSV/JSON of every scalar, output and exit codes."""

import csv
import io
import json

import numpy as np
import pytest

from tests.support import file_version, frame, simple, write
from tfcompat.cli._main import main
from tfcompat.logs import read_scalars


@pytest.fixture
def logdir(tmp_path):
    write(tmp_path / "a" / "events.out.tfevents.1.h",
          [file_version()] + [simple(s, {"loss": 1.0 / 3 + s, "odd,tag \"q\"": float("inf") if s == 1 else s}) for s in range(4)])
    write(tmp_path / "b=1 [x]" / "events.out.tfevents.1.h", [file_version(), simple(7, {"loss": float("nan")})])
    return tmp_path


def test_csv_round_trips_exactly(logdir, tmp_path):
    out = tmp_path / "out.csv"
    assert main(["export", str(logdir), "--csv", str(out)]) == 0
    with out.open() as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["run", "tag", "step", "wall_time", "value"]
    expected = read_scalars(logdir)
    assert len(rows) == sum(len(s) for s in expected.values())
    for (run, tag), s in expected.items():
        mine = [r for r in rows if r["run"] == run and r["tag"] == tag]
        assert [int(r["step"]) for r in mine] == s.step.tolist()
        assert [float(r["wall_time"]) for r in mine] == s.wall_time.tolist()
        np.testing.assert_array_equal([float(r["value"]) for r in mine], s.value)


def test_json_to_stdout_with_filters(logdir, capsys):
    assert main(["export", str(logdir), "--json", "-", "--tag", "loss"]) == 0
    cap = capsys.readouterr()
    data = json.loads(cap.out)
    assert [(d["run"], d["tag"]) for d in data] == [("a", "loss"), ("b=1 [x]", "loss")]
    assert data[1]["value"] == ["nan"] and data[1]["step"] == [7]
    assert "exported 5 point(s) of 2 series" in cap.err


def test_usage_and_read_errors_exit_2(logdir, tmp_path, capsys):
    assert main(["export", str(logdir)]) == 2  # needs --csv or --json
    assert main(["export", str(logdir), "--csv", "x", "--json", "y"]) == 2
    assert main(["export", str(tmp_path / "missing"), "--csv", "-"]) == 2
    assert "missing" in capsys.readouterr().err
    assert main(["export", str(logdir), "--csv", str(tmp_path / "no" / "dir" / "f.csv")]) == 2
    assert "--csv" in capsys.readouterr().err


def test_damaged_file_fails_unless_skip_damaged(tmp_path, capsys):
    good = frame([file_version()] + [simple(s, {"x": s}) for s in range(5)])
    bad = bytearray(good)
    bad[60] ^= 4
    write(tmp_path / "events.out.tfevents.1.h", [], raw=bytes(bad))
    assert main(["export", str(tmp_path), "--csv", "-"]) == 2
    assert "damaged record at byte offset" in capsys.readouterr().err
    assert main(["export", str(tmp_path), "--csv", "-", "--skip-damaged"]) == 0
    out, err = capsys.readouterr()
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == 1 + 4
    # one plain line per damaged file, not Python's "file.py:123: RuntimeWarning" and a source line
    assert err.splitlines()[0] == (
        f"tfcompat export: warning: {tmp_path / 'events.out.tfevents.1.h'}: skipped damaged records: "
        "37 bytes at offset 40 (data CRC mismatch)")
    assert "RuntimeWarning" not in err
    old = tmp_path / "old"
    write(old / "events.out.tfevents.1.h", [], raw=good)
    assert main(["compare", str(old), str(tmp_path), "--skip-damaged", "--partial", "-q"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("tfcompat compare: warning: ") and "RuntimeWarning" not in err


@pytest.mark.slow  # 1.5-4 s of whole fits or saves: not in the quick run
def test_bulk_writers_give_the_bytes_of_csv_writer_and_json_dump(logdir):
    # written a column at a time (1M rows in well under a second), byte for byte what the
    # stdlib writers gave row by row: quoting of odd run/tag names, repr floats, -0.0, nan, inf
    from tfcompat.cli._export import write_csv, write_json
    from tfcompat.logs import ScalarSeries
    from tfcompat.logs._series import json_float

    mapping = dict(read_scalars(logdir))
    mapping[("r,1", 'quote"d\nline')] = ScalarSeries([1, 2, 3, 4], [0.0, -0.0, 1e300, 1.5], [-0.0, 5e-324, -1e16, 0.1])
    mapping[("empty", "t")] = ScalarSeries([], [], [])
    big = np.arange(200_000)
    mapping[(".", "long")] = ScalarSeries(big, 1.6e9 + big * 0.01, np.float32(big / 7.0).astype(np.float64))
    want = io.StringIO()
    w = csv.writer(want, lineterminator="\n")
    w.writerow(("run", "tag", "step", "wall_time", "value"))
    for (run, tag), s in mapping.items():
        n = len(s)
        w.writerows(zip([run] * n, [tag] * n, s.step.tolist(), map(repr, s.wall_time.tolist()),
                        map(repr, s.value.tolist())))
    got = io.StringIO()
    write_csv(mapping, got)
    assert got.getvalue() == want.getvalue()
    want = io.StringIO()
    json.dump([{"run": run, "tag": tag, "step": s.step.tolist(), "wall_time": s.wall_time.tolist(),
                "value": [json_float(v) for v in s.value.tolist()]} for (run, tag), s in mapping.items()],
              want, allow_nan=False)
    want.write("\n")
    got = io.StringIO()
    write_json(mapping, got)
    assert got.getvalue() == want.getvalue()
