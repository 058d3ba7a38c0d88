"""Separate train/validation summaries fed from placeholders, two FileWriters (TF 1.1-1.8, 2017).

Pattern reproduced: 2017 scripts that averaged metrics over batches in Python, then fed the
averages into ``tf.summary.scalar`` ops on placeholders, merged with ``tf.summary.merge`` and
written to ``LOGDIR/train`` and ``LOGDIR/validation`` so both curves overlay in TensorBoard
under the same tags (``epoch_loss``, ``epoch_accuracy``). The train writer gets the graph.

Usage: python tf1_merge_train_val_writers.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_merge_train_val_writers')

rs = np.random.RandomState(10)
X = rs.normal(size=(120, 4)).astype(np.float32)
Y = (X[:, 0] * X[:, 1] > 0).astype(np.int64)

x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.int64, [None])
W1 = tf.Variable(tf.random_normal([4, 16], stddev=0.5, seed=1))
b1 = tf.Variable(tf.zeros([16]))
W2 = tf.Variable(tf.random_normal([16, 2], stddev=0.5, seed=2))
b2 = tf.Variable(tf.zeros([2]))
logits = tf.matmul(tf.nn.relu(tf.matmul(x, W1) + b1), W2) + b2
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
train_op = tf.train.AdamOptimizer(0.03).minimize(loss)

loss_ph = tf.placeholder(tf.float32, shape=None, name='loss_summary')
acc_ph = tf.placeholder(tf.float32, shape=None, name='accuracy_summary')
performance_summaries = tf.summary.merge([tf.summary.scalar('epoch_loss', loss_ph),
                                          tf.summary.scalar('epoch_accuracy', acc_ph)])

sess = tf.Session()
sess.run(tf.global_variables_initializer())
train_writer = tf.summary.FileWriter(os.path.join(LOGDIR, 'train'), sess.graph)
val_writer = tf.summary.FileWriter(os.path.join(LOGDIR, 'validation'))
for epoch in range(5):
    losses, accs = [], []
    for start in range(0, 90, 30):
        _, l, a = sess.run([train_op, loss, acc], {x: X[start:start + 30], y: Y[start:start + 30]})
        losses.append(l)
        accs.append(a)
    train_writer.add_summary(sess.run(performance_summaries, {loss_ph: np.mean(losses), acc_ph: np.mean(accs)}), epoch)
    vl, va = sess.run([loss, acc], {x: X[90:], y: Y[90:]})
    val_writer.add_summary(sess.run(performance_summaries, {loss_ph: vl, acc_ph: va}), epoch)
train_writer.close()
val_writer.close()
print('final val acc %.3f' % va)
