"""``tfcompat compare``: exit codes and output on real event files (TF1 simple_value vs Keras 3 layout)."""

import json
import subprocess
import sys
import time

import numpy as np
import pytest

from tests.support import (
    EPOCHS,
    T0,
    curves,
    real_log_dirs,
    run_cli,
    tf2_scalar_event,
    write_2018,
    write_k3,
    write_keras3,
    write_tf1,
)
from tfcompat.cli._main import main as cli
from tfcompat.logs import read_scalars
from tfcompat.wire.event_writer import EventFileWriter


@pytest.fixture
def pair_2018_keras3(tmp_path):
    c = curves()
    return write_2018(tmp_path / "old", c), write_k3(tmp_path / "new", c), c


def test_fixture_logs_are_what_tensorboard_reads(pair_2018_keras3):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    old, new, c = pair_2018_keras3
    acc = EventAccumulator(str(old), size_guidance={"scalars": 0})
    acc.Reload()
    assert [e.value for e in acc.Scalars("val/acc")] == pytest.approx(c["val_acc"], rel=1e-6)
    acc = EventAccumulator(str(new / "train"), size_guidance={"tensors": 0})
    acc.Reload()
    assert acc.Tags()["tensors"] == ["epoch_accuracy", "epoch_learning_rate", "epoch_loss"]


def test_2018_logs_equal_keras3_logs_with_preset_exit_0(capsys, pair_2018_keras3):
    old, new, _ = pair_2018_keras3
    rc, out, err = run_cli(capsys, old, new, "--preset", "2018")
    assert rc == 0, out + err
    rows = {line.split()[1]: line.split() for line in out.splitlines() if line.startswith(("ok ", "DIFF "))}
    assert rows["lr"][:4] == ["ok", "lr", "train:epoch_learning_rate", str(EPOCHS)]
    assert rows["val/acc"][:3] == ["ok", "val/acc", "validation:epoch_accuracy"]
    assert "extra in new (1, not compared):\n  validation:evaluation_loss_vs_iterations" in out
    assert out.rstrip().endswith("EQUAL: 0 of 5 tags differ, 0 missing, 1 extra (rtol=1e-06, atol=0, align=step)")
    assert err == ""


def test_reverse_preset_exit_0_except_extra_tag(capsys, pair_2018_keras3):
    old, new, _ = pair_2018_keras3
    rc, out, _ = run_cli(capsys, new, old, "--preset", "keras3-to-keras2018", "--tags", "epoch_*")
    assert rc == 0, out


def test_without_preset_everything_is_missing_exit_1(capsys, pair_2018_keras3):
    old, new, _ = pair_2018_keras3
    rc, out, _ = run_cli(capsys, old, new)
    assert rc == 1
    assert "missing in new (5):" in out and "DIFFERENT: 0 of 0 tags differ, 5 missing" in out


def test_unmatched_tags_get_the_preset_that_pairs_them(capsys, pair_2018_keras3):
    """A 2018 log against a Keras 3 log: the hint names `--preset 2018`, and following it gives exit 0."""
    old, new, _ = pair_2018_keras3
    rc, out, _ = run_cli(capsys, old, new)
    assert rc == 1
    assert out.rstrip().endswith(
        "hint: all 5 missing tag(s) would be paired by --preset 2018 (keras2018-to-keras3); try:\n"
        f"  tfcompat compare {old} {new} --preset 2018")
    assert run_cli(capsys, old, new, "--preset", "2018")[0] == 0
    assert "hint:" not in capsys.readouterr().out
    rc, out, _ = run_cli(capsys, old, new, "--json")
    assert json.loads(out)["suggestion"] == {"preset": "2018", "map": [], "paired": 5, "unmatched": 5}
    rc, out, _ = run_cli(capsys, old, new, "--quiet")
    assert "hint" not in out


def test_unmatched_tags_without_a_preset_get_map_rules(capsys, tmp_path):
    old = write_tf1(tmp_path / "old", {"Accuracy/Val": [0.5, 0.6]})
    write_keras3(tmp_path / "new", {"validation": {"epoch_accuracy": [0.5, 0.6]}})
    rc, out, _ = run_cli(capsys, old, tmp_path / "new")
    assert rc == 1
    assert "hint: all 1 missing tag(s) would be paired by these --map rules; try:" in out
    assert out.rstrip().endswith("--map 'Accuracy/Val=validation:epoch_accuracy'")
    assert run_cli(capsys, old, tmp_path / "new", "--map", "Accuracy/Val=validation:epoch_accuracy")[0] == 0


