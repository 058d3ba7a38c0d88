"""A TF 1.x graph script ported to TF 2.0 the 2019 way: ``import tensorflow.compat.v1 as tf``.

Pattern reproduced: the migration guide's first step (2019): ``import tensorflow.compat.v1 as tf``
followed by ``tf.disable_v2_behavior()``, the rest of the TF 1.x code unchanged:
``tf.get_variable`` with ``tf.glorot_uniform_initializer()``, ``tf.placeholder``,
``tf.train.AdamOptimizer``, ``tf.summary.scalar``/``histogram``, ``tf.summary.FileWriter`` and a
``tf.train.Saver`` checkpoint.

Usage: python tf1_compat_v1_disable_v2.py [LOGDIR]
"""
import os
import sys

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_compat_v1_disable_v2')

rs = np.random.RandomState(11)
features = rs.normal(size=(96, 5)).astype(np.float32)
targets = (features.sum(axis=1, keepdims=True) > 0).astype(np.float32)

tf.set_random_seed(1)
inputs = tf.placeholder(tf.float32, shape=[None, 5], name='inputs')
labels = tf.placeholder(tf.float32, shape=[None, 1], name='labels')
with tf.variable_scope('dense1'):
    w1 = tf.get_variable('kernel', [5, 8], initializer=tf.glorot_uniform_initializer())
    b1 = tf.get_variable('bias', [8], initializer=tf.zeros_initializer())
    h1 = tf.nn.relu(tf.matmul(inputs, w1) + b1)
with tf.variable_scope('dense2'):
    w2 = tf.get_variable('kernel', [8, 1], initializer=tf.glorot_uniform_initializer())
    b2 = tf.get_variable('bias', [1], initializer=tf.zeros_initializer())
    logits = tf.matmul(h1, w2) + b2
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits))
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.cast(logits > 0, tf.float32), labels), tf.float32))
train_op = tf.train.AdamOptimizer(learning_rate=0.05).minimize(loss)

tf.summary.scalar('loss', loss)
tf.summary.scalar('accuracy', accuracy)
tf.summary.histogram('dense1/kernel', w1)
summaries = tf.summary.merge_all()
saver = tf.train.Saver()

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    writer = tf.summary.FileWriter(LOGDIR, sess.graph)
    for step in range(15):
        _, summ = sess.run([train_op, summaries], feed_dict={inputs: features, labels: targets})
        writer.add_summary(summ, step)
    saver.save(sess, os.path.join(LOGDIR, 'model.ckpt'))
    writer.close()
    print('accuracy: %.3f' % sess.run(accuracy, feed_dict={inputs: features, labels: targets}))
