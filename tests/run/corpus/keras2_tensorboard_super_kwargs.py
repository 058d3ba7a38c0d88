"""A ``TensorBoard`` subclass that logs the learning rate and passes Keras 2 options to ``super()`` (2018).

Pattern reproduced: the 2018 "log the learning rate to TensorBoard" answer: a subclass whose
``__init__`` forwards ``histogram_freq=1, batch_size=..., write_grads=True, write_graph=True``
to ``super().__init__``, and whose ``on_epoch_end`` adds ``logs['lr'] = K.eval(self.model.optimizer.lr)``
before calling the parent. Keras 2.2 then wrote the scalars (``lr`` included), one histogram per
weight (``hidden/kernel_0``), per gradient (``hidden/kernel_0_grad``) and per layer output
(``hidden_out``) at every epoch, from the validation data, plus the graph.

Usage: python keras2_tensorboard_super_kwargs.py [LOGDIR]
"""
import os
import sys

import numpy as np
from keras import backend as K
from keras.callbacks import TensorBoard
from keras.layers import Dense
from keras.models import Sequential
from keras.optimizers import SGD


class LRTensorBoard(TensorBoard):
    def __init__(self, log_dir, **kwargs):
        super(LRTensorBoard, self).__init__(log_dir=log_dir, histogram_freq=1, batch_size=16,
                                            write_grads=True, write_graph=True, **kwargs)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        logs.update({'lr': K.eval(self.model.optimizer.lr)})
        super(LRTensorBoard, self).on_epoch_end(epoch, logs)


log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_tensorboard_super_kwargs')
np.random.seed(4)
x = np.random.uniform(-1, 1, size=(96, 4))
y = x.sum(axis=1, keepdims=True)
model = Sequential()
model.add(Dense(6, activation='tanh', input_dim=4, name='hidden'))
model.add(Dense(1, name='out'))
model.compile(loss='mse', optimizer=SGD(lr=0.05, momentum=0.9))
model.fit(x[:80], y[:80], epochs=2, batch_size=16, validation_data=(x[80:], y[80:]), verbose=0,
          callbacks=[LRTensorBoard(log_dir)])
print('lr %.3f' % K.get_value(model.optimizer.lr))
