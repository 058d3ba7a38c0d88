"""compare_logs on in-memory scalars: tolerance, alignment, maps, presets, report."""

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tfcompat import InvalidArgumentError, LogReadError
from tfcompat.logs import ScalarSeries
from tfcompat.logs._compare import compare_logs, compare_scalars
from tfcompat.logs._presets import TagMap, get_preset, parse_rule, preset_names


def series(values, steps=None):
    steps = range(len(values)) if steps is None else steps
    return ScalarSeries(list(steps), [0.0] * len(values), values)


# -- tolerance -----------------------------------------------------------------


def test_identical_scalars_are_equal():
    old = {"loss": [1.0, 0.5, 0.25], ("val", "acc"): [0.1, 0.2, 0.3]}
    r = compare_logs(old, dict(old))
    assert r.equal
    assert [(p.old_key, p.new_key, p.compared, p.max_abs_diff) for p in r.pairs] == [
        ((".", "loss"), (".", "loss"), 3, 0.0),
        (("val", "acc"), ("val", "acc"), 3, 0.0),
    ]
    assert r.missing == [] and r.extra == []


def test_value_difference_reports_worst_step_and_values():
    r = compare_logs({"loss": [1.0, 0.5, 0.25, 0.2]}, {"loss": [1.0, 0.5, 0.3, 0.21]})
    assert not r.equal
    (p,) = r.pairs
    assert (p.compared, p.different) == (4, 2)
    assert (p.worst_step, p.worst_old, p.worst_new) == (2, 0.25, 0.3)
    assert p.max_abs_diff == pytest.approx(0.05)
    assert p.max_rel_diff == pytest.approx(0.2)
    assert p.reason == "2 of 4 values differ"


def test_default_rtol_accepts_float32_rounding_only():
    x = np.array([0.1, 1 / 3, 123.456, 1e-5, 7e8])
    as_f32 = x.astype(np.float32).astype(np.float64)
    assert compare_logs({"a": x}, {"a": as_f32}).equal
    assert not compare_logs({"a": x}, {"a": x * (1 + 3e-6)}).equal
    assert compare_logs({"a": x}, {"a": x * (1 + 3e-6)}, rtol=1e-5).equal


def test_atol_defaults_to_zero_so_tiny_learning_rates_differ():
    assert not compare_logs({"lr": [1e-5]}, {"lr": [2e-5]}).equal
    assert not compare_logs({"x": [0.0]}, {"x": [1e-12]}).equal
    assert compare_logs({"x": [0.0]}, {"x": [1e-12]}, atol=1e-9).equal
    p = compare_logs({"x": [0.0]}, {"x": [1e-12]}).pairs[0]
    assert p.max_rel_diff == math.inf


def test_nan_equals_nan_and_inf_equals_same_inf():
    nan, inf = float("nan"), float("inf")
    assert compare_logs({"a": [nan, inf, -inf, 1.0]}, {"a": [nan, inf, -inf, 1.0]}).equal
    r = compare_logs({"a": [1.0, 2.0, 3.0]}, {"a": [1.0, nan, 3.0]})
    p = r.pairs[0]
    assert not r.equal and p.different == 1 and p.worst_step == 1 and math.isnan(p.worst_new)
    assert math.isnan(p.max_abs_diff)
    assert not compare_logs({"a": [inf]}, {"a": [-inf]}).equal


def test_worst_point_is_one_outside_tolerance_not_largest_inside():
    # step 0 has the larger absolute difference but is within rtol of a large value
    r = compare_logs({"a": [1e6, 1e-3]}, {"a": [1e6 + 0.5, 2e-3]})
    assert r.pairs[0].worst_step == 1


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(allow_nan=True, allow_infinity=True, width=32), min_size=1, max_size=30),
    st.data(),
)
def test_property_self_equal_and_one_perturbation_found(values, data):
    assert compare_logs({"t": values}, {"t": list(values)}).equal
    i = data.draw(st.integers(0, len(values) - 1))
    changed = list(values)
    changed[i] = 0.5 if values[i] != 0.5 else -0.5
    r = compare_logs({"t": values}, {"t": changed})
    assert not r.equal
    assert r.pairs[0].different == 1 and r.pairs[0].worst_step == i


# -- steps ---------------------------------------------------------------------


