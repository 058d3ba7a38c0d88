"""Least-squares line fit in the TensorFlow 0.12 style (late 2016).

Pattern reproduced: the pre-1.0 "linear regression" tutorials. The weight and the bias
are ``tf.Variable`` objects built from plain Python floats, the weight multiplies a
placeholder from the left, and logging goes through the 0.12 names that TF 1.0 renamed:
``tf.scalar_summary``, ``tf.histogram_summary``, ``tf.merge_all_summaries``,
``tf.train.SummaryWriter`` and ``tf.initialize_all_variables``. 0.12 used each tag as
given (no name-scope prefix).

Usage: python tf012_linear_regression.py [LOGDIR]   (data is generated; no download)
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

logs_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf012_linear_regression')

learning_rate = 0.02
training_epochs = 15

rng = np.random.RandomState(7)
train_X = rng.uniform(0.0, 5.0, size=30).astype(np.float32)
train_Y = (0.6 * train_X + 1.5 + rng.normal(0.0, 0.1, size=30)).astype(np.float32)
n_samples = train_X.shape[0]

X = tf.placeholder(tf.float32, name='X')
Y = tf.placeholder(tf.float32, name='Y')

W = tf.Variable(0.1, name='weight')
b = tf.Variable(-0.4, name='bias')

with tf.name_scope('model'):
    pred = tf.add(W * X, b)
with tf.name_scope('cost'):
    cost = tf.reduce_sum(tf.pow(pred - Y, 2)) / (2 * n_samples)
optimizer = tf.train.GradientDescentOptimizer(learning_rate).minimize(cost)

tf.scalar_summary('cost', cost)
tf.scalar_summary('weight', W)
tf.histogram_summary('bias', b)
merged_summary_op = tf.merge_all_summaries()

init = tf.initialize_all_variables()

with tf.Session() as sess:
    sess.run(init)
    summary_writer = tf.train.SummaryWriter(logs_path, graph=sess.graph)
    for epoch in range(training_epochs):
        _, summary = sess.run([optimizer, merged_summary_op], feed_dict={X: train_X, Y: train_Y})
        summary_writer.add_summary(summary, epoch)
    print('Optimization Finished! cost=%.4f W=%.3f b=%.3f' % (
        sess.run(cost, feed_dict={X: train_X, Y: train_Y}), sess.run(W), sess.run(b)))
    summary_writer.close()
