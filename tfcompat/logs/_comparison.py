"""What ``compare_logs`` returns: one :class:`PairComparison` per matched tag, gathered in a :class:`ComparisonResult`.

A pair compares two step-sorted series point by point (``|new - old| <= atol +
rtol * |old|``, ``old`` the reference); the result prints as a table, as JSON
(``to_dict``, schema ``tfcompat.compare/1``) and is truthy when nothing differs.
"""

import math
from collections.abc import Sequence

import numpy as np

from tfcompat.logs._series import ScalarSeries, json_float

__all__ = ["ComparisonResult", "PairComparison", "Key", "key_str", "SCHEMA"]

SCHEMA = "tfcompat.compare/1"
Key = tuple[str, str]


def key_str(key):
    """``run:tag``, or just ``tag`` for the top run ``.``.

    A ``:`` inside the tag is written ``\\:`` (as in --map/--tags patterns), so
    lingvo's tag ``bleu/split:dev`` does not read as run ``bleu/split``.
    """
    run, tag = key
    tag = tag.replace(":", "\\:")
    return tag if run == "." else f"{run}:{tag}"


def _fmt(x):
    if x is None:
        return "-"
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    return f"{float(x):.6g}"


def _steps_text(steps, limit=5):
    shown = ", ".join(str(int(s)) for s in steps[:limit])
    return shown + (", ..." if len(steps) > limit else "")


