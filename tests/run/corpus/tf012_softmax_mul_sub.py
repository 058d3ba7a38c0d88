"""Softmax classifier in the TensorFlow 0.11/0.12 style (autumn 2016).

Pattern reproduced: the 0.x MNIST-for-beginners derivatives. Ops later renamed in TF 1.0
(``tf.mul``, ``tf.sub``, ``tf.neg``), ``tf.nn.softmax_cross_entropy_with_logits(logits, labels)``
called positionally (TF 1.0 made the arguments keyword-only), ``tf.image_summary`` with
``max_images``, ``tf.merge_summary`` of a chosen list next to ``tf.merge_all_summaries``,
``tf.train.SummaryWriter`` and ``tf.initialize_all_variables``.

Usage: python tf012_softmax_mul_sub.py [LOGDIR]   (data is generated; no download)
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

logdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf012_softmax_mul_sub')


def make_digits(n, seed):
    rs = np.random.RandomState(seed)
    labels = rs.randint(0, 4, size=n)
    images = rs.uniform(0, 0.2, size=(n, 16)).astype(np.float32)
    images[np.arange(n), labels * 4] += 1.0
    onehot = np.eye(4, dtype=np.float32)[labels]
    return images, onehot


x_train, y_train = make_digits(64, 1)

x = tf.placeholder(tf.float32, [None, 16], name='x')
y_ = tf.placeholder(tf.float32, [None, 4], name='y_')
W = tf.Variable(tf.zeros([16, 4]), name='W')
b = tf.Variable(tf.zeros([4]), name='b')
logits = tf.add(tf.matmul(x, W), b)

cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits, y_))
l2 = tf.mul(tf.reduce_sum(tf.mul(W, W)), 0.001)
loss = tf.sub(cross_entropy, tf.neg(l2))
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)

correct = tf.equal(tf.argmax(logits, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))

loss_summ = tf.scalar_summary('loss', loss)
acc_summ = tf.scalar_summary('accuracy', accuracy)
tf.histogram_summary('weights', W)
tf.image_summary('inputs', tf.reshape(x, [-1, 4, 4, 1]), max_images=2)
merged = tf.merge_all_summaries()
scalars_only = tf.merge_summary([loss_summ, acc_summ])

sess = tf.Session()
sess.run(tf.initialize_all_variables())
writer = tf.train.SummaryWriter(logdir, sess.graph)
for i in range(8):
    summary, _ = sess.run([merged, train_step], feed_dict={x: x_train, y_: y_train})
    writer.add_summary(summary, i)
writer.add_summary(sess.run(scalars_only, feed_dict={x: x_train, y_: y_train}), 8)
writer.close()
print('accuracy %.3f' % sess.run(accuracy, feed_dict={x: x_train, y_: y_train}))
