"""`tfcompat export` writes exactly the bytes it always wrote: csv.writer's quoting, json.dumps' escaping,
Python's repr of every float (float32 values widened to float64, wall times, -0.0, subnormals), int64
steps at both ends, NaN/inf spelt "nan"/"inf"/"-inf". The writers format whole columns at once: these
tests pin their output against literal text and against the stdlib writers row by row."""

import contextlib
import csv
import io
import json

import numpy as np
import pytest

from tests.support import (
    file_version,
    scalar_tensor,
    simple,
    tensor_event,
    write,
)
from tfcompat.cli._export import write_csv, write_json
from tfcompat.cli._main import main
from tfcompat.logs import ScalarSeries, read_scalars
from tfcompat.logs._series import json_float

NAN, INF = float("nan"), float("inf")
F32 = [float(np.float32(x)) for x in (0.1, 1e-45, 3.4028235e38, -0.0)] + [NAN, INF, -INF]


def stdlib_csv(mapping):
    """What csv.writer writes row by row: the reference the bulk writer must equal byte for byte."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(("run", "tag", "step", "wall_time", "value"))
    for (run, tag), s in mapping.items():
        w.writerows((run, tag, st, repr(wt), repr(v))
                    for st, wt, v in zip(s.step.tolist(), s.wall_time.tolist(), s.value.tolist()))
    return out.getvalue()


def stdlib_json(mapping):
    """What json.dump writes for the whole list, NaN and infinities as strings."""
    out = io.StringIO()
    json.dump([{"run": run, "tag": tag, "step": s.step.tolist(),
                "wall_time": [json_float(v) for v in s.wall_time.tolist()],
                "value": [json_float(v) for v in s.value.tolist()]} for (run, tag), s in mapping.items()],
              out, allow_nan=False)
    return out.getvalue() + "\n"


def written(writer, mapping):
    out = io.StringIO()
    writer(mapping, out)
    return out.getvalue()


@pytest.fixture
def tricky():
    return {
        ("r,1", 'q"t\nline'): ScalarSeries([0, 1, 2, 3, 4, 5, 6],
                                           [1600000000.1234567, 1732871234.5678911, 0.0, -0.0, 1e-7, 1e16, 5e-324], F32),
        ("ü run", "tag,é"): ScalarSeries([2**63 - 1, -2**63, -1], [1.5, 2.5, 3.5], [0.1, 1e22, 123456789012345678.0]),
        ("empty", "t"): ScalarSeries([], [], []),
        (".", "x"): ScalarSeries([7], [1e-5], [0.0001]),
    }


def test_csv_of_tricky_values_is_the_text_it_always_was(tricky):
    p1, p2 = '"r,1","q""t\nline",', 'ü run,"tag,é",'
    assert written(write_csv, tricky) == (
        "run,tag,step,wall_time,value\n"
        f"{p1}0,1600000000.1234567,0.10000000149011612\n"
        f"{p1}1,1732871234.5678911,1.401298464324817e-45\n"
        f"{p1}2,0.0,3.4028234663852886e+38\n"
        f"{p1}3,-0.0,-0.0\n"
        f"{p1}4,1e-07,nan\n"
        f"{p1}5,1e+16,inf\n"
        f"{p1}6,5e-324,-inf\n"
        f"{p2}9223372036854775807,1.5,0.1\n"
        f"{p2}-9223372036854775808,2.5,1e+22\n"
        f"{p2}-1,3.5,1.2345678901234568e+17\n"
        ".,x,7,1e-05,0.0001\n")
    assert written(write_csv, tricky) == stdlib_csv(tricky)


def test_json_of_tricky_values_is_the_text_it_always_was(tricky):
    assert written(write_json, tricky) == (
        '[{"run": "r,1", "tag": "q\\"t\\nline", "step": [0, 1, 2, 3, 4, 5, 6], "wall_time": [1600000000.1234567, '
        '1732871234.5678911, 0.0, -0.0, 1e-07, 1e+16, 5e-324], "value": [0.10000000149011612, 1.401298464324817e-45, '
        '3.4028234663852886e+38, -0.0, "nan", "inf", "-inf"]}, {"run": "\\u00fc run", "tag": "tag,\\u00e9", "step": '
        '[9223372036854775807, -9223372036854775808, -1], "wall_time": [1.5, 2.5, 3.5], "value": [0.1, 1e+22, '
        '1.2345678901234568e+17]}, {"run": "empty", "tag": "t", "step": [], "wall_time": [], "value": []}, '
        '{"run": ".", "tag": "x", "step": [7], "wall_time": [1e-05], "value": [0.0001]}]\n')
    assert written(write_json, tricky) == stdlib_json(tricky)


def test_empty_mapping():
    assert written(write_csv, {}) == "run,tag,step,wall_time,value\n"
    assert written(write_json, {}) == "[]\n"


def _doubles(n, seed):
    """Doubles of every kind a log holds: float32 values widened, random bit patterns (subnormals, huge,
    tiny), integers, powers of two and ten, their neighbours, wall-clock times, exact decimals."""
    rng = np.random.default_rng(seed)
    parts = [
        rng.standard_normal(n).astype(np.float32).astype(np.float64),
        (rng.random(n) * 10.0 ** rng.integers(-45, 39, n)).astype(np.float32).astype(np.float64),
        rng.integers(0, 2**64, n, dtype=np.uint64).view(np.float64),
        rng.integers(-2**53, 2**53, n).astype(np.float64),
        np.ldexp(1.0, rng.integers(-1074, 1024, n)),
        10.0 ** rng.integers(-30, 30, n).astype(np.float64),
        1.7e9 + rng.random(n) * 1e8,
        np.round(rng.random(n) * 10 ** rng.integers(0, 8, n)) / 10 ** rng.integers(0, 8, n),
    ]
    x = np.concatenate(parts)
    near = np.concatenate([np.nextafter(x[:n], np.inf), np.nextafter(x[:n], -np.inf)])
    edges = np.array([0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
                      1.7976931348623157e308, 9007199254740992.0, 9007199254740993.0, 1e15, 1e16, 1e17, 1e-4,
                      9.999999999999999e-5, 1e-5, 1e22, 1e23, 123456789012345678.0, 0.3, 2.0**-1074 * 3])
    x = np.concatenate([x, near, edges, -edges])
    return x[np.isfinite(x)]


def test_every_kind_of_double_is_written_as_its_repr():
    x = _doubles(1500, 0)
    n = len(x)
    rng = np.random.default_rng(1)
    mapping = {("run", "v"): ScalarSeries(rng.integers(-2**63, 2**63 - 1, n, endpoint=True), x[::-1], x),
               ("run", "w"): ScalarSeries(np.arange(n), np.full(n, 1.7e9) + np.arange(n) / 7, np.zeros(n))}
    assert written(write_csv, mapping) == stdlib_csv(mapping)
    assert written(write_json, mapping) == stdlib_json(mapping)


@pytest.mark.slow  # 0.2 million doubles through the stdlib reference: about 5 s under load
def test_many_doubles_are_written_as_their_repr():
    x = _doubles(20_000, 2)
    mapping = {("r", "t"): ScalarSeries(np.arange(len(x)), x[::-1], x)}
    assert written(write_csv, mapping) == stdlib_csv(mapping)
    assert written(write_json, mapping) == stdlib_json(mapping)


def _cli(*argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["export", *map(str, argv)]) == 0
    return out.getvalue()


def test_cli_output_of_an_odd_log_dir(tmp_path):
    vals = [0.1, 1e-45, 3.4028235e38, -0.0, NAN, INF, -INF]
    write(tmp_path / 'run,"1" ü' / "events.out.tfevents.1.h", [file_version()] + [
        simple(2**63 - 7 + i, {"a,b": v, 'q"\nz': -v, "é": 1.0 / (i + 3)}, wall=1732871234.5678911 + i / 3)
        for i, v in enumerate(vals)])
    write(tmp_path / "tf2" / "events.out.tfevents.1.h", [file_version()] + [
        tensor_event(s, "d", scalar_tensor(1 / 3 + s, "float64"), wall=1e9 + s / 7) for s in range(3)] + [
        tensor_event(3, "i", scalar_tensor(-5, "int64"), wall=2.0)])
    write(tmp_path / "empty" / "events.out.tfevents.1.h", [file_version()])
    got = _cli(tmp_path, "--csv", "-")
    p = '"run,""1"" ü",'
    lines = got.split("\n")
    assert lines[:3] == ["run,tag,step,wall_time,value",
                         f'{p}"a,b",9223372036854775801,1732871234.5678911,0.10000000149011612',
                         f'{p}"a,b",9223372036854775802,1732871234.9012244,1.401298464324817e-45']
    assert f'{p}"a,b",9223372036854775807,1732871236.5678911,-inf\n' in got
    assert f'{p}"q""\nz",9223372036854775804,1732871235.5678911,0.0\n' in got
    assert f"{p}é,9223372036854775803,1732871235.2345579,0.20000000298023224\n" in got
    assert got.endswith("tf2,d,0,1000000000.0,0.3333333333333333\ntf2,d,1,1000000000.1428572,1.3333333333333333\n"
                        "tf2,d,2,1000000000.2857143,2.3333333333333335\ntf2,i,3,2.0,-5.0\n")
    mapping = read_scalars(tmp_path)
    assert got == stdlib_csv(mapping)
    got = _cli(tmp_path, "--json", "-")
    assert got == stdlib_json(mapping)
    assert '"tag": "q\\"\\nz", "step": [9223372036854775801, ' in got
    assert got.endswith('{"run": "tf2", "tag": "i", "step": [3], "wall_time": [2.0], "value": [-5.0]}]\n')
    out = tmp_path / "out.csv"
    _cli(tmp_path, "--csv", out)
    assert out.read_bytes() == stdlib_csv(mapping).encode("utf-8")  # "\n" inside a quoted tag kept as is


def test_real_logs_export_as_the_stdlib_writers_write_them(real_logs, tmp_path):
    mapping = read_scalars(real_logs)
    assert sum(len(s) for s in mapping.values()) > 1000
    for flag, ref in (("--csv", stdlib_csv), ("--json", stdlib_json)):
        out = tmp_path / ("out" + flag)
        _cli(real_logs, flag, out)
        assert out.read_text(encoding="utf-8") == ref(mapping), flag


@pytest.mark.slow  # a fresh interpreter: about 1 s
def test_stdout_of_a_real_process_is_the_same_bytes(tmp_path):
    # the CLI writes stdout's binary buffer when its text layer would write the same bytes
    import subprocess
    import sys

    from tests.support import ROOT, no_tf_env

    write(tmp_path / "r,ü" / "events.out.tfevents.1.h", [file_version()] + [
        simple(s, {'t"\n': 0.1 * s, "x": -s}, wall=1.7e9 + s / 3) for s in range(5)])
    mapping = read_scalars(tmp_path)
    for flag, ref in (("--csv", stdlib_csv), ("--json", stdlib_json)):
        r = subprocess.run([sys.executable, "-m", "tfcompat", "export", str(tmp_path), flag, "-"], cwd=ROOT,
                           env=no_tf_env(PYTHONIOENCODING="utf-8"), capture_output=True, timeout=120)
        assert r.returncode == 0, r.stderr
        assert r.stdout == ref(mapping).encode("utf-8"), flag


@pytest.mark.slow  # a fresh interpreter writing megabytes into a pipe: about 2 s
def test_a_reader_that_stops_early_ends_the_export_quietly(tmp_path):
    # `tfcompat export LOGDIR --csv - | head -1`: the binary writes meet EPIPE; exit 0, no traceback
    import subprocess
    import sys

    from tests.support import ROOT, no_tf_env

    write(tmp_path / "events.out.tfevents.1.h",
          [file_version()] + [simple(s, {f"t{i}": s * 0.5 for i in range(5)}) for s in range(20_000)])
    p = subprocess.Popen([sys.executable, "-m", "tfcompat", "export", str(tmp_path), "--csv", "-"], cwd=ROOT,
                         env=no_tf_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout.readline() == b"run,tag,step,wall_time,value\n"
    p.stdout.close()
    err = p.stderr.read()
    p.stderr.close()
    assert p.wait(timeout=120) == 0, err
    assert b"Traceback" not in err and b"BrokenPipe" not in err
