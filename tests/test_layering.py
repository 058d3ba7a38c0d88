"""The reading side never imports TensorFlow, Keras or tensorboard.backend (checked in a fresh process)."""

import importlib.util
import json
import subprocess
import sys

import pytest

from tests.support import file_version, simple, write

FORBIDDEN = ("tensorflow", "keras", "tensorboard.backend", "tf_keras")

PROBE = """
import json, sys
{body}
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras", "tf_keras")
             or m.startswith("tensorboard.backend"))
print(json.dumps(bad))
"""


def _run(body, tmp_path):
    r = subprocess.run([sys.executable, "-c", PROBE.format(body=body)], capture_output=True, text=True,
                       timeout=120, cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.fixture
def logdirs(tmp_path):
    for name in ("old", "new"):
        write(tmp_path / name / "run" / "events.out.tfevents.1.h",
              [file_version()] + [simple(s, {"loss": 1.0 / (s + 1)}) for s in range(5)])
    return tmp_path


@pytest.mark.slow
def test_import_tfcompat_logs_loads_no_tensorflow(tmp_path):
    assert _run("import tfcompat, tfcompat.logs", tmp_path) == []


@pytest.mark.slow
def test_inspect_and_export_load_no_tensorflow(logdirs):
    body = (
        "from tfcompat.cli._main import main\n"
        f"assert main(['inspect', {str(logdirs / 'old')!r}]) == 0\n"
        f"assert main(['inspect', {str(logdirs / 'old')!r}, '--json']) == 0\n"
        f"assert main(['export', {str(logdirs / 'old')!r}, '--csv', '-']) == 0\n"
        f"assert main(['export', {str(logdirs / 'old')!r}, '--json', '-']) == 0\n"
        f"import tfcompat.logs as L; L.read_histograms({str(logdirs)!r}); L.read_images({str(logdirs)!r})\n"
    )
    assert _run(body, logdirs) == []


def _present(module):
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


@pytest.mark.slow
def test_compare_cli_loads_no_tensorflow(logdirs):
    if not _present("tfcompat.cli._compare"):
        pytest.skip("tfcompat.cli._compare not written yet")
    body = (
        "from tfcompat.cli._main import main\n"
        f"rc = main(['compare', {str(logdirs / 'old')!r}, {str(logdirs / 'new')!r}])\n"
        "assert rc in (0, 1), rc\n"
    )
    assert _run(body, logdirs) == []


@pytest.mark.slow
def test_tfcompat_testing_loads_no_tensorflow(tmp_path):
    if not _present("tfcompat.testing"):
        pytest.skip("tfcompat.testing not written yet")
    assert _run("import tfcompat.testing", tmp_path) == []
