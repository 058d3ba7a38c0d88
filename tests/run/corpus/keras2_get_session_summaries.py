"""TF 1.x summary ops on a Keras 2 model's own tensors, run with ``K.get_session()`` (2017-2018).

Pattern reproduced: scripts mixing Keras 2 and raw TF 1.x: ``sess = K.get_session()``, a
``tf.summary.histogram`` on ``model.layers[0].kernel`` (a variable of Keras's graph), a
``tf.summary.scalar`` on a placeholder fed with ``history.history['loss']``, ``merge_all``, a
``tf.summary.FileWriter(logdir, sess.graph)``, and ``sess.run(merged, ...)`` after each
single-epoch ``model.fit``.

Usage: python keras2_get_session_summaries.py [LOGDIR]
"""
import os
import sys

import numpy as np
import tensorflow as tf
from keras import backend as K
from keras.layers import Dense
from keras.models import Sequential

logdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_get_session_summaries')
sess = K.get_session()
model = Sequential([Dense(5, input_dim=3, activation='relu'), Dense(1)])
model.compile(loss='mse', optimizer='sgd')

with tf.name_scope('weights'):
    tf.summary.histogram('dense_kernel', model.layers[0].kernel)
loss_ph = tf.placeholder(tf.float32, shape=(), name='epoch_loss_value')
tf.summary.scalar('epoch_loss', loss_ph)
merged = tf.summary.merge_all()
writer = tf.summary.FileWriter(logdir, sess.graph)

np.random.seed(12)
x = np.random.rand(64, 3)
y = x.sum(axis=1, keepdims=True)
for epoch in range(3):
    h = model.fit(x, y, epochs=1, batch_size=16, verbose=0)
    summary = sess.run(merged, feed_dict={loss_ph: h.history['loss'][0]})
    writer.add_summary(summary, epoch)
writer.close()
print('kernel shape %s' % (K.int_shape(model.layers[0].kernel),))
