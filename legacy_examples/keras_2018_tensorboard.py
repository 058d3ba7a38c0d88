"""Keras 2 + TF1 TensorBoard logging, written the 2018 way, running on TF 2.21 / Keras 3.

What changed from the 2018 original: ONLY the import lines.

    import tensorflow as tf                       ->  import tfcompat.v1 as tf
    from keras import backend as K                ->  from tfcompat.keras import backend as K
    from keras.callbacks import LambdaCallback    ->  from tfcompat.keras.callbacks import LambdaCallback
    from keras.optimizers import Adam             ->  from tfcompat.keras.optimizers import Adam

Everything below the imports is 2018 code: TF1 placeholders fed at every
epoch end, ``tf.summary.scalar`` + ``merge_all`` + ``FileWriter`` run through
``K.get_session()``, the learning rate read with ``K.eval(model.optimizer.lr)``
and cut with ``K.set_value``, and ``logs["acc"]`` on a model compiled with
``metrics=['accuracy']``. The data is generated (no download).

Usage:  python legacy_examples/keras_2018_tensorboard.py [LOGDIR]   (default ./logs/keras_2018)
        tensorboard --logdir LOGDIR
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tfcompat.v1 as tf
from tfcompat.keras import backend as K
from tfcompat.keras.callbacks import LambdaCallback
from tfcompat.keras.optimizers import Adam
from keras.layers import Dense, Dropout
from keras.models import Sequential


def make_spirals(n_per_class, noise, seed):
    """Two interleaved spirals: a classic toy problem a linear model cannot solve."""
    rng = np.random.RandomState(seed)
    t = np.sqrt(rng.rand(n_per_class)) * 3 * np.pi
    a = np.stack([t * np.cos(t), t * np.sin(t)], axis=1)
    b = -a
    x = np.concatenate([a, b]) / (3 * np.pi) + rng.normal(scale=noise, size=(2 * n_per_class, 2))
    y = np.concatenate([np.zeros(n_per_class), np.ones(n_per_class)])
    order = rng.permutation(2 * n_per_class)
    return x[order].astype('float32'), y[order].astype('float32')


class TrainingBoard(object):
    """Writes lr, train/* and val/* scalars after every epoch (TF1 summaries, Keras 2 backend)."""

    def __init__(self, model, log_dir):
        self.model = model
        self.session = K.get_session()
        self.feeds = {}
        for name in ['lr', 'train/loss', 'train/acc', 'val/loss', 'val/acc']:
            # '_ph': TF1 makes summary tags unique among op names, so a placeholder
            # named 'lr' would turn the tag into 'lr_1'.
            self.feeds[name] = tf.placeholder(tf.float32, shape=(), name=name.replace('/', '_') + '_ph')
            tf.summary.scalar(name, self.feeds[name])
        self.merged = tf.summary.merge_all()
        self.writer = tf.summary.FileWriter(log_dir)

    def on_epoch_end(self, epoch, logs):
        values = {'lr': K.eval(self.model.optimizer.lr),
                  'train/loss': logs['loss'], 'train/acc': logs['acc'],
                  'val/loss': logs['val_loss'], 'val/acc': logs['val_acc']}
        summary = self.session.run(self.merged,
                                   feed_dict={self.feeds[k]: v for k, v in values.items()})
        self.writer.add_summary(summary, epoch)
        self.writer.flush()
        print('epoch %d  lr %.5f  loss %.4f  acc %.3f  val_loss %.4f  val_acc %.3f' % (
            epoch, values['lr'], logs['loss'], logs['acc'], logs['val_loss'], logs['val_acc']))

    def callback(self):
        return LambdaCallback(on_epoch_end=self.on_epoch_end,
                              on_train_end=lambda logs: self.writer.close())


def step_decay(model, every, factor):
    """Keras 2 idiom: cut the learning rate by `factor` every `every` epochs with K.set_value."""
    def on_epoch_begin(epoch, logs):
        if epoch > 0 and epoch % every == 0:
            K.set_value(model.optimizer.lr, K.get_value(model.optimizer.lr) * factor)
    return LambdaCallback(on_epoch_begin=on_epoch_begin)


def main(log_dir):
    np.random.seed(2018)
    x_train, y_train = make_spirals(400, 0.03, seed=1)
    x_val, y_val = make_spirals(100, 0.03, seed=2)

    model = Sequential()
    model.add(Dense(64, activation='relu', input_dim=2))
    model.add(Dropout(0.1))
    model.add(Dense(64, activation='relu'))
    model.add(Dense(1, activation='sigmoid'))
    model.compile(optimizer=Adam(lr=0.01), loss='binary_crossentropy', metrics=['accuracy'])

    board = TrainingBoard(model, log_dir)
    model.fit(x_train, y_train, batch_size=32, epochs=12, verbose=0,
              validation_data=(x_val, y_val),
              callbacks=[step_decay(model, every=4, factor=0.5), board.callback()])

    print('TensorBoard logs written to %s' % os.path.abspath(log_dir))
    print('View them with:  tensorboard --logdir %s' % log_dir)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join('.', 'logs', 'keras_2018'))
