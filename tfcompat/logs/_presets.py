"""Tag maps for ``tfcompat compare``: the ``OLD=NEW`` syntax and the built-in presets.

A *key* is ``(run, tag)``; ``run`` is the folder of the event files relative to
the log directory given, ``"."`` for the directory itself. A map rule reads
``OLD=NEW`` where each side is ``tag`` or ``run:tag``:

* ``*`` matches any text (also ``/``); the i-th ``*`` of one side becomes the
  i-th ``*`` of the other, so ``train/*=train:epoch_*`` maps ``train/acc`` to
  run ``train``, tag ``epoch_acc``. Both sides must hold as many ``*``.
* a side without ``run:`` stands for "the same run as the other side";
* ``A|B`` on a side lists alternatives: the first that exists is used, so
  ``val/acc=validation:epoch_accuracy|validation:epoch_acc`` fits both the
  ``accuracy`` and the old ``acc`` metric string;
* a run pattern ``*/train`` also matches run ``train`` itself (the ``*`` is then
  ``"."``), so one rule serves ``logdir`` and ``parent`` alike;
* ``\\:``, ``\\=``, ``\\|``, ``\\*`` and ``\\\\`` stand for the literal character
  (tags such as ``log_perplexity/split:dev`` hold colons).

Rules are symmetric: :meth:`TagMap.reversed` swaps the sides.
"""

import posixpath
import re

from tfcompat._errors import InvalidArgumentError
from tfcompat._names import KERAS3_LOG_KEYS, LR_LOG_KEYS

__all__ = ["MapRule", "TagMap", "PRESETS", "PRESET_ALIASES", "canonical_preset", "get_preset", "parse_pattern", "parse_rule",
           "preset_names", "Suggestion", "suggest_tag_map"]

_SPECIAL = {":": "\x01", "=": "\x02", "|": "\x03", "*": "\x04", "\\": "\x05"}
_UNSPECIAL = {v: k for k, v in _SPECIAL.items()}


