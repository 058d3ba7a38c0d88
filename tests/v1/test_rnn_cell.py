"""tf.nn.rnn_cell / tf.contrib.rnn through ``import tfcompat.v1 as tf``: TF1's math, variable names, reuse, training."""

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import tfcompat.v1 as tf
from tests.support import points, read_back
from tfcompat import InvalidArgumentError, RemovedAPIError

pytestmark = [pytest.mark.tf, pytest.mark.usefixtures("fresh_graph")]

B, T, D = 3, 4, 5  # batch, steps, input depth


def _sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def _names():
    return [v.name for v in tf.global_variables()]


def _values(sess, scope):
    return {v.op.name[len(scope) + 1:]: sess.run(v) for v in tf.global_variables() if v.op.name.startswith(scope)}


def _np_basic_rnn(w, x, h):
    out = np.tanh(np.concatenate([x, h], 1) @ w["kernel"] + w["bias"])
    return out, out


def _np_basic_lstm(w, x, state, forget_bias=1.0):
    c, h = state
    i, j, f, o = np.split(np.concatenate([x, h], 1) @ w["kernel"] + w["bias"], 4, axis=1)
    new_c = c * _sig(f + forget_bias) + _sig(i) * np.tanh(j)
    new_h = np.tanh(new_c) * _sig(o)
    return new_h, (new_c, new_h)


def _np_lstm_peep_proj(w, x, state, cell_clip, proj_clip):
    c, m = state
    i, j, f, o = np.split(np.concatenate([x, m], 1) @ w["kernel"] + w["bias"], 4, axis=1)
    c = _sig(f + 1.0 + w["w_f_diag"] * c) * c + _sig(i + w["w_i_diag"] * c) * np.tanh(j)
    c = np.clip(c, -cell_clip, cell_clip)
    m = _sig(o + w["w_o_diag"] * c) * np.tanh(c)
    m = np.clip(m @ w["projection/kernel"], -proj_clip, proj_clip)
    return m, (c, m)


def _np_gru(w, x, h):
    r, u = np.split(_sig(np.concatenate([x, h], 1) @ w["gates/kernel"] + w["gates/bias"]), 2, axis=1)
    c = np.tanh(np.concatenate([x, r * h], 1) @ w["candidate/kernel"] + w["candidate/bias"])
    new_h = u * h + (1 - u) * c
    return new_h, new_h


CELLS = {
    "basic_rnn": (lambda: tf.nn.rnn_cell.BasicRNNCell(6), "basic_rnn_cell", _np_basic_rnn, ["kernel", "bias"]),
    "basic_lstm": (lambda: tf.nn.rnn_cell.BasicLSTMCell(6), "basic_lstm_cell", _np_basic_lstm, ["kernel", "bias"]),
    "lstm": (lambda: tf.nn.rnn_cell.LSTMCell(6, use_peepholes=True, num_proj=4, cell_clip=0.5, proj_clip=0.3),
             "lstm_cell", lambda w, x, s: _np_lstm_peep_proj(w, x, s, 0.5, 0.3),
             ["kernel", "bias", "w_f_diag", "w_i_diag", "w_o_diag", "projection/kernel"]),
    "gru": (lambda: tf.nn.rnn_cell.GRUCell(6), "gru_cell", _np_gru,
            ["gates/kernel", "gates/bias", "candidate/kernel", "candidate/bias"]),
}


def _flat(state):
    return [leaf for s in state for leaf in _flat(s)] if isinstance(state, tuple) else [state]


def _np_state(cell):
    size = cell.state_size
    if isinstance(size, tuple):
        return tuple(np.zeros((B, s), np.float32) for s in size)
    return np.zeros((B, size), np.float32)


