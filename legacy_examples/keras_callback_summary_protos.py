"""A 2017-2018 Keras 2 callback writing hand-built ``tf.Summary`` protos, UNMODIFIED.

Style: Keras 2.0/2.1 on TF 1.4 (2017-2018). A ``keras.callbacks.Callback``
subclass builds ``tf.Summary(value=[tf.Summary.Value(tag=..., simple_value=...)])``
by hand and writes it with ``tf.summary.FileWriter.add_summary``; the learning
rate is read with ``K.get_value(self.model.optimizer.lr)`` and halved with
``K.set_value`` (a hand-rolled step decay), ``SGD(lr=..., momentum=...)``,
``fit(nb_epoch=...)`` (the Keras 1 name still accepted by Keras 2) and
``logs.get('acc')``.

Usage:  tfcompat run legacy_examples/keras_callback_summary_protos.py LOGDIR
Data is generated (no download); a few seconds on a CPU.
"""
import sys

import numpy as np
import tensorflow as tf
from keras import backend as K
from keras.callbacks import Callback
from keras.layers import Dense
from keras.models import Sequential
from keras.optimizers import SGD


class SummaryProtoLogger(Callback):
    def __init__(self, log_dir, halve_every=2):
        super(SummaryProtoLogger, self).__init__()
        self.writer = tf.summary.FileWriter(log_dir)
        self.halve_every = halve_every

    def on_epoch_begin(self, epoch, logs=None):
        if epoch > 0 and epoch % self.halve_every == 0:
            K.set_value(self.model.optimizer.lr, K.get_value(self.model.optimizer.lr) * 0.5)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        values = [tf.Summary.Value(tag='learning_rate',
                                   simple_value=float(K.get_value(self.model.optimizer.lr)))]
        for key in ('loss', 'acc', 'val_loss', 'val_acc'):
            if logs.get(key) is not None:
                values.append(tf.Summary.Value(tag='epoch/' + key, simple_value=float(logs.get(key))))
        self.writer.add_summary(tf.Summary(value=values), epoch)
        self.writer.flush()

    def on_train_end(self, logs=None):
        self.writer.close()


def main(log_dir):
    rng = np.random.RandomState(1)
    x = rng.uniform(-1, 1, size=(200, 4)).astype('float32')
    y = (x[:, 0] * x[:, 1] > 0).astype('float32')
    model = Sequential()
    model.add(Dense(8, activation='tanh', input_dim=4))
    model.add(Dense(1, activation='sigmoid'))
    model.compile(optimizer=SGD(lr=0.2, momentum=0.9), loss='binary_crossentropy', metrics=['accuracy'])
    model.fit(x, y, batch_size=50, nb_epoch=4, verbose=0, validation_split=0.2,
              callbacks=[SummaryProtoLogger(log_dir)])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else './logs/keras_summary_protos')