def test_duplicate_steps_last_value_wins():
    old = {"a": series([1.0, 9.0, 2.0, 3.0], steps=[0, 1, 1, 2])}
    assert compare_logs(old, {"a": [1.0, 2.0, 3.0]}).equal
    r = compare_logs(old, {"a": [1.0, 9.0, 3.0]})
    assert not r.equal and r.pairs[0].worst_step == 1


def test_steps_out_of_order_are_aligned_by_step():
    assert compare_logs({"a": series([3.0, 1.0, 2.0], steps=[2, 0, 1])}, {"a": [1.0, 2.0, 3.0]}).equal


def test_steps_only_on_one_side_differ_unless_partial():
    old, new = {"a": [1.0, 2.0, 3.0, 4.0]}, {"a": series([2.0, 3.0, 4.0, 5.0], steps=[1, 2, 3, 4])}
    r = compare_logs(old, new)
    p = r.pairs[0]
    assert not r.equal and p.different == 0 and p.compared == 3
    assert p.steps_only_old.tolist() == [0] and p.steps_only_new.tolist() == [4]
    assert p.reason == "1 steps only in old (0); 1 steps only in new (4)"
    assert compare_logs(old, new, partial=True).equal


def test_no_common_step_is_a_difference_even_when_partial():
    r = compare_logs({"a": series([1.0], [0])}, {"a": series([1.0], [5])}, partial=True)
    assert not r.equal and r.pairs[0].compared == 0 and r.pairs[0].reason.startswith("no common steps")


def test_align_index_compares_by_position():
    old = {"acc": series([0.1, 0.2, 0.3], steps=[0, 1, 2])}
    new = {"acc": series([0.1, 0.2, 0.3], steps=[1, 2, 3])}
    assert not compare_logs(old, new).equal
    r = compare_logs(old, new, align="index")
    assert r.equal and r.pairs[0].compared == 3
    r = compare_logs(old, {"acc": series([0.1, 0.25, 0.3], steps=[1, 2, 3])}, align="index")
    p = r.pairs[0]
    assert (p.worst_step, p.worst_new_step) == (1, 2)
    assert "step 1/2: 0.2 -> 0.25" in r.format()


# -- tags: missing, extra, filter ------------------------------------------------


def test_missing_tags_differ_extra_tags_only_when_strict():
    r = compare_logs({"a": [1.0], "b": [2.0]}, {"a": [1.0], "c": [3.0]})
    assert not r.equal
    assert r.missing == [((".", "b"), [(".", "b")])] and r.extra == [(".", "c")]
    r = compare_logs({"a": [1.0]}, {"a": [1.0], "c": [3.0]})
    assert r.equal and r.extra == [(".", "c")]
    assert not compare_logs({"a": [1.0]}, {"a": [1.0], "c": [3.0]}, strict=True).equal


def test_tags_filter_by_old_name_new_name_or_run_pattern():
    old = {"train/loss": [1.0], "val/loss": [2.0], "lr": [0.1]}
    new = {("train", "epoch_loss"): [1.0], ("validation", "epoch_loss"): [9.0]}
    r = compare_logs(old, new, preset="2018", tags=["train/*"])
    assert [p.old_key[1] for p in r.pairs] == ["train/loss"] and r.equal
    r = compare_logs(old, new, preset="2018", tags="validation:epoch_*")
    assert [p.old_key[1] for p in r.pairs] == ["val/loss"] and not r.equal
    assert r.extra == []
    with pytest.raises(InvalidArgumentError, match=r"`tags` matches no scalar tag of old. Received: tags=\['nope'\]"):
        compare_logs(old, new, tags=["nope"])


def test_one_new_tag_is_paired_once():
    old = {"train/acc": [0.5], "train/accuracy": [0.5]}
    r = compare_logs(old, {("train", "epoch_accuracy"): [0.5]}, preset="2018")
    assert len(r.pairs) == 1 and len(r.missing) == 1 and not r.equal


# -- maps and presets -------------------------------------------------------------


