"""Precision/recall/F1 written as backend metric functions after Keras 2.0 dropped them (2017-2018).

Pattern reproduced: the metric functions copied into countless 2017-2018 scripts once Keras 2.0
removed ``precision``/``recall``/``fbeta_score``: ``K.sum(K.round(K.clip(y_true * y_pred, 0, 1)))``
over ``K.epsilon()``, passed as ``metrics=['accuracy', precision, recall, f1]``. The stock
``TensorBoard`` then logged one scalar per metric function name (and its ``val_`` twin).

Usage: python keras2_custom_metrics_K.py [LOGDIR]
"""
import os
import sys

import numpy as np
from keras import backend as K
from keras.callbacks import TensorBoard
from keras.layers import Dense
from keras.models import Sequential


def recall(y_true, y_pred):
    true_positives = K.sum(K.round(K.clip(y_true * y_pred, 0, 1)))
    possible_positives = K.sum(K.round(K.clip(y_true, 0, 1)))
    return true_positives / (possible_positives + K.epsilon())


def precision(y_true, y_pred):
    true_positives = K.sum(K.round(K.clip(y_true * y_pred, 0, 1)))
    predicted_positives = K.sum(K.round(K.clip(y_pred, 0, 1)))
    return true_positives / (predicted_positives + K.epsilon())


def f1(y_true, y_pred):
    p = precision(y_true, y_pred)
    r = recall(y_true, y_pred)
    return 2 * ((p * r) / (p + r + K.epsilon()))


log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_custom_metrics_K')
np.random.seed(15)
x = np.random.rand(120, 5)
y = (x[:, 0] > 0.4).astype('float32')
model = Sequential([Dense(8, input_dim=5, activation='relu'), Dense(1, activation='sigmoid')])
model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy', precision, recall, f1])
model.fit(x, y, epochs=2, batch_size=24, validation_split=0.2, verbose=0, callbacks=[TensorBoard(log_dir=log_dir)])
print('metrics: %s' % model.metrics_names)
