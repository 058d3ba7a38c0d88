"""Summaries grouped with ``family=`` and collected in named collections (TF 1.3-1.15, 2018).

Pattern reproduced: 2018 code that grouped TensorBoard cards with
``tf.summary.scalar(name, tensor, family='losses')`` (TF 1.x tagged these ``losses/losses/name``:
the family prefix plus the family name scope), kept train and validation summaries apart
with ``collections=['train']`` / ``['valid']`` and merged them with
``tf.summary.merge_all(key=...)``, writing both through one FileWriter.

Usage: python tf1_summary_family.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_summary_family')

rs = np.random.RandomState(14)
X = rs.normal(size=(60, 2)).astype(np.float32)
Y = X[:, :1] * 0.5 + X[:, 1:] * 0.25

x = tf.placeholder(tf.float32, [None, 2])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.zeros([2, 1]))
err = tf.matmul(x, w) - y
mse = tf.reduce_mean(tf.square(err))
mae = tf.reduce_mean(tf.abs(err))
train = tf.train.GradientDescentOptimizer(0.2).minimize(mse)

tf.summary.scalar('mse', mse, family='losses', collections=['train'])
tf.summary.scalar('mae', mae, family='losses', collections=['train'])
tf.summary.histogram('w', w, family='params', collections=['train'])
tf.summary.scalar('val_mse', mse, collections=['valid'])
train_summaries = tf.summary.merge_all(key='train')
valid_summaries = tf.summary.merge_all(key='valid')

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    writer = tf.summary.FileWriter(LOGDIR)
    for step in range(8):
        s, _ = sess.run([train_summaries, train], {x: X[:40], y: Y[:40]})
        writer.add_summary(s, step)
        if step % 2 == 1:
            writer.add_summary(sess.run(valid_summaries, {x: X[40:], y: Y[40:]}), step)
    writer.close()
