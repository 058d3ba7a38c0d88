"""``TrainValTensorBoard``: training and validation curves in one chart, graph-or-eager aware (2018-2019).

Pattern reproduced: the StackOverflow ``TrainValTensorBoard(TensorBoard)`` class as updated in
2019 for TF 1.13: the parent logs to ``log_dir/training``, a second writer logs the ``val_``
metrics (prefix stripped) to ``log_dir/validation``; both ``set_model`` and ``on_epoch_end``
branch on ``tf.executing_eagerly()`` (``tf.contrib.summary`` writer when eager, a
``tf.summary.FileWriter`` + ``tf.Summary`` protos with ``value.item()`` in graph mode, which is
what a Keras 2 script ran). The remaining logs go to ``super().on_epoch_end``.

Usage: python keras2_trainval_tensorboard.py [LOGDIR]
"""
import os
import sys

import numpy as np
import tensorflow as tf
from keras.callbacks import TensorBoard
from keras.layers import Dense
from keras.models import Sequential


class TrainValTensorBoard(TensorBoard):
    def __init__(self, log_dir='./logs', **kwargs):
        # Make the original `TensorBoard` log to a subdirectory 'training'
        training_log_dir = os.path.join(log_dir, 'training')
        super(TrainValTensorBoard, self).__init__(training_log_dir, **kwargs)
        # Log the validation metrics to a separate subdirectory
        self.val_log_dir = os.path.join(log_dir, 'validation')

    def set_model(self, model):
        # Setup writer for validation metrics
        if tf.executing_eagerly():
            self.val_writer = tf.contrib.summary.create_file_writer(self.val_log_dir)
        else:
            self.val_writer = tf.summary.FileWriter(self.val_log_dir)
        super(TrainValTensorBoard, self).set_model(model)

    def on_epoch_end(self, epoch, logs=None):
        # Pop the validation logs and handle them separately with `self.val_writer`.
        logs = logs or {}
        val_logs = {k.replace('val_', ''): v for k, v in logs.items() if k.startswith('val_')}
        if tf.executing_eagerly():
            with self.val_writer.as_default(), tf.contrib.summary.always_record_summaries():
                for name, value in val_logs.items():
                    tf.contrib.summary.scalar(name, value.item(), step=epoch)
        else:
            for name, value in val_logs.items():
                summary = tf.Summary()
                summary_value = summary.value.add()
                summary_value.simple_value = value.item()
                summary_value.tag = name
                self.val_writer.add_summary(summary, epoch)
        self.val_writer.flush()
        # Pass the remaining logs to `TensorBoard.on_epoch_end`
        logs = {k: v for k, v in logs.items() if not k.startswith('val_')}
        super(TrainValTensorBoard, self).on_epoch_end(epoch, logs)

    def on_train_end(self, logs=None):
        super(TrainValTensorBoard, self).on_train_end(logs)
        self.val_writer.close()


log_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), 'logs', 'keras2_trainval_tensorboard')
np.random.seed(2)
x = np.random.normal(size=(150, 6))
y = (x[:, 0] > 0).astype('float32')
model = Sequential([Dense(8, activation='relu', input_shape=(6,)), Dense(1, activation='sigmoid')])
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
model.fit(x, y, epochs=3, batch_size=30, validation_split=0.2, verbose=0,
          callbacks=[TrainValTensorBoard(log_dir=log_dir, write_graph=False)])
print('eager: %s' % tf.executing_eagerly())
