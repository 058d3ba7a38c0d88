"""Mirrors Keras 2.2's ``keras.layers.recurrent``: RNN layers and cells (Keras 3's layers, Keras 2's names and Keras 1 arguments).

Keras 2's abstract ``Recurrent`` base (a Keras 1 leftover) raises, naming ``RNN`` with a cell.
"""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._keras2_layers import keras2_layer
from tfcompat.keras._same_names import removed_class

keras = import_keras()

__all__ = ["RNN", "StackedRNNCells", "SimpleRNNCell", "SimpleRNN", "GRUCell", "GRU", "LSTMCell", "LSTM", "Recurrent"]

RNN = keras2_layer(keras.layers.RNN, __name__)
StackedRNNCells = keras2_layer(keras.layers.StackedRNNCells, __name__)
SimpleRNNCell = keras2_layer(keras.layers.SimpleRNNCell, __name__)
SimpleRNN = keras2_layer(keras.layers.SimpleRNN, __name__)
GRUCell = keras2_layer(keras.layers.GRUCell, __name__)
GRU = keras2_layer(keras.layers.GRU, __name__)
LSTMCell = keras2_layer(keras.layers.LSTMCell, __name__)
LSTM = keras2_layer(keras.layers.LSTM, __name__)
Recurrent = removed_class("Recurrent", "Keras 2 kept it only as the Keras 1 base class", "keras.layers.RNN(cell)")
