"""``mnist_with_summaries``-style training on ``tensorflow.examples.tutorials.mnist.input_data`` (TF 1.0-1.8, 2017).

Pattern reproduced: the scripts that began with
``from tensorflow.examples.tutorials.mnist import input_data`` and
``mnist = input_data.read_data_sets(data_dir, one_hot=True)``, trained on
``mnist.train.next_batch(100)``, evaluated on ``mnist.test`` and logged train/test runs with
two FileWriters. The four MNIST IDX files are GENERATED here (gzip'ed IDX3/IDX1 headers, tiny
images of class-dependent bright squares) in the data directory before ``read_data_sets``
finds them, so nothing is downloaded. ``read_data_sets`` keeps its default 5000-image
validation split, so 5400 training images are written.

Usage: python tf1_mnist_input_data.py [LOGDIR]
"""
from __future__ import print_function

import gzip
import os
import struct
import sys

import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_mnist_input_data')
DATA_DIR = os.path.join(LOGDIR, 'MNIST_data')


def write_idx(data_dir):
    """Writes the four files read_data_sets looks for: train/t10k images (2051) and labels (2049)."""
    if not os.path.isdir(data_dir):
        os.makedirs(data_dir)
    rs = np.random.RandomState(2017)
    for prefix, n in (('train', 5400), ('t10k', 200)):
        labels = rs.randint(0, 10, size=n).astype(np.uint8)
        images = np.zeros((n, 28, 28), dtype=np.uint8)
        for i, label in enumerate(labels):
            r, c = 2 + (label // 5) * 12, 2 + (label % 5) * 5
            images[i, r:r + 8, c:c + 4] = 255
        with gzip.open(os.path.join(data_dir, '%s-images-idx3-ubyte.gz' % prefix), 'wb') as f:
            f.write(struct.pack('>IIII', 2051, n, 28, 28))
            f.write(images.tobytes())
        with gzip.open(os.path.join(data_dir, '%s-labels-idx1-ubyte.gz' % prefix), 'wb') as f:
            f.write(struct.pack('>II', 2049, n))
            f.write(labels.tobytes())


write_idx(DATA_DIR)
mnist = input_data.read_data_sets(DATA_DIR, one_hot=True)
print('train %d validation %d test %d' % (mnist.train.num_examples, mnist.validation.num_examples,
                                          mnist.test.num_examples))

x = tf.placeholder(tf.float32, [None, 784], name='x')
y_ = tf.placeholder(tf.float32, [None, 10], name='labels')
with tf.name_scope('softmax'):
    W = tf.Variable(tf.zeros([784, 10]), name='W')
    b = tf.Variable(tf.zeros([10]), name='b')
    y = tf.matmul(x, W) + b
    tf.summary.histogram('weights', W)
with tf.name_scope('xent'):
    cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y))
    tf.summary.scalar('xent', cross_entropy)
with tf.name_scope('train'):
    train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)
with tf.name_scope('accuracy'):
    correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    tf.summary.scalar('accuracy', accuracy)
tf.summary.image('input', tf.reshape(x, [-1, 28, 28, 1]), 3)
merged = tf.summary.merge_all()

sess = tf.Session()
sess.run(tf.global_variables_initializer())
train_writer = tf.summary.FileWriter(os.path.join(LOGDIR, 'train'), sess.graph)
test_writer = tf.summary.FileWriter(os.path.join(LOGDIR, 'test'))
for i in range(20):
    batch_xs, batch_ys = mnist.train.next_batch(50)
    summary, _ = sess.run([merged, train_step], feed_dict={x: batch_xs, y_: batch_ys})
    train_writer.add_summary(summary, i)
    if i % 5 == 4:
        summary, acc = sess.run([merged, accuracy], feed_dict={x: mnist.test.images, y_: mnist.test.labels})
        test_writer.add_summary(summary, i)
        print('step %d test accuracy %.3f' % (i, acc))
train_writer.close()
test_writer.close()
