"""Each finding kind's example (tfcompat.check._examples) run three ways: check's verdict is what happened.

plain: Python on TF 2.21 + Keras 3; imports: the example as a 2018 module with tfcompat's `tensorflow`/`keras`
and nothing global; run: under `tfcompat run`. A verdict of works_with_imports must run with imports,
needs_run only under run, broken nowhere, differs everywhere but writing other logs than TF 2.x did (its own
check fails); every legacy example fails plainly (the finding's claim), and TF 2 examples get no finding and run
everywhere.
"""

import json
import os
import subprocess
import sys

import pytest

from tests.support import ROOT
from tfcompat.check import (
    BROKEN,
    DIFFERS,
    NEEDS_RUN,
    UNAFFECTED,
    WORKS_WITH_IMPORTS,
    scan_source,
    verdict_of,
)
from tfcompat.check._examples import EXAMPLES, TODAY
from tfcompat.check._rules import MESSAGES

pytestmark = [pytest.mark.slow, pytest.mark.tf]
pytest.importorskip("tensorflow")

CASES = [(kind, i, source) for kind, sources in EXAMPLES.items() for i, source in enumerate(sources)]
MODES = ("plain", "imports", "run")


def _run_mode(mode, workdir):
    sources = [source for _, _, source in CASES]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONWARNINGS="ignore")
    results, start = {}, 0
    while start < len(sources):
        proc = subprocess.run([sys.executable, "-m", "tests.check.snippet_runner", mode, str(workdir), str(start)],
                              input=json.dumps(sources), capture_output=True, text=True, cwd=ROOT, env=env, timeout=900)
        lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
        if not lines:
            raise AssertionError(f"{mode} runner made no progress at example {start}: {proc.stderr[-3000:]}")
        results.update((r["index"], r) for r in lines)
        start = lines[-1]["index"] + 1
    return results


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(MODES)) as pool:
        futures = {mode: pool.submit(_run_mode, mode, tmp_path_factory.mktemp(mode)) for mode in MODES}
        return {mode: f.result() for mode, f in futures.items()}


def test_every_finding_kind_has_an_example():
    assert set(MESSAGES) <= set(EXAMPLES), sorted(set(MESSAGES) - set(EXAMPLES))


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{k}-{i}" for k, i, _ in CASES])
def test_check_verdict_is_what_running_the_example_does(index, outcomes):
    kind, _, source = CASES[index]
    findings, _ = scan_source(source, f"<example {kind}>")
    verdict = verdict_of(findings)
    plain, imports, run = (outcomes[mode][index] for mode in MODES)
    seen = f"verdict={verdict} plain={plain} imports={imports} run={run} findings={findings}"
    if kind == TODAY:
        assert verdict == UNAFFECTED and plain["ok"] and run["ok"], seen
        return
    assert kind in {f.kind for f in findings}, seen
    assert not plain["ok"], seen  # TF 2.21 + Keras 3 breaks it, as the finding says
    if verdict == BROKEN:
        assert not run["ok"], seen
    elif verdict == NEEDS_RUN:
        assert run["ok"] and not imports["ok"], seen
    elif verdict == DIFFERS:
        # It runs, under `run` too, but what it writes is not what TF 2.x wrote: the example's own check says so.
        assert not run["ok"] and run["error"].startswith("AssertionError"), seen
    else:
        assert verdict == WORKS_WITH_IMPORTS and imports["ok"] and run["ok"], seen