def test_map_rules_instead_of_preset(capsys, pair_2018_keras3):
    old, new, _ = pair_2018_keras3
    rc, out, _ = run_cli(
        capsys, old, new, "--map", "train/*=train:epoch_*", "--map", "val/*=validation:epoch_*",
        "--map", "train/acc=train:epoch_accuracy", "--map", "val/acc=validation:epoch_accuracy",
        "--map", ".:lr=train:epoch_learning_rate",
    )
    assert rc == 0, out


def test_changed_value_exit_1_names_tag_step_and_values(capsys, tmp_path):
    c = curves()
    old = write_2018(tmp_path / "old", c)
    c2 = dict(c, val_loss=c["val_loss"].copy())
    c2["val_loss"][2] += 0.01
    new = write_k3(tmp_path / "new", c2)
    rc, out, _ = run_cli(capsys, old, new, "--preset", "2018")
    assert rc == 1
    row = next(line for line in out.splitlines() if line.startswith("DIFF"))
    v_old, v_new = np.float32(c["val_loss"][2]), np.float32(c2["val_loss"][2])
    assert row.split()[:4] == ["DIFF", "val/loss", "validation:epoch_loss", str(EPOCHS)]
    assert f"step 2: {float(v_old):.6g} -> {float(v_new):.6g}" in row
    assert "1 of 4 values differ" in row
    # a loose enough tolerance accepts it
    rc, _, _ = run_cli(capsys, old, new, "--preset", "2018", "--atol", "0.02")
    assert rc == 0


def test_json_output_exit_codes_and_schema(capsys, tmp_path, pair_2018_keras3):
    old, new, c = pair_2018_keras3
    rc, out, _ = run_cli(capsys, old, new, "--preset", "2018", "--json")
    d = json.loads(out)
    assert rc == 0 and d["equal"] is True and d["schema"] == "tfcompat.compare/1"
    assert d["old"] == str(old) and d["summary"] == {"pairs": 5, "different": 0, "missing": 0, "extra": 1}
    c2 = dict(c, acc=c["acc"][:3])
    short = write_k3(tmp_path / "short", dict(c2, lr=c["lr"][:3], loss=c["loss"][:3]))
    rc, out, _ = run_cli(capsys, old, short, "--preset", "2018", "--json", "--tags", "train/*,lr")
    d = json.loads(out)
    assert rc == 1 and d["summary"]["different"] == 3
    assert {p["old"]["tag"]: p["steps_only_old"] for p in d["pairs"]} == {"lr": [3], "train/acc": [3], "train/loss": [3]}
    rc, out, _ = run_cli(capsys, old, short, "--preset", "2018", "--partial", "-q")
    assert rc == 0 and out.startswith("EQUAL: 0 of 5 tags differ")


def test_align_index_for_epochs_counted_from_one(capsys, tmp_path):
    c = curves()
    old = write_tf1(tmp_path / "old", {"loss": c["loss"]})
    new = write_tf1(tmp_path / "new", {"loss": c["loss"]}, steps=list(range(1, EPOCHS + 1)))
    assert run_cli(capsys, old, new)[0] == 1
    assert run_cli(capsys, old, new, "--align", "index")[0] == 0


def test_strict_makes_extra_tags_a_difference(capsys, pair_2018_keras3):
    old, new, _ = pair_2018_keras3
    rc, out, _ = run_cli(capsys, old, new, "--preset", "2018", "--strict")
    assert rc == 1 and "1 extra (strict)" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--rtol", "-1"], "`rtol` must be a finite number >= 0. Received: rtol=-1.0"),
        (["--preset", "keras1"], "Received: preset='keras1'"),
        (["--map", "nope"], "Received: map='nope'"),
        (["--tags", "nothing*"], "`tags` matches no scalar tag of old"),
        (["--plot", "out.pdf"], "`plot` must be a file name ending in .png, .svg or .html. Received: plot='out.pdf'"),
    ],
)
def test_usage_errors_exit_2(capsys, pair_2018_keras3, args, message):
    old, new, _ = pair_2018_keras3
    rc, out, err = run_cli(capsys, old, new, *args)
    assert rc == 2 and out == ""
    assert err.startswith("tfcompat compare: error: ") and message in err


