"""Driving the stock TensorBoard by hand from a ``train_on_batch`` loop with ``named_logs`` (2018).

Pattern reproduced: the 2018 answer for logging ``train_on_batch`` training: create
``keras.callbacks.TensorBoard(log_dir=..., histogram_freq=0, batch_size=..., write_graph=True,
write_grads=True)``, call ``tensorboard.set_model(model)``, zip ``model.metrics_names`` with the
values ``train_on_batch`` returns (``named_logs``), call ``tensorboard.on_epoch_end(batch_id, ...)``
per batch and ``tensorboard.on_train_end(None)`` at the end.

Usage: python keras2_named_logs_train_on_batch.py [LOGDIR]
"""
import os
import sys

import keras
import numpy as np

log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_named_logs_train_on_batch')
batch_size = 16
model = keras.models.Sequential()
model.add(keras.layers.Dense(8, activation='relu', input_dim=4))
model.add(keras.layers.Dense(2, activation='softmax'))
model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])

tensorboard = keras.callbacks.TensorBoard(log_dir=log_dir, histogram_freq=0, batch_size=batch_size,
                                          write_graph=True, write_grads=True)
tensorboard.set_model(model)


# Transform train_on_batch return value to dict expected by on_batch_end callback
def named_logs(model, logs):
    result = {}
    for l in zip(model.metrics_names, logs):
        result[l[0]] = l[1]
    return result


np.random.seed(18)
for batch_id in range(8):
    x_train = np.random.rand(batch_size, 4)
    y_train = keras.utils.to_categorical((x_train[:, 0] > 0.5).astype(int), 2)
    logs = model.train_on_batch(x_train, y_train)
    tensorboard.on_epoch_end(batch_id, named_logs(model, logs))
tensorboard.on_train_end(None)
print(model.metrics_names)
