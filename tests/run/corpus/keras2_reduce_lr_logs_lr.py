"""``ReduceLROnPlateau`` before the stock ``TensorBoard``: Keras 2.2 logged ``lr`` for free (2018).

Pattern reproduced: 2018 training scripts with ``callbacks=[ReduceLROnPlateau(monitor='val_loss',
factor=0.5, patience=0, epsilon=..., min_lr=...), TensorBoard(log_dir=...)]``. Keras 2.2's
``ReduceLROnPlateau`` put ``logs['lr']`` into the epoch logs, so the TensorBoard after it wrote an
``lr`` scalar. ``epsilon=`` is the Keras 2.0/2.1 name of ``min_delta``; here it is larger than any
improvement, so the rate halves after every epoch but the first.

Usage: python keras2_reduce_lr_logs_lr.py [LOGDIR]
"""
import os
import sys

import numpy as np
from keras.callbacks import ReduceLROnPlateau, TensorBoard
from keras.layers import Dense
from keras.models import Sequential
from keras.optimizers import SGD

log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_reduce_lr_logs_lr')
np.random.seed(16)
x = np.random.rand(80, 3)
y = x.dot(np.array([[1.0], [2.0], [-1.0]]))
model = Sequential([Dense(4, input_dim=3, activation='relu'), Dense(1)])
model.compile(loss='mse', optimizer=SGD(lr=0.1))
reduce_lr = ReduceLROnPlateau(monitor='val_loss', factor=0.5, patience=0, epsilon=1000.0, min_lr=0.001, verbose=0)
model.fit(x, y, epochs=3, batch_size=20, validation_split=0.25, verbose=0,
          callbacks=[reduce_lr, TensorBoard(log_dir=log_dir)])
print('done')
