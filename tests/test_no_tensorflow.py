"""The reading side's own tests pass in a process where TensorFlow is not installed, and the rest skip with the reason.

CI's environment has TensorFlow; a second virtual environment without it costs a minute of installing, so the
no-TensorFlow cell runs here as a pytest child with ``TFCOMPAT_BLOCK_TF=1`` (tests/conftest.py hides TensorFlow
and tf-keras from the import system before any test module loads, and pkg_resources, which tensorboard 2.16's
server needs and setuptools 81+ lacks). ``nox -s no_tensorflow`` runs the whole suite
in a real environment without TensorFlow.
"""

import os
import re
import subprocess
import sys

import pytest

from tests.support import ROOT

READING_SIDE = ["tests/wire", "tests/logs", "tests/cli", "tests/check", "tests/test_testing.py",
                "tests/test_public_api.py", "tests/keras/test_logs.py"]


@pytest.mark.slow
def test_reading_side_tests_pass_without_tensorflow():
    if os.environ.get("TFCOMPAT_BLOCK_TF") == "1":
        pytest.skip("already running without TensorFlow")
    env = dict(os.environ, TFCOMPAT_BLOCK_TF="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow", "-rs",
                        *READING_SIDE], capture_output=True, text=True, timeout=900, cwd=str(ROOT), env=env)
    tail = r.stdout[-4000:]
    assert r.returncode == 0, tail + r.stderr[-2000:]
    summary = r.stdout.strip().splitlines()[-1]
    assert re.search(r"\d+ passed", summary) and "error" not in summary and "failed" not in summary, summary
    # Whatever needs TensorFlow said so in its skip reason.
    skipped = [line for line in r.stdout.splitlines() if line.startswith("SKIPPED")]
    assert all("not installed" in line or "not found" in line or "empty parameter set" in line
               or "deselected" in line for line in skipped), skipped
