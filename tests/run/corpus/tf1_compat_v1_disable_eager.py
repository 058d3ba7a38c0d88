"""``tf_upgrade_v2`` output: ``tf.compat.v1.*`` spelled out, with eager execution disabled (2019-2020).

Pattern reproduced: a TF 1.13-1.15 script after the upgrade tool: ``import tensorflow as tf``,
``tf.compat.v1.disable_eager_execution()``, then ``tf.compat.v1.placeholder``,
``tf.compat.v1.train.GradientDescentOptimizer``, ``tf.compat.v1.summary.scalar`` and
``tf.compat.v1.summary.FileWriter`` mixed with names both APIs share (``tf.random.normal``,
``tf.math.reduce_mean``, ``tf.nn.relu``), and ``tf.compat.v1.Session``.

Usage: python tf1_compat_v1_disable_eager.py [LOGDIR]
"""
import os
import sys

import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_compat_v1_disable_eager')

rs = np.random.RandomState(3)
xs = rs.uniform(-1, 1, size=(64, 3)).astype(np.float32)
ys = (xs @ np.array([[1.5], [-2.0], [0.5]], dtype=np.float32)).astype(np.float32)

x = tf.compat.v1.placeholder(tf.float32, [None, 3], name='x')
y = tf.compat.v1.placeholder(tf.float32, [None, 1], name='y')
w = tf.Variable(tf.random.normal([3, 1], stddev=0.1, seed=4), name='w')
hidden = tf.nn.relu(tf.matmul(x, w)) - tf.nn.relu(-tf.matmul(x, w))
loss = tf.math.reduce_mean(tf.square(hidden - y))
train_op = tf.compat.v1.train.GradientDescentOptimizer(0.2).minimize(loss)
tf.compat.v1.summary.scalar('mse', loss)
tf.compat.v1.summary.histogram('w', w)
merged = tf.compat.v1.summary.merge_all()

with tf.compat.v1.Session() as sess:
    sess.run(tf.compat.v1.global_variables_initializer())
    writer = tf.compat.v1.summary.FileWriter(LOGDIR, sess.graph)
    for step in range(12):
        summary, _ = sess.run([merged, train_op], feed_dict={x: xs, y: ys})
        writer.add_summary(summary, step)
    writer.close()
    print('mse %.4f' % sess.run(loss, feed_dict={x: xs, y: ys}))
