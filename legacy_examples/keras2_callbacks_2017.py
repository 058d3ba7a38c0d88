"""A 2017 Keras 2.0 script with the usual callbacks, unmodified but for the checkpoint suffix.

Style: Keras 2.0.x (2017). ``from keras.utils import np_utils``,
``SGD(lr=..., decay=..., momentum=..., nesterov=True)``, ``fit(nb_epoch=...)``,
``ModelCheckpoint('weights.{epoch:02d}-{val_acc:.2f}...', monitor='val_acc')``,
``EarlyStopping(monitor='val_acc')``, ``ReduceLROnPlateau(monitor='val_acc')``,
``CSVLogger``, and ``K.get_value(model.optimizer.lr)``. On Keras 3 the callbacks would
warn that ``val_acc`` is not available and never act; ``tfcompat run`` gives them the
Keras 2 log keys. (Keras 2 wrote ``.hdf5`` checkpoints; Keras 3 requires ``.keras``,
the one change a 2017 script needs, made here: ``tfcompat check`` reports it.)

Usage:  tfcompat run legacy_examples/keras2_callbacks_2017.py OUTDIR
Data is generated (no download); a few seconds on a CPU.
"""
from __future__ import print_function

import os
import sys

import numpy as np
from keras import backend as K
from keras.callbacks import CSVLogger, EarlyStopping, ModelCheckpoint, ReduceLROnPlateau
from keras.layers import Activation, Dense
from keras.models import Sequential
from keras.optimizers import SGD
from keras.utils import np_utils

out = sys.argv[1] if len(sys.argv) > 1 else './logs/keras2_callbacks_2017'
if not os.path.isdir(out):
    os.makedirs(out)

np.random.seed(1337)
x_train = np.random.random((200, 8)).astype('float32')
y_train = np_utils.to_categorical((x_train[:, 0] > 0.5).astype('int32'), 2)
x_test = np.random.random((50, 8)).astype('float32')
y_test = np_utils.to_categorical((x_test[:, 0] > 0.5).astype('int32'), 2)

model = Sequential()
model.add(Dense(16, input_dim=8))
model.add(Activation('relu'))
model.add(Dense(2))
model.add(Activation('softmax'))
sgd = SGD(lr=0.05, decay=1e-6, momentum=0.9, nesterov=True)
model.compile(loss='categorical_crossentropy', optimizer=sgd, metrics=['accuracy'])

callbacks = [
    ModelCheckpoint(out + '/weights.{epoch:02d}-{val_acc:.2f}.keras', monitor='val_acc', save_best_only=True,
                    mode='max'),
    # min_delta beyond any accuracy change: stops at the second epoch (nothing can improve by 2.0).
    EarlyStopping(monitor='val_acc', patience=0, min_delta=2.0, mode='max'),
    ReduceLROnPlateau(monitor='val_acc', factor=0.5, patience=0, min_delta=2.0, min_lr=1e-4, mode='max'),
    CSVLogger(out + '/training.log'),
]
history = model.fit(x_train, y_train, nb_epoch=6, batch_size=32, validation_data=(x_test, y_test),
                    callbacks=callbacks, verbose=0)
print('epochs run: %d' % len(history.history['loss']))
print('history has acc: %s' % ('acc' in history.history and 'val_acc' in history.history))
print('final lr: %.4f' % K.get_value(model.optimizer.lr))