def _protect(text):
    """Replaces escaped specials by placeholders so that split() ignores them."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in _SPECIAL:
            out.append(_SPECIAL[text[i + 1]])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _literal(text):
    return "".join(_UNSPECIAL.get(c, c) for c in text)


def _glob_regex(pattern):
    """A regex of a protected glob: ``*`` captures, everything else (placeholders too) is literal."""
    parts = pattern.split("*")
    return re.compile("(.*?)".join(re.escape(_literal(p)) for p in parts) + r"\Z", re.S)


class _Side:
    """One alternative of one side of a rule: an optional run glob and a tag glob."""

    __slots__ = ("run", "tag", "stars", "_run_re", "_tag_re", "text")

    def __init__(self, text, rule_text, name="map"):
        self.text = text
        run, sep, tag = text.partition(":")
        if not sep:
            run, tag = None, text
        if not tag:
            raise InvalidArgumentError(f"`{name}` has an empty tag. Received: {name}={rule_text!r}")
        if run is not None and not run:
            raise InvalidArgumentError(
                f"`{name}` has an empty run before ':' (use '.' for the top folder). Received: {name}={rule_text!r}"
            )
        self.run = run
        self.tag = tag
        self.stars = tag.count("*") + (run.count("*") if run is not None else 0)
        self._run_re = _glob_regex(run) if run is not None else None
        self._tag_re = _glob_regex(tag)

    def match(self, key):
        """Captures of ``key`` as ``(run_or_None, groups)``, or None when it does not match."""
        run, tag = key
        groups = []
        if self._run_re is not None:
            m = self._run_re.match(run)
            if m is None and not run.startswith("./"):
                m = self._run_re.match("./" + run)  # '*/train' matches 'train' with * = '.'
            if m is None:
                return None
            groups.extend(m.groups())
        mt = self._tag_re.match(tag)
        if mt is None:
            return None
        groups.extend(mt.groups())
        return run, groups

    def fill(self, same_run, groups):
        """The key this side names for the captures (and the run) of the other side."""
        it = iter(groups)
        if self.run is None:
            run = same_run
        else:
            run = _normrun("".join(_fill_parts(self.run, it)))
        tag = "".join(_fill_parts(self.tag, it))
        return run, tag


def _fill_parts(pattern, it):
    parts = pattern.split("*")
    out = [_literal(parts[0])]
    for p in parts[1:]:
        out.append(next(it))
        out.append(_literal(p))
    return out


def _normrun(run):
    run = posixpath.normpath(run.replace("\\", "/")) if run else "."
    return run


def parse_pattern(text, name="tags"):
    """A ``tag`` or ``run:tag`` glob with ``*`` wildcards; ``.match(key)`` is None when it does not match."""
    return _Side(_protect(text.strip()), text, name)


class MapRule:
    """One ``OLD=NEW`` rule. ``old`` and ``new`` are lists of alternatives."""

    __slots__ = ("old", "new", "text")

    def __init__(self, old, new, text):
        self.old = old
        self.new = new
        self.text = text

    def candidates(self, key):
        """New-side keys ``key`` (an old key) maps to under this rule, best first; [] if it does not match."""
        for side in self.old:
            m = side.match(key)
            if m is not None:
                same_run, groups = m
                return [alt.fill(same_run, groups) for alt in self.new]
        return []

    def reversed(self):
        return MapRule(self.new, self.old, _reverse_text(self.text))

    def __repr__(self):
        return f"MapRule({self.text!r})"


def _reverse_text(text):
    p = _protect(text)
    old, _, new = p.partition("=")
    return _restore(new + "=" + old)


def _restore(protected):
    return "".join("\\" + _UNSPECIAL[c] if c in _UNSPECIAL else c for c in protected)


def parse_rule(text):
    """Parses one ``OLD=NEW`` rule (see the module docstring for the syntax).

    Raises:
        InvalidArgumentError: naming the rule, for a missing ``=``, an empty side
            or sides with a different number of ``*``.
    """
    if isinstance(text, MapRule):
        return text
    if not isinstance(text, str):
        raise InvalidArgumentError(f"`map` rules must be strings 'OLD=NEW'. Received: map={text!r}")
    p = _protect(text.strip())
    old, sep, new = p.partition("=")
    if not sep or not old.strip() or not new.strip():
        raise InvalidArgumentError(
            f"`map` rules must read OLD=NEW, e.g. 'train/loss=train:epoch_loss'. Received: map={text!r}"
        )
    if "=" in new:
        raise InvalidArgumentError(
            f"`map` rule has more than one '=' (escape a literal one as '\\='). Received: map={text!r}"
        )
    olds = [_Side(s.strip(), text) for s in old.split("|")]
    news = [_Side(s.strip(), text) for s in new.split("|")]
    counts = {s.stars for s in olds + news}
    if len(counts) > 1:
        raise InvalidArgumentError(
            f"Every side of a `map` rule must hold the same number of '*'. Received: map={text!r}"
        )
    return MapRule(olds, news, text.strip())


class TagMap:
    """An ordered list of rules. An old key's candidates are the names every matching rule
    gives, in rule order, then the key itself; the first candidate new holds is used."""

    def __init__(self, rules=()):
        self.rules = [parse_rule(r) for r in rules]

    @classmethod
    def coerce(cls, value, name="tag_map"):
        """A TagMap from None, a TagMap, a str rule, a list of rules or a dict ``{old: new}``."""
        if value is None:
            return cls()
        if isinstance(value, TagMap):
            return value
        if isinstance(value, str):
            return cls([value])
        if isinstance(value, dict):
            rules = []
            for old, new in value.items():
                if not isinstance(old, str) or not isinstance(new, (str, list, tuple)):
                    raise InvalidArgumentError(
                        f"`{name}` dict must map str to str (or a list of alternatives). Received: {name}={value!r}"
                    )
                alts = [new] if isinstance(new, str) else list(new)
                rules.append(_escape_eq(old) + "=" + "|".join(_escape_eq(a) for a in alts))
            return cls(rules)
        if isinstance(value, (list, tuple)):
            return cls(value)
        raise InvalidArgumentError(
            f"`{name}` must be a dict {{old: new}}, a list of 'OLD=NEW' strings or a TagMap. "
            f"Received: {name}={value!r}"
        )

    def __add__(self, other):
        return TagMap(self.rules + other.rules)

    def reversed(self):
        return TagMap([r.reversed() for r in self.rules])

    def candidates(self, key):
        """New keys for old ``key``, best first: those of every matching rule in order, then ``key``."""
        out = []
        for rule in self.rules:
            for c in rule.candidates(key):
                if c not in out:
                    out.append(c)
        if key not in out:
            out.append(key)
        return out

    def __len__(self):
        return len(self.rules)

    def __repr__(self):
        return f"TagMap({[r.text for r in self.rules]!r})"


def _escape_eq(s):
    return s.replace("=", "\\=")


# Old Keras wrote 'acc' for metrics=['accuracy'] (Keras <= 2.2), Keras 2.3+ and 3 write
# 'accuracy'; lr was logged by hand in 2018 and is 'learning_rate' in Keras 3's callback.
_KERAS2018_TO_KERAS3 = [
    "*:train/loss=*/train:epoch_loss",
    "*:train/acc|*:train/accuracy=*/train:epoch_accuracy|*/train:epoch_acc",
    "*:val/loss=*/validation:epoch_loss",
    "*:val/acc|*:val/accuracy=*/validation:epoch_accuracy|*/validation:epoch_acc",
    "*:lr|*:learning_rate=*/train:epoch_learning_rate|*/train:epoch_lr",
    "*:lr_*=*/train:epoch_learning_rate_*",
    "*:train/*=*/train:epoch_*",
    "*:val/*=*/validation:epoch_*",
    "*:batch/acc|*:batch/accuracy=*/train:batch_accuracy|*/train:batch_acc",
    "*:batch/*=*/train:batch_*",
]
# keras.callbacks.TensorBoard of Keras 2.0-2.2: one run, the logs keys as tags.
_KERAS2_TO_KERAS3 = [
    "*:acc|*:accuracy=*/train:epoch_accuracy|*/train:epoch_acc",
    "*:val_acc|*:val_accuracy=*/validation:epoch_accuracy|*/validation:epoch_acc",
    "*:lr|*:learning_rate=*/train:epoch_learning_rate|*/train:epoch_lr",
    "*:val_*=*/validation:epoch_*",
    "*:*=*/train:epoch_*",
]
# tf.keras under TF 1.13-1.15 / Keras 2.3 in graph mode: one run, 'epoch_'/'batch_'
# prefixes and 'val_' kept inside the tag.
_KERAS23_TO_KERAS3 = [
    "*:epoch_acc=*/train:epoch_accuracy|*/train:epoch_acc",
    "*:epoch_val_acc=*/validation:epoch_accuracy|*/validation:epoch_acc",
    "*:epoch_lr=*/train:epoch_learning_rate|*/train:epoch_lr",
    "*:batch_acc=*/train:batch_accuracy|*/train:batch_acc",
    "*:epoch_val_*=*/validation:epoch_*",
    "*:epoch_*=*/train:epoch_*",
    "*:batch_*=*/train:batch_*",
]

# TF1 scripts with one FileWriter per phase (mnist_with_summaries: logdir/train, logdir/test;
# Estimator: logdir, logdir/eval): plain metric tags in each run.
_TF1RUNS_TO_KERAS3 = [
    "*/train:acc|*/train:accuracy=*/train:epoch_accuracy|*/train:epoch_acc",
    "*/train:lr|*/train:learning_rate=*/train:epoch_learning_rate|*/train:epoch_lr",
    "*/train:*=*/train:epoch_*",
    "*/val:acc|*/test:acc|*/eval:acc|*/val:accuracy|*/test:accuracy|*/eval:accuracy"
    "=*/validation:epoch_accuracy|*/validation:epoch_acc",
    "*/val:*|*/test:*|*/eval:*=*/validation:epoch_*",
]

PRESETS = {
    "keras2018-to-keras3": (
        _KERAS2018_TO_KERAS3,
        "2018 hand-written TF1 summaries (one run: train/loss, train/acc, val/loss, val/acc, lr, "
        "train/<m>, val/<m>) -> Keras 3 TensorBoard callback (runs train/validation: epoch_<m>)",
    ),
    "keras3-to-keras2018": (None, "the reverse of keras2018-to-keras3 (old logs are Keras 3's)"),
    "keras2-to-keras3": (
        _KERAS2_TO_KERAS3,
        "Keras 2.0-2.2 TensorBoard callback (one run: loss, acc, val_loss, val_acc, <m>, val_<m>) "
        "-> Keras 3 TensorBoard callback",
    ),
    "keras3-to-keras2": (None, "the reverse of keras2-to-keras3"),
    "keras23-to-keras3": (
        _KERAS23_TO_KERAS3,
        "tf.keras of TF 1.13-1.15 / Keras 2.3 (one run: epoch_loss, epoch_acc, epoch_val_loss, "
        "batch_loss) -> Keras 3 TensorBoard callback",
    ),
    "keras3-to-keras23": (None, "the reverse of keras23-to-keras3"),
    "tf1runs-to-keras3": (
        _TF1RUNS_TO_KERAS3,
        "TF1 FileWriter per phase (runs train and val/test/eval: loss, acc, lr, <m>) "
        "-> Keras 3 TensorBoard callback (runs train/validation: epoch_<m>)",
    ),
    "keras3-to-tf1runs": (None, "the reverse of tf1runs-to-keras3"),
}
PRESET_ALIASES = {
    "2018": "keras2018-to-keras3",
    "keras2018": "keras2018-to-keras3",
    "keras2": "keras2-to-keras3",
    "keras23": "keras23-to-keras3",
    "tf1runs": "tf1runs-to-keras3",
}


def preset_names():
    """Every preset name and alias accepted by ``--preset``."""
    return sorted(PRESETS) + sorted(PRESET_ALIASES)


def canonical_preset(name):
    """The full name of preset ``name`` (an alias or a full name)."""
    return PRESET_ALIASES.get(name, name)


def get_preset(name):
    """The TagMap of preset ``name`` (or alias).

    Raises:
        InvalidArgumentError: naming the preset and the known names.
    """
    if isinstance(name, TagMap):
        return name
    canonical = PRESET_ALIASES.get(name, name)
    if canonical not in PRESETS:
        raise InvalidArgumentError(
            f"`preset` must be one of {', '.join(preset_names())}. Received: preset={name!r}"
        )
    rules, _ = PRESETS[canonical]
    if rules is None:
        forward = canonical.split("-to-")
        return get_preset(f"{forward[1]}-to-{forward[0]}").reversed()
    return TagMap(rules)


class Suggestion:
    """What would pair the old tags a comparison left unmatched (see :func:`suggest_tag_map`).

    Attributes:
        preset: the preset to add (its short alias when it has one), or None.
        rules: ``OLD=NEW`` rules to add with ``--map`` (when no preset helps), or [].
        paired: how many of the unmatched old tags the suggestion pairs.
        unmatched: how many old tags were unmatched.
    """

    __slots__ = ("preset", "rules", "paired", "unmatched")

    def __init__(self, preset, rules, paired, unmatched):
        self.preset, self.rules, self.paired, self.unmatched = preset, list(rules), paired, unmatched

    def arguments(self):
        """The command-line arguments that apply the suggestion: ``--preset 2018`` or ``--map 'a=b' ...``."""
        if self.preset is not None:
            return f"--preset {self.preset}"
        return " ".join(f"--map '{r}'" for r in self.rules)

    def to_dict(self):
        return {"preset": self.preset, "map": self.rules, "paired": self.paired, "unmatched": self.unmatched}

    def __repr__(self):
        return f"Suggestion({self.arguments()!r}, paired={self.paired} of {self.unmatched})"


def _pairs_made(tag_map, missing, extra):
    """How many of the old keys ``missing`` ``tag_map`` pairs with distinct keys of ``extra``."""
    free, made = set(extra), 0
    for key in missing:
        match = next((c for c in tag_map.candidates(key) if c in free), None)
        if match is not None:
            free.discard(match)
            made += 1
    return made


# Spellings that mean the same scalar across the layouts (Keras 2 'acc', Keras 3 'accuracy'...).
_SAME_NAME = {**KERAS3_LOG_KEYS, LR_LOG_KEYS[0]: LR_LOG_KEYS[1], "val": "validation", "test": "validation",
              "eval": "validation"}


def _loose_name(key):
    """A layout-free name of ``(run, tag)``: its last run folder and tag words, prefixes and synonyms folded."""
    run, tag = key
    words = [w for part in (posixpath.basename(run), tag) for w in re.split(r"[/_.:]+", part.lower()) if w]
    words = [v for w in words if w not in ("epoch", "batch", "train") for v in _SAME_NAME.get(w, w).split("_")]
    return tuple(sorted(words))


def _escape(text):
    return "".join("\\" + c if c in _SPECIAL else c for c in text)


def _rule_side(key):
    run, tag = key
    return _escape(tag) if run == "." else f"{_escape(run)}:{_escape(tag)}"


def suggest_tag_map(missing, extra, preset=None):
    """The preset (or ``--map`` rules) that would pair old tags left without a counterpart in new.

    Mirrors no TF1 API: a hint for ``tfcompat compare``. Pure: it reads only the keys.

    Args:
        missing: old ``(run, tag)`` keys that found no counterpart in new.
        extra: new ``(run, tag)`` keys no old tag was paired with.
        preset: the preset already in use (not suggested again), or None.

    Returns:
        A :class:`Suggestion`, or None when nothing pairs any of ``missing``. A
        preset is preferred (the one that pairs the most, the first listed on a
        tie); otherwise one ``OLD=NEW`` rule per old tag whose name matches exactly
        one extra tag once the layout is ignored (``val/acc`` ~ ``validation:epoch_accuracy``).
    """
    missing, extra = sorted(missing), sorted(extra)
    if not missing or not extra:
        return None
    current = canonical_preset(preset) if isinstance(preset, str) else None
    best, best_made = None, 0
    for name in PRESETS:
        if name == current:
            continue
        made = _pairs_made(get_preset(name), missing, extra)
        if made > best_made:
            best, best_made = name, made
    if best is not None:
        short = next((alias for alias, full in PRESET_ALIASES.items() if full == best), best)
        return Suggestion(short, [], best_made, len(missing))
    by_name = {}
    for key in extra:
        by_name.setdefault(_loose_name(key), []).append(key)
    rules = []
    for key in missing:
        found = by_name.get(_loose_name(key), [])
        if len(found) == 1:
            rules.append(f"{_rule_side(key)}={_rule_side(found[0])}")
    if not rules:
        return None
    return Suggestion(None, rules, len(rules), len(missing))
