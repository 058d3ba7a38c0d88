"""Quiet by default: `tfcompat run` leaves out TensorFlow's C++ INFO/WARNING lines unless the user set
TF_CPP_MIN_LOG_LEVEL, without changing numerics; tfcompat's own warnings name the user's line."""

import importlib.util
import os
import subprocess
import sys
import warnings

import pytest

from tfcompat.cli._quiet import drop_info_lines

NOISE = (b"WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
         b"I0000 00:00:1795932744.485840   29778 port.cc:153] oneDNN custom operations are on. You may see ...\n")


def test_only_absl_info_and_warning_lines_are_dropped():
    error = b"E0000 00:00:1795932744.485840   29778 something.cc:12] a real error\n"
    python = b"/x/y.py:3: UserWarning: a Python warning\n  warnings.warn(...)\nTraceback (most recent call last):\n"
    warning = b"W1129 05:56:02.532603    9326 common_pjrt_client.cc:1622] a warning\n"
    assert drop_info_lines(NOISE + error + warning + python + NOISE) == error + python
    assert drop_info_lines(b"no newline at the end") == b"no newline at the end"


SCRIPT = """\
import tensorflow as tf
from keras.optimizers import Adam
opt = Adam(lr=0.01)
a = tf.matmul(tf.constant([[1.0, 2.0, 3.0]]), tf.constant([[0.1], [0.2], [0.3]]))
b = tf.reduce_sum(tf.log(tf.range(1.0, 50.0)))
with tf.Session() as sess:
    print(repr(sess.run([a, b])))
"""


def _run(script, **env):
    env = {k: v for k, v in dict(os.environ, **env).items() if v is not None}
    return subprocess.run([sys.executable, "-m", "tfcompat", "run", str(script)], capture_output=True,
                          timeout=300, env=env, cwd=str(script.parent))


@pytest.mark.slow
@pytest.mark.tf
def test_run_is_quiet_unless_the_user_sets_the_level_and_numerics_do_not_change(tmp_path):
    if importlib.util.find_spec("tensorflow") is None:
        pytest.skip("TensorFlow not installed: pip install 'tfcompat[cpu]'")
    script = tmp_path / "legacy_adam.py"
    script.write_text(SCRIPT)
    quiet = _run(script, TF_CPP_MIN_LOG_LEVEL=None)
    loud = _run(script, TF_CPP_MIN_LOG_LEVEL="0")
    assert quiet.returncode == 0 and loud.returncode == 0, (quiet.stderr[-2000:], loud.stderr[-2000:])
    assert quiet.stdout == loud.stdout  # same numbers: oneDNN stays as TensorFlow chose it
    lines = quiet.stderr.decode().splitlines()
    assert not [line for line in lines if "absl::InitializeLog" in line or "port.cc" in line or "oneDNN" in line]
    # The one line left: tfcompat's `lr=` warning, at the user's line 3, not at a tfcompat file.
    lr_lines = [line for line in lines if "UserWarning: `lr` is the Keras 2 name" in line]
    assert len(lr_lines) == 1 and lr_lines[0].startswith(f"{script}:3: "), lines
    assert not [line for line in lines if "tfcompat" + os.sep in line], lines
    # The user asked for TensorFlow's lines: they are all there (this CPU's build logs the oneDNN line).
    if b"oneDNN" in loud.stderr:
        assert loud.stderr.count(b"oneDNN custom operations are on") >= 1


@pytest.mark.tf
def test_lr_warning_points_at_the_callers_line(monkeypatch):
    pytest.importorskip("tensorflow", reason="TensorFlow not installed: pip install 'tfcompat[cpu]'")
    from tfcompat.keras import optimizers

    monkeypatch.setattr(optimizers, "_warned_lr", False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        optimizers.SGD(lr=0.1); line = sys._getframe().f_lineno  # noqa: E702
    [w] = [w for w in caught if "`lr` is the Keras 2 name" in str(w.message)]
    assert (w.filename, w.lineno) == (__file__, line)