@pytest.mark.parametrize("kind", sorted(CELLS))
def test_cell_step_and_dynamic_rnn_match_numpy(kind):
    make, scope, step, names = CELLS[kind]
    rng = np.random.RandomState(0)
    xs = rng.randn(B, T, D).astype(np.float32)
    x = tf.placeholder(tf.float32, [None, T, D])
    cell = make()
    outputs, final = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    assert _names() == [f"rnn/{scope}/{n}:0" for n in names]
    with tf.Session() as sess:
        # Random biases and peepholes, so that each term of the formula counts.
        for v in tf.global_variables():
            sess.run(v.assign(rng.uniform(-0.5, 0.5, v.shape.as_list()).astype(np.float32)))
        w = _values(sess, f"rnn/{scope}")
        got_outputs, got_final = sess.run([outputs, final], {x: xs})
        one = cell(tf.constant(xs[:, 0]), cell.zero_state(B, tf.float32))  # a direct call: the same variables
        got_one = sess.run(one[0])
    assert len(tf.global_variables()) == len(names)
    state, want = _np_state(cell), []
    for t in range(T):
        out, state = step(w, xs[:, t], state)
        want.append(out)
    np.testing.assert_allclose(got_outputs, np.stack(want, 1), rtol=1e-5, atol=1e-5)
    assert len(_flat(got_final)) == len(_flat(state))
    for got, exp in zip(_flat(got_final), _flat(state)):
        np.testing.assert_allclose(got, exp, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(got_one, step(w, xs[:, 0], _np_state(cell))[0], rtol=1e-5, atol=1e-5)


def test_initializers_are_tf1s():
    x = tf.placeholder(tf.float32, [None, D])
    lstm, gru = tf.nn.rnn_cell.BasicLSTMCell(50), tf.nn.rnn_cell.GRUCell(50)
    with tf.variable_scope("a"):
        lstm(x, lstm.zero_state(2, tf.float32))
    with tf.variable_scope("b"):
        gru(x, gru.zero_state(2, tf.float32))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        w = _values(sess, "a/basic_lstm_cell")
        g = _values(sess, "b/gru_cell")
    limit = np.sqrt(6.0 / (D + 50 + 200))  # Glorot uniform over [fan_in, fan_out] = [55, 200]
    assert w["kernel"].shape == (55, 200) and np.abs(w["kernel"]).max() <= limit
    assert np.abs(w["kernel"]).max() > 0.9 * limit and abs(w["kernel"].mean()) < 0.01
    assert (w["bias"] == 0).all() and (g["gates/bias"] == 1).all() and (g["candidate/bias"] == 0).all()
    with tf.variable_scope("c", initializer=tf.constant_initializer(0.25)):  # the PTB tutorial's pattern
        cell = tf.nn.rnn_cell.LSTMCell(3)
        cell(x, cell.zero_state(2, tf.float32))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert (sess.run(cell.weights[0]) == 0.25).all() and (sess.run(cell.weights[1]) == 0).all()


def test_static_rnn_creates_the_variables_once_and_shares_them():
    x = tf.placeholder(tf.float32, [None, T, D])
    cell = tf.nn.rnn_cell.BasicLSTMCell(6)
    outputs, state = tf.nn.static_rnn(cell, tf.unstack(x, axis=1), dtype=tf.float32)
    assert len(outputs) == T and isinstance(state, tf.nn.rnn_cell.LSTMStateTuple)
    assert _names() == ["rnn/basic_lstm_cell/kernel:0", "rnn/basic_lstm_cell/bias:0"]
    assert cell.trainable_weights == tf.trainable_variables()
    ops = tf.get_default_graph().get_operations()
    assert [op.name for op in ops if op.type == "VarHandleOp"] == ["rnn/basic_lstm_cell/kernel", "rnn/basic_lstm_cell/bias"]
    matmuls = [op for op in ops if op.type == "MatMul"]
    assert len(matmuls) == T and len({op.inputs[1].name for op in matmuls}) == 1  # one read of the kernel, T steps


def test_multi_rnn_cell_bidirectional_and_reuse_names():
    x = tf.placeholder(tf.float32, [None, T, D])
    stack = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(4) for _ in range(2)])
    out, states = tf.nn.dynamic_rnn(stack, x, dtype=tf.float32)
    assert len(states) == 2 and out.shape.as_list() == [None, T, 4]
    (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(tf.nn.rnn_cell.GRUCell(3), tf.nn.rnn_cell.GRUCell(3), x,
                                                  dtype=tf.float32)
    with tf.variable_scope("decoder"):
        tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2, name="my_rnn"), x, dtype=tf.float32)
    with tf.variable_scope("decoder", reuse=True):  # a new cell object sharing the variables, as TF1's reuse=True
        tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2, name="my_rnn", reuse=True), x, dtype=tf.float32)
    assert _names() == [
        "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel:0", "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias:0",
        "rnn/multi_rnn_cell/cell_1/basic_lstm_cell/kernel:0", "rnn/multi_rnn_cell/cell_1/basic_lstm_cell/bias:0",
        "bidirectional_rnn/fw/gru_cell/gates/kernel:0", "bidirectional_rnn/fw/gru_cell/gates/bias:0",
        "bidirectional_rnn/fw/gru_cell/candidate/kernel:0", "bidirectional_rnn/fw/gru_cell/candidate/bias:0",
        "bidirectional_rnn/bw/gru_cell/gates/kernel:0", "bidirectional_rnn/bw/gru_cell/gates/bias:0",
        "bidirectional_rnn/bw/gru_cell/candidate/kernel:0", "bidirectional_rnn/bw/gru_cell/candidate/bias:0",
        "decoder/rnn/my_rnn/kernel:0", "decoder/rnn/my_rnn/bias:0"]
    assert fw.shape.as_list() == bw.shape.as_list() == [None, T, 3]
    assert len(stack.trainable_weights) == 4
    with pytest.raises(ValueError, match="already exists"):  # TF1: a second unshared cell in the same scope
        with tf.variable_scope("decoder"):
            tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2, name="my_rnn", reuse=False), x, dtype=tf.float32,
                              scope="rnn")


