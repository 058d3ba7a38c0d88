"""The legacy corpus (issue 8): every script runs UNMODIFIED through ``tfcompat run``; its logs are read back.

Each entry of ``corpus/manifest.json`` says what the script wrote under TF 1.x / Keras 2.2 (runs,
tag -> steps per kind, graph, value checks, stdout, files) and what ``tfcompat check`` should say.
The scripts run in two parallel batches (``corpus_runner.py``: TensorFlow and Keras imported once
per batch, then one forked child per script through :func:`tfcompat.run.run_path`, so each starts
from a fresh process state; ``TFCOMPAT_CORPUS_PREIMPORT=0`` makes every child import them itself).
A few scripts also run through the real ``tfcompat run`` command, and the TF2 scripts under plain
``python``, where they must write the same events byte for byte (wall times aside).
"""

import json
import os
import pathlib
import subprocess
import sys
import time

import pytest

from tests.support import read_back

CORPUS = pathlib.Path(__file__).with_name("corpus")
RUNNER = pathlib.Path(__file__).with_name("corpus_runner.py")
MANIFEST = json.loads((CORPUS / "manifest.json").read_text())
ENTRIES = {e["name"]: e for e in MANIFEST["scripts"]}
SCRIPTS = [e for e in MANIFEST["scripts"] if e["role"] == "script"]
PLAIN = [e["name"] for e in SCRIPTS if e["expect"].get("identical_to_plain_python")]
# Also through the real `tfcompat run` command (TensorFlow not imported beforehand): the multi-module projects,
# whose imports the module rule must resolve, and one Keras 2 subclass.
CLI_TOO = ["two_module_tf1/train", "tetris_style/run", "keras2_modified_tensorboard_dqn"]
GROUPS = 2
TIMEOUT = 600
KINDS = ("scalars", "histograms", "images", "audio", "tensors")


def _slug(name):
    return name.replace("/", "__")


