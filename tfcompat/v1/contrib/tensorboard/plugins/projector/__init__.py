"""Mirrors TF 1.x's ``tf.contrib.tensorboard.plugins.projector``: ``ProjectorConfig`` and ``visualize_embeddings``.

The config protos are TensorBoard's own (the same fields and text format as
TF 1.x's); ``visualize_embeddings`` writes ``projector_config.pbtxt`` into the
writer's log directory, which is what TensorBoard's projector opens.
"""

import os

from google.protobuf import text_format
from tensorboard.plugins.projector.projector_config_pb2 import EmbeddingInfo, ProjectorConfig, SpriteMetadata

from tfcompat._errors import InvalidArgumentError

__all__ = ["ProjectorConfig", "EmbeddingInfo", "SpriteMetadata", "visualize_embeddings", "PROJECTOR_FILENAME"]

PROJECTOR_FILENAME = "projector_config.pbtxt"


def visualize_embeddings(summary_writer, config):
    """Mirrors ``projector.visualize_embeddings(summary_writer, config)``: writes ``<logdir>/projector_config.pbtxt``.

    Args:
        summary_writer: a ``tf.summary.FileWriter`` (anything with ``get_logdir()``) or a log directory path.
        config: a ``ProjectorConfig``.
    """
    get_logdir = getattr(summary_writer, "get_logdir", None)
    logdir = get_logdir() if callable(get_logdir) else summary_writer
    if logdir is None:
        raise InvalidArgumentError("Summary writer must have a logdir. Received: summary_writer with logdir None")
    if not isinstance(logdir, (str, bytes, os.PathLike)):
        raise InvalidArgumentError(f"`summary_writer` must be a FileWriter or a log directory. "
                                   f"Received: summary_writer={summary_writer!r}")
    if not hasattr(config, "embeddings") or not hasattr(config, "SerializeToString"):
        raise InvalidArgumentError(f"`config` must be a ProjectorConfig. Received: config={config!r}")
    logdir = os.fsdecode(logdir)
    os.makedirs(logdir, exist_ok=True)
    with open(os.path.join(logdir, PROJECTOR_FILENAME), "w") as f:
        f.write(text_format.MessageToString(config))