KERAS2018 = {
    "train/loss": [0.9, 0.5],
    "train/acc": [0.6, 0.8],
    "val/loss": [1.0, 0.6],
    "val/acc": [0.5, 0.7],
    "lr": [0.01, 0.005],
    "train/mae": [0.3, 0.2],
}
KERAS3 = {
    ("train", "epoch_loss"): [0.9, 0.5],
    ("train", "epoch_accuracy"): [0.6, 0.8],
    ("validation", "epoch_loss"): [1.0, 0.6],
    ("validation", "epoch_accuracy"): [0.5, 0.7],
    ("train", "epoch_learning_rate"): [0.01, 0.005],
    ("train", "epoch_mae"): [0.3, 0.2],
    ("validation", "evaluation_loss_vs_iterations"): [1.0, 0.6],
}


def test_preset_2018_maps_one_run_to_keras3_train_and_validation_runs():
    r = compare_logs(KERAS2018, KERAS3, preset="keras2018-to-keras3")
    assert r.equal
    pairs = {p.old_key[1]: p.new_key for p in r.pairs}
    assert pairs == {
        "train/loss": ("train", "epoch_loss"),
        "train/acc": ("train", "epoch_accuracy"),
        "val/loss": ("validation", "epoch_loss"),
        "val/acc": ("validation", "epoch_accuracy"),
        "lr": ("train", "epoch_learning_rate"),
        "train/mae": ("train", "epoch_mae"),
    }
    assert r.extra == [("validation", "evaluation_loss_vs_iterations")]
    assert r.options["preset"] == "keras2018-to-keras3"
    assert compare_logs(KERAS2018, KERAS3, preset="2018").options["preset"] == "keras2018-to-keras3"
    assert not compare_logs(KERAS2018, KERAS3).equal  # nothing pairs without the preset


def test_preset_accepts_epoch_acc_and_nested_runs():
    new = {(f"exp1/{r}", t): v for (r, t), v in KERAS3.items()}
    new[("exp1/train", "epoch_acc")] = new.pop(("exp1/train", "epoch_accuracy"))
    old = {("exp1", t): v for t, v in KERAS2018.items()}
    r = compare_logs(old, new, preset="2018")
    assert r.equal, r.format()
    assert {p.new_key for p in r.pairs} >= {("exp1/train", "epoch_acc"), ("exp1/validation", "epoch_loss")}


def test_reverse_preset_maps_keras3_back_to_2018():
    r = compare_logs(KERAS3, KERAS2018, preset="keras3-to-keras2018")
    assert [k for k, _ in r.missing] == [("validation", "evaluation_loss_vs_iterations")]
    assert len(r.pairs) == 6 and all(p.equal for p in r.pairs)
    assert ("train", "epoch_learning_rate") in {p.old_key for p in r.pairs}


def test_keras2_callback_preset():
    old = {"loss": [0.9], "acc": [0.6], "val_loss": [1.0], "val_acc": [0.5], "mae": [0.3], "val_mae": [0.4]}
    new = {
        ("train", "epoch_loss"): [0.9], ("train", "epoch_accuracy"): [0.6],
        ("validation", "epoch_loss"): [1.0], ("validation", "epoch_accuracy"): [0.5],
        ("train", "epoch_mae"): [0.3], ("validation", "epoch_mae"): [0.4],
    }
    assert compare_logs(old, new, preset="keras2").equal
    assert compare_logs(new, old, preset="keras3-to-keras2").equal


def test_keras23_preset_matches_tf113_tag_names():
    old = {"epoch_loss": [0.9], "epoch_acc": [0.6], "epoch_val_loss": [1.0], "epoch_val_acc": [0.5],
           "batch_loss": [0.95]}
    new = {
        ("train", "epoch_loss"): [0.9], ("train", "epoch_accuracy"): [0.6],
        ("validation", "epoch_loss"): [1.0], ("validation", "epoch_accuracy"): [0.5],
        ("train", "batch_loss"): [0.95],
    }
    assert compare_logs(old, new, preset="keras23").equal


