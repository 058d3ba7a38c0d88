"""``tf.keras`` in TF 1.10-1.12 with a TF optimizer and the tf.keras TensorBoard callback (2018).

Pattern reproduced: the TF 1.x tf.keras tutorials of 2018: ``from tensorflow import keras``,
``keras.Sequential([keras.layers.Dense(..., activation=tf.nn.relu), ...])``, compiled with a TF1
optimizer (``tf.train.AdamOptimizer(0.01)``) and ``metrics=['accuracy']``, trained with
``keras.callbacks.TensorBoard(log_dir=...)``. TF 1.x's tf.keras wrote one run with ``loss``/``acc``/
``val_loss``/``val_acc`` scalars and the graph.

Usage: python tfkeras_2018_tensorboard.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
import tensorflow as tf
from tensorflow import keras

log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tfkeras_2018_tensorboard')
np.random.seed(14)
train_data = np.random.rand(120, 8).astype(np.float32)
train_labels = (train_data[:, 3] > 0.5).astype(np.float32)

model = keras.Sequential([
    keras.layers.Dense(16, activation=tf.nn.relu, input_shape=(8,)),
    keras.layers.Dense(1, activation=tf.nn.sigmoid),
])
model.compile(optimizer=tf.train.AdamOptimizer(0.01), loss='binary_crossentropy', metrics=['accuracy'])
tensorboard = keras.callbacks.TensorBoard(log_dir=log_dir)
history = model.fit(train_data[:90], train_labels[:90], epochs=3, batch_size=30, verbose=0,
                    validation_data=(train_data[90:], train_labels[90:]), callbacks=[tensorboard])
print(sorted(history.history.keys()))
