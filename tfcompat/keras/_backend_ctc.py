"""Keras 2 ``K.ctc_batch_cost``/``K.ctc_decode``/``K.ctc_label_dense_to_sparse``: CTC loss and decoding.

Part of :mod:`tfcompat.keras.backend`. Batch-major ``y_pred`` of softmax
probabilities, as Keras 2 took them (the log is taken here, with ``K.epsilon()``
added), and TF 1.x's CTC ops (``merge_repeated`` on), so the numbers are Keras
2's. Each op runs eagerly, in a TF1 graph or on Keras 3 symbolic tensors.
"""

from tfcompat._lazy_tf import import_keras, import_tf
from tfcompat.keras._backend_graph import builds

__all__ = ["ctc_label_dense_to_sparse", "ctc_batch_cost", "ctc_decode"]


@builds
def ctc_label_dense_to_sparse(labels, label_lengths):
    """Mirrors Keras 2 ``K.ctc_label_dense_to_sparse(labels, label_lengths)``.

    Returns:
        A ``tf.SparseTensor`` holding, for each row of ``labels``, its first
        ``label_lengths[row]`` entries.
    """
    tf = import_tf()
    labels = tf.convert_to_tensor(labels)
    dense_shape = tf.shape(labels)
    mask = tf.sequence_mask(label_lengths, maxlen=dense_shape[1])
    indices = tf.where(mask)
    return tf.SparseTensor(indices, tf.gather_nd(labels, indices), tf.cast(dense_shape, "int64"))


def _log_time_major(y_pred):
    tf = import_tf()
    return tf.math.log(tf.transpose(y_pred, perm=[1, 0, 2]) + import_keras().config.epsilon())


@builds
def ctc_batch_cost(y_true, y_pred, input_length, label_length):
    """Mirrors Keras 2 ``K.ctc_batch_cost(y_true, y_pred, input_length, label_length)``.

    Args:
        y_true: ``(samples, max_label_length)`` label indices.
        y_pred: ``(samples, time_steps, num_categories)`` softmax output (blank last).
        input_length: ``(samples, 1)`` steps used per sample.
        label_length: ``(samples, 1)`` labels used per sample.

    Returns:
        ``(samples, 1)`` CTC losses.
    """
    tf = import_tf()
    label_length = tf.cast(tf.squeeze(label_length, axis=-1), "int32")
    input_length = tf.cast(tf.squeeze(input_length, axis=-1), "int32")
    sparse = ctc_label_dense_to_sparse(y_true, label_length)
    sparse = tf.SparseTensor(sparse.indices, tf.cast(sparse.values, "int32"), sparse.dense_shape)
    loss = tf.compat.v1.nn.ctc_loss(labels=sparse, inputs=_log_time_major(y_pred), sequence_length=input_length)
    return tf.expand_dims(loss, 1)


@builds
def ctc_decode(y_pred, input_length, greedy=True, beam_width=100, top_paths=1):
    """Mirrors Keras 2 ``K.ctc_decode(y_pred, input_length, greedy=True, beam_width=100, top_paths=1)``.

    Returns:
        ``(decoded, log_prob)``: a list of ``top_paths`` dense ``(samples,
        length)`` tensors padded with -1, and the ``(samples, top_paths)`` log
        probabilities (negative sums of logits for greedy decoding).
    """
    tf = import_tf()
    inputs = _log_time_major(y_pred)
    input_length = tf.cast(input_length, "int32")
    if greedy:
        decoded, log_prob = tf.compat.v1.nn.ctc_greedy_decoder(inputs=inputs, sequence_length=input_length)
    else:
        decoded, log_prob = tf.compat.v1.nn.ctc_beam_search_decoder(
            inputs=inputs, sequence_length=input_length, beam_width=beam_width, top_paths=top_paths)
    dense = [tf.sparse.to_dense(st, default_value=-1) for st in decoded]
    return dense, log_prob
