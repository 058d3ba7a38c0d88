"""Weight and bias statistics computed first, then logged in a per-tensor name scope (TF 1.x, 2017-2018).

Pattern reproduced: the ``variable_summaries(var, name)`` variant common in 2017-2018 model
code: the reductions (mean, stddev, max, min) are built next to the layer, then logged with
``tf.summary.scalar`` inside ``tf.name_scope(name)``. Because that scope holds no op of the
same name, TF 1.x wrote the tags exactly ``fc1/weights/max``, ``fc1/biases/min`` (no ``_1``).
The biases are trained, so their statistics change from step to step.

Usage: python tf1_variable_summaries_precomputed.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_variable_summaries_precomputed')


def variable_summaries(var, name):
    mean = tf.reduce_mean(var)
    stddev = tf.sqrt(tf.reduce_mean(tf.square(var - mean)))
    v_max = tf.reduce_max(var)
    v_min = tf.reduce_min(var)
    with tf.name_scope(name):
        tf.summary.scalar('mean', mean)
        tf.summary.scalar('stddev', stddev)
        tf.summary.scalar('max', v_max)
        tf.summary.scalar('min', v_min)
        tf.summary.histogram('histogram', var)


def fc(x, n_in, n_out, scope, act=None):
    with tf.name_scope(scope):
        W = tf.Variable(tf.random_normal([n_in, n_out], stddev=0.2, seed=1), name='W')
        b = tf.Variable(tf.zeros([n_out]), name='b')
        variable_summaries(W, 'weights')
        variable_summaries(b, 'biases')
        out = tf.matmul(x, W) + b
        return act(out) if act is not None else out


rs = np.random.RandomState(5)
X_data = rs.normal(size=(64, 6)).astype(np.float32)
Y_data = (X_data[:, :1] * 2.0 - X_data[:, 1:2] + 0.5).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 6], name='x')
y = tf.placeholder(tf.float32, [None, 1], name='y')
h = fc(x, 6, 5, 'fc1', act=tf.nn.tanh)
out = fc(h, 5, 1, 'fc2')
loss = tf.reduce_mean(tf.square(out - y))
tf.summary.scalar('loss', loss)
train_op = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
summary_op = tf.summary.merge_all()

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    writer = tf.summary.FileWriter(LOGDIR, sess.graph)
    for step in range(10):
        _, s = sess.run([train_op, summary_op], feed_dict={x: X_data, y: Y_data})
        writer.add_summary(s, step)
    writer.close()
    print('final loss %.4f' % sess.run(loss, feed_dict={x: X_data, y: Y_data}))
