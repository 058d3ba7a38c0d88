"""A 2017-style TensorFlow 1.x graph script: softmax regression on generated blobs.

What changed for TF 2.21 + Keras 3: ONLY the import line.
    before: import tensorflow as tf
    after:  import tfcompat.v1 as tf
Everything else is the TF1 code as written in 2017: placeholders, variables in
name scopes, GradientDescentOptimizer, scalar + histogram summaries merged and
written every N steps by a FileWriter that also stores the graph.

Runs offline (the data is generated with numpy) in a few seconds.
Usage: python legacy_examples/tf1_graph_2017.py [LOGDIR]   (default ./logs/tf1_graph_2017)
Then:  tensorboard --logdir LOGDIR
"""

import sys

import numpy as np
import tfcompat.v1 as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else "./logs/tf1_graph_2017"
N_FEATURES, N_CLASSES, HIDDEN = 8, 3, 16
LEARNING_RATE, STEPS, LOG_EVERY, BATCH = 0.1, 200, 10, 64


CENTERS = np.random.RandomState(123).normal(0, 1.5, size=(N_CLASSES, N_FEATURES))


def make_blobs(n, seed):
    rng = np.random.RandomState(seed)
    centers = CENTERS
    labels = rng.randint(0, N_CLASSES, size=n)
    points = centers[labels] + rng.normal(0, 1, size=(n, N_FEATURES))
    return points.astype(np.float32), np.eye(N_CLASSES, dtype=np.float32)[labels]


def dense(x, n_out, name, activation=None):
    with tf.name_scope(name):
        n_in = int(x.get_shape()[1])
        W = tf.Variable(tf.truncated_normal([n_in, n_out], stddev=0.1), name="weights")
        b = tf.Variable(tf.zeros([n_out]), name="biases")
        z = tf.matmul(x, W) + b
        tf.summary.histogram("weights", W)
        return activation(z) if activation else z


x_train, y_train = make_blobs(2000, seed=0)
x_test, y_test = make_blobs(500, seed=1)

x = tf.placeholder(tf.float32, [None, N_FEATURES], name="x")
y_ = tf.placeholder(tf.float32, [None, N_CLASSES], name="labels")

hidden = dense(x, HIDDEN, "hidden", activation=tf.nn.relu)
logits = dense(hidden, N_CLASSES, "output")

with tf.name_scope("loss"):
    cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_, logits=logits))
    tf.summary.scalar("cross_entropy", cross_entropy)

with tf.name_scope("accuracy"):
    correct = tf.equal(tf.argmax(logits, 1), tf.argmax(y_, 1))
    accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
    tf.summary.scalar("accuracy", accuracy)

global_step = tf.Variable(0, trainable=False, name="global_step")
train_step = tf.train.GradientDescentOptimizer(LEARNING_RATE).minimize(cross_entropy, global_step=global_step)
merged = tf.summary.merge_all()

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    train_writer = tf.summary.FileWriter(LOGDIR + "/train", sess.graph)
    test_writer = tf.summary.FileWriter(LOGDIR + "/test")
    rng = np.random.RandomState(42)
    for i in range(STEPS):
        idx = rng.randint(0, len(x_train), BATCH)
        if i % LOG_EVERY == 0:
            summary, acc = sess.run([merged, accuracy], feed_dict={x: x_test, y_: y_test})
            test_writer.add_summary(summary, i)
            summary, _ = sess.run([merged, train_step], feed_dict={x: x_train[idx], y_: y_train[idx]})
            train_writer.add_summary(summary, i)
            if i % (LOG_EVERY * 5) == 0:
                print("step %d: test accuracy %.3f" % (i, acc))
        else:
            sess.run(train_step, feed_dict={x: x_train[idx], y_: y_train[idx]})
    final_loss, final_acc = sess.run([cross_entropy, accuracy], feed_dict={x: x_test, y_: y_test})
    print("final: test loss %.4f, test accuracy %.3f (global step %d)" % (final_loss, final_acc, sess.run(global_step)))
    train_writer.close()
    test_writer.close()
