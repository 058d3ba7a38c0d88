"""A TF 1.x GAN: two optimizers over ``var_list``s split by scope name (2017).

Pattern reproduced: 2017 "GAN in 100 lines" tutorials: generator and discriminator built
under ``tf.variable_scope('generator')`` / ``tf.variable_scope('discriminator', reuse=...)``,
``t_vars = tf.trainable_variables()`` filtered with ``'d_' in var.name``-style tests,
``tf.train.AdamOptimizer(lr, beta1=0.5).minimize(d_loss, var_list=d_vars)`` and the same for
g, summaries of both losses, a histogram of ``z`` and ``tf.summary.image`` of generated samples.

Usage: python tf1_gan_var_lists.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf

LOGDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf1_gan_var_lists')
Z_DIM, IMG = 4, 16


def linear(x, n_out, name):
    w = tf.get_variable(name + '_w', [x.get_shape()[1], n_out],
                        initializer=tf.random_normal_initializer(stddev=0.1, seed=2))
    b = tf.get_variable(name + '_b', [n_out], initializer=tf.constant_initializer(0.0))
    return tf.matmul(x, w) + b


def generator(z):
    with tf.variable_scope('generator'):
        h = tf.nn.relu(linear(z, 16, 'g_h0'))
        return tf.nn.sigmoid(linear(h, IMG, 'g_out'))


def discriminator(x, reuse=False):
    with tf.variable_scope('discriminator', reuse=reuse):
        h = tf.nn.leaky_relu(linear(x, 16, 'd_h0'))
        logit = linear(h, 1, 'd_out')
        return tf.nn.sigmoid(logit), logit


real = tf.placeholder(tf.float32, [None, IMG], name='real_images')
z = tf.placeholder(tf.float32, [None, Z_DIM], name='z')
G = generator(z)
D_real, D_real_logits = discriminator(real)
D_fake, D_fake_logits = discriminator(G, reuse=True)

d_loss_real = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=D_real_logits, labels=tf.ones_like(D_real)))
d_loss_fake = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=D_fake_logits, labels=tf.zeros_like(D_fake)))
d_loss = d_loss_real + d_loss_fake
g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=D_fake_logits, labels=tf.ones_like(D_fake)))

t_vars = tf.trainable_variables()
d_vars = [var for var in t_vars if 'd_' in var.name]
g_vars = [var for var in t_vars if 'g_' in var.name]
d_optim = tf.train.AdamOptimizer(0.01, beta1=0.5).minimize(d_loss, var_list=d_vars)
g_optim = tf.train.AdamOptimizer(0.01, beta1=0.5).minimize(g_loss, var_list=g_vars)

z_sum = tf.summary.histogram('z', z)
d_loss_sum = tf.summary.scalar('d_loss', d_loss)
g_loss_sum = tf.summary.scalar('g_loss', g_loss)
G_sum = tf.summary.image('G', tf.reshape(G, [-1, 4, 4, 1]), max_outputs=2)
d_sum = tf.summary.merge([z_sum, d_loss_sum])
g_sum = tf.summary.merge([z_sum, G_sum, g_loss_sum])

rs = np.random.RandomState(4)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
writer = tf.summary.FileWriter(LOGDIR, sess.graph)
for counter in range(1, 9):
    batch = (rs.uniform(size=(16, IMG)) > 0.5).astype(np.float32) * 0.8 + 0.1
    batch_z = rs.uniform(-1, 1, size=(16, Z_DIM)).astype(np.float32)
    _, summary_str = sess.run([d_optim, d_sum], feed_dict={real: batch, z: batch_z})
    writer.add_summary(summary_str, counter)
    _, summary_str = sess.run([g_optim, g_sum], feed_dict={z: batch_z})
    writer.add_summary(summary_str, counter)
print('d vars %d g vars %d' % (len(d_vars), len(g_vars)))
writer.close()
