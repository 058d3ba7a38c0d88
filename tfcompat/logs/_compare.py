"""Compares the scalars of two log directories: the regression test of a TF1 -> TF2 port.

``compare_logs(old, new)`` pairs every ``(run, tag)`` of ``old`` with one of
``new`` (same name, or through a tag map / preset), aligns the points by step
and checks ``|new - old| <= atol + rtol * |old|`` point by point, ``old`` being
the reference (numpy's ``isclose`` convention). NaN equals NaN and an infinity
equals the same infinity.

Defaults and why:

* ``rtol=1e-6, atol=0``: TF1 ``simple_value`` and TF2 scalar tensors both store
  float32 (about 7 significant digits); 1e-6 allows a few float32 ulps of
  rounding (a value cast float64 -> float32 in another order), no more. ``atol``
  is 0 because scalars have no common scale: any absolute default would hide
  real differences in small tags such as a learning rate of 1e-5.
* duplicate steps (a restarted run, a callback logging twice): the last value
  in file order wins, as TensorBoard's charts show it.
* ``align="step"`` compares the steps both sides hold; steps only one side
  holds make the pair different unless ``partial=True``. ``align="index"``
  compares the i-th distinct step of each side (old logged epochs 0.., new 1..).
* tags only ``old`` holds (*missing*) make the result different; tags only
  ``new`` holds (*extra*, e.g. Keras 3's ``evaluation_loss_vs_iterations``) are
  listed but do not, unless ``strict=True``.
"""

import math
import os
from collections.abc import Mapping, Sequence

import numpy as np

from tfcompat._errors import InvalidArgumentError, LogReadError
from tfcompat.logs._comparison import ComparisonResult, Key, PairComparison, key_str
from tfcompat.logs._presets import TagMap, canonical_preset, get_preset, parse_pattern
from tfcompat.logs._reader import check_flag, read_scalars
from tfcompat.logs._series import ScalarSeries

__all__ = ["compare_logs", "compare_scalars", "ComparisonResult", "PairComparison", "DEFAULT_RTOL", "DEFAULT_ATOL"]

DEFAULT_RTOL = 1e-6
DEFAULT_ATOL = 0.0
_ALIGNS = ("step", "index")

# The forms compare_logs accepts (its docstring says what each means).
Scalars = str | os.PathLike | dict[Key | str, ScalarSeries | dict | Sequence[float]]
TagMapLike = TagMap | Mapping[str, str | Sequence[str]] | Sequence[str] | str | None
Patterns = str | Sequence[str] | None


def _dedup(series):
    """Step-sorted series with the last value (in file order) of each step."""
    step = series.step
    if len(step) and bool(np.all(step[1:] > step[:-1])):
        return series
    order = np.argsort(step, kind="stable")
    s = step[order]
    last = np.ones(len(s), dtype=bool)
    last[:-1] = s[1:] != s[:-1]
    idx = order[last]
    return ScalarSeries(step[idx], series.wall_time[idx], series.value[idx])


def _coerce_series(value, name, key):
    if isinstance(value, ScalarSeries):
        return value
    if isinstance(value, dict):
        steps = np.fromiter((int(s) for s in value), dtype=np.int64, count=len(value))
        vals = np.asarray(list(value.values()), dtype=np.float64)
        return ScalarSeries(steps, np.zeros(len(steps)), vals)
    try:
        vals = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        vals = None
    if vals is None or vals.ndim != 1:
        raise InvalidArgumentError(
            f"`{name}` values must be ScalarSeries, {{step: value}} dicts or 1-D sequences of values. "
            f"Received: {name}[{key!r}]={value!r}"
        )
    return ScalarSeries(np.arange(len(vals)), np.zeros(len(vals)), vals)


