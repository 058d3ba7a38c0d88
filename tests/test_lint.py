"""ruff holds the style the project chose (pyproject.toml's [tool.ruff]), including no `assert` for input checks."""

import shutil
import subprocess
import sys

import pytest

from tests.support import ROOT


def _ruff():
    exe = shutil.which("ruff") or str(ROOT / ".venv" / "bin" / "ruff")
    try:
        subprocess.run([exe, "--version"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        try:
            import ruff  # noqa: F401  (the wheel ships the binary beside the module)
        except ImportError:
            pytest.skip("ruff is not installed (it comes with the [test] extra)")
        return [sys.executable, "-m", "ruff"]
    return [exe]


def test_ruff_finds_nothing():
    r = subprocess.run([*_ruff(), "check", "--no-cache", "tfcompat", "tests", "bench"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_package_never_uses_assert():
    # S101 is selected for tfcompat/ and ignored only under tests/ and bench/.
    r = subprocess.run([*_ruff(), "check", "--no-cache", "--select", "S101", "tfcompat"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
