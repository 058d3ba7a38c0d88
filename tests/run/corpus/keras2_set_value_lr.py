"""Step decay with ``K.set_value(model.optimizer.lr, ...)`` and the rate logged to TensorBoard (Keras 2, 2017-2018).

Pattern reproduced: custom Keras 2 callbacks that changed the learning rate in
``on_epoch_begin`` with ``K.set_value(self.model.optimizer.lr, K.get_value(...) * 0.1)`` and put
``logs['lr'] = K.get_value(self.model.optimizer.lr)`` into the epoch logs, listed before the
stock ``TensorBoard`` so that it wrote an ``lr`` scalar next to ``loss``/``acc``.

Usage: python keras2_set_value_lr.py [LOGDIR]
"""
import os
import sys

import numpy as np
from keras import backend as K
from keras.callbacks import Callback, TensorBoard
from keras.layers import Dense
from keras.models import Sequential
from keras.optimizers import SGD


class StepDecay(Callback):
    def __init__(self, drop_at=(2,), factor=0.1):
        super(StepDecay, self).__init__()
        self.drop_at = drop_at
        self.factor = factor

    def on_epoch_begin(self, epoch, logs=None):
        if epoch in self.drop_at:
            old = K.get_value(self.model.optimizer.lr)
            K.set_value(self.model.optimizer.lr, old * self.factor)

    def on_epoch_end(self, epoch, logs=None):
        logs['lr'] = K.get_value(self.model.optimizer.lr)


log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_set_value_lr')
np.random.seed(9)
x = np.random.rand(100, 3)
y = (x[:, 0] > x[:, 1]).astype('float32')
model = Sequential([Dense(8, input_dim=3, activation='relu'), Dense(1, activation='sigmoid')])
model.compile(loss='binary_crossentropy', optimizer=SGD(lr=0.1), metrics=['accuracy'])
model.fit(x, y, epochs=3, batch_size=25, verbose=0, callbacks=[StepDecay(), TensorBoard(log_dir=log_dir)])
print('final lr %.4f' % K.get_value(model.optimizer.lr))