def test_concatenated_state_matches_the_tuple_state():
    rng = np.random.RandomState(1)
    xs = rng.randn(B, T, D).astype(np.float32)
    x = tf.constant(xs)
    with tf.variable_scope("tuple"):
        tuple_cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(4, num_proj=3) for _ in range(2)])
        out_t, st_t = tf.nn.dynamic_rnn(tuple_cell, x, dtype=tf.float32)
    with tf.variable_scope("flat"):
        flat_cell = tf.nn.rnn_cell.MultiRNNCell(
            [tf.nn.rnn_cell.LSTMCell(4, num_proj=3, state_is_tuple=False) for _ in range(2)], state_is_tuple=False)
        assert flat_cell.state_size == 14
        out_f, st_f = tf.nn.dynamic_rnn(flat_cell, x, dtype=tf.float32)
    basic = tf.nn.rnn_cell.BasicLSTMCell(4, state_is_tuple=False)
    assert basic.state_size == 8 and basic.zero_state(2, tf.float32).shape.as_list() == [2, 8]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for a, b in zip(tuple_cell.weights, flat_cell.weights):
            sess.run(b.assign(a))
        got_t, got_f, state_t, state_f = sess.run([out_t, out_f, st_t, st_f])
    np.testing.assert_allclose(got_t, got_f, rtol=1e-6)
    np.testing.assert_allclose(np.concatenate([s for layer in state_t for s in layer], 1), state_f, rtol=1e-6)


def test_training_an_lstm_reduces_the_loss():
    rng = np.random.RandomState(2)
    xs = rng.randn(16, T, D).astype(np.float32)
    ys = xs.sum(axis=(1, 2))[:, None] / 4.0
    x, y = tf.placeholder(tf.float32, [None, T, D]), tf.placeholder(tf.float32, [None, 1])
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(8), output_keep_prob=0.9, seed=1)
    outputs, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    pred = tf.layers.dense(outputs[:, -1], 1)
    loss = tf.reduce_mean(tf.square(pred - y))
    train = tf.train.AdamOptimizer(0.02).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first = sess.run(loss, {x: xs, y: ys})
        for _ in range(60):
            sess.run(train, {x: xs, y: ys})
        last = sess.run(loss, {x: xs, y: ys})
    assert last < 0.5 * first
    assert _names()[:2] == ["rnn/basic_lstm_cell/kernel:0", "rnn/basic_lstm_cell/bias:0"]