def _coerce_scalars(obj, name, skip_damaged):
    """``{(run, tag): ScalarSeries}`` and a label from a path or an in-memory dict."""
    if isinstance(obj, (str, os.PathLike)):
        path = os.fspath(obj)
        if "://" not in path and not os.path.exists(path):
            raise LogReadError(f"`{name}` log directory does not exist. Received: {name}={path!r}")
        return read_scalars(path, skip_damaged=skip_damaged), path
    if isinstance(obj, dict):
        out = {}
        for key, value in obj.items():
            if isinstance(key, str):
                key = (".", key)
            elif not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, str) for k in key)):
                raise InvalidArgumentError(
                    f"`{name}` keys must be tags (str) or (run, tag) tuples. Received: key {key!r} in {name}"
                )
            out[key] = _coerce_series(value, name, key)
        return out, f"<{len(out)} series in memory>"
    raise InvalidArgumentError(
        f"`{name}` must be a log directory path or a dict {{(run, tag): ScalarSeries}}. "
        f"Received: {name}={obj!r}"
    )


def _check_tol(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)) or not value >= 0 or math.isinf(value):
        raise InvalidArgumentError(f"`{name}` must be a finite number >= 0. Received: {name}={value!r}")
    return float(value)


def _coerce_tags(tags):
    if tags is None:
        return None
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, (list, tuple)) or not all(isinstance(t, str) and t for t in tags):
        raise InvalidArgumentError(
            f"`tags` must be a pattern or a list of patterns ('tag', 'run:tag', '*' wildcards). Received: tags={tags!r}"
        )
    return [parse_pattern(t) for t in tags], list(tags)


def _check_patterns_match(tag_filter, old_s, full_map):
    """Every ``tags`` pattern must select something: a pattern that matches nothing is a typo, not a filter."""
    cands = {key: full_map.candidates(key) for key in old_s}
    for pattern, text in zip(*tag_filter):
        if any(pattern.match(k) is not None for key in old_s for k in (key, *cands[key])):
            continue
        literal = ":" in text and any(k[1] == text for k in old_s)
        hint = (f" ({text!r} is a tag of old, but ':' separates RUN:TAG in a pattern: "
                f"write '{text.replace(':', chr(92) + ':')}')" if literal else "")
        raise InvalidArgumentError(
            f"`tags` matches no scalar tag of old. Received: tags={tag_filter[1]!r} (pattern {text!r} matches nothing); "
            f"old has {', '.join(key_str(k) for k in sorted(old_s)[:10])}{hint}"
        )


def _check_rules_match(user_map, old_s, new_s):
    """Every user ``tag_map`` rule must pair something: one that matches nothing would be ignored silently."""
    for rule in user_map.rules:
        made = [c for key in old_s for c in rule.candidates(key)]
        if not made:
            raise InvalidArgumentError(
                f"`tag_map` rule {rule.text!r} matches no scalar tag of old. Received: map={rule.text!r}; "
                f"old has {', '.join(key_str(k) for k in sorted(old_s)[:10])}"
            )
        if not any(c in new_s for c in made):
            shown = ", ".join(key_str(c) for c in made[:3]) + (", ..." if len(made) > 3 else "")
            raise InvalidArgumentError(
                f"`tag_map` rule {rule.text!r} maps old tags to names new does not hold ({shown}). "
                f"Received: map={rule.text!r}; "
                f"new has {', '.join(key_str(k) for k in sorted(new_s)[:10])}"
            )


def compare_scalars(old: Scalars, new: Scalars, *, rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL,
                    tag_map: TagMapLike = None, preset: str | None = None, tags: Patterns = None,
                    align: str = "step", partial: bool = False, strict: bool = False, old_label: str | None = None,
                    new_label: str | None = None) -> ComparisonResult:
    """:func:`compare_logs` for scalars already read: ``{(run, tag): ScalarSeries}`` dicts."""
    return compare_logs(old, new, rtol=rtol, atol=atol, tag_map=tag_map, preset=preset, tags=tags,
                        align=align, partial=partial, strict=strict, _labels=(old_label, new_label))


