"""TF 1.0 "Getting Started" linear model: variables from Python numbers (2017).

Pattern reproduced: the TF 1.0-1.3 getting-started guide and its many copies. Parameters
are ``tf.Variable([.3], dtype=tf.float32)`` / ``tf.Variable(0.5)`` (Python lists and floats,
not tensors) and they meet placeholders on BOTH sides of the operators: ``W * x + b``,
``x * W2``, ``b2 + ...``, ``1.0 - W2``. ``minimize(loss)`` must find the variables. The
parameters are logged each step with ``tf.summary.scalar`` into a ``tf.summary.FileWriter``.

Usage: python tf1_python_number_variables.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_python_number_variables')

# Model parameters
W = tf.Variable([.3], dtype=tf.float32)
b = tf.Variable([-.3], dtype=tf.float32)
W2 = tf.Variable(0.5)
b2 = tf.Variable(0.0)
# Model input and output
x = tf.placeholder(tf.float32)
y = tf.placeholder(tf.float32)
linear_model = W * x + b
second_model = b2 + x * W2 + (1.0 - W2) * 0.0
# loss
loss = tf.reduce_sum(tf.square(linear_model - y)) + tf.reduce_sum(tf.square(second_model - y))
optimizer = tf.train.GradientDescentOptimizer(0.01)
train = optimizer.minimize(loss)

tf.summary.scalar('loss', loss)
tf.summary.scalar('W', tf.reshape(W, []))
tf.summary.scalar('b', tf.reshape(b, []))
tf.summary.scalar('W2', W2)
merged = tf.summary.merge_all()

# training data
x_train = np.array([1, 2, 3, 4], dtype=np.float32)
y_train = np.array([0, -1, -2, -3], dtype=np.float32)

init = tf.global_variables_initializer()
sess = tf.Session()
writer = tf.summary.FileWriter(LOGDIR, sess.graph)
sess.run(init)
for i in range(30):
    summary, _ = sess.run([merged, train], {x: x_train, y: y_train})
    writer.add_summary(summary, i)
writer.close()

curr_W, curr_b, curr_loss = sess.run([W, b, loss], {x: x_train, y: y_train})
print("W: %s b: %s loss: %s" % (curr_W, curr_b, curr_loss))
