"""Gradients of a Keras 3 model's loss on one batch, on any backend: Keras 2's ``model.optimizer.get_gradients``.

Keras 2.1's ``TensorBoard(write_grads=True)`` ran ``K.gradients(model.total_loss,
weights)`` in the session; Keras 3 has no symbolic loss, so the loss is
recomputed on the batch and differentiated with the backend's own tool:
``tf.GradientTape``, ``jax.grad`` (through a ``StatelessScope``) or
``torch.autograd.grad``. No weight, metric or optimizer state changes.
"""

import importlib

from tfcompat._lazy_tf import import_keras, import_tf, keras_backend

__all__ = ["loss_gradients", "GRADIENT_BACKENDS"]

GRADIENT_BACKENDS = ("tensorflow", "jax", "torch")


def loss_gradients(model, x, y, sample_weight=None):
    """``{id(variable): numpy gradient}`` of ``model``'s compiled loss on ``(x, y)`` for its trainable weights.

    A weight the loss does not depend on has no entry. Raises NotImplementedError
    on a backend outside :data:`GRADIENT_BACKENDS` (``numpy`` has no gradients).
    """
    keras = import_keras()
    trainable = list(model.trainable_weights)
    if not trainable:
        return {}

    def loss_of(y_pred):
        return model.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=False)

    backend = keras_backend()
    if backend == "tensorflow":
        tf = import_tf()
        with tf.GradientTape() as tape:
            loss = loss_of(model(x, training=False))
        grads = tape.gradient(loss, trainable)
    elif backend == "jax":
        jax = importlib.import_module("jax")

        def loss_fn(values):
            with keras.StatelessScope(state_mapping=list(zip(trainable, values))):
                return loss_of(model(x, training=False))

        grads = jax.grad(loss_fn)([w.value for w in trainable])
    elif backend == "torch":
        torch = importlib.import_module("torch")
        params = [w.value for w in trainable]
        with torch.enable_grad():
            loss = loss_of(model(x, training=False))
            grads = torch.autograd.grad(loss, params, allow_unused=True)
    else:
        raise NotImplementedError(f"gradients need one of the backends {GRADIENT_BACKENDS}. Received: backend={backend!r}")
    return {id(w): keras.ops.convert_to_numpy(g) for w, g in zip(trainable, grads) if g is not None}
