"""`tfcompat inspect`: output and exit codes."""

import io
import json
import subprocess
import sys

import pytest

from tests.support import file_version, frame, histo_event, session_start, simple, write, write_tf1
from tfcompat.cli._main import main


@pytest.fixture
def logdir(tmp_path):
    write(tmp_path / "train" / "events.out.tfevents.1.h",
          [file_version()] + [simple(s, {"loss": 1.0 / (s + 1), "acc": float("nan") if s == 2 else s}) for s in range(5)]
          + [session_start(3), simple(3, {"loss": 9.0}), histo_event(4, "w", [1.0, 2.0])])
    good = frame([file_version()] + [simple(s, {"loss": s}) for s in range(4)])
    write(tmp_path / "cut" / "events.out.tfevents.1.h", [], raw=good[:-3])
    bad = bytearray(good)
    bad[55] ^= 1  # inside the data of the second record
    write(tmp_path / "bad" / "events.out.tfevents.1.h", [], raw=bytes(bad))
    return tmp_path


def test_json_report(logdir, capsys):
    assert main(["inspect", str(logdir), "--json"]) == 1  # run "bad" is damaged
    report = json.loads(capsys.readouterr().out)
    runs = {r["run"]: r for r in report["runs"]}
    assert sorted(runs) == ["bad", "cut", "train"]
    rows = {r["tag"]: r for r in runs["train"]["tags"]}
    loss = rows["loss"]
    assert (loss["kind"], loss["format"], loss["count"]) == ("scalar", "TF1", 4)
    assert (loss["first_step"], loss["last_step"], loss["purged"]) == (0, 3, 2)
    assert loss["last"] == 9.0 and loss["max"] == 9.0 and loss["out_of_order"] == 1
    assert rows["acc"]["nan"] == 1 and rows["acc"]["purged"] == 2
    assert rows["w"]["kind"] == "histogram" and rows["w"]["count"] == 1
    assert runs["cut"]["files"][0]["truncated"]["bytes"] > 0
    assert runs["bad"]["files"][0]["damaged"][0]["reason"] == "data CRC mismatch"
    assert report["truncated_files"] == 1 and report["damaged_files"] == 1


def test_table_report(logdir, capsys):
    assert main(["inspect", str(logdir)]) == 1
    out = capsys.readouterr().out
    assert "run 'train'" in out and "loss" in out and "histogram" in out
    assert "truncated:" in out and "DAMAGED:" in out and "data CRC mismatch" in out
    assert out.rstrip().endswith("3 run(s), 1 truncated file(s), 1 damaged file(s)")


def test_missing_dir_and_usage_errors_exit_2(tmp_path, capsys):
    missing = tmp_path / "no such dir"
    assert main(["inspect", str(missing)]) == 2
    assert str(missing) in capsys.readouterr().err
    assert main(["inspect"]) == 2
    assert main(["inspect", str(tmp_path), "--bogus"]) == 2


def test_empty_dir_says_so(tmp_path, capsys):
    assert main(["inspect", str(tmp_path)]) == 0
    assert "no event files" in capsys.readouterr().out


@pytest.mark.slow
def test_console_script_end_to_end(logdir):
    r = subprocess.run([sys.executable, "-m", "tfcompat", "inspect", str(logdir / "train"), "--json"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["runs"][0]["run"] == "."
    r = subprocess.run([sys.executable, "-m", "tfcompat", "inspect", str(logdir / "nope")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "nope" in r.stderr and "Traceback" not in r.stderr


def test_progress_only_on_a_tty_after_the_delay():
    from tfcompat.cli._progress import Progress

    class Stream(io.StringIO):
        def __init__(self, tty):
            super().__init__()
            self.tty = tty

        def isatty(self):
            return self.tty

    quiet = Stream(tty=False)
    p = Progress(stream=quiet, delay=0.0)
    p(1, 2)
    p.close()
    assert quiet.getvalue() == ""
    tty = Stream(tty=True)
    p = Progress(stream=tty, delay=0.0)
    p(1, 2)
    p(2, 2)
    p.close()
    assert "2/2 files" in tty.getvalue()
    slow = Stream(tty=True)
    p = Progress(stream=slow, delay=3600)
    p(1, 2)
    assert slow.getvalue() == ""


def test_table_steps_column_is_the_range_when_steps_go_back(tmp_path, capsys):
    # a second file restarting at step 0 without session_log START: nothing purged, steps go back
    write(tmp_path / "events.out.tfevents.1.a", [file_version()] + [simple(s, {"x": s}) for s in range(6)])
    write(tmp_path / "events.out.tfevents.2.a", [file_version()] + [simple(s, {"x": s}) for s in range(3)])
    assert main(["inspect", str(tmp_path)]) == 0
    row = next(line.split() for line in capsys.readouterr().out.splitlines() if line.strip().startswith("x "))
    assert row[:5] == ["x", "scalar", "TF1", "9", "0..5"]


def test_unknown_run_is_a_usage_error_listing_the_runs(logdir, capsys):
    assert main(["inspect", str(logdir), "--run", "nope"]) == 2
    err = capsys.readouterr().err
    assert "--run nope" in err and "'bad', 'cut', 'train'" in err
    assert main(["inspect", str(logdir), "--run", "nope", "--run", "train"]) == 0
    assert "run 'train'" in capsys.readouterr().out


def test_the_top_folder_is_named_as_what_it_is(tmp_path, capsys):
    """Events in the folder given are run '.', which --run and --map take; the table says what it means."""
    write_tf1(tmp_path, {"loss": [1.0, 0.5]})
    assert main(["inspect", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("run '.' (the log directory itself): 1 file(s), 3 event(s)\n")
    assert main(["inspect", str(tmp_path), "--run", "."]) == 0
    assert "(the log directory itself)" in capsys.readouterr().out