def test_dropout_wrapper_identity_and_placeholder_keep_prob():
    xs = np.ones((B, T, D), np.float32)
    x = tf.constant(xs)
    cell = tf.nn.rnn_cell.BasicLSTMCell(6)
    plain, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, scope="plain")
    same, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.DropoutWrapper(cell), x, dtype=tf.float32, scope="plain")
    keep = tf.placeholder(tf.float32, [])
    wrapped = tf.nn.rnn_cell.DropoutWrapper(cell, input_keep_prob=keep, output_keep_prob=keep, state_keep_prob=keep)
    dropped, _ = tf.nn.dynamic_rnn(wrapped, x, dtype=tf.float32, scope="plain")
    assert _names() == ["plain/basic_lstm_cell/kernel:0", "plain/basic_lstm_cell/bias:0"]  # no scope of its own
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        a, b = sess.run([plain, same])
        full = sess.run(dropped, {keep: 1.0})
        half = sess.run(dropped, {keep: 0.5})
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(full, a, rtol=1e-6)
    assert not np.allclose(half, a) and (half == 0).any()


def test_summary_histograms_of_the_cell_variables_read_back_with_tf1_tags(tmp_path):
    x = tf.placeholder(tf.float32, [None, T, D])
    tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(4), x, dtype=tf.float32)
    for v in tf.trainable_variables():
        # TF1's tags: the name scope `rnn/basic_lstm_cell/kernel` is the variable's own op, so it became `..._1`;
        # `:` is not allowed in a scope, so `kernel:0` became `kernel_0`.
        tf.summary.histogram(v.op.name, v)
        tf.summary.histogram(v.name, v)
    merged = tf.summary.merge_all()
    with tf.Session() as sess, tf.summary.FileWriter(str(tmp_path)) as writer:
        sess.run(tf.global_variables_initializer())
        writer.add_summary(sess.run(merged), 0)
    acc = read_back(tmp_path)
    assert sorted(acc.Tags()["histograms"]) == [
        "rnn/basic_lstm_cell/bias_0", "rnn/basic_lstm_cell/bias_1", "rnn/basic_lstm_cell/kernel_0",
        "rnn/basic_lstm_cell/kernel_1"]
    assert acc.Histograms("rnn/basic_lstm_cell/kernel_1")[0].histogram_value.num == (D + 4) * 16


def test_bad_arguments_name_the_argument():
    rc = tf.nn.rnn_cell
    for call, text in [
        (lambda: rc.BasicLSTMCell(0), "num_units=0"),
        (lambda: rc.GRUCell("8"), "num_units='8'"),
        (lambda: rc.LSTMCell(8, num_proj=-1), "num_proj=-1"),
        (lambda: rc.LSTMCell(8, num_unit_shards=2), "num_unit_shards=2"),
        (lambda: rc.LSTMCell(8, cell_clip="big"), "cell_clip='big'"),
        (lambda: rc.BasicRNNCell(4, activation="nope"), "activation='nope'"),
        (lambda: rc.DropoutWrapper(rc.GRUCell(4), output_keep_prob=1.5), "output_keep_prob=1.5"),
        (lambda: rc.DropoutWrapper(rc.GRUCell(4), variational_recurrent=True), "variational_recurrent=True"),
        (lambda: rc.DropoutWrapper("cell"), "cell='cell'"),
        (lambda: rc.MultiRNNCell([]), "cells=[]"),
        (lambda: rc.MultiRNNCell([rc.BasicLSTMCell(2)], state_is_tuple=False), "state_is_tuple=False"),
        (lambda: tf.contrib.rnn.OutputProjectionWrapper(rc.GRUCell(4), 0), "output_size=0"),
    ]:
        with pytest.raises(InvalidArgumentError, match=f".*Received: {text}".replace("[", r"\[").replace("]", r"\]")):
            call()
    with pytest.raises(ValueError, match="inputs.shape"):
        rc.GRUCell(3)(tf.placeholder(tf.float32, [2, None]), tf.zeros([2, 3]))
    with pytest.raises(AttributeError, match="tf.nn.rnn_cell.NASCell"):
        rc.NASCell


