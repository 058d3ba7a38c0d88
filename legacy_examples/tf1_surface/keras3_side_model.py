"""A module of today next to a 2019 compat.v1 script: a Keras 3 model trained with ``fit``."""
import keras
import numpy as np


def train(logdir, seed):
    rng = np.random.RandomState(seed)
    x = rng.rand(256, 3).astype('float32')
    y = (x.sum(axis=1, keepdims=True) > 1.5).astype('float32')
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(8, activation='relu'),
                              keras.layers.Dense(1, activation='sigmoid')])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss='binary_crossentropy',
                  metrics=['accuracy'])
    history = model.fit(x, y, epochs=5, batch_size=32, verbose=0,
                        callbacks=[keras.callbacks.TensorBoard(log_dir=logdir)])
    return history.history['loss'][-1]
