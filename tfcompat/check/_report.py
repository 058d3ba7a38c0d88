"""``tfcompat check PATH...`` as a library call: per file, its era, its findings and its verdict.

Mirrors the report ``tf_upgrade_v2`` writes, for the calls it leaves alone too:
each file's era (``2018`` or ``today``, decided as ``tfcompat run`` decides it,
with the line that decided), each legacy call with what TF 2.21 + Keras 3 does
and what tfcompat does, and the file's verdict (the worst status, or
``unaffected``). A notebook is one module: its cells are scanned in order.
"""

import os
from collections.abc import Iterable

from tfcompat._errors import InvalidArgumentError
from tfcompat.check import _rules as R
from tfcompat.check._classify import decide
from tfcompat.check._scan import scan_module, verdict_of
from tfcompat.check._scan_tf012 import TF012_ORDER
from tfcompat.check._sources import era_comment, iter_files, notebook_cells

__all__ = ["scan_paths"]


def _sources(path):
    if path.suffix == ".ipynb":
        return list(notebook_cells(path))
    try:
        return [(None, path.read_text(encoding="utf-8", errors="replace"))]
    except OSError as e:
        raise InvalidArgumentError(f"`PATH` cannot be read: {e}. Received: PATH={str(path)!r}") from e


def scan_paths(paths: Iterable[str | os.PathLike]) -> dict:
    """Scans .py files and notebooks (files or folders); returns a report dict.

    The dict has ``files`` (a list, one dict per file: ``file``, ``era``, ``line``
    and ``reason`` of the decision, ``tf012`` (``[line, api]`` of a TF 0.12 module, else None),
    ``decision`` (all of it as ``tfcompat run --explain`` prints it), ``verdict``, ``findings``), ``findings`` (every
    :class:`~tfcompat.check.Finding`, in file order), ``skipped`` (``{location: [line,
    ...]}``: lines that did not parse and were ignored) and ``summary`` (count per
    status, and ``files`` per verdict).
    """
    files, findings, skipped = [], [], {}
    for path in iter_files(paths):
        sources = _sources(path)
        text = "\n".join(source for _, source in sources)
        found, bad, tf012 = scan_module(sources, str(path), era_comment(text))
        for cell, lines in bad.items():
            skipped[f"{path}" + (f":cell{cell}" if cell is not None else "")] = sorted(lines)
        decision = decide(text, found, tf012)
        if decision.tf012 is None:  # a module decided today's (`# tfcompat: modern`) runs with the real tensorflow
            found = [f for f in found if f.kind != TF012_ORDER]
        files.append({"file": str(path), "era": decision.era, "line": decision.line, "reason": decision.reason,
                      "decided_by": decision.by, "tf012": list(decision.tf012) if decision.tf012 else None,
                      "decision": decision.describe(), "verdict": verdict_of(found), "findings": found})
        findings.extend(found)
    summary = {s: sum(1 for f in findings if f.status == s) for s in R.STATUSES}
    summary["files"] = {v: sum(1 for f in files if f["verdict"] == v) for v in R.VERDICTS}
    return {"files": files, "findings": findings, "skipped": skipped, "summary": summary}
