"""A TF 2.x / Keras 3 script that ``tfcompat run`` must leave alone (2020-2024 style).

Style: the TF 2.x TensorBoard tutorials. ``tf.summary.create_file_writer`` set as
default, ``tf.summary.scalar(name, data=..., step=...)`` inside a
``LearningRateScheduler`` function logging ``learning_rate``, Keras 3's own
``TensorBoard(histogram_freq=1)``, ``tf.summary.image/text/histogram/audio`` with
``step=``, and ``trace_on``/``trace_export`` as the TF 2.0-2.15 tutorials wrote
it (``profiler_outdir`` passed to ``trace_export``, which TF 2.16+ rejects at
runtime: ``tfcompat run`` makes it work).

Usage:  tfcompat run legacy_examples/tf2_unaffected.py LOGDIR      (or plain python)
Data is generated (no download); a few seconds on a CPU.
"""
import os
import sys

import keras
import numpy as np
import tensorflow as tf


def main(log_dir):
    rng = np.random.RandomState(5)
    x = rng.normal(size=(128, 4)).astype('float32')
    y = (x[:, 0] > 0).astype('int64')

    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8, activation='relu'),
                              keras.layers.Dense(2, activation='softmax')])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss='sparse_categorical_crossentropy', metrics=['accuracy'])

    lr_writer = tf.summary.create_file_writer(os.path.join(log_dir, 'lr'))
    lr_writer.set_as_default()

    def schedule(epoch):
        lr = 0.01 if epoch < 2 else 0.005
        tf.summary.scalar('learning_rate', data=lr, step=epoch)
        return lr

    model.fit(x, y, epochs=3, batch_size=32, verbose=0, validation_split=0.25,
              callbacks=[keras.callbacks.TensorBoard(log_dir=log_dir, histogram_freq=1),
                         keras.callbacks.LearningRateScheduler(schedule)])

    extra = tf.summary.create_file_writer(os.path.join(log_dir, 'extra'))
    with extra.as_default():
        tf.summary.image('ramp', np.linspace(0, 1, 16, dtype=np.float32).reshape(1, 4, 4, 1), step=0)
        tf.summary.text('note', 'trained with tf2_unaffected.py', step=0)
        tf.summary.histogram('inputs', x[:, 0], step=0)
        tf.summary.audio('tone', np.sin(np.arange(800, dtype=np.float32) / 4.0).reshape(1, 800, 1),
                         sample_rate=8000, step=0)

        @tf.function
        def forward(batch):
            return model(batch)

        tf.summary.trace_on(graph=True, profiler=True)
        forward(x[:8])
        tf.summary.trace_export(name='forward_trace', step=0, profiler_outdir=os.path.join(log_dir, 'profile'))
    extra.flush()
    lr_writer.flush()


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else './logs/tf2_unaffected')
