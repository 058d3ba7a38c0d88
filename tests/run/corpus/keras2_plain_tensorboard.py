"""A Keras 2.2 script with the stock ``keras.callbacks.TensorBoard(log_dir=...)`` (2018).

Pattern reproduced: the ordinary 2018 Keras script: ``Sequential`` + ``Dense``/``Dropout``,
``RMSprop(lr=...)``, ``metrics=['accuracy']``, ``fit(..., validation_data=...)`` with
``callbacks=[TensorBoard(log_dir=..., histogram_freq=0, write_graph=True, write_images=False)]``.
Keras 2.2 wrote ONE run in ``log_dir``: ``loss``/``acc``/``val_loss``/``val_acc`` as
``simple_value`` scalars at epochs 0..N-1, plus the session graph.

Usage: python keras2_plain_tensorboard.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
from keras.callbacks import TensorBoard
from keras.layers import Dense, Dropout
from keras.models import Sequential
from keras.optimizers import RMSprop

log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_plain_tensorboard')

np.random.seed(7)
x_train = np.random.random((160, 10))
y_train = (x_train[:, 0] + x_train[:, 1] > 1.0).astype('float32')
x_val = np.random.random((40, 10))
y_val = (x_val[:, 0] + x_val[:, 1] > 1.0).astype('float32')

model = Sequential()
model.add(Dense(16, activation='relu', input_dim=10))
model.add(Dropout(0.2))
model.add(Dense(1, activation='sigmoid'))
model.compile(loss='binary_crossentropy', optimizer=RMSprop(lr=0.01), metrics=['accuracy'])

tensorboard = TensorBoard(log_dir=log_dir, histogram_freq=0, write_graph=True, write_images=False)
history = model.fit(x_train, y_train, batch_size=32, epochs=3, verbose=2,
                    validation_data=(x_val, y_val), callbacks=[tensorboard])
print('history keys: %s' % sorted(history.history.keys()))
