"""``tf.data`` input pipeline with ``make_one_shot_iterator()`` (TF 1.4-1.13, 2018).

Pattern reproduced: 2018 graph code feeding the model from
``tf.data.Dataset.from_tensor_slices((x, y)).shuffle(...).batch(...).repeat()`` and
``dataset.make_one_shot_iterator().get_next()`` instead of placeholders, ``tf.layers.dense``,
``tf.losses.mean_squared_error``, summaries merged and written each step.

Usage: python tf1_dataset_one_shot_iterator.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_dataset_one_shot_iterator')

rs = np.random.RandomState(1)
features = rs.normal(size=(64, 4)).astype(np.float32)
labels = features.dot(np.array([[1.0], [-1.0], [0.5], [2.0]], dtype=np.float32))

dataset = tf.data.Dataset.from_tensor_slices((features, labels)).shuffle(64, seed=1).batch(16).repeat()
iterator = dataset.make_one_shot_iterator()
batch_x, batch_y = iterator.get_next()

pred = tf.layers.dense(batch_x, 1, name='linear')
loss = tf.losses.mean_squared_error(labels=batch_y, predictions=pred)
train_op = tf.train.AdamOptimizer(0.1).minimize(loss)
tf.summary.scalar('loss', loss)
merged = tf.summary.merge_all()

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    writer = tf.summary.FileWriter(LOGDIR, sess.graph)
    for step in range(16):
        _, summary = sess.run([train_op, merged])
        writer.add_summary(summary, step)
    writer.close()
print('done')
