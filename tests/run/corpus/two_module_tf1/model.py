"""The ``model.py`` half of a 2017 TF 1.x project: a class that builds its graph in ``__init__``.

Pattern reproduced: TF 1.x repositories split into ``model.py`` (a class creating placeholders,
variables under name scopes, the loss, the train op and ``tf.summary`` ops, ``self.merged =
tf.summary.merge_all()``) and ``train.py`` (the session loop), the model imported by the
trainer as a sibling module. Used by ``train.py`` beside it; runs nothing on import.
"""
import tensorflow as tf


class Model(object):
    def __init__(self, n_in, n_hidden, n_out, learning_rate=0.05):
        with tf.name_scope('inputs'):
            self.x = tf.placeholder(tf.float32, [None, n_in], name='x')
            self.y = tf.placeholder(tf.float32, [None, n_out], name='y')
        with tf.name_scope('hidden'):
            self.W1 = tf.Variable(tf.truncated_normal([n_in, n_hidden], stddev=0.3, seed=7), name='W')
            self.b1 = tf.Variable(tf.zeros([n_hidden]), name='b')
            h = tf.nn.sigmoid(tf.matmul(self.x, self.W1) + self.b1)
            tf.summary.histogram('weights', self.W1)
        with tf.name_scope('output'):
            self.W2 = tf.Variable(tf.truncated_normal([n_hidden, n_out], stddev=0.3, seed=8), name='W')
            self.b2 = tf.Variable(tf.zeros([n_out]), name='b')
            self.prediction = tf.matmul(h, self.W2) + self.b2
        with tf.name_scope('loss'):
            self.loss = tf.reduce_mean(tf.square(self.prediction - self.y))
            tf.summary.scalar('mse', self.loss)
        self.global_step = tf.Variable(0, name='global_step', trainable=False)
        self.train_op = tf.train.AdamOptimizer(learning_rate).minimize(self.loss, global_step=self.global_step)
        self.merged = tf.summary.merge_all()
