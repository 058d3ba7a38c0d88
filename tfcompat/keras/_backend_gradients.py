"""Keras 2 ``K.gradients(loss, variables)`` and ``K.stop_gradient``.

Part of :mod:`tfcompat.keras.backend`. ``K.gradients`` needs a symbolic
``loss``, as in Keras 2:

* a tensor of a TF1 graph (built from ``K.placeholder``/``tfcompat.v1``):
  ``tf.gradients`` in that graph; Keras 3 / eager variables used in the graph
  are differentiated through their read (see ``_backend_graph.lift``);
* a Keras 3 symbolic tensor (``model.output``...): the gradient is a Keras
  tensor computed by a small layer with a ``GradientTape``, so
  ``K.function([model.input], K.gradients(loss, model.input))`` works, the
  2018 saliency / deep-dream / adversarial idiom;
* inside ``tf.function``: ``tf.gradients``.

An eager ``loss`` has no graph to differentiate: that is an error saying to use
``tf.GradientTape``.
"""

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras, import_tf
from tfcompat.keras._backend_graph import builds
from tfcompat.v1._lift import graph_of, is_eager_variable, is_keras_tensor_like, lifted_read

__all__ = ["gradients", "stop_gradient"]

_layer_class = []


@builds
def stop_gradient(variables):
    """Mirrors Keras 2 ``K.stop_gradient(variables)``: a tensor (or list) whose gradient is 0."""
    tf = import_tf()
    if isinstance(variables, (list, tuple)):
        return [tf.stop_gradient(v) for v in variables]
    return tf.stop_gradient(variables)


def gradients(loss, variables):
    """Mirrors Keras 2 ``K.gradients(loss, variables)``: the list of d(loss)/d(variable).

    ``None`` for a variable ``loss`` does not depend on (TF1 graphs), as in Keras 2.

    Raises:
        InvalidArgumentError: ``loss`` is an eager value (use ``tf.GradientTape``),
            or Keras tensors are mixed with variables in ``variables``.
    """
    tf = import_tf()
    targets = list(variables) if isinstance(variables, (list, tuple)) else [variables]
    if is_keras_tensor_like(loss):
        return _symbolic_gradients(loss, targets)
    graph = graph_of(loss)
    if graph is None:
        if not tf.executing_eagerly():  # inside tf.function or the user's own graph
            return tf.gradients(loss, targets)
        raise InvalidArgumentError(
            "`loss` is an eager tensor: it holds a value, not the computation that made it, so there is "
            "nothing to differentiate (Keras 2 losses were graph tensors). Build it from K.placeholder / "
            "model tensors, or compute the gradient with tf.GradientTape. Received: "
            f"loss={loss!r:.200}"
        )
    reads = [lifted_read(v, graph) if is_eager_variable(v) else v for v in targets]
    connected = [r for r in reads if r is not None]
    with graph.as_default():
        grads = iter(tf.gradients(loss, connected)) if connected else iter(())
    return [None if r is None else next(grads) for r in reads]


def _roots(tensor):
    """The ``keras.Input`` tensors a Keras 3 symbolic tensor is computed from."""
    roots, seen, todo = [], set(), [tensor]
    while todo:
        kt = todo.pop()
        if id(kt) in seen:
            continue
        seen.add(id(kt))
        history = getattr(kt, "_keras_history", None)
        node = history.operation._inbound_nodes[history.node_index] if history else None
        if node is None or node.is_input:
            roots.append(kt)
        else:
            todo.extend(node.input_tensors)
    return roots


def _gradient_layer_class():
    if _layer_class:
        return _layer_class[0]
    keras = import_keras()
    tf = import_tf()

    class KerasGradient(keras.layers.Layer):
        """d(loss)/d(targets) as a Keras 3 layer: ``loss_model`` recomputes the loss under a tape."""

        def __init__(self, loss_model, weights, specs):
            super().__init__(name=f"k_gradients_{keras.backend.get_uid('k_gradients')}")
            self._loss_model = loss_model
            self._targets = weights  # variables, or None: differentiate w.r.t. the inputs
            self._specs = specs

        def call(self, inputs, training=None):
            inputs = [tf.convert_to_tensor(x) for x in inputs]
            with tf.GradientTape() as tape:
                if self._targets is None:
                    tape.watch(inputs)
                loss = self._loss_model(inputs, training=training)
            sources = inputs if self._targets is None else [getattr(v, "value", v) for v in self._targets]
            return tape.gradient(loss, sources, unconnected_gradients=tf.UnconnectedGradients.ZERO)

        def compute_output_spec(self, inputs, training=None):
            return [keras.KerasTensor(shape, dtype=dtype) for shape, dtype in self._specs]

    _layer_class.append(KerasGradient)
    return KerasGradient


def _symbolic_gradients(loss, targets):
    keras = import_keras()
    if all(is_keras_tensor_like(t) for t in targets):
        inputs, weights = targets, None
        specs = [(t.shape, t.dtype) for t in targets]
    elif not any(is_keras_tensor_like(t) for t in targets):
        inputs, weights = _roots(loss), targets
        specs = [(tuple(v.shape), keras.backend.standardize_dtype(v.dtype)) for v in targets]
    else:
        raise InvalidArgumentError(
            "`variables` must be all Keras tensors (model.input, layer.output) or all variables "
            f"(model.trainable_weights), not a mix. Received: variables={targets!r:.300}"
        )
    loss_model = keras.Model(inputs, loss)
    return list(_gradient_layer_class()(loss_model, weights, specs)(list(inputs)))
