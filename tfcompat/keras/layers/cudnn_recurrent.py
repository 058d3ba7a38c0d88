"""Mirrors Keras 2.2's ``keras.layers.cudnn_recurrent``: ``CuDNNGRU``/``CuDNNLSTM``.

Keras 3's ``GRU``/``LSTM`` run the cuDNN kernel by themselves when their arguments
allow it (tanh/sigmoid activations, no recurrent dropout, ``reset_after=True``),
which are exactly the CuDNN layers' fixed settings; these build them with Keras 2's
argument order. Weights saved by Keras 2's CuDNN layers are not converted.
"""

from tfcompat.keras.layers.recurrent import GRU, LSTM

__all__ = ["CuDNNGRU", "CuDNNLSTM"]


def CuDNNGRU(units, kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",  # noqa: N802
             bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
             activity_regularizer=None, kernel_constraint=None, recurrent_constraint=None, bias_constraint=None,
             return_sequences=False, return_state=False, stateful=False, **kwargs):
    """Keras 2 ``CuDNNGRU(units, ...)``: a Keras 3 ``GRU`` with cuDNN's fixed settings."""
    return GRU(
        units, kernel_initializer=kernel_initializer, recurrent_initializer=recurrent_initializer,
        bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
        recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
        activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
        recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
        return_sequences=return_sequences, return_state=return_state, stateful=stateful, reset_after=True, **kwargs)


def CuDNNLSTM(units, kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",  # noqa: N802
              bias_initializer="zeros", unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
              bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
              bias_constraint=None, return_sequences=False, return_state=False, stateful=False, **kwargs):
    """Keras 2 ``CuDNNLSTM(units, ...)``: a Keras 3 ``LSTM`` with cuDNN's fixed settings."""
    return LSTM(
        units, kernel_initializer=kernel_initializer, recurrent_initializer=recurrent_initializer,
        bias_initializer=bias_initializer, unit_forget_bias=unit_forget_bias, kernel_regularizer=kernel_regularizer,
        recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
        activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
        recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
        return_sequences=return_sequences, return_state=return_state, stateful=stateful, **kwargs)
