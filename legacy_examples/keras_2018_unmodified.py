"""A 2018 Keras 2 script with a hand-written TensorBoard helper, UNMODIFIED.

Style: early 2018 (Keras 2.1 + TensorFlow 1.5). The TensorboardKeras pattern of
the time: TF1 placeholders for the learning rate and the metrics, fed at each
epoch end, ``tf.summary.scalar`` + ``merge_all`` + ``FileWriter`` run through
``K.get_session()``, the learning rate read with ``K.eval(model.optimizer.lr)``,
``Adam(lr=...)`` and ``logs["acc"]`` on a model compiled with ``'accuracy'``.

Nothing is changed from what ran in 2018: it needs ``tfcompat run`` on TF 2.21.

Usage:  tfcompat run legacy_examples/keras_2018_unmodified.py LOGDIR
Data is generated (no download); runs in a few seconds on a CPU.
"""
import sys

import numpy as np
import tensorflow as tf
from keras import backend as K
from keras.callbacks import LambdaCallback
from keras.layers import Dense
from keras.models import Sequential
from keras.optimizers import Adam


class TensorboardKeras(object):
    def __init__(self, model, log_dir):
        self.model = model
        self.log_dir = log_dir
        self.session = K.get_session()

        self.lr_ph = tf.placeholder(shape=(), dtype=tf.float32)
        tf.summary.scalar('lr', self.lr_ph)

        self.val_loss_ph = tf.placeholder(shape=(), dtype=tf.float32)
        tf.summary.scalar('val/loss', self.val_loss_ph)

        self.val_acc_ph = tf.placeholder(shape=(), dtype=tf.float32)
        tf.summary.scalar('val/acc', self.val_acc_ph)

        self.train_loss_ph = tf.placeholder(shape=(), dtype=tf.float32)
        tf.summary.scalar('train/loss', self.train_loss_ph)

        self.train_acc_ph = tf.placeholder(shape=(), dtype=tf.float32)
        tf.summary.scalar('train/acc', self.train_acc_ph)

        self.merged = tf.summary.merge_all()
        self.writer = tf.summary.FileWriter(self.log_dir)

    def _get_lr(self):
        return K.eval(self.model.optimizer.lr)

    def on_epoch_end(self, epoch, logs):
        summary = self.session.run(self.merged,
                                   feed_dict={self.lr_ph: self._get_lr(),
                                              self.val_loss_ph: logs["val_loss"],
                                              self.train_loss_ph: logs["loss"],
                                              self.val_acc_ph: logs["val_acc"],
                                              self.train_acc_ph: logs["acc"]})
        self.writer.add_summary(summary, epoch)
        self.writer.flush()

    def on_epoch_end_cb(self):
        return LambdaCallback(on_epoch_end=lambda epoch, logs: self.on_epoch_end(epoch, logs))


def main(log_dir):
    rng = np.random.RandomState(0)
    x = rng.normal(size=(256, 8)).astype('float32')
    y = (x[:, :4].sum(axis=1) > 0).astype('float32')

    model = Sequential()
    model.add(Dense(16, activation='relu', input_dim=8))
    model.add(Dense(1, activation='sigmoid'))
    model.compile(optimizer=Adam(lr=0.005), loss='binary_crossentropy', metrics=['accuracy'])

    tensorboard = TensorboardKeras(model=model, log_dir=log_dir)
    model.fit(x, y, batch_size=64, epochs=3, verbose=0, validation_split=0.25,
              callbacks=[tensorboard.on_epoch_end_cb()])
    tensorboard.writer.close()


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else './logs/keras_2018_unmodified')
