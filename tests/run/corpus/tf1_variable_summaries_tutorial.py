"""``variable_summaries`` on weights AND biases, as in the TF 1.x ``mnist_with_summaries`` tutorial (2017).

Pattern reproduced: the most copied TensorBoard helper of TF 1.x: mean, stddev (in its own
name scope), max, min and a histogram of a variable, inside ``summaries`` under
``layerN/weights`` and ``layerN/biases`` name scopes, plus pre-activation and activation
histograms and the loss/accuracy summaries outside their scopes. TF 1.x gave these
scalars ``_1`` tags (``.../summaries/mean_1``, ``stddev_1``, ``max_1``, ``min_1``,
``cross_entropy_1``) because the reductions' op names (``Mean``, ``Max``...) and the
explicit scopes already held those names (TF 1.x compared op names case-insensitively).
Biases start at 0.1 and move with training, so their statistics change between steps.

Usage: python tf1_variable_summaries_tutorial.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_variable_summaries_tutorial')


def variable_summaries(var):
    """Attach a lot of summaries to a Tensor (for TensorBoard visualization)."""
    with tf.name_scope('summaries'):
        mean = tf.reduce_mean(var)
        tf.summary.scalar('mean', mean)
        with tf.name_scope('stddev'):
            stddev = tf.sqrt(tf.reduce_mean(tf.square(var - mean)))
        tf.summary.scalar('stddev', stddev)
        tf.summary.scalar('max', tf.reduce_max(var))
        tf.summary.scalar('min', tf.reduce_min(var))
        tf.summary.histogram('histogram', var)


def weight_variable(shape):
    return tf.Variable(tf.truncated_normal(shape, stddev=0.1))


def bias_variable(shape):
    return tf.Variable(tf.constant(0.1, shape=shape))


def nn_layer(input_tensor, input_dim, output_dim, layer_name, act=tf.nn.relu):
    with tf.name_scope(layer_name):
        with tf.name_scope('weights'):
            weights = weight_variable([input_dim, output_dim])
            variable_summaries(weights)
        with tf.name_scope('biases'):
            biases = bias_variable([output_dim])
            variable_summaries(biases)
        with tf.name_scope('Wx_plus_b'):
            preactivate = tf.matmul(input_tensor, weights) + biases
            tf.summary.histogram('pre_activations', preactivate)
        activations = act(preactivate, name='activation')
        tf.summary.histogram('activations', activations)
        return activations


rs = np.random.RandomState(42)
labels = rs.randint(0, 4, size=128)
data = rs.normal(0.0, 0.3, size=(128, 12)).astype(np.float32)
data[np.arange(128), labels * 3] += 2.0
onehot = np.eye(4, dtype=np.float32)[labels]

with tf.name_scope('input'):
    x = tf.placeholder(tf.float32, [None, 12], name='x-input')
    y_ = tf.placeholder(tf.float32, [None, 4], name='y-input')

hidden1 = nn_layer(x, 12, 8, 'layer1')
y = nn_layer(hidden1, 8, 4, 'layer2', act=tf.identity)

with tf.name_scope('cross_entropy'):
    diff = tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y)
    with tf.name_scope('total'):
        cross_entropy = tf.reduce_mean(diff)
tf.summary.scalar('cross_entropy', cross_entropy)

with tf.name_scope('train'):
    train_step = tf.train.AdamOptimizer(0.05).minimize(cross_entropy)

with tf.name_scope('accuracy'):
    with tf.name_scope('correct_prediction'):
        correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
    with tf.name_scope('accuracy'):
        accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
tf.summary.scalar('accuracy', accuracy)

merged = tf.summary.merge_all()
sess = tf.InteractiveSession()
train_writer = tf.summary.FileWriter(LOGDIR + '/train', sess.graph)
test_writer = tf.summary.FileWriter(LOGDIR + '/test')
tf.global_variables_initializer().run()

for i in range(12):
    if i % 4 == 0:
        summary, acc = sess.run([merged, accuracy], feed_dict={x: data[96:], y_: onehot[96:]})
        test_writer.add_summary(summary, i)
        print('Accuracy at step %s: %s' % (i, acc))
    else:
        summary, _ = sess.run([merged, train_step], feed_dict={x: data[:96], y_: onehot[:96]})
        train_writer.add_summary(summary, i)
train_writer.close()
test_writer.close()
