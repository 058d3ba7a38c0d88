"""Small convnet logging its first-layer filters as images (TF 1.x "Deep MNIST" derivatives, 2017).

Pattern reproduced: ``weight_variable``/``bias_variable``/``conv2d``/``max_pool_2x2`` helpers of
the TF 1.x expert tutorial, with the first-layer kernel transposed to NHWC and logged with
``tf.summary.image('filters', ..., max_outputs=4)`` inside ``conv1`` (tags
``conv1/filters/image/0``...), plus the input images and a loss scalar.

Usage: python tf1_conv_filter_images.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_conv_filter_images')


def weight_variable(shape):
    return tf.Variable(tf.truncated_normal(shape, stddev=0.1, seed=5))


def bias_variable(shape):
    return tf.Variable(tf.constant(0.1, shape=shape))


def conv2d(x, W):
    return tf.nn.conv2d(x, W, strides=[1, 1, 1, 1], padding='SAME')


def max_pool_2x2(x):
    return tf.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME')


rs = np.random.RandomState(6)
labels = rs.randint(0, 2, size=40)
imgs = rs.uniform(0, 0.2, size=(40, 8, 8, 1)).astype(np.float32)
imgs[labels == 1, 2:6, 2:6, 0] = 1.0
onehot = np.eye(2, dtype=np.float32)[labels]

x = tf.placeholder(tf.float32, [None, 8, 8, 1])
y_ = tf.placeholder(tf.float32, [None, 2])
tf.summary.image('input', x, 2)
with tf.name_scope('conv1'):
    W_conv1 = weight_variable([3, 3, 1, 4])
    b_conv1 = bias_variable([4])
    h_conv1 = tf.nn.relu(conv2d(x, W_conv1) + b_conv1)
    h_pool1 = max_pool_2x2(h_conv1)
    tf.summary.image('filters', tf.transpose(W_conv1, [3, 0, 1, 2]), max_outputs=4)
with tf.name_scope('fc'):
    W_fc = weight_variable([4 * 4 * 4, 2])
    b_fc = bias_variable([2])
    y_conv = tf.matmul(tf.reshape(h_pool1, [-1, 4 * 4 * 4]), W_fc) + b_fc
cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y_conv))
tf.summary.scalar('cross_entropy', cross_entropy)
train_step = tf.train.AdamOptimizer(1e-2).minimize(cross_entropy)
merged = tf.summary.merge_all()

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    writer = tf.summary.FileWriter(LOGDIR, sess.graph)
    for i in range(6):
        summary, _ = sess.run([merged, train_step], feed_dict={x: imgs, y_: onehot})
        writer.add_summary(summary, i)
    writer.close()
