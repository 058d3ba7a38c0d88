"""Keras 2.2's ``keras.optimizers.TFOptimizer``: a TF1 ``tf.train`` optimizer training a Keras model.

Keras 2 compiled a model with ``optimizer=tf.train.AdamOptimizer(...)`` by wrapping it
in ``TFOptimizer``, which let TensorFlow apply the gradients. Here the wrapper is a
Keras 3 optimizer whose ``apply`` hands the gradients and the model's TF variables to
the TF1 optimizer (which creates its slots eagerly, also while Keras traces its train
step), then applies the variables' constraints and counts ``iterations``.

As in Keras 2, its state is not exposed: ``weights``, ``get_config`` and
``from_config`` raise ``NotImplementedError``, and a model saves without it.
"""

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras, import_tf

keras = import_keras()

__all__ = ["TFOptimizer", "is_tf1_optimizer"]


def is_tf1_optimizer(value):
    """True for an instance of TF1's ``tf.train.Optimizer`` (``tf.compat.v1.train.AdamOptimizer()``...)."""
    return isinstance(value, import_tf().compat.v1.train.Optimizer)


class TFOptimizer(keras.optimizers.Optimizer):
    """Keras 2 ``TFOptimizer(optimizer)``: trains with a TF1 ``tf.train`` optimizer.

    Args:
        optimizer: a ``tf.compat.v1.train.Optimizer`` instance (``tfcompat.v1.train.*`` too).

    Raises:
        InvalidArgumentError: ``optimizer`` is not a TF1 optimizer.
    """

    def __init__(self, optimizer, iterations=None):
        if not is_tf1_optimizer(optimizer):
            raise InvalidArgumentError(
                f"TFOptimizer wraps a TF1 tf.train optimizer (tf.compat.v1.train.AdamOptimizer()...). "
                f"Received: optimizer={optimizer!r}")
        super().__init__(learning_rate=0.0, name="TFOptimizer")
        self.optimizer = optimizer

    def apply(self, grads, trainable_variables=None):
        variables = list(trainable_variables if trainable_variables is not None else self._trainable_variables)
        pairs = [(g, getattr(v, "value", v)) for g, v in zip(grads, variables) if g is not None]
        if not pairs:
            raise ValueError(f"No gradients provided for any variable: {[v.path for v in variables]}")
        self.optimizer.apply_gradients(pairs)
        for variable in variables:
            if variable.constraint is not None:
                variable.assign(variable.constraint(variable))
        self._iterations.assign_add(1)

    def apply_gradients(self, grads_and_vars):
        grads, variables = zip(*grads_and_vars)
        self.apply(grads, variables)
        return self._iterations

    def update_step(self, gradient, variable, learning_rate):
        raise NotImplementedError("TFOptimizer applies gradients through the wrapped tf.train optimizer.")

    @property
    def weights(self):
        raise NotImplementedError("TFOptimizer does not expose the state of the wrapped tf.train optimizer.")

    def get_config(self):
        raise NotImplementedError("TFOptimizer cannot be serialized: the tf.train optimizer has no config.")

    @classmethod
    def from_config(cls, config, custom_objects=None):
        raise NotImplementedError("TFOptimizer cannot be deserialized.")