class PairComparison:
    """The comparison of one old ``(run, tag)`` with its new counterpart.

    Attributes:
        old_key, new_key: ``(run, tag)`` of each side.
        compared: number of aligned points compared.
        different: how many of them are outside the tolerance.
        max_abs_diff, max_rel_diff: over the compared points (NaN when a NaN
            faces a number; rel is inf when old is 0 and new is not); None when
            nothing was compared.
        worst_step, worst_old, worst_new: the point with the largest absolute
            difference among those outside the tolerance (among all points
            when none is outside; a NaN facing a number counts as infinite).
            ``worst_new_step`` differs from ``worst_step`` only with
            ``align="index"``.
        steps_only_old, steps_only_new: int64 arrays of unaligned steps.
        old, new: the de-duplicated series (step-sorted), kept for plots.
        aligned_step, aligned_old, aligned_new: the compared points (old's steps).
        equal: no point outside the tolerance, at least one compared, and no
            unaligned step unless the comparison was ``partial``.
    """

    def __init__(self, old_key: Key, new_key: Key, old: ScalarSeries, new: ScalarSeries, rtol: float, atol: float,
                 align: str, partial: bool) -> None:
        self.old_key, self.new_key = old_key, new_key
        self.old, self.new = old, new
        so, vo, sn, vn = old.step, old.value, new.step, new.value
        if align == "step":
            _, io, inew = np.intersect1d(so, sn, assume_unique=True, return_indices=True)
            self.steps_only_old = np.setdiff1d(so, sn, assume_unique=True)
            self.steps_only_new = np.setdiff1d(sn, so, assume_unique=True)
        else:
            n = min(len(so), len(sn))
            io = inew = np.arange(n)
            self.steps_only_old, self.steps_only_new = so[n:], sn[n:]
        a, b = vo[io], vn[inew]
        self.aligned_step, self.aligned_old, self.aligned_new = so[io], a, b
        self.compared = len(a)
        with np.errstate(invalid="ignore", divide="ignore"):
            d = np.abs(b - a)
            same = (np.isnan(a) & np.isnan(b)) | (np.isinf(a) & (a == b))
            d[same] = 0.0
            # an infinite old value would give an infinite tolerance: only the same inf is equal
            bad = ~(same | ((d <= atol + rtol * np.abs(a)) & np.isfinite(a)))
            rel = np.where(d == 0, 0.0, d / np.abs(a))
        self.different = int(bad.sum())
        if self.compared:
            self.max_abs_diff = float(np.nan if np.isnan(d).any() else d.max())
            self.max_rel_diff = float(np.nan if np.isnan(rel).any() else rel.max())
            rank = np.where(np.isnan(d), np.inf, d)
            if self.different:
                rank = np.where(bad, rank, -1.0)
            w = int(np.argmax(rank))
            self.worst_step, self.worst_new_step = int(so[io[w]]), int(sn[inew[w]])
            self.worst_old, self.worst_new = float(a[w]), float(b[w])
        else:
            self.max_abs_diff = self.max_rel_diff = None
            self.worst_step = self.worst_new_step = self.worst_old = self.worst_new = None
        unaligned = len(self.steps_only_old) + len(self.steps_only_new)
        self.equal = self.compared > 0 and self.different == 0 and (partial or unaligned == 0)

    @property
    def reason(self) -> str:
        """Why the pair differs or what was left out (unaligned steps), in words; '' when neither."""
        parts = []
        if self.compared == 0:
            parts.append("no common steps")
        elif self.different:
            parts.append(f"{self.different} of {self.compared} values differ")
        if len(self.steps_only_old):
            parts.append(f"{len(self.steps_only_old)} steps only in old ({_steps_text(self.steps_only_old)})")
        if len(self.steps_only_new):
            parts.append(f"{len(self.steps_only_new)} steps only in new ({_steps_text(self.steps_only_new)})")
        return "; ".join(parts)

    def worst_text(self) -> str:
        if self.worst_step is None:
            return "-"
        step = str(self.worst_step)
        if self.worst_new_step != self.worst_step:
            step += f"/{self.worst_new_step}"
        return f"step {step}: {_fmt(self.worst_old)} -> {_fmt(self.worst_new)}"

    def to_dict(self) -> dict:
        worst = None
        if self.worst_step is not None:
            worst = {
                "step": self.worst_step,
                "new_step": self.worst_new_step,
                "old": json_float(self.worst_old),
                "new": json_float(self.worst_new),
            }
        return {
            "old": {"run": self.old_key[0], "tag": self.old_key[1]},
            "new": {"run": self.new_key[0], "tag": self.new_key[1]},
            "equal": self.equal,
            "compared": self.compared,
            "different": self.different,
            "max_abs_diff": json_float(self.max_abs_diff),
            "max_rel_diff": json_float(self.max_rel_diff),
            "worst": worst,
            "steps_only_old": [int(s) for s in self.steps_only_old],
            "steps_only_new": [int(s) for s in self.steps_only_new],
        }

    def __repr__(self):
        state = "equal" if self.equal else self.reason
        return f"<PairComparison {key_str(self.old_key)} -> {key_str(self.new_key)}: {state}>"


