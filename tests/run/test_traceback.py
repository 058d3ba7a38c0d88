"""Under `tfcompat run`, an uncaught exception prints the user's frames and TensorFlow's, never tfcompat's wrappers.

tfcompat.v1 wraps every TF function, `run` wraps Model.fit and Layer.__call__: their
frames only pass the call on, and one showed a misleading line
(`op = super()._create_op_internal(...)`). The innermost tfcompat frame stays when
it is the `raise` of an error tfcompat reports itself.
"""

import re
import sys
import textwrap

import pytest

pytestmark = pytest.mark.tf

pytest.importorskip("tensorflow")

from tfcompat.run import run_path  # noqa: E402


def _traceback(tmp_path, capsys, source, name="script.py"):
    script = tmp_path / name
    script.write_text(textwrap.dedent(source))
    assert run_path(str(script)) == 1
    err = capsys.readouterr().err
    frames = re.findall(r'^  File "([^"]+)", line (\d+), in (\S+)$', err, flags=re.M)
    return err, [(p.rsplit("/", 1)[-1], int(line), fn) for p, line, fn in frames]


def test_graph_op_error_shows_the_user_lines_then_tensorflows(tmp_path, capsys):
    err, frames = _traceback(tmp_path, capsys, """\
        import tensorflow as tf

        def build():
            x = tf.placeholder(tf.float32, [None, 3], name="x")
            w = tf.Variable(tf.zeros([4, 1]))
            return tf.matmul(x, w)

        y = build()
        """)
    assert frames[:2] == [("script.py", 8, "<module>"), ("script.py", 6, "build")]
    assert all(f[0] in ("weak_tensor_ops.py", "traceback_utils.py") for f in frames[2:]), frames
    assert "tfcompat" not in err.replace("tfcompat run", "") and "_create_op_internal" not in err
    assert err.rstrip().splitlines()[-1].startswith("ValueError: Dimensions must be equal, but are 3 and 4")


def test_session_feed_error_shows_tensorflows_session_frames(tmp_path, capsys):
    err, frames = _traceback(tmp_path, capsys, """\
        import numpy as np
        import tensorflow as tf
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        with tf.Session() as sess:
            sess.run(tf.reduce_sum(x), feed_dict={x: np.zeros((2, 4))})
        """)
    assert frames == [("script.py", 5, "<module>"), ("session.py", frames[1][1], "run"),
                      ("session.py", frames[2][1], "_run")]
    assert re.search(r"Cannot feed value of shape \(2, 4\) for Tensor x(_\d+)?:0, which has shape \(None, 3\)", err)


def test_an_error_tfcompat_reports_keeps_its_raise_line_and_chains_are_filtered(tmp_path, capsys):
    err, frames = _traceback(tmp_path, capsys, """\
        import tensorflow as tf
        with tf.Session() as sess:
            sess.run(tf.summary.merge_all())
        """)
    assert frames[0] == ("script.py", 3, "<module>") and len(frames) == 2
    assert frames[1][0] == "_session.py" and "raise " in err.splitlines()[-2]
    assert "found no summaries" in err

    (tmp_path / "helper.py").write_text(textwrap.dedent("""\
        import tensorflow as tf
        def go():
            try:
                tf.placeholder(tf.float32, [None, 3]) + tf.zeros([4])
            except ValueError as e:
                raise RuntimeError("wrapped") from e
        """))
    err, frames = _traceback(tmp_path, capsys, "import helper\nhelper.go()\n", name="main.py")
    assert "/tfcompat/" not in err and "The above exception was the direct cause" in err
    assert frames[0] == ("helper.py", 4, "go") and frames[-2:] == [("main.py", 2, "<module>"), ("helper.py", 6, "go")]


def test_keras_fit_errors_show_no_tfcompat_wrapper(tmp_path, capsys):
    err, frames = _traceback(tmp_path, capsys, """\
        import numpy as np
        import keras
        model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
        model.compile("sgd", "mse")
        model.fit(np.zeros((4, 5)), np.zeros((4, 1)), verbose=0)
        """)
    assert frames[0] == ("script.py", 5, "<module>")
    assert "/tfcompat/" not in err and "fit_keras1" not in err


def test_a_today_module_handed_a_tf1_tensor_gets_a_hint_that_fixes_it(tmp_path, capsys):
    # the usual shape of a 2017 codebase: a helper module whose names are valid in TF 2 too
    (tmp_path / "ops_helper.py").write_text(textwrap.dedent("""\
        import tensorflow as tf


        def lrelu(x, leak=0.2):
            return tf.maximum(x, leak * x)
        """))
    main = textwrap.dedent("""\
        import numpy as np
        import tensorflow as tf
        import ops_helper

        x = tf.placeholder(tf.float32, [None, 3])
        y = ops_helper.lrelu(x)
        with tf.Session() as sess:
            print("out", sess.run(y, {x: -np.ones((1, 3))}).tolist())
        """)
    err, _ = _traceback(tmp_path, capsys, main, name="train.py")
    helper = str(tmp_path / "ops_helper.py")
    assert err.rstrip().splitlines()[-1] == (
        f"tfcompat run: {helper} runs as today's code (today (no TF1 or Keras 2 name)), and its line 5 handed "
        "today's tensorflow a tensor of the TF1 graph that 2018 modules build in. If the module belongs to the 2018 "
        "code, add the line `# tfcompat: legacy` to it, or run with `--legacy 'ops_helper.py'`.")
    # the hint's fix works (the first run's helper module is dropped, as a new process would not have it)
    sys.modules.pop("ops_helper", None)
    assert run_path(str(tmp_path / "train.py"), legacy=["ops_helper.py"]) == 0
    assert "out [[-0.20000000298023224, -0.20000000298023224, -0.20000000298023224]]" in capsys.readouterr().out


def test_other_failures_get_no_hint(tmp_path, capsys):
    err, _ = _traceback(tmp_path, capsys, """\
        import tensorflow as tf
        x = tf.placeholder(tf.float32, [None, 3])
        raise ValueError("the script's own error")
        """)
    assert err.rstrip().splitlines()[-1] == "ValueError: the script's own error"
