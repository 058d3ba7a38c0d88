"""Mirrors Keras 2.2's ``keras.layers.recurrent``: RNN layers and cells (Keras 3's classes).

Keras 2's abstract ``Recurrent`` base (a Keras 1 leftover) raises, naming ``RNN`` with a cell.
"""

from tfcompat._lazy_tf import import_keras
from tfcompat.keras._same_names import removed_class

keras = import_keras()

__all__ = ["RNN", "StackedRNNCells", "SimpleRNNCell", "SimpleRNN", "GRUCell", "GRU", "LSTMCell", "LSTM", "Recurrent"]

RNN = keras.layers.RNN
StackedRNNCells = keras.layers.StackedRNNCells
SimpleRNNCell = keras.layers.SimpleRNNCell
SimpleRNN = keras.layers.SimpleRNN
GRUCell = keras.layers.GRUCell
GRU = keras.layers.GRU
LSTMCell = keras.layers.LSTMCell
LSTM = keras.layers.LSTM
Recurrent = removed_class("Recurrent", "Keras 2 kept it only as the Keras 1 base class", "keras.layers.RNN(cell)")
