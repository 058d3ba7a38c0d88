"""``tf.contrib.layers`` network with xavier init and L2 regularization (TF 1.0-1.12, 2017).

Pattern reproduced: 2017 graph code on ``tf.contrib.layers.fully_connected`` with
``weights_initializer=tf.contrib.layers.xavier_initializer()`` and
``weights_regularizer=tf.contrib.layers.l2_regularizer(...)``, the regularization losses
collected from ``tf.GraphKeys.REGULARIZATION_LOSSES``, and weight histograms tagged with
``v.op.name``. TF 1.x tagged a histogram named after an existing op with ``_1``
(``fc1/weights_1``), which is what the logs then held.

Usage: python tf1_contrib_layers.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_contrib_layers')

rs = np.random.RandomState(21)
X = rs.normal(size=(80, 6)).astype(np.float32)
Y = np.sin(X[:, :1]) + 0.3 * X[:, 1:2]

inputs = tf.placeholder(tf.float32, [None, 6])
targets = tf.placeholder(tf.float32, [None, 1])
hidden = tf.contrib.layers.fully_connected(
    inputs, 12, activation_fn=tf.nn.relu,
    weights_initializer=tf.contrib.layers.xavier_initializer(),
    weights_regularizer=tf.contrib.layers.l2_regularizer(0.01), scope='fc1')
output = tf.contrib.layers.fully_connected(hidden, 1, activation_fn=None, scope='out')

mse = tf.reduce_mean(tf.square(output - targets))
reg = tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
total_loss = mse + reg
train_op = tf.train.RMSPropOptimizer(0.01).minimize(total_loss)

tf.summary.scalar('mse', mse)
tf.summary.scalar('regularization', reg)
for v in tf.trainable_variables():
    tf.summary.histogram(v.op.name, v)
summary_op = tf.summary.merge_all()

sess = tf.Session()
sess.run(tf.global_variables_initializer())
writer = tf.summary.FileWriter(LOGDIR, graph=tf.get_default_graph())
for step in range(12):
    _, s = sess.run([train_op, summary_op], feed_dict={inputs: X, targets: Y})
    writer.add_summary(s, step)
writer.flush()
print('mse %.4f' % sess.run(mse, feed_dict={inputs: X, targets: Y}))
