"""A 2017 TensorFlow 1.x graph script, UNMODIFIED: a two-layer regression net.

Style: mid 2017 (TF 1.2-1.4). ``import tensorflow as tf``; placeholders,
``tf.Variable(tf.zeros(...))`` in name scopes, histogram + scalar summaries,
``merge_all``, a ``FileWriter`` given ``sess.graph``, ``tf.train.AdamOptimizer``
with a ``global_step`` variable, ``tf.Session`` feeding numpy batches.

Runs on TF 2.21 only through ``tfcompat run`` (nothing here was changed).
Usage:  tfcompat run legacy_examples/tf1_graph_unmodified.py LOGDIR
Data is generated (no download); a few seconds on a CPU.
"""
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else './logs/tf1_graph_unmodified'
STEPS, LOG_EVERY = 60, 10

rng = np.random.RandomState(7)
true_w = rng.normal(size=(5, 1)).astype(np.float32)
x_data = rng.normal(size=(512, 5)).astype(np.float32)
y_data = np.tanh(x_data.dot(true_w)) + 0.05 * rng.normal(size=(512, 1)).astype(np.float32)


def layer(inputs, n_in, n_out, name, act=None):
    with tf.name_scope(name):
        weights = tf.Variable(tf.truncated_normal([n_in, n_out], stddev=0.3), name='W')
        bias = tf.Variable(tf.zeros([n_out]), name='b')
        out = tf.matmul(inputs, weights) + bias
        if act is not None:
            out = act(out)
        tf.summary.histogram('weights', weights)
        tf.summary.histogram('activations', out)
        return out


with tf.name_scope('input'):
    x = tf.placeholder(tf.float32, [None, 5], name='x')
    y = tf.placeholder(tf.float32, [None, 1], name='y')

hidden = layer(x, 5, 16, 'hidden', act=tf.nn.relu)
pred = layer(hidden, 16, 1, 'output')

with tf.name_scope('loss'):
    mse = tf.reduce_mean(tf.square(pred - y))
    tf.summary.scalar('mse', mse)

global_step = tf.Variable(0, trainable=False, name='global_step')
with tf.name_scope('train'):
    train_op = tf.train.AdamOptimizer(0.01).minimize(mse, global_step=global_step)

merged = tf.summary.merge_all()

with tf.Session() as sess:
    writer = tf.summary.FileWriter(LOGDIR, sess.graph)
    sess.run(tf.global_variables_initializer())
    for i in range(STEPS):
        batch = rng.randint(0, len(x_data), 64)
        feed = {x: x_data[batch], y: y_data[batch]}
        if i % LOG_EVERY == 0:
            summary, _ = sess.run([merged, train_op], feed_dict=feed)
            writer.add_summary(summary, i)
        else:
            sess.run(train_op, feed_dict=feed)
    print('final mse %.4f after %d steps' % (sess.run(mse, feed_dict={x: x_data, y: y_data}),
                                             sess.run(global_step)))
    writer.close()
