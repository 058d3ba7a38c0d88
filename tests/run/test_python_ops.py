"""A 2018 module's `tensorflow.python.ops`: TF1's rnn and rnn_cell, TensorFlow's own modules for every other name."""

import pytest

pytestmark = pytest.mark.tf
pytest.importorskip("tensorflow")

import tfcompat.v1._python_ops as python_ops  # noqa: E402
from tfcompat.run._module_rule import LEGACY_BUILTINS, TF012_BUILTINS  # noqa: E402

CODE = """
import tensorflow.python.ops.array_ops as array_ops
import tensorflow.python.ops as ops_package
from tensorflow.python.ops import rnn, rnn_cell, math_ops
from tensorflow.python.framework import ops
import tensorflow.compat.v1 as tf
"""


@pytest.mark.parametrize("builtins", [LEGACY_BUILTINS, TF012_BUILTINS], ids=["tf1", "tf012"])
def test_every_import_form(builtins):
    import tensorflow.python.framework.ops as real_ops
    import tensorflow.python.ops.array_ops as real_array_ops
    import tensorflow.python.ops.math_ops as real_math_ops

    import tfcompat.v1
    import tfcompat.v1._rnn_cell
    import tfcompat.v1._rnn_ops

    ns = {"__builtins__": builtins}
    exec(compile(CODE, "old.py", "exec"), ns)
    # `import a.b.c as x` walks TensorFlow's own packages (the surface has no `python` attribute)
    assert ns["array_ops"] is real_array_ops and ns["ops"] is real_ops
    # `from tensorflow.python.ops import math_ops`: TensorFlow's module, its functions building in tfcompat's graph
    assert ns["math_ops"]._tf_module is real_math_ops and ns["math_ops"].__name__ == "tensorflow.python.ops.math_ops"
    assert ns["rnn"] is tfcompat.v1._rnn_ops and ns["rnn_cell"] is tfcompat.v1._rnn_cell
    assert ns["tf"] is tfcompat.v1 and ns["ops_package"].__name__ == "tensorflow.python.ops"
    assert ns["rnn"].rnn is tfcompat.v1.nn.rnn and ns["rnn"].dynamic_rnn is tfcompat.v1.nn.dynamic_rnn


def test_missing_names_are_attribute_errors():
    assert not hasattr(python_ops, "no_such_module") and getattr(python_ops, "_private", None) is None
    assert python_ops.__all__ == ["rnn", "rnn_cell"]


CUSTOM_CELL = """
import numpy as np
import tensorflow as tf
from tensorflow.python.ops import array_ops, math_ops
from tensorflow.python.ops import variable_scope as vs

x = tf.placeholder(tf.float32, [None, 3])
with vs.variable_scope("enc"):
    w = vs.get_variable("w", [6, 2], initializer=tf.ones_initializer())
h = math_ops.tanh(math_ops.matmul(array_ops.concat([x, x], 1), w))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    out = sess.run(h, {x: np.full((1, 3), 0.1)})
names = [v.name for v in tf.global_variables()]
"""


def test_a_custom_cell_of_the_time_builds_with_tensorflows_ops_in_tfcompats_graph():
    import numpy as np

    import tfcompat.v1 as tf

    tf.reset_default_graph()
    ns = {"__builtins__": LEGACY_BUILTINS}
    exec(compile(CUSTOM_CELL, "cell_2017.py", "exec"), ns)
    assert ns["names"] == ["enc/w:0"]  # the scope of TensorFlow's own variable_scope module is tfcompat's graph's
    assert np.allclose(ns["out"], np.tanh(0.6))
