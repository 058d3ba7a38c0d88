"""2018 or today: which era one Python module was written for, decided once, from its source.

Mirrors how a 2016-2019 codebase reads: a module that uses the TF1 graph API, the
TF 0.12 names, or Keras 2 names or arguments was written for TF 1.x / Keras 2
(``"2018"``); every other module is ``"today"``. ``tfcompat run`` gives a 2018
module tfcompat's surfaces for ``tensorflow`` and ``keras`` and every other module
the real ones; ``tfcompat check`` prints the same decision, from the same scan.

The user overrides it in the file (a line ``# tfcompat: legacy`` or
``# tfcompat: modern``) or on the command line (``tfcompat run --legacy GLOB
--modern GLOB``), and ``tfcompat run --explain`` prints each decision with the
line that made it.
"""

import fnmatch
import os
import re
from collections.abc import Iterable

from tfcompat.check._scan import scan_source
from tfcompat.check._scan_tf012 import TF012_ORDER

__all__ = ["LEGACY", "TODAY", "LEGACY_KINDS", "Decision", "classify_source", "classify_file", "decide", "Overrides"]

LEGACY = "2018"
TODAY = "today"

# Finding kinds of the scan that mean "written for TF 1.x / Keras 2". The others
# (trace_export(profiler_outdir=), Metric.reset_states) are TF 2.0-2.15 code.
LEGACY_KINDS = frozenset([
    "v1_removed", "v1_missing", "tf012", "v1_layers", "contrib", "v1_summary_shadowed", "eager_switch",
    "compat_v1_eager", "backend_removed", "backend_missing", "optimizer_lr_kwarg", "optimizer_decay_kwarg",
    "optimizer_lr_read", "optimizer_lr_write", "logs_acc", "tb21_positional", "tb21_keywords", "tb21_subclass",
    "fit_nb_epoch", "model_generator_method", "v1_keyword", "dropout_keep_prob", "callback_monitor_acc",
    "checkpoint_h5", "np_utils", "keras2_module", "optimizer_decay_attr", "tb21_writer", "logs_numpy",
    "keras1_layer_kwarg", "tf012_order",
])


_COMMENT = re.compile(r"^[ \t]*#[ \t]*tfcompat:[ \t]*(legacy|modern)[ \t]*$", re.M)


class Decision:
    """The era of one module and why.

    Attributes:
        era: ``"2018"`` or ``"today"``.
        line: the 1-based line that decided it (0 when nothing in the file did).
        reason: what on that line decided it (``tf.placeholder``, ``# tfcompat: legacy``...).
        by: ``"code"``, ``"comment"``, ``"flag"`` or ``"default"``.
        tf012: for a 2018 module that is TF 0.12 code, the first of its calls whose arguments TF 1.0
            reordered, as ``(line, api)``; else None. ``tfcompat run`` gives such a module
            :mod:`tfcompat.v1.tf012`.
    """

    __slots__ = ("era", "line", "reason", "by", "tf012")

    def __init__(self, era: str, line: int = 0, reason: str = "", by: str = "default",
                 tf012: tuple[int, str] | None = None) -> None:
        self.era, self.line, self.reason, self.by = era, line, reason, by
        self.tf012 = tf012 if era == LEGACY else None

    @property
    def legacy(self) -> bool:
        return self.era == LEGACY

    def describe(self) -> str:
        """``2018 (line 12: tf.placeholder)`` / ``today (no TF1 or Keras 2 name)``; a TF 0.12 module adds
        ``, TF 0.12 argument order (line 30: tf.concat(concat_dim, values))``."""
        if self.by == "default":
            return f"{self.era} (no TF1 or Keras 2 name)"
        order = f", TF 0.12 argument order (line {self.tf012[0]}: {self.tf012[1]})" if self.tf012 else ""
        if self.by == "flag":
            return f"{self.era} ({self.reason}){order}"
        return f"{self.era} (line {self.line}: {self.reason}){order}"

    def __repr__(self):
        return f"Decision({self.describe()})"


def classify_source(source: str, file: str = "<string>") -> Decision:
    """The era of the module whose source is ``source`` (see the module docstring)."""
    comment = _COMMENT.search(source)
    modern = comment is not None and comment.group(1) == "modern"
    return decide(source, () if modern else scan_source(source, file)[0])


def _tf012(findings):
    return next(((f.line, f.api) for f in findings if f.kind == TF012_ORDER), None)


def decide(source: str, findings: Iterable) -> Decision:
    """The era of a module from its override comment, else from its findings (in line order)."""
    findings = list(findings)
    comment = _COMMENT.search(source)
    if comment:
        line = source.count("\n", 0, comment.start()) + 1
        era = LEGACY if comment.group(1) == "legacy" else TODAY
        return Decision(era, line, f"# tfcompat: {comment.group(1)}", "comment", _tf012(findings))
    for f in findings:
        if f.kind in LEGACY_KINDS:
            return Decision(LEGACY, f.line, f.api, "code", _tf012(findings))
    return Decision(TODAY)


class Overrides:
    """``--legacy GLOB`` / ``--modern GLOB``: paths whose era the user decided.

    A glob matches the file's path as given, its absolute path, or its name; the
    first matching flag wins, ``--modern`` before ``--legacy`` when both match.
    """

    def __init__(self, legacy: Iterable[str] = (), modern: Iterable[str] = ()) -> None:
        self.legacy, self.modern = tuple(legacy), tuple(modern)

    def match(self, path: str) -> Decision | None:
        names = {path, os.path.abspath(path), os.path.basename(path)}
        for era, globs in ((TODAY, self.modern), (LEGACY, self.legacy)):
            for glob in globs:
                if any(fnmatch.fnmatch(n, glob) for n in names):
                    flag = "--modern" if era == TODAY else "--legacy"
                    return Decision(era, 0, f"{flag} {glob}", "flag")
        return None

    def __bool__(self):
        return bool(self.legacy or self.modern)


def classify_file(path: str, source: str = None, overrides: Overrides = None) -> Decision:
    """The era of the module in file ``path`` (flags first, then the file's comment and code)."""
    decided = overrides.match(path) if overrides else None
    if decided is not None and decided.era == TODAY:
        return decided
    if source is None:
        with open(path, encoding="utf-8", errors="replace") as f:
            source = f.read()
    if decided is not None:  # --legacy: which TF 1.x surface is still the source's to say
        decided.tf012 = _tf012(scan_source(source, path)[0])
        return decided
    return classify_source(source, path)
