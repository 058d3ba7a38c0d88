"""Functional API model with two named outputs, ``loss_weights`` and one metrics list (Keras 2, 2017).

Pattern reproduced: the Keras 2 functional-API guide's multi-output model: ``Input``, shared
``Dense`` trunk, ``main_output`` and ``aux_output`` layers, ``compile(optimizer=RMSprop(lr=...),
loss={'main_output': ..., 'aux_output': ...}, loss_weights={...}, metrics=['accuracy'])``.
Keras 2.2 named the logs ``main_output_loss``, ``aux_output_acc``, ``val_main_output_acc``...,
which the stock TensorBoard wrote as scalars.

Usage: python keras2_multi_output.py [LOGDIR]
"""
import os
import sys

import numpy as np
from keras.callbacks import TensorBoard
from keras.layers import Dense, Input
from keras.models import Model
from keras.optimizers import RMSprop

log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_multi_output')
main_input = Input(shape=(6,), name='main_input')
x = Dense(12, activation='relu')(main_input)
main_output = Dense(1, activation='sigmoid', name='main_output')(x)
aux_output = Dense(1, activation='sigmoid', name='aux_output')(main_input)
model = Model(inputs=[main_input], outputs=[main_output, aux_output])
model.compile(optimizer=RMSprop(lr=0.001),
              loss={'main_output': 'binary_crossentropy', 'aux_output': 'binary_crossentropy'},
              loss_weights={'main_output': 1., 'aux_output': 0.2}, metrics=['accuracy'])
np.random.seed(17)
data = np.random.rand(100, 6)
labels = (data[:, 0] > 0.5).astype('float32')
model.fit({'main_input': data}, {'main_output': labels, 'aux_output': labels}, epochs=2, batch_size=25,
          validation_split=0.2, verbose=0, callbacks=[TensorBoard(log_dir=log_dir)])
print(model.metrics_names)
