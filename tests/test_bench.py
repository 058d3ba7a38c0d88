"""bench/ keeps working: every script imports, and the writing benches run end to end on tiny sizes.

The README quotes figures from these scripts; a script that no longer runs makes those figures
unrepeatable (a moved function broke logs_workloads once, a callback's rule broke bench_histograms).
Speed is not measured here: only that each script runs and that its own identity checks pass.
"""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
SCRIPTS = sorted(name[:-3] for name in os.listdir(BENCH) if name.endswith(".py"))


def _child(code, timeout):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONWARNINGS="ignore",
               PYTHONPATH=os.pathsep.join([ROOT, BENCH, os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_every_bench_script_imports():
    # A peer that is not installed here (TensorFlow, JAX, tbparse...) is not the script's fault.
    ours = ("tfcompat", *SCRIPTS)
    code = (f"import importlib\nfor name in {SCRIPTS!r}:\n    try:\n        importlib.import_module(name)\n"
            f"    except ModuleNotFoundError as e:\n        if e.name.split('.')[0] in {ours!r}:\n            raise\n")
    r = _child(code, timeout=120)
    assert r.returncode == 0, r.stderr[-3000:]


@pytest.mark.slow
def test_write_and_histogram_benches_run_on_tiny_sizes_and_match_tf():
    pytest.importorskip("tensorflow", reason="needs TensorFlow: the peer is TF's own writer")
    code = (
        "import sys, bench_write, bench_histograms\n"
        "a = bench_write.main(['--steps', '20', '--rounds', '1', '--scalars', '2'])\n"
        "b = bench_histograms.main(['--rounds', '1', '--steps', '3', '--values', '50', '--epochs', '1'])\n"
        "sys.exit(a or b)\n"
    )
    r = _child(code, timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    # each script's own check that tfcompat wrote what TensorFlow wrote (EventAccumulator on both logs)
    assert "tfcompat.v1: tags/steps/values identical to tf.compat.v1's: True" in r.stdout
    assert "histograms identical to tf.compat.v1's (EventAccumulator): True" in r.stdout
