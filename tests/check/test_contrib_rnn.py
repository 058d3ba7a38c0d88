"""check: `tf.contrib.rnn` names, provided by tfcompat.v1.contrib.rnn or not (one table, _names.CONTRIB_RNN_PROVIDED)."""

from tfcompat.check import scan_source


def found(source):
    findings, _ = scan_source(source, "t.py")
    return [(f.line, f.api, f.status) for f in findings]


def test_contrib_rnn_names_tfcompat_lacks_are_broken_the_others_work():
    src = ("import tensorflow as tf\nfrom tensorflow.contrib import rnn\n"
           "a = tf.contrib.rnn.LayerNormBasicLSTMCell(4)\nb = rnn.LSTMBlockCell(4)\n"
           "from tensorflow.contrib.rnn import LSTMCell, AttentionCellWrapper\n"
           "c = rnn.MultiRNNCell([rnn.BasicLSTMCell(4) for _ in range(2)])\n"
           "o, s = tf.contrib.rnn.static_rnn(c, xs, dtype=tf.float32)\n")
    assert found(src) == [(2, "tf.contrib.rnn", "works_with_imports"),
                          (3, "tf.contrib.rnn.LayerNormBasicLSTMCell", "broken"),
                          (4, "tf.contrib.rnn.LSTMBlockCell", "broken"), (5, "tf.contrib.rnn", "works_with_imports"),
                          (5, "tf.contrib.rnn.AttentionCellWrapper", "broken"),
                          (6, "tf.contrib.rnn", "works_with_imports"), (6, "tf.contrib.rnn", "works_with_imports"),
                          (7, "tf.contrib.rnn", "works_with_imports")]
    findings, _ = scan_source(src)
    broken = findings[1]
    assert "tfcompat.v1.contrib.rnn does not provide tf.contrib.rnn.LayerNormBasicLSTMCell" in broken.how
    assert "RemovedAPIError" in broken.how and "BasicLSTMCell" in broken.how


def test_contrib_rnn_names_the_scanner_accepts_are_the_ones_tfcompat_v1_provides():
    import tfcompat.v1.contrib.rnn as crnn  # (no TensorFlow: the module is lazy)
    from tfcompat._names import CONTRIB_RNN_PROVIDED

    assert crnn.__all__ == list(CONTRIB_RNN_PROVIDED)
    src = "import tensorflow as tf\n" + "".join(f"tf.contrib.rnn.{n}\n" for n in CONTRIB_RNN_PROVIDED)
    assert {status for _, _, status in found(src)} == {"works_with_imports"}
