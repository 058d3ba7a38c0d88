"""Softmax regression with ``tf.Variable(tf.zeros(...))`` (MNIST-for-beginners style, TF 1.0-1.4).

Pattern reproduced: the TF 1.x beginner tutorial and its copies: weights and biases are
``tf.Variable(tf.zeros([784, 10]))`` / ``tf.Variable(tf.zeros([10]))``, the hand-written
cross-entropy ``-tf.reduce_sum(y_ * tf.log(y), reduction_indices=[1])``, the variable on
both sides of operators (``tf.matmul(x, W) + b`` and ``b + tf.matmul(...)``, ``W * W``,
``0.5 * W``), and ``tf.summary.scalar``/``histogram`` into a FileWriter. The images are
generated 8x8 "digits", not MNIST.

Usage: python tf1_zeros_variables_softmax.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_zeros_variables_softmax')

rs = np.random.RandomState(0)
labels = rs.randint(0, 10, size=200)
images = rs.uniform(0.0, 0.3, size=(200, 64)).astype(np.float32)
images[np.arange(200), labels * 6] = 1.0
onehot = np.eye(10, dtype=np.float32)[labels]

x = tf.placeholder(tf.float32, [None, 64])
W = tf.Variable(tf.zeros([64, 10]))
b = tf.Variable(tf.zeros([10]))
y = tf.nn.softmax(tf.matmul(x, W) + b)
y_logits_again = b + tf.matmul(x, W)

y_ = tf.placeholder(tf.float32, [None, 10])
cross_entropy = tf.reduce_mean(-tf.reduce_sum(y_ * tf.log(y + 1e-10), reduction_indices=[1]))
weight_penalty = 1e-4 * tf.reduce_sum(W * W) + tf.reduce_sum(0.5 * W) * 0.0
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy + weight_penalty)

correct_prediction = tf.equal(tf.argmax(y_logits_again, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))

tf.summary.scalar('cross_entropy', cross_entropy)
tf.summary.scalar('accuracy', accuracy)
tf.summary.histogram('W', W)
tf.summary.histogram('b', b)
merged = tf.summary.merge_all()

sess = tf.InteractiveSession()
tf.global_variables_initializer().run()
writer = tf.summary.FileWriter(LOGDIR, sess.graph)
for step in range(20):
    idx = rs.choice(200, 50, replace=False)
    summary, _ = sess.run([merged, train_step], feed_dict={x: images[idx], y_: onehot[idx]})
    writer.add_summary(summary, step)
writer.close()
print('accuracy', sess.run(accuracy, feed_dict={x: images, y_: onehot}))
