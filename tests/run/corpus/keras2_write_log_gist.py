"""The ``write_log(callback, names, logs, batch_no)`` gist: TensorBoard for ``train_on_batch`` loops (2017-2018).

Pattern reproduced: the Keras gist/StackOverflow answer for logging manual training loops:
a stock ``TensorBoard(log_path)`` is created, ``callback.set_model(model)`` gives it its
writer (and the graph), and a helper builds ``tf.Summary()`` protos with
``summary.value.add()`` / ``simple_value`` / ``tag`` and writes them through
``callback.writer.add_summary(summary, batch_no)`` + ``flush()``. The losses come from
``model.train_on_batch`` (a list matching ``['loss', 'mae']``).

Usage: python keras2_write_log_gist.py [LOGDIR]
"""
import os
import sys

import numpy as np
import tensorflow as tf
from keras.callbacks import TensorBoard
from keras.layers import Dense, Input
from keras.models import Model


def write_log(callback, names, logs, batch_no):
    for name, value in zip(names, logs):
        summary = tf.Summary()
        summary_value = summary.value.add()
        summary_value.simple_value = value
        summary_value.tag = name
        callback.writer.add_summary(summary, batch_no)
        callback.writer.flush()


log_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_write_log_gist')

inp = Input(shape=(3,))
hidden = Dense(8, activation='relu')(inp)
out = Dense(1)(hidden)
model = Model(inputs=inp, outputs=out)
model.compile(loss='mean_squared_error', optimizer='sgd', metrics=['mae'])

callback = TensorBoard(log_path)
callback.set_model(model)
train_names = ['train_loss', 'train_mae']
val_names = ['val_loss', 'val_mae']
np.random.seed(3)
for batch_no in range(20):
    X_train, Y_train = np.random.rand(32, 3), np.random.rand(32, 1)
    logs = model.train_on_batch(X_train, Y_train)
    write_log(callback, train_names, logs, batch_no)
    if batch_no % 5 == 0:
        X_val, Y_val = np.random.rand(32, 3), np.random.rand(32, 1)
        logs = model.test_on_batch(X_val, Y_val)
        write_log(callback, val_names, logs, batch_no // 5)
print('wrote 20 batches')
