"""A small clean log directory is inspected without numpy (tfcompat.logs._inspect_small): the report must be
the numpy path's, field for field, and anything it does not cover must go to the numpy path."""

import json
import math
import os
import subprocess
import sys

import pytest

from tests.support import (
    REAL_LOGS,
    file_version,
    histo_event,
    real_log_dirs,
    scalar_tensor,
    session_start,
    simple,
    tensor_event,
    write,
)
from tfcompat.logs import _inspect, inspect
from tfcompat.logs._inspect_small import small_report


def _numpy_path(logdir, **kw):
    saved = _inspect.small_report
    _inspect.small_report = lambda *a, **k: None
    try:
        return inspect(logdir, **kw)
    finally:
        _inspect.small_report = saved


def _same_as_numpy_path(logdir, **kw):
    got = small_report(logdir, **kw)
    want = _numpy_path(logdir, **kw)
    if got is not None:
        assert json.dumps(got) == json.dumps(want)  # key order, ints vs floats, -0.0 vs 0.0 included
    return got


def _tf1(root, run, steps, tags=("loss", "acc"), name="events.out.tfevents.1.a", value=lambda s, t: s / 3):
    write(root / run / name, [file_version()] + [simple(s, {t: value(s, t) for t in tags}) for s in steps])


def test_the_small_path_answers_for_scalar_logs_as_the_numpy_path(tmp_path):
    _tf1(tmp_path, "train", range(100))
    _tf1(tmp_path, "validation", range(0, 100, 10), value=lambda s, t: [math.nan, math.inf, -1.5][s % 3])
    _tf1(tmp_path, "two_files", range(5))
    _tf1(tmp_path, "two_files", range(5, 9), name="events.out.tfevents.2.b")
    write(tmp_path / "tf2" / "events.out.tfevents.1.a", [file_version()] + [
        tensor_event(s, "epoch_loss", scalar_tensor(1.0 / (s + 1), "float32", content=True), metadata=s == 0)
        for s in range(20)] + [tensor_event(s, "other", scalar_tensor(s, "int64"), plugin="custom") for s in range(3)])
    write(tmp_path / "empty" / "events.out.tfevents.1.a", [], raw=b"")
    for kw in ({}, {"runs": ["train", "tf2"]}, {"runs": "empty"}, {"verify": False}):
        assert _same_as_numpy_path(tmp_path, **kw) is not None, kw
    assert _same_as_numpy_path(tmp_path / "train" / "events.out.tfevents.1.a") is not None
    seen = []
    inspect(tmp_path, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(k, 6) for k in range(1, 7)]


@pytest.mark.parametrize("case", ["histogram", "restart", "backwards", "damaged", "truncated", "signed_zeros",
                                  "two_sources", "big"])
def test_what_the_small_path_does_not_cover_goes_to_the_numpy_path(tmp_path, case):
    path = tmp_path / "run" / "events.out.tfevents.1.a"
    evs = [file_version()] + [simple(s, {"loss": s}) for s in range(10)]
    if case == "histogram":
        evs.append(histo_event(10, "h", [1.0, 2.0]))
    elif case == "restart":
        evs += [session_start(5), simple(5, {"loss": -1.0})]
    elif case == "backwards":  # no file version: a step going back purges
        evs = evs[1:] + [simple(3, {"loss": -1.0})]
    elif case == "signed_zeros":
        evs += [simple(10, {"loss": -0.0}), simple(11, {"loss": 0.0})]
    elif case == "two_sources":
        evs.append(tensor_event(10, "loss", scalar_tensor(1.0, "float32")))
    elif case == "big":
        evs = [file_version()] + [simple(s, {f"tag{k}": s for k in range(20)}) for s in range(3000)]
    write(path, evs)
    if case in ("damaged", "truncated"):
        data = bytearray(path.read_bytes())
        if case == "damaged":
            data[60] ^= 0xFF
        else:
            data += data[:30]
        path.write_bytes(bytes(data))
    assert small_report(tmp_path) is None
    assert inspect(tmp_path) == _numpy_path(tmp_path)


def test_real_logs_give_the_numpy_paths_report(real_logs):
    answered = 0
    for run_dir in real_log_dirs() + [REAL_LOGS]:
        answered += _same_as_numpy_path(run_dir) is not None
    assert answered  # some real folders are small and clean


def test_a_cold_inspect_of_a_small_folder_never_imports_numpy_or_protobuf(tmp_path):
    _tf1(tmp_path, "train", range(100))
    code = ("import sys\nfrom tfcompat.cli import main\nrc = main(['inspect', sys.argv[1]])\n"
            "print(rc, sorted(m for m in ('numpy', 'google.protobuf', 'tensorflow') if m in sys.modules))\n")
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=120,
                       env={**os.environ})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "0 []"
    assert "loss" in r.stdout
