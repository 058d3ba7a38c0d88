"""A TF 2.x custom training loop with ``tf.summary`` and a default writer (2020-2024 style): TODAY's code.

Pattern reproduced: the TF 2 guide's loop: ``tf.random.set_seed``, ``tf.Variable`` weights,
``tf.GradientTape``, ``tf.keras.optimizers.SGD(learning_rate=...)``, a
``tf.summary.create_file_writer`` used with ``as_default()``, ``tf.summary.scalar(name, value,
step=step)`` / ``tf.summary.histogram``, inside a ``@tf.function`` step. Under ``tfcompat run`` it
must write exactly what plain Python writes.

Usage: python tf2_custom_loop_summaries.py [LOGDIR]
"""
import os
import sys

import numpy as np
import tensorflow as tf

log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf2_custom_loop_summaries')
tf.random.set_seed(20)
rs = np.random.RandomState(20)
x = tf.constant(rs.normal(size=(64, 3)).astype(np.float32))
y = tf.constant((rs.normal(size=(64, 3)) @ np.ones((3, 1))).astype(np.float32))

w = tf.Variable(tf.random.normal([3, 1], seed=1), name='w')
b = tf.Variable(tf.zeros([1]), name='b')
optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)
writer = tf.summary.create_file_writer(os.path.join(log_dir, 'train'))


@tf.function
def train_step(xb, yb):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(tf.matmul(xb, w) + b - yb))
    grads = tape.gradient(loss, [w, b])
    optimizer.apply_gradients(zip(grads, [w, b]))
    return loss


with writer.as_default():
    for step in range(10):
        loss = train_step(x, y)
        tf.summary.scalar('loss', loss, step=step)
        tf.summary.histogram('w', w, step=step)
    tf.summary.text('note', 'tf2 loop', step=0)
writer.flush()
print('final loss %.5f' % float(loss))