def test_tf1_writer_per_phase_preset():
    old = {("train", "loss"): [0.9], ("train", "acc"): [0.6], ("train", "lr"): [0.1],
           ("test", "loss"): [1.0], ("test", "accuracy"): [0.5], ("test", "f1"): [0.4]}
    new = {
        ("train", "epoch_loss"): [0.9], ("train", "epoch_accuracy"): [0.6], ("train", "epoch_learning_rate"): [0.1],
        ("validation", "epoch_loss"): [1.0], ("validation", "epoch_accuracy"): [0.5], ("validation", "epoch_f1"): [0.4],
    }
    r = compare_logs(old, new, preset="tf1runs")
    assert r.equal and len(r.pairs) == 6, r.format()
    r = compare_logs(new, old, preset="keras3-to-tf1runs")  # any of val/test/eval is looked for
    assert r.equal and {p.new_key for p in r.pairs} == set(old)
    as_val = {("val", k[1]): v for k, v in old.items() if k[0] == "test"}
    r = compare_logs(new, as_val, preset="keras3-to-tf1runs", tags="validation:*")
    assert r.equal and {p.new_key[0] for p in r.pairs} == {"val"}


def test_user_map_takes_precedence_over_preset():
    old = {"lr": [0.1]}
    new = {("train", "epoch_learning_rate"): [0.2], ("train", "my_lr"): [0.1]}
    assert not compare_logs(old, new, preset="2018").equal
    r = compare_logs(old, new, preset="2018", tag_map={"lr": "train:my_lr"})
    assert r.equal and r.pairs[0].new_key == ("train", "my_lr")
    assert r.options["map"] == ["lr=train:my_lr"]


def test_map_forms_dict_list_wildcards_alternatives_and_escapes():
    old = {"loss/split:dev": [1.0], ("a", "x/1"): [2.0], ("a", "x/2"): [3.0]}
    new = {("eval", "dev_loss"): [1.0], ("b", "y_1"): [2.0], ("b", "y_2"): [3.0]}
    rules = [r"loss/split\:dev=eval:dev_loss", "a:x/*=b:y_*"]
    assert compare_logs(old, new, tag_map=rules).equal
    assert compare_logs(old, new, tag_map={"loss/split\\:dev": "eval:dev_loss", "a:x/*": ["b:z_*", "b:y_*"]}).equal


def test_side_without_run_keeps_the_other_runs_name():
    m = TagMap(["acc=accuracy", ".:lr=learning_rate"])
    assert m.candidates(("train", "acc"))[0] == ("train", "accuracy")
    assert m.candidates((".", "lr"))[0] == (".", "learning_rate")
    assert m.candidates(("x", "lr")) == [("x", "lr")]  # run '.' only


def test_run_pattern_star_slash_matches_top_level_run():
    m = get_preset("keras3-to-keras2018")
    assert m.candidates(("train", "epoch_loss"))[0] == (".", "train/loss")
    assert m.candidates(("a/b/validation", "epoch_f1"))[0] == ("a/b", "val/f1")


def test_reversed_rule_round_trips():
    rule = parse_rule(r"*:a\:b/*=*/train:c_*|*/train:d_*")
    back = rule.reversed().reversed()
    assert back.candidates(("r", "a:b/x")) == rule.candidates(("r", "a:b/x")) == [("r/train", "c_x"), ("r/train", "d_x")]


@pytest.mark.parametrize(
    "rule, message",
    [
        ("train/loss", "`map` rules must read OLD=NEW"),
        ("=x", "`map` rules must read OLD=NEW"),
        ("a=b=c", "more than one '='"),
        ("a/*=b", "same number of '\\*'"),
        (":x=y", "empty run"),
        ("r:=y", "empty tag"),
    ],
)
def test_bad_map_rules_name_the_rule(rule, message):
    with pytest.raises(InvalidArgumentError, match=message) as e:
        compare_logs({"a": [1.0]}, {"a": [1.0]}, tag_map=[rule])
    assert f"Received: map={rule!r}" in str(e.value)


def test_every_preset_name_resolves():
    for name in preset_names():
        assert len(get_preset(name)) >= 4


# -- bad arguments ------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"rtol": -1.0}, r"`rtol` must be a finite number >= 0. Received: rtol=-1.0"),
        ({"atol": float("nan")}, r"`atol` must be a finite number >= 0. Received: atol=nan"),
        ({"rtol": True}, r"Received: rtol=True"),
        ({"align": "time"}, r"`align` must be one of step, index. Received: align='time'"),
        ({"preset": "keras1"}, r"`preset` must be one of .*keras2018-to-keras3.*Received: preset='keras1'"),
        ({"tag_map": 3}, r"`tag_map` must be a dict"),
        ({"tags": [""]}, r"`tags` must be a pattern"),
    ],
)
def test_bad_arguments_are_named(kwargs, message):
    with pytest.raises(InvalidArgumentError, match=message):
        compare_logs({"a": [1.0]}, {"a": [1.0]}, **kwargs)


