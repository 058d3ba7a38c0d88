"""tf.nn.rnn_cell's arguments: TF 0.12's signatures, one cell per MultiRNNCell layer, errors naming the argument."""

import pytest

import tfcompat.v1 as tf
from tfcompat import InvalidArgumentError

pytestmark = [pytest.mark.tf, pytest.mark.usefixtures("fresh_graph")]

T, D = 4, 5  # steps, input depth


def _names():
    return [v.name for v in tf.global_variables()]


def test_tf_nn_rnn_cell_exposes_tf1s_names_only():
    rc = tf.nn.rnn_cell
    tf1_names = ["BasicLSTMCell", "BasicRNNCell", "DeviceWrapper", "DropoutWrapper", "GRUCell", "LSTMCell",
                 "LSTMStateTuple", "MultiRNNCell", "RNNCell", "ResidualWrapper"]
    assert sorted(rc.__all__) == sorted(dir(rc)) == tf1_names
    assert all(isinstance(getattr(rc, n), type) for n in tf1_names)
    for helper in ("check_cell", "map_structure", "Layer", "InputSpec", "LayerRNNCell", "numbers"):
        assert not hasattr(rc, helper), helper
    crnn = tf.contrib.rnn
    from tfcompat._names import CONTRIB_RNN_PROVIDED

    assert crnn.__all__ == list(CONTRIB_RNN_PROVIDED) and all(callable(getattr(crnn, n)) for n in crnn.__all__)


def test_multi_rnn_cell_refuses_one_cell_object_in_two_layers():
    rc = tf.nn.rnn_cell
    cell = rc.BasicLSTMCell(4)
    for cells in ([cell] * 2, [rc.DropoutWrapper(cell, output_keep_prob=0.5) for _ in range(2)]):
        # TF 0.12's idiom: all layers would silently share one set of weights (TF 1.1+ refused it).
        with pytest.raises(ValueError, match=r"`cells` holds one cell object in two layers \(cells\[0\] and "
                                             r"cells\[1\]\).*MultiRNNCell\(\[BasicLSTMCell\(n\) for _ in range"):
            rc.MultiRNNCell(cells)
    stack = rc.MultiRNNCell(rc.GRUCell(n) for n in (3, 2))  # a generator: taken once
    assert stack.state_size == (3, 2) and stack.output_size == 2
    out, states = tf.nn.dynamic_rnn(stack, tf.placeholder(tf.float32, [None, T, D]), dtype=tf.float32)
    assert out.shape.as_list() == [None, T, 2] and len(states) == 2
    assert _names()[0] == "rnn/multi_rnn_cell/cell_0/gru_cell/gates/kernel:0"
    assert "rnn/multi_rnn_cell/cell_1/gru_cell/candidate/bias:0" in _names()


def test_tf012_cell_signatures():
    rc = tf.nn.rnn_cell
    with pytest.raises(InvalidArgumentError, match=r"`use_peepholes` must be True or False \(TF 0\.12's LSTMCell "
                                                   r"took input_size in this positional slot.*use_peepholes=5"):
        rc.LSTMCell(8, 5)  # 0.12: LSTMCell(num_units, input_size, ...): not peepholes
    with pytest.raises(InvalidArgumentError, match=r"input_size.*Received: activation=5"):
        rc.GRUCell(8, 5)
    x = tf.placeholder(tf.float32, [None, D])
    cells = [rc.LSTMCell(8, input_size=D, num_unit_shards=1, num_proj_shards=1), rc.BasicLSTMCell(8, input_size=D),
             rc.GRUCell(8, input_size=D), rc.BasicRNNCell(8, input_size=D)]
    for i, cell in enumerate(cells):
        with tf.variable_scope(f"c{i}"):
            out, _ = cell(x, cell.zero_state(2, tf.float32))
        assert out.shape.as_list() == [2, 8]
    assert [v.shape.as_list() for v in cells[0].weights] == [[D + 8, 32], [32]]  # no peepholes, no projection
    for arg in ("num_unit_shards", "num_proj_shards"):
        with pytest.raises(InvalidArgumentError, match=rf"Received: {arg}=2"):
            rc.LSTMCell(8, num_proj=4, **{arg: 2})


def test_bad_values_name_the_argument():
    rc = tf.nn.rnn_cell
    cell = rc.BasicLSTMCell(3)
    for call, text in [
        (lambda: rc.DropoutWrapper(cell, input_keep_prob=0.0), "input_keep_prob=0.0"),
        (lambda: rc.DropoutWrapper(cell, state_keep_prob=True), "state_keep_prob=True"),
        (lambda: cell.get_initial_state(), "batch_size=None, dtype=None"),
        (lambda: rc.MultiRNNCell([rc.GRUCell(2), "x"]), "cells[1]='x'"),
    ]:
        with pytest.raises(InvalidArgumentError, match=".*Received: " + text.replace("[", r"\[").replace("]", r"\]")):
            call()
    x = tf.placeholder(tf.float32, [2, D])
    picky = rc.DropoutWrapper(cell, state_keep_prob=0.5, dropout_state_filter_visitor=lambda s: "yes")
    with pytest.raises(InvalidArgumentError, match=r"dropout_state_filter_visitor.*returned 'yes'"):
        picky(x, cell.zero_state(2, tf.float32))
    stack = rc.MultiRNNCell([rc.GRUCell(2), rc.GRUCell(2)])
    with pytest.raises(ValueError, match=r"one state per cell \(2\).*Received: state="):
        stack(x, tf.zeros([2, 4]))
    with pytest.raises(ValueError, match=r"Received: inputs.shape=\(2, None\)"):
        rc.BasicRNNCell(3)(tf.placeholder(tf.float32, [2, None]), tf.zeros([2, 3]))
    with pytest.raises(TypeError, match=r"Received: c.dtype=tf.float32, h.dtype=tf.float64"):
        rc.LSTMStateTuple(tf.zeros([1]), tf.zeros([1], tf.float64)).dtype
    assert rc.GRUCell(2).get_initial_state(batch_size=3, dtype=tf.float32).shape.as_list() == [3, 2]