def test_contrib_rnn_names_and_contrib_only_wrappers():
    crnn = tf.contrib.rnn
    assert crnn.BasicLSTMCell is tf.nn.rnn_cell.BasicLSTMCell and crnn.LSTMStateTuple is tf.nn.rnn_cell.LSTMStateTuple
    from tfcompat.v1.contrib import rnn  # `from tensorflow.contrib import rnn` under tfcompat run

    assert rnn is crnn
    x = tf.placeholder(tf.float32, [None, T, D])
    steps = tf.unstack(x, axis=1)
    outs, fw_state, bw_state = crnn.static_bidirectional_rnn(crnn.BasicLSTMCell(3), crnn.BasicLSTMCell(3), steps,
                                                              dtype=tf.float32)
    proj = crnn.OutputProjectionWrapper(crnn.BasicRNNCell(5, activation="relu"), output_size=1)
    seq, _ = tf.nn.dynamic_rnn(proj, x, dtype=tf.float32)
    stacked, states_fw, _ = crnn.stack_bidirectional_dynamic_rnn([crnn.GRUCell(2)], [crnn.GRUCell(2)], x,
                                                                 dtype=tf.float32)
    assert len(outs) == T and outs[0].shape.as_list() == [None, 6] and seq.shape.as_list() == [None, T, 1]
    assert stacked.shape.as_list() == [None, T, 4] and len(states_fw) == 1
    assert [n for n in _names() if "gru" not in n] == [
        "bidirectional_rnn/fw/basic_lstm_cell/kernel:0", "bidirectional_rnn/fw/basic_lstm_cell/bias:0",
        "bidirectional_rnn/bw/basic_lstm_cell/kernel:0", "bidirectional_rnn/bw/basic_lstm_cell/bias:0",
        "rnn/output_projection_wrapper/basic_rnn_cell/kernel:0", "rnn/output_projection_wrapper/basic_rnn_cell/bias:0",
        "rnn/output_projection_wrapper/kernel:0", "rnn/output_projection_wrapper/bias:0"]
    assert "stack_bidirectional_rnn/cell_0/bidirectional_rnn/fw/gru_cell/gates/kernel:0" in _names()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        w = {v.op.name: sess.run(v) for v in proj.trainable_weights}
        xs = np.random.RandomState(3).randn(B, T, D).astype(np.float32)
        got = sess.run(seq, {x: xs})
    h = np.zeros((B, 5), np.float32)
    for t in range(T):
        h = np.maximum(np.concatenate([xs[:, t], h], 1) @ w["rnn/output_projection_wrapper/basic_rnn_cell/kernel"]
                       + w["rnn/output_projection_wrapper/basic_rnn_cell/bias"], 0)
        want = h @ w["rnn/output_projection_wrapper/kernel"] + w["rnn/output_projection_wrapper/bias"]
        np.testing.assert_allclose(got[:, t], want, rtol=1e-5, atol=1e-6)
    for name in ("LayerNormBasicLSTMCell", "LSTMBlockCell", "GRUBlockCell", "AttentionCellWrapper", "NASCell",
                 "GridLSTMCell", "ConvLSTMCell"):
        with pytest.raises(RemovedAPIError, match=rf"tf\.contrib\.rnn\.{name} .*static_rnn"):
            getattr(crnn, name)


