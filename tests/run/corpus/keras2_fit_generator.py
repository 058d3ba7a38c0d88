"""``fit_generator`` with Python generators and the stock TensorBoard, graph off (Keras 2.0-2.2, 2017-2018).

Pattern reproduced: the generator-based training of 2017-2018 (``while True: ... yield x, y``),
``model.fit_generator(gen, steps_per_epoch=..., epochs=..., validation_data=val_gen,
validation_steps=...)``, ``evaluate_generator``/``predict_generator``, and
``TensorBoard(log_dir=..., write_graph=False)`` which wrote only the epoch scalars.

Usage: python keras2_fit_generator.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
from keras.callbacks import TensorBoard
from keras.layers import Dense
from keras.models import Sequential


def batch_generator(n_features, batch_size, seed):
    rs = np.random.RandomState(seed)
    while True:
        x = rs.normal(size=(batch_size, n_features))
        y = (x[:, 0] - x[:, 1] > 0).astype('float32')
        yield x, y


log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_fit_generator')
model = Sequential([Dense(8, input_dim=3, activation='relu'), Dense(1, activation='sigmoid')])
model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit_generator(batch_generator(3, 16, 0), steps_per_epoch=4, epochs=3,
                    validation_data=batch_generator(3, 16, 1), validation_steps=2, verbose=0,
                    callbacks=[TensorBoard(log_dir=log_dir, write_graph=False)])
score = model.evaluate_generator(batch_generator(3, 16, 2), steps=2)
preds = model.predict_generator(batch_generator(3, 16, 3), steps=1)
print('eval metrics: %d, predictions: %s' % (len(score), preds.shape))
