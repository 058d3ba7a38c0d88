"""2018 or today: which era one Python module was written for, decided once, from its source.

Mirrors how a 2016-2019 codebase reads: a module that uses the TF1 graph API, the
TF 0.12 names, or Keras 2 names or arguments was written for TF 1.x / Keras 2
(``"2018"``); every other module is ``"today"``. ``tfcompat run`` gives a 2018
module tfcompat's surfaces for ``tensorflow`` and ``keras`` and every other module
the real ones; ``tfcompat check`` prints the same decision, from the same scan. A
2018 module may also be TF 0.12 code (``Decision.tf012``, see
:mod:`tfcompat.check._scan_tf012`): its ``tensorflow`` is then
:mod:`tfcompat.v1.tf012`, with 0.12's argument order.

The user overrides it in the file (a line ``# tfcompat: legacy`` or
``# tfcompat: modern``; ``# tfcompat: tf012`` / ``# tfcompat: tf1`` say 2018 and which
argument order) or on the command line (``tfcompat run --legacy GLOB
--modern GLOB``), and ``tfcompat run --explain`` prints each decision with the
line that made it.
"""

import fnmatch
import os
from collections.abc import Iterable

from tfcompat.check._scan import scan_module
from tfcompat.check._sources import era_comment

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


class Decision:
    """The era of one module and why.

    Attributes:
        era: ``"2018"`` or ``"today"``.
        line: the 1-based line that decided it (0 when nothing in the file did).
        reason: what on that line decided it (``tf.placeholder``, ``# tfcompat: legacy``...).
        by: ``"code"``, ``"comment"``, ``"flag"`` or ``"default"``.
        tf012: for a 2018 module that is TF 0.12 code, what says so, as ``(line, api)`` (see
            :mod:`tfcompat.check._scan_tf012`); else None. ``tfcompat run`` gives such a module
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
        order = ""
        if self.tf012:
            same = self.by == "code" and self.tf012 == (self.line, self.reason)
            order = ", TF 0.12 argument order" + ("" if same else f" (line {self.tf012[0]}: {self.tf012[1]})")
        if self.by == "flag":
            return f"{self.era} ({self.reason}){order}"
        return f"{self.era} (line {self.line}: {self.reason}){order}"

    def __repr__(self):
        return f"Decision({self.describe()})"


def classify_source(source: str, file: str = "<string>") -> Decision:
    """The era of the module whose source is ``source`` (see the module docstring)."""
    comment = era_comment(source)
    if comment is not None and comment[0] == "modern":
        return decide(source, ())
    findings, _, tf012 = scan_module([(None, source)], file, comment)
    return decide(source, findings, tf012)


def decide(source: str, findings: Iterable, tf012: tuple[int, str] | None = None) -> Decision:
    """The era of a module from its override comment, else from its findings (in line order); ``tf012`` is
    the scan's TF 0.12 evidence (:func:`tfcompat.check.scan_module`)."""
    comment = era_comment(source)
    if comment:
        word, line = comment
        return Decision(TODAY if word == "modern" else LEGACY, line, f"# tfcompat: {word}", "comment", tf012)
    for f in findings:
        if f.kind in LEGACY_KINDS:
            return Decision(LEGACY, f.line, f.api, "code", tf012)
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
        decided.tf012 = scan_module([(None, source)], path, era_comment(source))[2]
        return decided
    return classify_source(source, path)
