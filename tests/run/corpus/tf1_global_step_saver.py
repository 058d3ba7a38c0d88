"""``global_step`` + ``exponential_decay`` + ``Saver`` in a TF 1.x training loop (2017).

Pattern reproduced: TF 1.x training scripts with ``global_step = tf.Variable(0, trainable=False,
name='global_step')`` (a Python int), ``tf.train.exponential_decay(..., staircase=True)``,
``minimize(loss, global_step=global_step)``, a ``learning_rate`` scalar, summaries written at
``tf.train.global_step(sess, global_step)`` and ``saver.save(..., global_step=global_step)``.

Usage: python tf1_global_step_saver.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_global_step_saver')

rs = np.random.RandomState(12)
data = rs.normal(size=(50, 2)).astype(np.float32)
target = data[:, :1] * 3.0 - 1.0

x = tf.placeholder(tf.float32, [None, 2])
t = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.zeros([2, 1]), name='w')
b = tf.Variable(0.0, name='b')
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - t))

global_step = tf.Variable(0, trainable=False, name='global_step')
learning_rate = tf.train.exponential_decay(0.1, global_step, 5, 0.5, staircase=True)
train_op = tf.train.GradientDescentOptimizer(learning_rate).minimize(loss, global_step=global_step)

tf.summary.scalar('loss', loss)
tf.summary.scalar('learning_rate', learning_rate)
summary_op = tf.summary.merge_all()
saver = tf.train.Saver(max_to_keep=2)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    writer = tf.summary.FileWriter(LOGDIR, sess.graph)
    for _ in range(12):
        _, summary = sess.run([train_op, summary_op], feed_dict={x: data, t: target})
        step = tf.train.global_step(sess, global_step)
        writer.add_summary(summary, global_step=step)
        if step % 6 == 0:
            saver.save(sess, os.path.join(LOGDIR, 'model.ckpt'), global_step=global_step)
    writer.close()
    print('global step %d' % sess.run(global_step))
