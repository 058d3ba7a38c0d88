"""The ``train.py`` half of a 2017 TF 1.x project: imports ``Model`` from the sibling ``model.py``.

Pattern reproduced: the trainer of a two-file TF 1.x project (``from model import Model``):
``tf.app.flags`` for hyper-parameters, ``tf.Session``, a ``tf.summary.FileWriter`` with the graph,
``sess.run([model.merged, model.train_op], feed_dict=...)`` and ``add_summary(summary, step)``.

Usage: python two_module_tf1/train.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

from model import Model

flags = tf.app.flags
flags.DEFINE_integer('steps', 15, 'training steps')
flags.DEFINE_float('learning_rate', 0.05, 'Adam learning rate')
FLAGS = flags.FLAGS


def main(_):
    logdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), 'logs', 'two_module_tf1')
    rs = np.random.RandomState(3)
    data = rs.uniform(-1, 1, size=(100, 2)).astype(np.float32)
    target = (data[:, :1] * data[:, 1:]).astype(np.float32)
    model = Model(2, 10, 1, learning_rate=FLAGS.learning_rate)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        writer = tf.summary.FileWriter(logdir, sess.graph)
        for _ in range(FLAGS.steps):
            summary, _ = sess.run([model.merged, model.train_op], feed_dict={model.x: data, model.y: target})
            writer.add_summary(summary, tf.train.global_step(sess, model.global_step))
        writer.close()
        print('trained to step %d' % sess.run(model.global_step))


if __name__ == '__main__':
    tf.app.run()