def test_embedding_wrapper_looks_up_ids():
    ids = tf.placeholder(tf.int32, [None, T])
    cell = tf.contrib.rnn.EmbeddingWrapper(tf.nn.rnn_cell.GRUCell(3), embedding_classes=10, embedding_size=4)
    out, _ = tf.nn.dynamic_rnn(cell, ids[:, :, None], dtype=tf.float32)
    assert "rnn/embedding_wrapper/embedding:0" in _names() and "rnn/embedding_wrapper/gru_cell/gates/kernel:0" in _names()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        emb = sess.run(cell.trainable_weights[0])
        assert sess.run(out, {ids: np.arange(B * T).reshape(B, T) % 10}).shape == (B, T, 3)
    assert np.abs(emb).max() <= np.sqrt(3) and emb.shape == (10, 4)


SCRIPT_2017 = '''
import sys
import numpy as np
import tensorflow as tf
from tensorflow.contrib import rnn

n_steps, n_input, n_hidden = 6, 2, 16
rng = np.random.RandomState(0)
data_x = rng.randn(64, n_steps, n_input).astype(np.float32)
data_y = (data_x[:, :, 0].sum(axis=1) > 0).astype(np.int64)

x = tf.placeholder("float", [None, n_steps, n_input])
y = tf.placeholder(tf.int64, [None])
keep_prob = tf.placeholder(tf.float32)
weights = tf.Variable(tf.random_normal([n_hidden, 2]))
biases = tf.Variable(tf.random_normal([2]))

def RNN(x, weights, biases):
    x = tf.unstack(x, n_steps, 1)
    lstm_cell = rnn.DropoutWrapper(rnn.BasicLSTMCell(n_hidden, forget_bias=1.0), output_keep_prob=keep_prob)
    outputs, states = rnn.static_rnn(lstm_cell, x, dtype=tf.float32)
    return tf.matmul(outputs[-1], weights) + biases

pred = RNN(x, weights, biases)
cost = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(logits=pred, labels=y))
optimizer = tf.train.AdamOptimizer(learning_rate=0.01).minimize(cost)
tf.summary.scalar("loss", cost)
for var in tf.trainable_variables():
    tf.summary.histogram(var.op.name, var)
merged = tf.summary.merge_all()

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    writer = tf.summary.FileWriter(sys.argv[1], sess.graph)
    for step in range(40):
        summary, _ = sess.run([merged, optimizer], feed_dict={x: data_x, y: data_y, keep_prob: 0.8})
        writer.add_summary(summary, step)
    writer.close()
    print("final loss", sess.run(cost, feed_dict={x: data_x, y: data_y, keep_prob: 1.0}))
'''


@pytest.mark.slow
def test_2017_lstm_script_runs_unchanged_under_tfcompat_run(tmp_path):
    script = tmp_path / "lstm_2017.py"
    script.write_text(textwrap.dedent(SCRIPT_2017))
    logdir = tmp_path / "logs"
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONWARNINGS="ignore")
    done = subprocess.run([sys.executable, "-m", "tfcompat", "run", str(script), str(logdir)], capture_output=True,
                          text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    acc = read_back(logdir)
    loss = points(acc, "loss")
    assert [s for s, _ in loss] == list(range(40)) and loss[-1][1] < 0.7 * loss[0][1]
    assert sorted(acc.Tags()["histograms"]) == ["Variable_1_1", "Variable_2", "rnn/basic_lstm_cell/bias_1",
                                                "rnn/basic_lstm_cell/kernel_1"]
    assert acc.Tags()["graph"]


def test_residual_device_and_input_projection_wrappers_and_static_stack():
    xs = np.random.RandomState(4).randn(B, T, D).astype(np.float32)
    x = tf.constant(xs)
    inner = tf.nn.rnn_cell.BasicRNNCell(D)
    res_out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.ResidualWrapper(inner), x, dtype=tf.float32, scope="res")
    plain_out, _ = tf.nn.dynamic_rnn(inner, x, dtype=tf.float32, scope="res")
    dev = tf.nn.rnn_cell.DeviceWrapper(tf.nn.rnn_cell.GRUCell(2), "/cpu:0")
    dev_out, _ = tf.nn.dynamic_rnn(dev, x, dtype=tf.float32, scope="dev")
    proj = tf.contrib.rnn.InputProjectionWrapper(tf.nn.rnn_cell.GRUCell(2), num_proj=3)
    tf.nn.dynamic_rnn(proj, x, dtype=tf.float32)
    outs, states_fw, states_bw = tf.contrib.rnn.stack_bidirectional_rnn(
        [tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.GRUCell(2)], [tf.nn.rnn_cell.GRUCell(2) for _ in range(2)],
        tf.unstack(x, axis=1), dtype=tf.float32)
    names = _names()
    assert names[:2] == ["res/basic_rnn_cell/kernel:0", "res/basic_rnn_cell/bias:0"]
    assert "dev/gru_cell/gates/kernel:0" in names
    assert ["rnn/input_projection_wrapper/kernel:0", "rnn/input_projection_wrapper/bias:0",
            "rnn/input_projection_wrapper/gru_cell/gates/kernel:0"] == [n for n in names if "input_proj" in n][:3]
    assert "stack_bidirectional_rnn/cell_1/bw/gru_cell/gates/kernel:0" in names
    assert len(outs) == T and outs[-1].shape.as_list() == [B, 4] and len(states_fw) == len(states_bw) == 2
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        res, plain, on_cpu = sess.run([res_out, plain_out, dev_out])
    np.testing.assert_allclose(res, plain + xs, rtol=1e-5, atol=1e-6)
    assert on_cpu.shape == (B, T, 2)