def compare_logs(old: Scalars, new: Scalars, *, rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL,
                 tag_map: TagMapLike = None, preset: str | None = None, tags: Patterns = None, align: str = "step",
                 partial: bool = False, strict: bool = False, skip_damaged: bool = False,
                 _labels: tuple[str | None, str | None] = (None, None)) -> ComparisonResult:
    """Compares the scalars of two log directories, as a regression test of a TF1 -> TF2 port.

    Mirrors no TF1 API: it checks that the new code logs what ``tf.summary`` +
    ``FileWriter`` (or the Keras 2 ``TensorBoard`` callback) logged.

    Args:
        old: the reference: a log directory, or a dict ``{(run, tag) or tag:
            ScalarSeries | {step: value} | [values]}``.
        new: the logs to check, same forms.
        rtol, atol: a point is equal when ``|new - old| <= atol + rtol * |old|``.
        tag_map: rules pairing old with new names: a dict ``{"train/loss":
            "train:epoch_loss"}``, a list of ``"OLD=NEW"`` strings or a TagMap
            (``run:tag`` sides, ``*`` wildcards, ``A|B`` alternatives). They take
            precedence over ``preset``.
        preset: a built-in map name, e.g. ``"keras2018-to-keras3"`` (alias
            ``"2018"``), ``"keras2-to-keras3"``, ``"keras23-to-keras3"`` and the
            reverse ``"keras3-to-..."`` ones.
        tags: compare only old tags matching these patterns (``tag``,
            ``run:tag``, ``*`` wildcards); a pattern may name the new tag too.
        align: ``"step"`` (compare equal steps) or ``"index"`` (the i-th
            distinct step of each side).
        partial: steps only one side holds do not make a pair different.
        strict: tags only new holds make the result different.
        skip_damaged: passed to :func:`read_scalars` (keep reading past damaged records).

    Returns:
        A :class:`ComparisonResult`.

    Raises:
        InvalidArgumentError: a bad argument, a ``tags`` pattern or ``tag_map``
            rule that matches nothing (a typo would otherwise be ignored), or
            nothing left to compare.
        LogReadError: a directory cannot be read or holds no scalars.
    """
    rtol = _check_tol("rtol", rtol)
    atol = _check_tol("atol", atol)
    skip_damaged = check_flag("skip_damaged", skip_damaged)
    if align not in _ALIGNS:
        raise InvalidArgumentError(f"`align` must be one of {', '.join(_ALIGNS)}. Received: align={align!r}")
    user_map = TagMap.coerce(tag_map)
    full_map = user_map + (get_preset(preset) if preset is not None else TagMap())
    tag_filter = _coerce_tags(tags)
    old_s, old_label = _coerce_scalars(old, "old", skip_damaged)
    new_s, new_label = _coerce_scalars(new, "new", skip_damaged)
    old_label = _labels[0] or old_label
    new_label = _labels[1] or new_label
    if not old_s:
        raise LogReadError(f"`old` holds no scalar summaries, nothing to compare. Received: old={old_label!r}")

    def keep(key, cands=()):
        if tag_filter is None:
            return True
        return any(p.match(k) is not None for p in tag_filter[0] for k in (key, *cands))

    pairs, missing, claimed = [], [], set()
    for key in sorted(old_s):
        cands = full_map.candidates(key)
        if not keep(key, cands):
            continue
        match = next((c for c in cands if c in new_s and c not in claimed), None)
        if match is None:
            missing.append((key, cands))
            continue
        claimed.add(match)
        pairs.append(PairComparison(key, match, _dedup(old_s[key]), _dedup(new_s[match]),
                                    rtol, atol, align, partial))
    if tag_filter is not None:
        _check_patterns_match(tag_filter, old_s, full_map)
    _check_rules_match(user_map, old_s, new_s)
    extra = sorted(k for k in new_s if k not in claimed and keep(k))
    options = {
        "rtol": rtol,
        "atol": atol,
        "align": align,
        "partial": bool(partial),
        "strict": bool(strict),
        "preset": canonical_preset(preset) if isinstance(preset, str) else None,
        "map": [r.text for r in user_map.rules],
        "tags": tag_filter[1] if tag_filter else None,
    }
    return ComparisonResult(pairs, missing, extra, options, old_label, new_label)
