"""What replaced each part of TF 1.x's ``tf.contrib`` that tfcompat does not provide, and the error saying so."""

from tfcompat._errors import RemovedAPIError

__all__ = ["REPLACED_BY", "removed"]

# What replaced each tf.contrib module that tfcompat does not provide (TF 2.0 removed them all).
REPLACED_BY = {
    "rnn": "tf.compat.v1.nn.rnn_cell / keras.layers.LSTMCell, GRUCell, RNN",
    "cudnn_rnn": "keras.layers.LSTM / GRU (cuDNN kernels are chosen automatically)",
    "legacy_seq2seq": "tensorflow_addons.seq2seq (unmaintained) or keras.layers attention layers",
    "seq2seq": "tensorflow_addons.seq2seq (unmaintained) or keras.layers attention layers",
    "slim": "the tf_slim package (pip install tf-slim)",
    "keras": "keras (Keras 3) / tf.keras",
    "eager": "TF 2 eager execution (tf.GradientTape, tf.function)",
    "data": "tf.data (tf.data.experimental for the former contrib extras)",
    "distributions": "tensorflow_probability.distributions",
    "bayesflow": "tensorflow_probability",
    "opt": "keras.optimizers (AdamW, Lion ...) or tensorflow_addons.optimizers",
    "losses": "tf.compat.v1.losses / keras.losses",
    "metrics": "tf.compat.v1.metrics / keras.metrics",
    "estimator": "tf.estimator (removed in TF 2.16: use keras.Model.fit)",
    "tpu": "tf.distribute.TPUStrategy",
    "distribute": "tf.distribute",
    "lite": "tf.lite",
    "quantize": "tensorflow_model_optimization (tfmot.quantization)",
    "image": "tf.image or tensorflow_addons.image",
    "crf": "tensorflow_addons.text.crf",
    "lookup": "tf.lookup",
    "training": "tf.compat.v1.train / tf.data",
    "predictor": "tf.saved_model.load",
    "graph_editor": "no replacement (edit the GraphDef or rebuild the graph)",
    "framework": "tf.compat.v1.train (global step, variables) or tf_slim (arg_scope)",
    "copy_graph": "no replacement",
    "deprecated": "tf.compat.v1.summary (scalar, histogram, image, audio)",
    "gan": "tensorflow_gan",
    "factorization": "no replacement in TF 2",
    "stat_summarizer": "no replacement",
    "timeseries": "no replacement in TF 2 (see tensorflow_probability.sts)",
    "text": "tensorflow_text",
    "signal": "tf.signal",
    "ffmpeg": "tf.audio / tensorflow_io",
    "nccl": "tf.distribute (NCCL all-reduce)",
    "mixed_precision": "keras.mixed_precision",
    "compiler": "tf.function(jit_compile=True)",
    "checkpoint": "tf.train.Checkpoint",
    "util": "tf.make_ndarray / tf.make_tensor_proto",
    "boosted_trees": "tensorflow_decision_forests",
    "tensor_forest": "tensorflow_decision_forests",
    "kfac": "the kfac package",
    "memory_stats": "tf.config.experimental.get_memory_info",
    "receptive_field": "no replacement",
    "model_pruning": "tensorflow_model_optimization (tfmot.sparsity)",
    "learn": "tf.estimator (removed in TF 2.16: use keras.Model.fit)",
    "layers": "keras.layers, or the tf_slim package for the slim-style functions",
    "summary": "tf.summary (TF 2: tf.summary.create_file_writer, tf.summary.scalar(name, data, step))",
    "tensorboard": "the tensorboard package (tensorboard.plugins.projector)",
}


def removed(name, provided=""):
    """The error for a ``tf.contrib`` name tfcompat does not provide: which name, and what replaced it."""
    head = name.split(".")[1] if name.startswith("contrib.") else name
    replacement = REPLACED_BY.get(head)
    text = f"tf.{name} is not available: tf.contrib was removed in TF 2.0"
    if replacement:
        text += f"; it was replaced by {replacement}"
    if provided:
        text += f". tfcompat provides only these parts of it: {provided}"
    return RemovedAPIError(text + ".")
