"""The ``GraphDef`` of a Keras 3 model, for ``write_graph`` (TF1 wrote ``sess.graph``)."""

from tfcompat._lazy_tf import import_tf

__all__ = ["model_graph_def"]


def model_graph_def(model):
    """Serialized ``GraphDef`` of the model's forward pass, or None when it cannot be traced.

    TF1 Keras wrote ``K.get_session().graph``; Keras 3 has no session graph, so
    the model is traced once as a ``tf.function`` on its input signature.
    """
    tf = import_tf()
    inputs = getattr(model, "inputs", None)
    try:
        if not inputs:
            return None
        specs = [tf.TensorSpec(tuple(i.shape), i.dtype or "float32") for i in inputs]
        fn = tf.function(lambda *xs: model(list(xs) if len(xs) > 1 else xs[0], training=False))
        return fn.get_concrete_function(*specs).graph.as_graph_def().SerializeToString()
    except Exception:  # any tracing failure: the caller warns once
        return None
