"""`tfcompat run`: a TF 0.12 module reads tf.concat/tf.split in 0.12's order, a TF 1.x module it imports in 1.x's.

One real process, unchanged sources; the decision is each module's own (its source), never the call's.
"""

import os
import subprocess
import sys

import pytest

from tests.support import points, read_back

pytestmark = [pytest.mark.slow, pytest.mark.tf]
pytest.importorskip("tensorflow")

# 2016: RNN-style input splitting and a TF 0.12 summary writer
MAIN = '''
import sys
import numpy as np
import tensorflow as tf
import helper_1x

n_steps = 4
x = tf.placeholder(tf.float32, [None, n_steps, 3])
xs = tf.reshape(tf.transpose(x, [1, 0, 2]), [-1, 3])
xs = tf.split(0, n_steps, xs)                    # four (batch, 3) tensors
first_last = tf.concat(1, [xs[0], xs[-1]])       # (batch, 6)
both = helper_1x.side_by_side(first_last)        # (batch, 12), built by a TF 1.x module
loss = tf.reduce_mean(tf.mul(both, both))
tf.scalar_summary("loss", loss)
merged = tf.merge_all_summaries()
with tf.Session() as sess:
    writer = tf.train.SummaryWriter(sys.argv[1], sess.graph)
    for step in range(3):
        value = np.arange(24.0).reshape(2, 4, 3) * (step + 1)
        out, s = sess.run([both, merged], {x: value})
        writer.add_summary(s, step)
    writer.close()
print("shape", out.shape, "row", out[0, :6].tolist())
'''

# 2017: the same library's TF 1.x module, tf.concat(values, axis)
HELPER = '''
import tensorflow as tf


def side_by_side(t):
    with tf.variable_scope("helper"):
        return tf.concat([t, t], 1)
'''


def test_each_module_gets_its_own_argument_order(tmp_path):
    (tmp_path / "main_012.py").write_text(MAIN)
    (tmp_path / "helper_1x.py").write_text(HELPER)
    logdir = tmp_path / "logs"
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONWARNINGS="ignore")
    r = subprocess.run([sys.executable, "-m", "tfcompat", "run", "--explain", str(tmp_path / "main_012.py"),
                        str(logdir)], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    explain = [line for line in r.stderr.splitlines() if line.startswith("tfcompat run:")]
    assert any("main_012.py: 2018 (line 8: tf.placeholder), TF 0.12 argument order (line 10: tf.split(" in line
               for line in explain), explain
    assert any(line.endswith("helper_1x.py: 2018 (line 6: tf.variable_scope)") for line in explain), explain
    # the last step feeds arange * 3: batch row 0 holds time step 0 ([0, 1, 2] * 3), then time step 3 ([9, 10, 11] * 3)
    assert "shape (2, 12) row [0.0, 3.0, 6.0, 27.0, 30.0, 33.0]" in r.stdout
    loss = points(read_back(logdir), "loss")
    assert [s for s, _ in loss] == [0, 1, 2] and loss[2][1] == pytest.approx(9 * loss[0][1])


def test_every_import_form_of_a_012_module_reaches_tf012():
    """TF-free: the module rule's resolution only (no TensorFlow function is called)."""
    from tfcompat.run._module_rule import LEGACY_BUILTINS, TF012_BUILTINS

    code = (
        "import importlib.util\n"  # binds `importlib`: its import_module must still be the 2018 one
        "from importlib import import_module\n"
        "import tensorflow as tf\n"
        "from tensorflow import concat\n"
        "import tensorflow.compat.v1 as v1\n"
        "got = (tf, concat, importlib.import_module('tensorflow'), import_module('tensorflow'), v1)\n"
    )
    import tfcompat.v1
    import tfcompat.v1.tf012 as tf012

    ns = {"__builtins__": TF012_BUILTINS}
    exec(compile(code, "old_012.py", "exec"), ns)
    assert ns["got"] == (tf012, tf012.concat, tf012, tf012, tfcompat.v1)  # compat.v1 is TF 1.x's order
    assert ns["importlib"].util.find_spec("json") is not None
    ns = {"__builtins__": LEGACY_BUILTINS}
    exec(compile(code.replace("from tensorflow import concat", "concat = None"), "old_1x.py", "exec"), ns)
    assert ns["got"] == (tfcompat.v1, None, tfcompat.v1, tfcompat.v1, tfcompat.v1)


# 2016: the RNN tutorials of the time (their loop, cells and argument order), with generated data
LSTM_2016 = '''
import sys
import numpy as np
import tensorflow as tf
from tensorflow.python.ops import rnn, rnn_cell
from tensorflow.python.ops import math_ops

n_steps, n_input, n_hidden, n_classes = 6, 4, 16, 2
rs = np.random.RandomState(0)
data = rs.randn(64, n_steps, n_input).astype("float32")
labels = np.eye(n_classes)[(data[:, :, 0].sum(1) > 0).astype(int)]

x = tf.placeholder("float", [None, n_steps, n_input])
y = tf.placeholder("float", [None, n_classes])
W = tf.Variable(tf.random_normal([n_hidden, n_classes]))
b = tf.Variable(tf.random_normal([n_classes]))
xs = tf.split(0, n_steps, tf.reshape(tf.transpose(x, [1, 0, 2]), [-1, n_input]))
lstm_cell = rnn_cell.BasicLSTMCell(n_hidden, forget_bias=1.0)
outputs, states = rnn.rnn(lstm_cell, xs, dtype=tf.float32)
pred = tf.matmul(outputs[-1], W) + b
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(pred, y))
optimizer = tf.train.AdamOptimizer(learning_rate=0.05).minimize(cost)
tf.scalar_summary("cost", cost)
merged = tf.merge_all_summaries()
with tf.Session() as sess:
    sess.run(tf.initialize_all_variables())
    writer = tf.train.SummaryWriter(sys.argv[1], sess.graph)
    for step in range(30):
        _, s, c = sess.run([optimizer, merged, cost], {x: data, y: labels})
        writer.add_summary(s, step)
    writer.close()
print("variables", [v.name for v in tf.trainable_variables()][2:], math_ops.__name__)
'''


def test_a_2016_rnn_tutorial_runs_unchanged(tmp_path):
    (tmp_path / "lstm_2016.py").write_text(LSTM_2016)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONWARNINGS="ignore")
    r = subprocess.run([sys.executable, "-m", "tfcompat", "run", str(tmp_path / "lstm_2016.py"), str(tmp_path / "logs")],
                       capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    # TF1's names for the cell's variables; TensorFlow's own modules for the rest of tensorflow.python.ops
    assert ("variables ['rnn/basic_lstm_cell/kernel:0', 'rnn/basic_lstm_cell/bias:0'] "
            "tensorflow.python.ops.math_ops") in r.stdout
    cost = points(read_back(tmp_path / "logs"), "cost")
    assert [s for s, _ in cost] == list(range(30)) and cost[-1][1] < cost[0][1] / 4
