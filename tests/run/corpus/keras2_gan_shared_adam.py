"""Keras 2 GAN: one ``Adam`` instance compiled into the discriminator AND the combined model (2017-2018).

Pattern reproduced: the Keras-GAN style of 2017-2018: ``optimizer = Adam(0.0002, 0.5)`` passed to
``discriminator.compile(...)`` and, after ``discriminator.trainable = False``, to
``combined.compile(...)``; Keras 2 module paths (``keras.layers.advanced_activations.LeakyReLU``),
``BatchNormalization(momentum=0.8)``, the ``train_on_batch`` loop with
``0.5 * np.add(d_loss_real, d_loss_fake)``, and losses written per iteration with
``tf.summary.FileWriter`` + ``tf.Summary.Value``.

Usage: python keras2_gan_shared_adam.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf
from keras.layers import BatchNormalization, Dense, Input
from keras.layers.advanced_activations import LeakyReLU
from keras.models import Model, Sequential
from keras.optimizers import Adam


class GAN():
    def __init__(self):
        self.data_dim = 8
        self.latent_dim = 4
        optimizer = Adam(0.0002, 0.5)

        self.discriminator = self.build_discriminator()
        self.discriminator.compile(loss='binary_crossentropy', optimizer=optimizer, metrics=['accuracy'])

        self.generator = self.build_generator()
        z = Input(shape=(self.latent_dim,))
        sample = self.generator(z)
        # For the combined model we will only train the generator
        self.discriminator.trainable = False
        validity = self.discriminator(sample)
        self.combined = Model(z, validity)
        self.combined.compile(loss='binary_crossentropy', optimizer=optimizer)

    def build_generator(self):
        model = Sequential()
        model.add(Dense(16, input_dim=self.latent_dim))
        model.add(LeakyReLU(alpha=0.2))
        model.add(BatchNormalization(momentum=0.8))
        model.add(Dense(self.data_dim, activation='tanh'))
        noise = Input(shape=(self.latent_dim,))
        return Model(noise, model(noise))

    def build_discriminator(self):
        model = Sequential()
        model.add(Dense(16, input_dim=self.data_dim))
        model.add(LeakyReLU(alpha=0.2))
        model.add(Dense(1, activation='sigmoid'))
        sample = Input(shape=(self.data_dim,))
        return Model(sample, model(sample))

    def train(self, iterations, batch_size, writer):
        real_data = np.tanh(np.random.normal(0.5, 0.2, size=(256, self.data_dim)))
        valid = np.ones((batch_size, 1))
        fake = np.zeros((batch_size, 1))
        for it in range(iterations):
            idx = np.random.randint(0, real_data.shape[0], batch_size)
            noise = np.random.normal(0, 1, (batch_size, self.latent_dim))
            gen = self.generator.predict(noise)
            d_loss_real = self.discriminator.train_on_batch(real_data[idx], valid)
            d_loss_fake = self.discriminator.train_on_batch(gen, fake)
            d_loss = 0.5 * np.add(d_loss_real, d_loss_fake)
            g_loss = self.combined.train_on_batch(noise, valid)
            writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag='D_loss', simple_value=d_loss[0]),
                                                 tf.Summary.Value(tag='D_acc', simple_value=d_loss[1]),
                                                 tf.Summary.Value(tag='G_loss', simple_value=g_loss)]), it)
            print('%d [D loss: %f, acc.: %.2f%%] [G loss: %f]' % (it, d_loss[0], 100 * d_loss[1], g_loss))


if __name__ == '__main__':
    logdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_gan_shared_adam')
    np.random.seed(11)
    summary_writer = tf.summary.FileWriter(logdir)
    gan = GAN()
    gan.train(iterations=6, batch_size=16, writer=summary_writer)
    summary_writer.close()
