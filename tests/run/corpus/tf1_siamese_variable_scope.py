"""Siamese towers sharing weights through ``variable_scope`` + ``reuse_variables()`` (TF 1.0-1.3, 2017).

Pattern reproduced: 2017 siamese / contrastive-loss examples: one ``tower`` function built with
``tf.get_variable`` inside ``tf.variable_scope('siamese')``, called twice with
``scope.reuse_variables()`` in between, and histograms tagged ``v.name`` (TF 1.x replaced the
``:`` with ``_`` and logged ``siamese/fc1/weights_0``).

Usage: python tf1_siamese_variable_scope.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_siamese_variable_scope')


def fc_layer(bottom, n_out, name):
    n_in = bottom.get_shape()[1]
    with tf.variable_scope(name):
        W = tf.get_variable('weights', shape=[n_in, n_out], dtype=tf.float32,
                            initializer=tf.truncated_normal_initializer(stddev=0.1, seed=3))
        b = tf.get_variable('biases', shape=[n_out], initializer=tf.constant_initializer(0.01))
        return tf.nn.bias_add(tf.matmul(bottom, W), b)


def tower(x):
    h = tf.nn.relu(fc_layer(x, 8, 'fc1'))
    return fc_layer(h, 2, 'fc2')


x1 = tf.placeholder(tf.float32, [None, 4], name='left')
x2 = tf.placeholder(tf.float32, [None, 4], name='right')
same = tf.placeholder(tf.float32, [None], name='same')
with tf.variable_scope('siamese') as scope:
    o1 = tower(x1)
    scope.reuse_variables()
    o2 = tower(x2)

margin = 1.0
dist = tf.sqrt(tf.reduce_sum(tf.pow(o1 - o2, 2), 1) + 1e-6)
loss = tf.reduce_mean(same * tf.square(dist) + (1 - same) * tf.square(tf.maximum(margin - dist, 0)))
train_step = tf.train.GradientDescentOptimizer(0.05).minimize(loss)

tf.summary.scalar('contrastive_loss', loss)
for v in tf.trainable_variables():
    tf.summary.histogram(v.name, v)
merged = tf.summary.merge_all()

rs = np.random.RandomState(17)
a = rs.normal(size=(64, 4)).astype(np.float32)
b = a + rs.normal(scale=0.1, size=a.shape).astype(np.float32)
b[32:] = rs.normal(size=(32, 4))
lab = np.r_[np.ones(32), np.zeros(32)].astype(np.float32)

with tf.Session() as sess:
    tf.global_variables_initializer().run()
    writer = tf.summary.FileWriter(LOGDIR, sess.graph)
    for i in range(10):
        _, summary = sess.run([train_step, merged], feed_dict={x1: a, x2: b, same: lab})
        writer.add_summary(summary, i)
    writer.close()
    print('variables: %d' % len(tf.trainable_variables()))
