"""``tf.layers`` model with batch norm and the UPDATE_OPS dependency (TF 1.4-1.12, 2018).

Pattern reproduced: 2018 graph code built from ``tf.layers.dense``,
``tf.layers.batch_normalization(training=is_training)``, ``tf.layers.dropout(rate=..., training=...)``,
``tf.losses.sparse_softmax_cross_entropy``, the ``tf.get_collection(tf.GraphKeys.UPDATE_OPS)`` +
``tf.control_dependencies`` idiom around ``minimize``, and a histogram for every
``tf.trainable_variables()`` tagged ``v.name.replace(':', '_')``.

Usage: python tf1_layers_batchnorm.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_layers_batchnorm')

rs = np.random.RandomState(8)
X_all = rs.normal(size=(120, 10)).astype(np.float32)
y_all = (X_all[:, 0] + X_all[:, 1] > 0).astype(np.int32) + (X_all[:, 2] > 1).astype(np.int32)

tf.set_random_seed(8)
x = tf.placeholder(tf.float32, [None, 10], name='x')
y = tf.placeholder(tf.int32, [None], name='y')
is_training = tf.placeholder_with_default(False, shape=(), name='is_training')

net = tf.layers.dense(x, 16, name='fc1')
net = tf.layers.batch_normalization(net, training=is_training, name='bn1')
net = tf.nn.relu(net)
net = tf.layers.dropout(net, rate=0.2, training=is_training)
logits = tf.layers.dense(net, 3, name='logits')

loss = tf.losses.sparse_softmax_cross_entropy(labels=y, logits=logits)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1, output_type=tf.int32), y), tf.float32))

update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    train_op = tf.train.AdamOptimizer(0.01).minimize(loss)

tf.summary.scalar('loss', loss)
tf.summary.scalar('accuracy', accuracy)
for var in tf.trainable_variables():
    tf.summary.histogram(var.name.replace(':', '_'), var)
merged = tf.summary.merge_all()

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    writer = tf.summary.FileWriter(LOGDIR, sess.graph)
    for step in range(10):
        idx = rs.choice(120, 32, replace=False)
        _, summ = sess.run([train_op, merged], feed_dict={x: X_all[idx], y: y_all[idx], is_training: True})
        writer.add_summary(summ, step)
    moving_mean = [v for v in tf.global_variables() if 'moving_mean' in v.name][0]
    print('moving mean moved: %s' % bool(np.any(sess.run(moving_mean) != 0)))
    print('eval accuracy %.3f' % sess.run(accuracy, feed_dict={x: X_all, y: y_all}))
    writer.close()
