"""A Keras 3 script with ``keras.callbacks.TensorBoard`` and a seeded fit (2024 style): TODAY's code.

Pattern reproduced: current Keras 3 code: ``import keras``, ``keras.utils.set_random_seed``,
``keras.Sequential([keras.Input(...), ...])``, ``keras.optimizers.Adam(learning_rate=...)``,
``metrics=['accuracy']``, ``model.fit(..., validation_split=..., callbacks=[keras.callbacks.TensorBoard(
log_dir, histogram_freq=1)])``. Keras 3 writes ``train``/``validation`` runs with ``epoch_*``
tensor summaries. Under ``tfcompat run`` it must write exactly what plain Python writes.

Usage: python tf2_keras3_fit_tensorboard.py [LOGDIR]
"""
import os
import sys

import keras
import numpy as np

log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'tf2_keras3_fit_tensorboard')
keras.utils.set_random_seed(21)
x = np.random.normal(size=(96, 4)).astype('float32')
y = (x[:, 0] > 0).astype('int64')
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8, activation='relu'),
                          keras.layers.Dense(2, activation='softmax')])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss='sparse_categorical_crossentropy',
              metrics=['accuracy'])
history = model.fit(x, y, epochs=2, batch_size=32, validation_split=0.25, verbose=0,
                    callbacks=[keras.callbacks.TensorBoard(log_dir, histogram_freq=1)])
print(sorted(history.history))