def _groups():
    # Keras scripts cost about twice a graph script: deal them out first so both batches end together.
    order = sorted(SCRIPTS, key=lambda e: (not e["name"].startswith(("keras", "tfkeras", "tetris")), e["name"]))
    groups = [[] for _ in range(GROUPS)]
    for i, entry in enumerate(order):
        groups[i % GROUPS].append(entry)
    return groups


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("corpus")
    # One TF thread pool per process: two batches (and the plain runs) share 2 cores without thrashing.
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONWARNINGS="ignore", TF_NUM_INTRAOP_THREADS="1",
               TF_NUM_INTEROP_THREADS="1", OMP_NUM_THREADS="1")
    procs = []
    for g, group in enumerate(_groups()):
        jobs = []
        for e in group:
            logdir = base / "logs" / _slug(e["name"])
            jobs.append({"name": e["name"], "script": str(CORPUS / e["path"]), "cwd": str(base),
                         "args": [a.replace("{logdir}", str(logdir)) for a in e["args"]],
                         "stdout": str(base / (_slug(e["name"]) + ".out")),
                         "stderr": str(base / (_slug(e["name"]) + ".err"))})
        (base / f"jobs{g}.json").write_text(json.dumps(jobs))
        procs.append(subprocess.Popen([sys.executable, str(RUNNER), str(base / f"jobs{g}.json"),
                                       str(base / f"results{g}.json")], env=env, cwd=str(base),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
    started = time.monotonic()
    plain, cli = {}, {}
    for name in PLAIN:   # plain python, one after the other beside the batches
        logdir = base / "plain" / _slug(name)
        plain[name] = subprocess.run([sys.executable, str(CORPUS / ENTRIES[name]["path"]), str(logdir)],
                                     env=env, cwd=str(base), capture_output=True, text=True, timeout=TIMEOUT)
    for name in CLI_TOO:
        logdir = base / "cli" / _slug(name)
        cli[name] = subprocess.run([sys.executable, "-m", "tfcompat", "run", str(CORPUS / ENTRIES[name]["path"]),
                                    str(logdir)], env=env, cwd=str(base), capture_output=True, text=True,
                                   timeout=TIMEOUT)
    errors = [p.communicate(timeout=max(1, TIMEOUT - (time.monotonic() - started)))[1] for p in procs]
    results = {}
    for g in range(len(procs)):
        path = base / f"results{g}.json"
        if path.exists():
            results.update(json.loads(path.read_text()))
    return {"base": base, "results": results, "runner_errors": errors, "plain": plain, "cli": cli,
            "seconds": round(time.monotonic() - started, 1)}


def _result(corpus, name):
    r = corpus["results"].get(name)
    assert r is not None, f"the batch runner never reported {name}: {corpus['runner_errors']}"
    slug = _slug(name)
    return dict(r, out=(corpus["base"] / (slug + ".out")).read_text(errors="replace"),
                err=(corpus["base"] / (slug + ".err")).read_text(errors="replace"),
                logdir=corpus["base"] / "logs" / slug)


def _read_runs(logdir):
    """{run: {kind: {tag: [steps]}, graph, meta_graph}} for every directory holding event files."""
    runs = {}
    for d, _, files in os.walk(logdir):
        if not any("tfevents" in f for f in files):
            continue
        acc = read_back(d)
        tags = acc.Tags()
        getters = {"scalars": acc.Scalars, "histograms": acc.Histograms, "images": acc.Images,
                   "audio": acc.Audio, "tensors": acc.Tensors}
        run = {kind: {t: [e.step for e in getters[kind](t)] for t in tags[kind]} for kind in KINDS}
        run["graph"], run["meta_graph"] = bool(tags["graph"]), bool(tags["meta_graph"])
        runs[os.path.relpath(d, logdir)] = (run, acc)
    return runs


def _values(acc, tag):
    if tag in acc.Tags()["scalars"]:
        return [(e.step, e.value) for e in acc.Scalars(tag)]
    from tensorboard.util import tensor_util

    return [(e.step, float(tensor_util.make_ndarray(e.tensor_proto))) for e in acc.Tensors(tag)]


def _check_value(acc, check):
    points = _values(acc, check["tag"])
    values = [v for _, v in points]
    assert values, check
    if check["check"] == "decreases":
        assert values[-1] < values[0], (check, values)
    elif check["check"] == "varies":
        assert len(set(values)) > 1, (check, values)
    elif check["check"] == "equals":
        got = dict(points)
        for step, want in check["points"]:
            assert got.get(step) == pytest.approx(want, rel=1e-4), (check, points)
    elif check["check"] == "between":
        lo, hi = check["range"]
        assert all(lo <= v <= hi for v in values), (check, values)
    else:
        raise ValueError(f"unknown value check in the manifest: {check['check']!r}")


def _first_error(err):
    lines = [line for line in err.strip().splitlines() if line.strip()]
    for line in reversed(lines):
        if not line.startswith(" ") and ("Error" in line or "Exception" in line or "error" in line):
            return line
    return lines[-1] if lines else "(no stderr)"


@pytest.mark.slow
@pytest.mark.tf
@pytest.mark.parametrize("name", [e["name"] for e in SCRIPTS])
def test_script_writes_what_it_wrote_in_2018(corpus, name):
    expect = ENTRIES[name]["expect"]
    if expect.get("identical_to_plain_python"):
        # A today's script's layout in the manifest is what Keras 3.15 wrote under plain python; Keras 3's own
        # callbacks write by their version (3.12 names weight histograms '<weight>/histogram'), so such a script
        # is held to what it writes under plain python with this Keras (test_todays_script_is_untouched
        # compares the two event by event).
        plain = _read_runs(corpus["base"] / "plain" / _slug(name))
        expect = dict(expect, runs={run: layout for run, (layout, _) in plain.items()})
    _assert_like_then(_result(corpus, name), expect)


@pytest.mark.slow
@pytest.mark.tf
@pytest.mark.parametrize("name", CLI_TOO)
def test_tfcompat_run_command_writes_the_same(corpus, name):
    p = corpus["cli"][name]
    _assert_like_then({"rc": p.returncode, "out": p.stdout, "err": p.stderr, "logdir": corpus["base"] / "cli" / _slug(name)},
                      ENTRIES[name]["expect"])


def _assert_like_then(r, expect):
    assert r["rc"] == expect["exit_code"], f"exit {r['rc']}: {_first_error(r['err'])}\n{r['err'][-3000:]}"
    for text in expect["stdout"]:
        assert text in r["out"], (text, r["out"][-2000:])
    for rel in expect["files"]:
        assert (r["logdir"] / rel).exists(), rel
    runs = _read_runs(r["logdir"])
    assert sorted(runs) == sorted(expect["runs"]), "runs (directories with event files)"
    for run, want in expect["runs"].items():
        got, _ = runs[run]
        for kind in KINDS:
            assert got[kind] == want[kind], (run, kind)
        assert (got["graph"], got["meta_graph"]) == (want["graph"], want["meta_graph"]), (run, "graph, meta graph")
    for check in expect["values"]:
        _check_value(runs[check["run"]][1], check)


def _events(root):
    from tensorboard.backend.event_processing import event_file_loader

    out = {}
    for path in sorted(pathlib.Path(root).rglob("*tfevents*")):
        events = out.setdefault(str(path.parent.relative_to(root)), [])
        for event in event_file_loader.LegacyEventFileLoader(str(path)).Load():
            event.wall_time = 0  # the one field two identical runs cannot share
            events.append(event.SerializeToString(deterministic=True))
    return out


@pytest.mark.slow
@pytest.mark.tf
@pytest.mark.parametrize("name", PLAIN)
def test_todays_script_is_untouched(corpus, name):
    plain = corpus["plain"][name]
    assert plain.returncode == 0, plain.stderr[-2000:]
    r = _result(corpus, name)
    assert r["rc"] == 0, r["err"][-3000:]
    ours, theirs = _events(r["logdir"]), _events(corpus["base"] / "plain" / _slug(name))
    assert sorted(ours) == sorted(theirs)
    for run in theirs:
        assert ours[run] == theirs[run], run    # event by event, byte for byte (wall time aside)
    assert r["out"] == plain.stdout


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_check_verdict_per_file(name):
    from tfcompat.check import scan_paths

    entry = ENTRIES[name]
    findings = scan_paths([str(CORPUS / entry["path"])])["findings"]
    statuses = sorted({f.status for f in findings})
    if entry["check"]["verdict"] == "clean":
        assert not findings, [f"{f.location()} {f.api} {f.status}" for f in findings]
    else:
        assert findings and set(statuses) <= set(entry["check"]["statuses_allowed"]), \
            [f"{f.location()} {f.api} {f.status}" for f in findings]


def test_manifest_covers_every_corpus_file():
    on_disk = {str(p.relative_to(CORPUS))[:-3] for p in CORPUS.rglob("*.py")}
    assert on_disk == set(ENTRIES)
    assert len(ENTRIES) >= 45
