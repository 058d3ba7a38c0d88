"""Keras 2.0-2.2 module paths and a custom ``Layer`` from ``keras.engine.topology`` (2017).

Pattern reproduced: 2017 scripts importing ``from keras.layers.core import Dense, Dropout,
Activation``, ``from keras.utils.np_utils import to_categorical``, and subclassing
``keras.engine.topology.Layer`` with ``build``/``call``/``compute_output_shape`` and
``self.add_weight(name=..., shape=..., initializer=..., trainable=True)`` (the "writing your
own Keras layers" guide of Keras 2), trained with ``nb_epoch=`` and logged by the stock
``TensorBoard(log_dir=...)``.

Usage: python keras2_layers_core_custom_layer.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy as np
from keras.callbacks import TensorBoard
from keras.engine.topology import Layer
from keras.layers.core import Activation, Dense, Dropout
from keras.models import Sequential
from keras.utils.np_utils import to_categorical


class Scale(Layer):
    """Learns one multiplier per feature."""

    def __init__(self, **kwargs):
        super(Scale, self).__init__(**kwargs)

    def build(self, input_shape):
        self.kernel = self.add_weight(name='kernel', shape=(input_shape[1],), initializer='ones', trainable=True)
        super(Scale, self).build(input_shape)

    def call(self, x):
        return x * self.kernel

    def compute_output_shape(self, input_shape):
        return input_shape


log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_layers_core_custom_layer')
np.random.seed(8)
X = np.random.rand(120, 6)
labels = np.argmax(X[:, :3], axis=1)
Y = to_categorical(labels, 3)

model = Sequential()
model.add(Scale(input_shape=(6,)))
model.add(Dense(12))
model.add(Activation('relu'))
model.add(Dropout(0.1))
model.add(Dense(3))
model.add(Activation('softmax'))
model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit(X, Y, nb_epoch=2, batch_size=24, validation_split=0.2, verbose=0,
          callbacks=[TensorBoard(log_dir=log_dir)])
print('scale weights: %d' % len(model.layers[0].get_weights()[0]))