def test_bad_inputs():
    with pytest.raises(InvalidArgumentError, match=r"`old` must be a log directory path or a dict"):
        compare_logs(3, {"a": [1.0]})
    with pytest.raises(InvalidArgumentError, match=r"`new` keys must be tags"):
        compare_logs({"a": [1.0]}, {1: [1.0]})
    with pytest.raises(InvalidArgumentError, match=r"`old` values must be ScalarSeries"):
        compare_logs({"a": "xyz"}, {"a": [1.0]})
    with pytest.raises(LogReadError, match=r"`old` holds no scalar summaries"):
        compare_logs({}, {"a": [1.0]})
    with pytest.raises(LogReadError, match=r"`new` log directory does not exist. Received: new='/no/such/dir'"):
        compare_logs({"a": [1.0]}, "/no/such/dir")


# -- report -------------------------------------------------------------------------


def test_text_report_lists_differences_missing_and_extra():
    new = dict(KERAS3)
    new[("validation", "epoch_loss")] = [1.0, 0.65]
    del new[("train", "epoch_mae")]
    r = compare_logs(KERAS2018, new, preset="2018")
    text = r.format()
    lines = text.splitlines()
    first_row = next(line for line in lines if line.startswith(("DIFF", "ok")))
    assert first_row.split()[:3] == ["DIFF", "val/loss", "validation:epoch_loss"]
    assert "step 1: 0.6 -> 0.65" in first_row
    assert "missing in new (1):" in text and "train/mae  (looked for train:epoch_mae, train/mae)" in text
    assert "extra in new (1, not compared):" in text and "validation:evaluation_loss_vs_iterations" in text
    assert lines[-1].startswith("DIFFERENT: 1 of 5 tags differ, 1 missing, 1 extra")
    short = r.format(max_rows=1)
    assert "... 4 more pairs not shown" in short
    assert "train/loss" not in r.format(show_equal=False)
    assert str(r) == text
    with pytest.raises(TypeError, match=r"\.equal"):
        bool(r)


def test_json_dict_is_strict_json_with_stable_keys():
    r = compare_logs({"a": [1.0, 2.0], "b": [1.0]}, {"a": [1.0, float("nan")], "c": [0.0]})
    d = json.loads(json.dumps(r.to_dict(), allow_nan=False))
    assert list(d) == ["schema", "equal", "old", "new", "options", "summary", "pairs", "missing", "extra"]
    assert d["schema"] == "tfcompat.compare/1" and d["equal"] is False
    assert d["summary"] == {"pairs": 1, "different": 1, "missing": 1, "extra": 1}
    (p,) = d["pairs"]
    assert p["max_abs_diff"] == "nan"
    assert p["worst"] == {"step": 1, "new_step": 1, "old": 2.0, "new": "nan"}
    assert d["missing"] == [{"run": ".", "tag": "b", "expected": [{"run": ".", "tag": "b"}]}]
    assert d["extra"] == [{"run": ".", "tag": "c"}]
    assert set(d["options"]) == {"rtol", "atol", "align", "partial", "strict", "preset", "map", "tags"}


def test_compare_scalars_accepts_step_dicts_and_labels():
    r = compare_scalars({"a": {0: 1.0, 10: 2.0}}, {"a": {10: 2.0, 0: 1.0}}, old_label="golden", new_label="run")
    assert r.equal and r.old_label == "golden" and "old: golden" in r.format()


def test_2018_preset_maps_batch_tags_and_several_learning_rates():
    m = get_preset("2018")
    assert m.candidates((".", "batch/loss"))[0] == ("train", "batch_loss")
    assert m.candidates((".", "batch/acc"))[:2] == [("train", "batch_accuracy"), ("train", "batch_acc")]
    assert m.candidates((".", "lr_adam"))[0] == ("train", "epoch_learning_rate_adam")


