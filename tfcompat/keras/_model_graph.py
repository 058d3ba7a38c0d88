"""The ``GraphDef`` of a Keras 3 model, for ``write_graph`` (TF1 wrote ``sess.graph``)."""

from tfcompat._lazy_tf import keras_backend, optional_tf

__all__ = ["model_graph_def", "graph_unavailable"]


def graph_unavailable():
    """Why no graph can be written in this process (a sentence), or None when it can.

    A graph is a TensorFlow ``GraphDef`` traced with ``tf.function``: it needs
    TensorFlow installed and the model running on Keras's TensorFlow backend.
    """
    backend = keras_backend()
    if backend != "tensorflow":
        return (f"the graph needs Keras's TensorFlow backend (this process runs KERAS_BACKEND={backend!r}); "
                "no graph is written")
    if optional_tf() is None:
        return "the graph needs TensorFlow, which is not installed; no graph is written"
    return None


def model_graph_def(model):
    """Serialized ``GraphDef`` of the model's forward pass, or None when it cannot be traced.

    TF1 Keras wrote ``K.get_session().graph``; Keras 3 has no session graph, so
    the model is traced once as a ``tf.function`` on its input signature.
    Callers check :func:`graph_unavailable` first.
    """
    tf = optional_tf()
    inputs = getattr(model, "inputs", None)
    if tf is None:
        return None
    try:
        if not inputs:
            return None
        specs = [tf.TensorSpec(tuple(i.shape), i.dtype or "float32") for i in inputs]
        fn = tf.function(lambda *xs: model(list(xs) if len(xs) > 1 else xs[0], training=False))
        return fn.get_concrete_function(*specs).graph.as_graph_def().SerializeToString()
    except Exception:  # any tracing failure: the caller warns once
        return None
