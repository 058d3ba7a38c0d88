"""A TF Dev Summit 2017 TensorBoard-tutorial-style script: contrib layers, projector embeddings, hparam runs.

Style: early 2017. ``tf.contrib.learn.datasets.mnist.read_data_sets``, a small
convnet from ``tf.contrib.layers`` (``conv2d``, ``max_pool2d``, ``flatten``,
``fully_connected``, ``xavier_initializer``, ``l2_regularizer``,
``summarize_activations``), one run directory per hyper-parameter string
(``lr_1E-03,conv=1,fc=2``) each with its own ``FileWriter``, ``add_graph``, an
embedding variable filled from the last hidden layer, a ``Saver`` checkpoint and
``tf.contrib.tensorboard.plugins.projector.visualize_embeddings`` with a sprite
image and a labels file.

Runs on TF 2.21 unmodified through ``tfcompat run``.
Usage:  tfcompat run legacy_examples/tf1_surface/tf1_devsummit_2017_projector.py --data_dir DIR_WITH_IDX_GZ --log_dir LOGDIR
"""
import argparse
import os

import numpy as np
import tensorflow as tf

FLAGS = None
EMBEDDED = 64  # test images placed in the projector


def conv_layer(inputs, channels_out, name):
    with tf.variable_scope(name):
        act = tf.contrib.layers.conv2d(inputs, channels_out, [5, 5], padding='SAME',
                                       weights_regularizer=tf.contrib.layers.l2_regularizer(1e-4),
                                       outputs_collections=tf.GraphKeys.ACTIVATIONS)
        return tf.contrib.layers.max_pool2d(act, [2, 2], padding='SAME')


def fc_layer(inputs, units, name, activation=tf.nn.relu):
    return tf.contrib.layers.fully_connected(inputs, units, activation_fn=activation,
                                             weights_initializer=tf.contrib.layers.xavier_initializer(),
                                             outputs_collections=tf.GraphKeys.ACTIVATIONS, scope=name)


def write_projector_assets(mnist, run_dir):
    """The labels file and sprite image the projector shows next to each point."""
    labels = np.argmax(mnist.test.labels[:EMBEDDED], axis=1)
    with open(os.path.join(run_dir, 'labels.tsv'), 'w') as f:
        f.write('\n'.join(str(label) for label in labels) + '\n')
    side = int(np.ceil(np.sqrt(EMBEDDED)))
    thumbs = np.zeros((side * side, 28, 28), np.float32)
    thumbs[:EMBEDDED] = mnist.test.images[:EMBEDDED].reshape(-1, 28, 28)
    sprite = thumbs.reshape(side, side, 28, 28).transpose(0, 2, 1, 3).reshape(side * 28, side * 28, 1)
    with tf.Session() as sess:
        png = sess.run(tf.image.encode_png(tf.constant((255 * (1 - sprite)).astype(np.uint8))))
    with open(os.path.join(run_dir, 'sprite.png'), 'wb') as f:
        f.write(png)


def mnist_model(mnist, learning_rate, two_conv, two_fc, hparam):
    tf.reset_default_graph()
    sess = tf.Session()
    x = tf.placeholder(tf.float32, shape=[None, 784], name='x')
    x_image = tf.reshape(x, [-1, 28, 28, 1])
    tf.summary.image('input', x_image, 3)
    y = tf.placeholder(tf.float32, shape=[None, 10], name='labels')

    if two_conv:
        conv_out = conv_layer(conv_layer(x_image, 8, 'conv1'), 16, 'conv2')
    else:
        conv_out = conv_layer(x_image, 16, 'conv')
    flattened = tf.contrib.layers.flatten(conv_out)
    if two_fc:
        embedding_input = fc_layer(flattened, 32, 'fc1')
        logits = fc_layer(embedding_input, 10, 'fc2', activation=None)
    else:
        embedding_input = flattened
        logits = fc_layer(flattened, 10, 'fc', activation=None)
    embedding_size = int(embedding_input.shape[1])
    tf.contrib.layers.summarize_activations()

    with tf.name_scope('xent'):
        xent = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=y), name='xent')
        total = xent + tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
        tf.summary.scalar('xent', xent)
    with tf.name_scope('train'):
        train_step = tf.train.AdamOptimizer(learning_rate).minimize(total)
    with tf.name_scope('accuracy'):
        correct_prediction = tf.equal(tf.argmax(logits, 1), tf.argmax(y, 1))
        accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
        tf.summary.scalar('accuracy', accuracy)
    summ = tf.summary.merge_all()

    embedding = tf.Variable(tf.zeros([EMBEDDED, embedding_size]), name='test_embedding')
    assignment = embedding.assign(embedding_input)
    saver = tf.train.Saver()

    sess.run(tf.global_variables_initializer())
    run_dir = os.path.join(FLAGS.log_dir, hparam)
    writer = tf.summary.FileWriter(run_dir)
    writer.add_graph(sess.graph)
    write_projector_assets(mnist, run_dir)

    config = tf.contrib.tensorboard.plugins.projector.ProjectorConfig()
    embedding_config = config.embeddings.add()
    embedding_config.tensor_name = embedding.name
    embedding_config.sprite.image_path = 'sprite.png'
    embedding_config.metadata_path = 'labels.tsv'
    embedding_config.sprite.single_image_dim.extend([28, 28])
    tf.contrib.tensorboard.plugins.projector.visualize_embeddings(writer, config)

    for i in range(FLAGS.steps + 1):
        batch = mnist.train.next_batch(FLAGS.batch_size)
        if i % 5 == 0:
            train_accuracy, s = sess.run([accuracy, summ], feed_dict={x: batch[0], y: batch[1]})
            writer.add_summary(s, i)
        if i % FLAGS.checkpoint_every == 0:
            sess.run(assignment, feed_dict={x: mnist.test.images[:EMBEDDED], y: mnist.test.labels[:EMBEDDED]})
            saver.save(sess, os.path.join(run_dir, 'model.ckpt'), i)
        sess.run(train_step, feed_dict={x: batch[0], y: batch[1]})
    writer.close()
    sess.close()
    print('%s: last train accuracy %.2f' % (hparam, train_accuracy))


def make_hparam_string(learning_rate, two_fc, two_conv):
    return 'lr_%.0E,%s,%s' % (learning_rate, 'conv=2' if two_conv else 'conv=1', 'fc=2' if two_fc else 'fc=1')


def main():
    mnist = tf.contrib.learn.datasets.mnist.read_data_sets(train_dir=FLAGS.data_dir, one_hot=True,
                                                           validation_size=FLAGS.validation_size)
    for learning_rate in FLAGS.learning_rates:
        for two_fc in [True]:
            for two_conv in [False, True]:
                hparam = make_hparam_string(learning_rate, two_fc, two_conv)
                print('Starting run for %s' % hparam)
                mnist_model(mnist, learning_rate, two_conv, two_fc, hparam)
    print('Run `tensorboard --logdir=%s` to see the results.' % FLAGS.log_dir)


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--data_dir', default='/tmp/mnist_tutorial/data')
    parser.add_argument('--log_dir', default='/tmp/mnist_tutorial')
    parser.add_argument('--learning_rates', type=float, nargs='+', default=[1e-3, 1e-4])
    parser.add_argument('--steps', type=int, default=2000)
    parser.add_argument('--batch_size', type=int, default=100)
    parser.add_argument('--checkpoint_every', type=int, default=500)
    parser.add_argument('--validation_size', type=int, default=5000)
    FLAGS = parser.parse_args()
    main()
