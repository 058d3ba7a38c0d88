"""The Keras 2.1 ``TensorBoard`` callback call of early 2018, UNMODIFIED.

Style: Keras 2.1.x (January 2018). ``keras.callbacks.TensorBoard`` called the way
its 2.1 docs showed, positionally: ``TensorBoard(log_dir, histogram_freq,
batch_size, write_graph, write_grads, write_images)``. Keras 3 reads the third
positional argument as ``write_graph`` and rejects ``write_grads``; ``tfcompat run``
gives the script the 2.1 callback. Also ``fit_generator`` and
``evaluate_generator`` with a plain Python generator.

Usage:  tfcompat run legacy_examples/keras_tb21_callback.py LOGDIR
Data is generated (no download); a few seconds on a CPU.
"""
import sys

import keras
import numpy as np
from keras.layers import Dense
from keras.models import Sequential


def batches(x, y, size):
    while True:
        for start in range(0, len(x), size):
            yield x[start:start + size], y[start:start + size]


def main(log_dir):
    rng = np.random.RandomState(3)
    x = rng.normal(size=(160, 6)).astype('float32')
    y = (x.sum(axis=1) > 0).astype('float32')
    model = Sequential()
    model.add(Dense(8, activation='relu', input_dim=6))
    model.add(Dense(1, activation='sigmoid'))
    model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])

    tensorboard = keras.callbacks.TensorBoard(log_dir, 0, 32, True, False, False)
    model.fit_generator(batches(x[:128], y[:128], 32), steps_per_epoch=4, epochs=3, verbose=0,
                        validation_data=(x[128:], y[128:]), callbacks=[tensorboard])
    loss, acc = model.evaluate_generator(batches(x[128:], y[128:], 16), steps=2)
    print('held-out loss %.3f acc %.3f' % (loss, acc))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else './logs/keras_tb21')
