"""The stock Keras 2.2 ``TensorBoard(histogram_freq=1)`` on an unnamed ``Sequential`` (2018).

Pattern reproduced: ``TensorBoard(log_dir=..., histogram_freq=1, write_graph=True)`` with
``validation_data`` (Keras 2.2 required it for histograms) and ``Adam(lr=...)``. Keras 2 named layers from 1
(``dense_1``, ``dense_2``) and the callback wrote, once per epoch, a histogram per weight
tagged ``dense_1/kernel_0`` / ``dense_1/bias_0`` and per layer output ``dense_1_out``, plus the
epoch scalars and the graph, in one run.

Usage: python keras2_histogram_freq.py [LOGDIR]
"""
import os
import sys

import numpy as np
from keras.callbacks import TensorBoard
from keras.layers import Dense
from keras.models import Sequential
from keras.optimizers import Adam

log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_histogram_freq')
np.random.seed(13)
x = np.random.normal(size=(100, 4))
y = (x[:, 0] * x[:, 1] > 0).astype('float32')
model = Sequential()
model.add(Dense(8, activation='relu', input_dim=4))
model.add(Dense(1, activation='sigmoid'))
model.compile(loss='binary_crossentropy', optimizer=Adam(lr=0.01), metrics=['accuracy'])
model.fit(x[:76], y[:76], epochs=2, batch_size=32, verbose=0, validation_data=(x[76:], y[76:]),
          callbacks=[TensorBoard(log_dir=log_dir, histogram_freq=1, write_graph=True)])
print([layer.name for layer in model.layers])