def test_device_wrapper_places_the_cell_and_its_zero_state_on_the_device():
    cell = tf.nn.rnn_cell.DeviceWrapper(tf.nn.rnn_cell.BasicLSTMCell(3), "/cpu:0")
    before = set(tf.get_default_graph().get_operations())
    zero = cell.zero_state(2, tf.float32)
    zero_ops = [op for op in tf.get_default_graph().get_operations() if op not in before]
    assert zero.c.op.name.startswith("DeviceWrapperZeroState/BasicLSTMCellZeroState/")
    assert zero_ops and {op.device for op in zero_ops} == {"/device:CPU:0"}
    before = set(tf.get_default_graph().get_operations())
    cell(tf.placeholder(tf.float32, [2, D]), zero)
    step_ops = [op for op in tf.get_default_graph().get_operations() if op not in before]
    assert {op.type for op in step_ops} >= {"MatMul", "Sigmoid", "Tanh"}
    # The step's math (the variables' initializers are colocated with the variables, as in TF1).
    math_ops = [op for op in step_ops if op.type in ("MatMul", "Sigmoid", "Tanh", "Mul", "ConcatV2")
                and "/Initializer/" not in op.name]
    assert len(math_ops) >= 10 and {op.device for op in math_ops} == {"/device:CPU:0"}


def test_dropout_wrapper_leaves_an_lstms_memory_alone_by_default():
    xs = np.random.RandomState(5).randn(64, D).astype(np.float32)
    x = tf.constant(xs)
    lstm = tf.nn.rnn_cell.BasicLSTMCell(16)
    zero = lstm.zero_state(64, tf.float32)
    _, plain = lstm(x, zero)
    _, dropped = tf.nn.rnn_cell.DropoutWrapper(lstm, state_keep_prob=0.5, seed=3)(x, zero)
    _, all_dropped = tf.nn.rnn_cell.DropoutWrapper(lstm, state_keep_prob=0.5, seed=3,
                                                   dropout_state_filter_visitor=lambda s: True)(x, zero)
    assert len(tf.global_variables()) == 2  # one cell, one set of variables
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        plain, dropped, all_dropped = sess.run([plain, dropped, all_dropped])
    np.testing.assert_array_equal(dropped.c, plain.c)
    kept = dropped.h != 0
    assert 0.3 < kept.mean() < 0.7
    np.testing.assert_allclose(dropped.h[kept], 2 * plain.h[kept], rtol=1e-5)
    assert (all_dropped.c == 0).mean() > 0.3 and (all_dropped.h == 0).mean() > 0.3
