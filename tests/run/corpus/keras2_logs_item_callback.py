"""A Keras 2 ``Callback`` calling ``.item()`` on ``logs['acc']`` and writing its own summaries (2018).

Pattern reproduced: 2018 custom callbacks that relied on Keras 2 handing numpy scalars in
``logs`` (``logs['acc'].item()``, ``logs.get('val_acc').item()``, ``logs.get('loss').item()`` in
``on_batch_end``), opened a ``tf.summary.FileWriter`` in ``on_train_begin`` and wrote
``tf.Summary`` protos per epoch; the script then read ``history.history['acc']``.

Usage: python keras2_logs_item_callback.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf
from keras.callbacks import Callback
from keras.layers import Dense
from keras.models import Sequential


class MetricsWriter(Callback):
    def __init__(self, log_dir):
        super(MetricsWriter, self).__init__()
        self.log_dir = log_dir

    def on_train_begin(self, logs=None):
        self.writer = tf.summary.FileWriter(self.log_dir)
        self.batch_losses = []

    def on_batch_end(self, batch, logs=None):
        self.batch_losses.append(logs.get('loss').item())

    def on_epoch_end(self, epoch, logs=None):
        summary = tf.Summary()
        summary.value.add(tag='metrics/acc', simple_value=logs['acc'].item())
        summary.value.add(tag='metrics/val_acc', simple_value=logs.get('val_acc').item())
        summary.value.add(tag='metrics/mean_batch_loss', simple_value=float(np.mean(self.batch_losses)))
        self.writer.add_summary(summary, epoch)
        self.batch_losses = []

    def on_train_end(self, logs=None):
        self.writer.close()


log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_logs_item_callback')
np.random.seed(10)
x = np.random.normal(size=(100, 4))
y = (x[:, 2] > 0).astype('float32')
model = Sequential([Dense(6, input_dim=4, activation='relu'), Dense(1, activation='sigmoid')])
model.compile(loss='binary_crossentropy', optimizer='rmsprop', metrics=['accuracy'])
history = model.fit(x, y, epochs=3, batch_size=20, validation_split=0.2, verbose=0,
                    callbacks=[MetricsWriter(log_dir)])
print('history acc epochs: %d' % len(history.history['acc']))