def test_read_errors_and_missing_arguments_exit_2(capsys, tmp_path, pair_2018_keras3):
    old, _, _ = pair_2018_keras3
    rc, _, err = run_cli(capsys, old, tmp_path / "missing")
    assert rc == 2 and f"`new` log directory does not exist. Received: new='{tmp_path / 'missing'}'" in err
    (tmp_path / "empty").mkdir()
    rc, _, err = run_cli(capsys, tmp_path / "empty", old)
    assert rc == 2 and "`old` holds no scalar summaries" in err
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    data = next(old.glob("events*")).read_bytes()
    (damaged / "events.out.tfevents.1.x").write_bytes(data[:40] + b"\xff" * 8 + data[48:])
    rc, _, err = run_cli(capsys, damaged, old)
    assert rc == 2 and "damaged" in err
    rc, _, err = run_cli(capsys, old)
    assert rc == 2 and "OLD and NEW are required" in err
    rc, _, err = run_cli(capsys, old, old, "--align", "time")
    assert rc == 2 and "invalid choice: 'time'" in err
    rc, _, err = run_cli(capsys, old, old, "--rtol", "abc")
    assert rc == 2 and "invalid float value: 'abc'" in err


def test_list_presets_and_help(capsys):
    rc, out, _ = run_cli(capsys, "--list-presets")
    assert rc == 0
    assert "keras2018-to-keras3 (alias 2018, keras2018):" in out
    assert "    *:train/loss=*/train:epoch_loss" in out
    assert "keras3-to-keras2018:" in out and "    */train:epoch_loss=*:train/loss" in out
    rc, out, _ = run_cli(capsys, "--help")
    assert rc == 0 and "--map OLD=NEW" in out and "exit status: 0 equal" in out


# -- real event files -----------------------------------------------------------------


def _scalar_dirs():
    dirs = []
    for d in real_log_dirs():
        try:
            if read_scalars(str(d), skip_damaged=True):
                dirs.append(d)
        except Exception:  # a folder the reader rejects is the reader's tests' business
            pass
    return dirs


@pytest.mark.parametrize("logdir", _scalar_dirs(), ids=lambda p: p.parent.name + "/" + p.name if hasattr(p, "parent") else str(p))
def test_real_log_folder_equals_itself(capsys, logdir):
    rc, out, err = run_cli(capsys, logdir, logdir, "--skip-damaged")
    assert rc == 0, out + err
    assert "EQUAL: 0 of" in out


def test_real_log_vs_perturbed_rewrite(capsys, tmp_path, real_logs):
    """lingvo's 361-step TF1 curve, re-written by us as a Keras-3-style TF2 run, then one point changed."""
    src = next(real_logs.glob("tensorflow__lingvo/**/events.out.tfevents.test"))
    scalars = read_scalars(str(src.parent))
    tags = {t: s for (_, t), s in scalars.items()}
    tag, s = max(tags.items(), key=lambda kv: len(kv[1]))
    copy = tmp_path / "copy"
    with EventFileWriter(str(copy / "train"), style="tf2") as w:
        for step, value in zip(s.step.tolist(), s.value.tolist()):
            w.add_event(tf2_scalar_event(tag, value, step, time.time()))
    rule = f"{tag.replace(':', chr(92) + ':')}=train:{tag.replace(':', chr(92) + ':')}"
    args = [src.parent, copy, "--tags", tag.replace(":", "\\:"), "--map", rule]
    rc, out, err = run_cli(capsys, *args)
    assert rc == 0, out + err
    perturbed = tmp_path / "perturbed"
    k = len(s) // 2
    with EventFileWriter(str(perturbed / "train"), style="tf2") as w:
        for i, (step, value) in enumerate(zip(s.step.tolist(), s.value.tolist())):
            w.add_event(tf2_scalar_event(tag, value * (1.001 if i == k else 1.0), step, time.time()))
    args[1] = perturbed
    rc, out, _ = run_cli(capsys, *args, "--json")
    d = json.loads(out)
    assert rc == 1
    (p,) = d["pairs"]
    assert p["different"] == 1 and p["worst"]["step"] == int(s.step[k])