class ComparisonResult:
    """What :func:`compare_logs` found.

    Attributes:
        equal: True when every old tag has a counterpart that is equal within
            the tolerance (and, with ``strict``, new has no extra tag).
        pairs: list of :class:`PairComparison`, in old-key order.
        missing: list of ``(old_key, expected_new_keys)`` for old tags without
            a counterpart in new.
        extra: list of new keys no old tag was paired with.
        options: the settings used (rtol, atol, align, preset, map, tags, ...).
    """

    def __init__(self, pairs: list[PairComparison], missing: list[tuple[Key, Sequence[Key]]], extra: list[Key],
                 options: dict, old_label: str, new_label: str) -> None:
        self.pairs = pairs
        self.missing = missing
        self.extra = extra
        self.options = options
        self.old_label, self.new_label = old_label, new_label
        self.equal = (
            all(p.equal for p in pairs) and not missing and not (options["strict"] and extra)
        )

    @property
    def different(self) -> list[PairComparison]:
        """The pairs that are not equal, worst first."""
        bad = [p for p in self.pairs if not p.equal]
        return sorted(bad, key=lambda p: -_severity(p))

    def __bool__(self):
        raise TypeError("ComparisonResult has no truth value: use `.equal`")

    def to_dict(self) -> dict:
        """A JSON-ready dict with a stable schema (``"schema": "tfcompat.compare/1"``).

        Non-finite floats are the strings ``"nan"``, ``"inf"`` and ``"-inf"``.
        """
        return {
            "schema": SCHEMA,
            "equal": self.equal,
            "old": self.old_label,
            "new": self.new_label,
            "options": dict(self.options),
            "summary": {
                "pairs": len(self.pairs),
                "different": sum(not p.equal for p in self.pairs),
                "missing": len(self.missing),
                "extra": len(self.extra),
            },
            "pairs": [p.to_dict() for p in self.pairs],
            "missing": [
                {"run": k[0], "tag": k[1], "expected": [{"run": e[0], "tag": e[1]} for e in exp]}
                for k, exp in self.missing
            ],
            "extra": [{"run": k[0], "tag": k[1]} for k in self.extra],
        }

    def summary(self) -> str:
        """One line: EQUAL/DIFFERENT and the counts."""
        n_diff = sum(not p.equal for p in self.pairs)
        o = self.options
        tol = f"rtol={o['rtol']:g}, atol={o['atol']:g}, align={o['align']}"
        word = "EQUAL" if self.equal else "DIFFERENT"
        extra = f", {len(self.extra)} extra" + (" (strict)" if o["strict"] and self.extra else "")
        return (
            f"{word}: {n_diff} of {len(self.pairs)} tags differ, {len(self.missing)} missing"
            f"{extra} ({tol})"
        )

    def format(self, max_rows: int | None = None, show_equal: bool = True) -> str:
        """The text report: a table of the pairs (different ones first), missing and extra tags.

        Args:
            max_rows: show at most this many pairs (None: all).
            show_equal: list the equal pairs too.
        """
        rows = self.different + ([p for p in self.pairs if p.equal] if show_equal else [])
        hidden = 0
        if max_rows is not None and len(rows) > max_rows:
            hidden = len(rows) - max_rows
            rows = rows[:max_rows]
        o = self.options
        lines = [f"old: {self.old_label}", f"new: {self.new_label}"]
        if o.get("preset"):
            lines.append(f"preset: {o['preset']}")
        if o.get("map"):
            lines.append("map: " + "  ".join(o["map"]))
        if rows:
            table = [("", "old", "new", "n", "max|diff|", "max rel", "worst", "note")]
            for p in rows:
                table.append((
                    "ok" if p.equal else "DIFF",
                    key_str(p.old_key),
                    "=" if p.new_key == p.old_key else key_str(p.new_key),
                    str(p.compared),
                    _fmt(p.max_abs_diff),
                    _fmt(p.max_rel_diff),
                    p.worst_text() if p.different else "-",
                    p.reason,
                ))
            widths = [max(len(r[i]) for r in table) for i in range(len(table[0]) - 1)]
            lines.append("")
            for r in table:
                lines.append(("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1]).rstrip())
            if hidden:
                lines.append(f"... {hidden} more pairs not shown")
        if self.missing:
            lines.append("")
            lines.append(f"missing in new ({len(self.missing)}):")
            for k, exp in self.missing:
                looked = ", ".join(key_str(e) for e in exp)
                lines.append(f"  {key_str(k)}  (looked for {looked})")
        if self.extra:
            lines.append("")
            note = "" if o["strict"] else ", not compared"
            lines.append(f"extra in new ({len(self.extra)}{note}):")
            lines.extend(f"  {key_str(k)}" for k in self.extra)
        lines.append("")
        lines.append(self.summary())
        return "\n".join(lines)

    def __str__(self):
        return self.format()

    def __repr__(self):
        return f"<ComparisonResult {self.summary()}>"


def _severity(p):
    if p.compared == 0:
        return math.inf
    if p.max_abs_diff is None or math.isnan(p.max_abs_diff):
        return math.inf
    return p.max_abs_diff
