"""``LambdaCallback(on_epoch_end=...)`` writing ``tf.Summary`` protos from ``logs['acc']`` (Keras 2, 2017-2018).

Pattern reproduced: scripts that skipped the TensorBoard callback and wrote their own epoch
summaries from a ``LambdaCallback``: a ``tf.summary.FileWriter`` opened up front, an
``on_epoch_end=lambda epoch, logs: ...`` building ``tf.Summary(value=[tf.Summary.Value(...)])``
from ``logs['acc']``/``logs['loss']``/``logs['val_acc']``, an ``on_batch_end`` lambda collecting
``logs['loss']`` and an ``on_train_end`` lambda closing the writer.

Usage: python keras2_lambda_callback_summary.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf
from keras.callbacks import LambdaCallback
from keras.layers import Dense
from keras.models import Sequential

logdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_lambda_callback_summary')
writer = tf.summary.FileWriter(logdir)


def log_epoch(epoch, logs):
    summary = tf.Summary(value=[tf.Summary.Value(tag='epoch/acc', simple_value=logs['acc']),
                                tf.Summary.Value(tag='epoch/loss', simple_value=logs['loss']),
                                tf.Summary.Value(tag='epoch/val_acc', simple_value=logs['val_acc'])])
    writer.add_summary(summary, epoch)


batch_losses = []
callbacks = [
    LambdaCallback(on_epoch_end=log_epoch),
    LambdaCallback(on_batch_end=lambda batch, logs: batch_losses.append(logs['loss'])),
    LambdaCallback(on_train_end=lambda logs: writer.close()),
]
np.random.seed(6)
x = np.random.rand(120, 4)
y = (x.mean(axis=1) > 0.5).astype('float32')
model = Sequential([Dense(8, input_dim=4, activation='relu'), Dense(1, activation='sigmoid')])
model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit(x, y, epochs=3, batch_size=40, validation_split=0.25, verbose=0, callbacks=callbacks)
print('batches seen: %d' % len(batch_losses))