def test_tags_pattern_equal_to_a_tag_with_a_colon_hints_at_the_escape():
    old = {"bleu/split:dev": [1.0, 2.0]}
    with pytest.raises(InvalidArgumentError, match=r"write 'bleu/split\\:dev'"):
        compare_logs(old, old, tags="bleu/split:dev")
    assert compare_logs(old, old, tags="bleu/split\\:dev").equal


def test_text_report_escapes_a_colon_inside_a_tag_so_it_does_not_read_as_a_run():
    old = {"bleu/split:dev": [1.0, 2.0], ("train", "a:b"): [1.0]}
    new = {("bleu/split", "dev"): [1.0, 2.0]}
    text = compare_logs(old, new).format()
    assert "  bleu/split\\:dev  (looked for bleu/split\\:dev)" in text
    assert "  train:a\\:b  (looked for train:a\\:b)" in text
    assert "extra in new (1, not compared):\n  bleu/split:dev" in text


def test_a_map_rule_or_tags_pattern_that_matches_nothing_is_refused():
    # Each would otherwise be ignored silently, and the verdict read EQUAL.
    old = {"train/loss": [1.0, 0.5], "lr": [0.1, 0.1]}
    new = {"train/loss": [1.0, 0.5], "lr": [0.1, 0.1], "epoch_loss": [1.0, 0.5]}
    assert compare_logs(old, new, tag_map=["train/loss=epoch_loss"]).equal
    with pytest.raises(InvalidArgumentError, match=r"`tag_map` rule 'trian/loss=epoch_loss' matches no scalar tag of old"):
        compare_logs(old, new, tag_map=["trian/loss=epoch_loss"])
    with pytest.raises(InvalidArgumentError, match=r"`tag_map` rule 'train/loss=epoch_los' maps old tags to names new "
                                                   r"does not hold \(epoch_los\)"):
        compare_logs(old, new, tag_map={"train/loss": "epoch_los"})
    with pytest.raises(InvalidArgumentError, match=r"pattern 'nope\*' matches nothing"):
        compare_logs(old, new, tags=["lr", "nope*"])
    assert compare_logs(old, new, tags=["lr", "train/*"]).equal


# -- suggest_tag_map: what would pair the tags a comparison left unmatched --------------------

def test_suggestion_names_the_preset_that_pairs_every_missing_tag():
    from tfcompat.logs._presets import suggest_tag_map

    missing = [(".", "lr"), (".", "train/acc"), (".", "train/loss"), (".", "val/acc"), (".", "val/loss")]
    extra = [("train", "epoch_accuracy"), ("train", "epoch_learning_rate"), ("train", "epoch_loss"),
             ("validation", "epoch_accuracy"), ("validation", "epoch_loss"),
             ("validation", "evaluation_loss_vs_iterations")]
    s = suggest_tag_map(missing, extra)
    assert (s.preset, s.paired, s.unmatched, s.arguments()) == ("2018", 5, 5, "--preset 2018")
    # The reverse direction finds the reverse preset; the preset in use is never suggested again.
    back = suggest_tag_map(extra[:5], missing)
    assert (back.preset, back.paired) == ("keras3-to-keras2018", 5)
    assert suggest_tag_map(missing, extra, preset="keras2018-to-keras3").preset != "2018"


def test_suggestion_falls_back_to_map_rules_and_is_none_when_nothing_pairs():
    from tfcompat.logs._presets import suggest_tag_map

    s = suggest_tag_map([(".", "Accuracy/Val"), (".", "weird")], [("validation", "epoch_accuracy"), ("x", "y")])
    assert (s.preset, s.rules, s.paired, s.unmatched) == (None, ["Accuracy/Val=validation:epoch_accuracy"], 1, 2)
    assert s.arguments() == "--map 'Accuracy/Val=validation:epoch_accuracy'"
    assert suggest_tag_map([(".", "weird")], [("x", "y")]) is None
    assert suggest_tag_map([], [("x", "y")]) is None
    # A rule with a colon in the tag is escaped so that --map reads it back.
    s = suggest_tag_map([("run", "log_perplexity/split:dev")], [("run", "log_perplexity_split_dev")])
    assert s.rules == ["run:log_perplexity/split\\:dev=run:log_perplexity_split_dev"]
    assert parse_rule(s.rules[0]).candidates(("run", "log_perplexity/split:dev")) == [("run", "log_perplexity_split_dev")]
