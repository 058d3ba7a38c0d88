"""The Keras 1-to-2 transition tutorial: ``init='uniform'``, ``nb_epoch=``, ``metrics_names`` (2016-2017).

Pattern reproduced: the "first neural network in Keras" tutorials of 2016-2017 (the diabetes
CSV model): ``Dense(12, input_dim=8, init='uniform', activation='relu')`` (Keras 1 argument,
accepted with a warning by Keras 2), ``model.fit(X, Y, nb_epoch=..., batch_size=10,
validation_split=0.2, callbacks=[TensorBoard(log_dir=...)])``, then
``scores = model.evaluate(X, Y)`` printed as ``model.metrics_names[1]`` (Keras 2 said ``acc``).
The CSV is generated.

Usage: python keras2_nb_epoch_init.py [LOGDIR]
"""
from __future__ import print_function

import os
import sys

import numpy
from keras.callbacks import TensorBoard
from keras.layers import Dense
from keras.models import Sequential

log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_nb_epoch_init')
if not os.path.isdir(log_dir):
    os.makedirs(log_dir)
seed = 7
numpy.random.seed(seed)
csv_path = os.path.join(log_dir, 'generated-diabetes.csv')
rows = numpy.random.rand(150, 8)
outcome = (rows[:, 1] + rows[:, 5] > 1.0).astype(int)
numpy.savetxt(csv_path, numpy.c_[rows, outcome], delimiter=',', fmt='%.4f')

dataset = numpy.loadtxt(csv_path, delimiter=',')
X = dataset[:, 0:8]
Y = dataset[:, 8]
model = Sequential()
model.add(Dense(12, input_dim=8, init='uniform', activation='relu'))
model.add(Dense(8, init='uniform', activation='relu'))
model.add(Dense(1, init='uniform', activation='sigmoid'))
model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit(X, Y, nb_epoch=3, batch_size=10, validation_split=0.2, verbose=0,
          callbacks=[TensorBoard(log_dir=os.path.join(log_dir, 'tb'))])
scores = model.evaluate(X, Y, verbose=0)
print("%s: %.2f%%" % (model.metrics_names[1], scores[1] * 100))
