"""A ``TensorBoard`` subclass writing batch-level metrics with ``.item()`` through ``self.writer`` (2017-2018).

Pattern reproduced: the "TensorBoardBatch" callbacks of 2017-2018 (before Keras had
``update_freq``): ``super().__init__(*args, **kwargs)``, ``self.tf = __import__('tensorflow')``,
an ``on_batch_end`` that builds ``tf.Summary`` protos from ``logs`` (skipping ``batch``/``size``),
``value.item()`` on the numpy scalars Keras 2 passed, writes them with ``self.writer`` at a
running sample count (``self.seen += self.batch_size``), and leaves the epoch logs to the parent.

Usage: python keras2_batch_tensorboard.py [LOGDIR]
"""
import os
import sys

import numpy as np
from keras.callbacks import TensorBoard
from keras.layers import Dense
from keras.models import Sequential


class TensorBoardBatch(TensorBoard):
    def __init__(self, *args, **kwargs):
        super(TensorBoardBatch, self).__init__(*args, **kwargs)
        self.seen = 0
        # conditionally import tensorflow iff TensorBoardBatch is created
        self.tf = __import__('tensorflow')

    def on_batch_end(self, batch, logs=None):
        logs = logs or {}
        self.seen += self.batch_size
        for name, value in logs.items():
            if name in ['batch', 'size']:
                continue
            summary = self.tf.Summary()
            summary_value = summary.value.add()
            summary_value.simple_value = value.item()
            summary_value.tag = 'batch_' + name
            self.writer.add_summary(summary, self.seen)
        self.writer.flush()


log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_batch_tensorboard')
np.random.seed(5)
x = np.random.normal(size=(96, 5))
y = (x[:, 1] > 0).astype('float32')
model = Sequential([Dense(8, input_dim=5, activation='relu'), Dense(1, activation='sigmoid')])
model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
model.fit(x, y, batch_size=32, epochs=2, verbose=0, validation_split=0.25,
          callbacks=[TensorBoardBatch(log_dir=log_dir, batch_size=32, write_graph=False)])
print('done')