REAL_OLD_KERAS = [
    (
        "guildai__guildai/guild/tests/samples/projects/model-proxies/logs",  # Keras 2.2 TensorBoard callback
        "keras2-to-keras3",
        {"acc": ("train", "epoch_accuracy"), "loss": ("train", "epoch_loss"),
         "val_acc": ("validation", "epoch_accuracy"), "val_loss": ("validation", "epoch_loss")},
    ),
    (
        "wandb__wandb/tests/assets",  # tf.keras 1.x callback, update_freq='batch'
        "keras23-to-keras3",
        {"batch_acc": ("train", "batch_accuracy"), "batch_loss": ("train", "batch_loss"),
         "epoch_acc": ("train", "epoch_accuracy"), "epoch_loss": ("train", "epoch_loss"),
         "epoch_val_acc": ("validation", "epoch_accuracy"), "epoch_val_loss": ("validation", "epoch_loss")},
    ),
]


@pytest.mark.parametrize("folder, preset, names", REAL_OLD_KERAS, ids=lambda x: x if isinstance(x, str) else "")
def test_real_old_keras_logs_vs_keras3_layout_with_preset(capsys, tmp_path, real_logs, folder, preset, names):
    """Real old Keras logs against the same values written the way the Keras 3 callback names them."""
    old = real_logs / folder
    scalars = read_scalars(str(old))
    assert sorted(t for _, t in scalars) == sorted(names)
    for (_, tag), s in scalars.items():
        run, new_tag = names[tag]
        with EventFileWriter(str(tmp_path / "new" / run), style="tf2") as w:
            for step, value in zip(s.step.tolist(), s.value.tolist()):
                w.add_event(tf2_scalar_event(new_tag, value, step, T0))
    rc, out, err = run_cli(capsys, old, tmp_path / "new", "--preset", preset, "--strict", "--json")
    d = json.loads(out)
    assert rc == 0, out + err
    assert {p["old"]["tag"]: (p["new"]["run"], p["new"]["tag"]) for p in d["pairs"]} == names


# -- import hygiene ------------------------------------------------------------------


@pytest.mark.slow
def test_compare_cli_loads_no_tensorflow_keras_or_matplotlib(tmp_path, pair_2018_keras3):
    old, new, _ = pair_2018_keras3
    code = (
        "import sys; from tfcompat.cli._main import main; "
        f"rc = main(['compare', {str(old)!r}, {str(new)!r}, '--preset', '2018', '--plot', {str(tmp_path / 'p.html')!r}]); "
        "import tfcompat.testing; "
        "print(rc, sorted(m for m in ('tensorflow', 'keras', 'matplotlib', 'tensorboard.backend') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "0 []"


class _ClosedPipe:
    """A stdout whose reader went away (``tfcompat compare ... | head -1``)."""

    def __init__(self, fd):
        self._fd = fd

    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self):
        pass

    def fileno(self):
        return self._fd


@pytest.mark.parametrize("flags", [("--json",), (), ("-q",)])
def test_closed_stdout_keeps_the_verdict_as_exit_status(monkeypatch, tmp_path, pair_2018_keras3, flags):
    old, new, _ = pair_2018_keras3
    with open(tmp_path / "stdout", "wb") as sink:
        monkeypatch.setattr(sys, "stdout", _ClosedPipe(sink.fileno()))
        assert cli(["compare", str(old), str(new), "--preset", "2018", *flags]) == 0
        assert cli(["compare", str(old), str(new), *flags]) == 1


def test_list_presets_into_a_closed_pipe_exits_0(monkeypatch, tmp_path):
    with open(tmp_path / "stdout", "wb") as sink:
        monkeypatch.setattr(sys, "stdout", _ClosedPipe(sink.fileno()))
        assert cli(["compare", "--list-presets"]) == 0


def test_map_or_tags_matching_nothing_exits_2(tmp_path, capsys):
    old, new = tmp_path / "old", tmp_path / "new"
    write_tf1(old, {"loss": [1.0, 0.5], "acc": [0.5, 0.7]})
    write_tf1(new, {"loss": [1.0, 0.5], "acc": [0.5, 0.7]})
    rc, out, err = run_cli(capsys, old, new)
    assert rc == 0
    rc, out, err = run_cli(capsys, old, new, "--map", "los=loss")
    assert rc == 2 and "rule 'los=loss' matches no scalar tag of old" in err
    rc, out, err = run_cli(capsys, old, new, "--tags", "loss,acc,accuracy")
    assert rc == 2 and "pattern 'accuracy' matches nothing" in err
