"""A 2019-2021 ``tensorflow.compat.v1`` script: TF1 graph code kept alive on TF 2, next to a Keras 3 model.

Style: the TF 2.0 migration guide's first step. ``import tensorflow.compat.v1 as
tf`` + ``tf.disable_v2_behavior()``, a graph regression model with
``tf.layers.dense``, ``tf.train.AdamOptimizer``, ``tf.summary.scalar`` /
``histogram`` merged and written by a ``FileWriter``, ``tf.Session``, a
``tf.train.Saver`` checkpoint -- while ``keras3_side_model.py`` (a module of today,
``import keras``) trains a Keras 3 model with ``fit`` and its own TensorBoard
callback in the same process, before and after the graph code.

Runs on TF 2.21 unmodified through ``tfcompat run``: this module gets tfcompat.v1, keras3_side_model
(no TF1 or Keras 2 name) the real Keras 3.
Usage:  tfcompat run legacy_examples/tf1_surface/tf1_compat_v1_2019_keras3.py LOGDIR
"""
import os
import sys

import numpy as np
import tensorflow.compat.v1 as tf

import keras3_side_model

tf.disable_v2_behavior()


def graph_model(logdir, steps=200):
    rng = np.random.RandomState(0)
    features = rng.rand(512, 4).astype(np.float32)
    target = features @ np.array([[1.5], [-2.0], [0.5], [3.0]], np.float32) + 0.25

    x = tf.placeholder(tf.float32, [None, 4], name='x')
    y = tf.placeholder(tf.float32, [None, 1], name='y')
    hidden = tf.layers.dense(x, 16, activation=tf.nn.relu, name='hidden')
    prediction = tf.layers.dense(hidden, 1, name='prediction')
    loss = tf.losses.mean_squared_error(y, prediction)
    tf.summary.scalar('loss', loss)
    for variable in tf.trainable_variables():
        tf.summary.histogram(variable.op.name, variable)
    global_step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(0.01).minimize(loss, global_step=global_step)
    merged = tf.summary.merge_all()
    saver = tf.train.Saver()

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        writer = tf.summary.FileWriter(os.path.join(logdir, 'graph'), sess.graph)
        for i in range(1, steps + 1):
            batch = rng.randint(0, len(features), 64)
            _, summary = sess.run([train_op, merged], {x: features[batch], y: target[batch]})
            if i % 20 == 0:
                writer.add_summary(summary, i)
        final = sess.run(loss, {x: features, y: target})
        saver.save(sess, os.path.join(logdir, 'graph', 'model.ckpt'), global_step=global_step)
        writer.close()
    print('graph model: final loss %.4f, executing eagerly: %s' % (final, tf.executing_eagerly()))
    return final


def main(logdir):
    before = keras3_side_model.train(os.path.join(logdir, 'keras_before'), seed=1)
    final = graph_model(logdir)
    after = keras3_side_model.train(os.path.join(logdir, 'keras_after'), seed=2)
    print('keras losses before/after the graph code: %.4f / %.4f' % (before, after))
    return final


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '/tmp/compat_v1_2019')
