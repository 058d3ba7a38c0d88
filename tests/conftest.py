"""Shared test fixtures.

``real_logs`` is ../shared/fixtures/real-logs (real event files from public
repositories); tests that use it skip cleanly when it is absent.
"""

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
REAL_LOGS = pathlib.Path(os.environ.get("TFCOMPAT_REAL_LOGS", ROOT.parent / "shared" / "fixtures" / "real-logs"))
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def real_logs():
    """Path of the real-logs fixture folder; skips the test when absent."""
    if not REAL_LOGS.is_dir():
        pytest.skip(f"real-logs fixtures not found at {REAL_LOGS}")
    return REAL_LOGS


def real_log_files():
    """All event files under REAL_LOGS (empty when the folder is absent), for parametrize."""
    if not REAL_LOGS.is_dir():
        return []
    return sorted(p for p in REAL_LOGS.rglob("*") if p.is_file() and "tfevents" in p.name)


def real_log_dirs():
    """Every folder of REAL_LOGS that directly holds an event file, for parametrize."""
    return sorted({p.parent for p in real_log_files()})
