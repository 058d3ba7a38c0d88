"""A TF 1.4-era ``mnist_with_summaries.py``-style script, UNMODIFIED.

Style: late 2017 (TF 1.4 examples). ``argparse`` + ``tf.app.run(main=main, argv=...)``,
``tf.gfile``, ``tf.InteractiveSession``, name scopes with ``_1`` tags as TF1 made
them (``accuracy_1``), ``tf.summary.image`` of the reshaped input,
``tf.nn.dropout(x, keep_prob)`` (TF2 would read 0.9 as the DROP rate),
``tf.reduce_sum(..., reduction_indices=...)``, ``tf.losses``, ``tf.RunOptions`` with
``add_run_metadata``, separate train/test ``FileWriter``s.

Runs on TF 2.21 only through ``tfcompat run``.
Usage:  tfcompat run legacy_examples/tf1_mnist_summaries_style.py --log_dir LOGDIR
Data is generated (no MNIST download); a few seconds on a CPU.
"""
import argparse
import sys

import numpy as np
import tensorflow as tf

FLAGS = None


def fake_mnist(n, seed):
    rng = np.random.RandomState(seed)
    labels = rng.randint(0, 10, size=n)
    images = rng.rand(n, 784).astype(np.float32) * 0.1
    images[np.arange(n), labels * 78] = 1.0  # one bright pixel per class: learnable
    return images, labels


def train():
    train_x, train_y = fake_mnist(500, 0)
    test_x, test_y = fake_mnist(100, 1)
    sess = tf.InteractiveSession()

    with tf.name_scope('input'):
        x = tf.placeholder(tf.float32, [None, 784], name='x-input')
        y_ = tf.placeholder(tf.int64, [None], name='y-input')
    with tf.name_scope('input_reshape'):
        image_shaped_input = tf.reshape(x, [-1, 28, 28, 1])
        tf.summary.image('input', image_shaped_input, 2)

    def variable_summaries(var):
        with tf.name_scope('summaries'):
            mean = tf.reduce_mean(var)
            tf.summary.scalar('mean', mean)
            with tf.name_scope('stddev'):
                stddev = tf.sqrt(tf.reduce_mean(tf.square(var - mean)))
            tf.summary.scalar('stddev', stddev)
            tf.summary.histogram('histogram', var)

    def nn_layer(input_tensor, input_dim, output_dim, layer_name, act=tf.nn.relu):
        with tf.name_scope(layer_name):
            with tf.name_scope('weights'):
                weights = tf.Variable(tf.truncated_normal([input_dim, output_dim], stddev=0.1))
                variable_summaries(weights)
            with tf.name_scope('biases'):
                biases = tf.Variable(tf.constant(0.1, shape=[output_dim]))
            with tf.name_scope('Wx_plus_b'):
                preactivate = tf.matmul(input_tensor, weights) + biases
                tf.summary.histogram('pre_activations', preactivate)
            activations = act(preactivate, name='activation')
            tf.summary.histogram('activations', activations)
            return activations

    hidden1 = nn_layer(x, 784, 32, 'layer1')
    with tf.name_scope('dropout'):
        keep_prob = tf.placeholder(tf.float32)
        tf.summary.scalar('dropout_keep_probability', keep_prob)
        dropped = tf.nn.dropout(hidden1, keep_prob)
    y = nn_layer(dropped, 32, 10, 'layer2', act=tf.identity)

    with tf.name_scope('cross_entropy'):
        with tf.name_scope('total'):
            cross_entropy = tf.losses.sparse_softmax_cross_entropy(labels=y_, logits=y)
    tf.summary.scalar('cross_entropy', cross_entropy)
    with tf.name_scope('train'):
        train_step = tf.train.AdamOptimizer(FLAGS.learning_rate).minimize(cross_entropy)
    with tf.name_scope('accuracy'):
        with tf.name_scope('correct_prediction'):
            correct_prediction = tf.equal(tf.argmax(y, 1), y_)
        with tf.name_scope('accuracy'):
            accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    tf.summary.scalar('accuracy', accuracy)
    row_mass = tf.reduce_sum(tf.nn.softmax(y), reduction_indices=[1])

    merged = tf.summary.merge_all()
    train_writer = tf.summary.FileWriter(FLAGS.log_dir + '/train', sess.graph)
    test_writer = tf.summary.FileWriter(FLAGS.log_dir + '/test')
    tf.global_variables_initializer().run()

    def feed_dict(train):
        if train:
            idx = np.random.randint(0, len(train_x), 50)
            return {x: train_x[idx], y_: train_y[idx], keep_prob: FLAGS.dropout}
        return {x: test_x, y_: test_y, keep_prob: 1.0}

    for i in range(FLAGS.max_steps):
        if i % 10 == 0:
            summary, acc = sess.run([merged, accuracy], feed_dict=feed_dict(False))
            test_writer.add_summary(summary, i)
            print('Accuracy at step %s: %s' % (i, acc))
        elif i == 11:
            run_options = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
            run_metadata = tf.RunMetadata()
            summary, _ = sess.run([merged, train_step], feed_dict=feed_dict(True),
                                  options=run_options, run_metadata=run_metadata)
            train_writer.add_run_metadata(run_metadata, 'step%03d' % i)
            train_writer.add_summary(summary, i)
        else:
            summary, _ = sess.run([merged, train_step], feed_dict=feed_dict(True))
            train_writer.add_summary(summary, i)
    print('test accuracy %s, softmax rows sum to %.3f' % (
        sess.run(accuracy, feed_dict=feed_dict(False)), sess.run(row_mass, feed_dict=feed_dict(False)).mean()))
    train_writer.close()
    test_writer.close()


def main(_):
    if tf.gfile.Exists(FLAGS.log_dir):
        tf.gfile.DeleteRecursively(FLAGS.log_dir)
    tf.gfile.MakeDirs(FLAGS.log_dir)
    train()


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--max_steps', type=int, default=60)
    parser.add_argument('--learning_rate', type=float, default=0.01)
    parser.add_argument('--dropout', type=float, default=0.9)
    parser.add_argument('--log_dir', type=str, default='./logs/tf1_mnist_summaries_style')
    FLAGS, unparsed = parser.parse_known_args()
    tf.app.run(main=main, argv=[sys.argv[0]] + unparsed)
