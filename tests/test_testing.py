"""tfcompat.testing: assert_logs_match / assert_scalars_match for golden-log regression tests."""

import re
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from tests.support import curves, write_2018, write_k3
from tfcompat import InvalidArgumentError, LogReadError
from tfcompat.logs import ScalarSeries
from tfcompat.testing import assert_logs_match, assert_scalars_match


def test_matching_logs_pass_and_return_the_result(tmp_path):
    c = curves()
    old, new = write_2018(tmp_path / "golden", c), write_k3(tmp_path / "new", c)
    result = assert_logs_match(old, new, preset="keras2018-to-keras3")
    assert result.equal and len(result.pairs) == 5
    assert_logs_match(str(old), str(new), tag_map={"train/*": "train:epoch_*", "val/*": "validation:epoch_*",
                                                   "train/acc": "train:epoch_accuracy",
                                                   "val/acc": "validation:epoch_accuracy", "lr": "train:epoch_learning_rate"})


def test_failure_message_names_missing_tags_worst_steps_and_values(tmp_path):
    c = curves()
    old = write_2018(tmp_path / "golden", c)
    c2 = dict(c, loss=c["loss"] * 1.01)
    c2["val_acc"] = c["val_acc"].copy()
    c2["val_acc"][3] = 0.5
    new = write_k3(tmp_path / "new", c2)
    with pytest.raises(AssertionError) as e:
        assert_logs_match(old, new, preset="2018")
    msg = str(e.value)
    lines = msg.splitlines()
    assert lines[0] == "logs differ"
    row = {line.split()[1]: line for line in lines if line.startswith("DIFF ")}
    assert set(row) == {"train/loss", "val/acc"}
    v_old, v_new = float(np.float32(c["val_acc"][3])), 0.5
    assert f"step 3: {v_old:.6g} -> {v_new:.6g}" in row["val/acc"] and "1 of 4 values differ" in row["val/acc"]
    assert "4 of 4 values differ" in row["train/loss"]
    assert "train/acc" not in msg  # equal pairs are left out of the message
    assert lines[-1].startswith("DIFFERENT: 2 of 5 tags differ, 0 missing")
    # relaxing the tolerance makes it pass, except the changed val/acc point
    with pytest.raises(AssertionError, match="1 of 5 tags differ"):
        assert_logs_match(old, new, preset="2018", rtol=0.02)


def test_a_map_rule_that_matches_nothing_is_an_error_not_ignored(tmp_path):
    c = curves()
    old, new = write_2018(tmp_path / "golden", c), write_k3(tmp_path / "new", c)
    assert_logs_match(old, new, preset="2018")
    with pytest.raises(InvalidArgumentError, match=r"`tag_map` rule 'train/f1=train:epoch_f1' matches no scalar tag"):
        assert_logs_match(old, new, preset="2018", tag_map={"train/f1": "train:epoch_f1"})


def test_missing_tag_is_listed(tmp_path):
    c = curves()
    old = write_2018(tmp_path / "golden", c)
    new = write_k3(tmp_path / "new", c)
    with pytest.raises(AssertionError, match=r"missing in new \(5\):\n  lr  \(looked for lr\)"):
        assert_logs_match(old, new)


def test_read_errors_are_not_assertion_errors(tmp_path):
    with pytest.raises(LogReadError, match="`old` log directory does not exist"):
        assert_logs_match(tmp_path / "nope", tmp_path)


def test_max_rows_limits_the_message():
    old = {f"t{i}": [float(i)] for i in range(30)}
    new = {f"t{i}": [float(i) + 1] for i in range(30)}
    with pytest.raises(AssertionError) as e:
        assert_scalars_match(old, new, max_rows=3)
    assert "... 27 more pairs not shown" in str(e.value)


def test_assert_scalars_match_in_memory_forms():
    assert_scalars_match({"loss": [1.0, 0.5]}, {("train", "epoch_loss"): {0: 1.0, 1: 0.5}}, preset="keras2")
    old = {"loss": ScalarSeries([0, 10], [0.0, 0.0], [1.0, 0.5])}
    assert_scalars_match(old, {"loss": {10: 0.5, 0: 1.0}})
    with pytest.raises(AssertionError, match=r"step 10: 0.5 -> 0.6"):
        assert_scalars_match(old, {"loss": {0: 1.0, 10: 0.6}})
    with pytest.raises(InvalidArgumentError, match=r"`new` must be a dict of scalars .*Received: new='logs/'"):
        assert_scalars_match(old, "logs/")


@pytest.mark.slow
def test_usable_as_pytest_helper_in_a_user_repository(tmp_path):
    """A user's test file with golden logs next to it, run by pytest: passes, then fails readably."""
    c = curves()
    write_2018(tmp_path / "golden", c)
    write_k3(tmp_path / "good", c)
    write_k3(tmp_path / "bad", dict(c, lr=c["lr"] * 10))
    (tmp_path / "test_port.py").write_text(textwrap.dedent(
        """
        from tfcompat.testing import assert_logs_match

        def test_good():
            assert_logs_match("golden", "good", preset="keras2018-to-keras3")

        def test_bad():
            assert_logs_match("golden", "bad", preset="keras2018-to-keras3")
        """
    ))
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_port.py"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    assert "1 failed, 1 passed" in out
    assert "AssertionError: logs differ" in out
    assert re.search(r"DIFF +lr +train:epoch_learning_rate +4 .*4 of 4 values differ", out), out
