"""Evaluation metrics written as hand-built ``tf.Summary`` protos (TF 1.x, 2017-2018).

Pattern reproduced: training loops that computed validation numbers in Python and wrote them
with ``tf.Summary(value=[tf.Summary.Value(tag='...', simple_value=...)])`` and
``writer.add_summary(summary, step)``; the FileWriter is created without a graph. Also the
``summary.value.add()`` spelling of the same thing, in a separate ``eval`` run.

Usage: python tf1_summary_protos_eval.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_summary_protos_eval')

rs = np.random.RandomState(9)
X = rs.normal(size=(100, 3)).astype(np.float32)
Y = (X[:, 0] - X[:, 2] > 0).astype(np.float32).reshape(-1, 1)

x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.zeros([3, 1]))
logits = tf.matmul(x, w)
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
train = tf.train.GradientDescentOptimizer(1.0).minimize(loss)
pred = tf.cast(logits > 0, tf.float32)

sess = tf.Session()
sess.run(tf.global_variables_initializer())
train_writer = tf.summary.FileWriter(os.path.join(LOGDIR, 'train'))
eval_writer = tf.summary.FileWriter(os.path.join(LOGDIR, 'eval'))
for step in range(10):
    _, l = sess.run([train, loss], {x: X[:80], y: Y[:80]})
    train_writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag='loss', simple_value=l)]), step)
    if step % 3 == 0:
        p = sess.run(pred, {x: X[80:]})
        acc = float((p == Y[80:]).mean())
        summary = tf.Summary()
        summary.value.add(tag='accuracy', simple_value=acc)
        summary.value.add(tag='error_rate', simple_value=1.0 - acc)
        eval_writer.add_summary(summary, step)
train_writer.close()
eval_writer.close()
print('done')
