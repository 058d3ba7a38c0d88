"""``keras.callbacks.TensorBoard`` as Keras 2.1/2.2 had it, on Keras 3.

Keras 3's ``TensorBoard`` dropped ``batch_size``, ``write_grads`` and the
``embeddings_*`` arguments (passing them positionally now means something
else), splits logs into ``train``/``validation`` runs with ``epoch_`` tags and
writes TF2 tensors. This callback writes what Keras 2.1/2.2 wrote, in one run:

* scalars named like the log keys (``loss``, ``acc``, ``val_loss``, ``val_acc``;
  ``accuracy`` is reported as ``acc`` as Keras 2.2 did) as ``simple_value``, at
  the epoch (or, with ``update_freq``, at the number of samples seen);
* every ``histogram_freq`` epochs, TF1 ``histo`` histograms of every weight
  (``dense_1/kernel_0``), of its gradient (``dense_1/kernel_0_grad``, with
  ``write_grads``) and of every layer's output (``dense_1_out``), computed on
  the validation data in batches of ``batch_size``, one summary per batch as
  Keras 2's ``merged`` op was run; weight images with ``write_images``;
* embeddings the TensorBoard projector opens: ``projector_config.pbtxt`` plus
  one tensor TSV per layer (the projector reads these without a checkpoint).

As in Keras 2.2 the class is made to be subclassed: ``self.writer`` is a TF1
``FileWriter`` (``tfcompat.v1.summary.FileWriter``: ``add_summary`` takes ``tf.Summary``
protos or their bytes) created by ``set_model`` (``_init_writer``), ``_write_logs(logs,
index)`` writes one ``simple_value`` summary per log key, and the hooks are Keras 2's
(``on_batch_end``, ``on_epoch_end``, ``on_train_end``), so a subclass overriding them
and calling ``super()`` works. Histograms need validation arrays: Keras 2 set
``callback.validation_data`` (a Keras 2 model of :mod:`tfcompat.keras.models` does;
with a Keras 3 model the arrays ``fit`` was given are found, or set
``tb.validation_data = (x, y)``); without them, as in Keras 2.2, ``fit`` raises
ValueError. Layer names in ``embeddings_layer_names`` the model lacks are skipped with
a warning (Keras 2.2 skipped them silently).
"""

import os

import numpy as np
from tensorboard.compat.proto import summary_pb2

from tfcompat import _fs
from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras, import_tf
from tfcompat._names import KERAS2_LOG_KEYS, LR_KEYWORD
from tfcompat._warn import warn_at_user
from tfcompat.keras._callback_base import Callback, fit_locals, validation_data_from_fit
from tfcompat.keras._distribute import is_chief
from tfcompat.keras._gradients import GRADIENT_BACKENDS, loss_gradients
from tfcompat.keras._logs import log_number
from tfcompat.keras._model_graph import graph_unavailable, model_graph_def
from tfcompat.v1._fastpath import PlainSummaryBytes
from tfcompat.v1._writer import FileWriter
from tfcompat.wire import encode as pb
from tfcompat.wire.histogram import histo_value_bytes

keras = import_keras()

__all__ = ["TensorBoard"]

# Keras 2's ReduceLROnPlateau put the rate in the logs as `lr`.
_KERAS2_NAMES = {**KERAS2_LOG_KEYS, "learning_rate": LR_KEYWORD}
_PROJECTOR_FILENAME = "projector_config.pbtxt"


def _check_int(name, value, minimum=0):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise InvalidArgumentError(f"`{name}` must be an int >= {minimum}. Received: {name}={value!r}")
    return int(value)


def _weight_tag(layer, weight):
    # Keras 2: weight.name was 'dense_1/kernel:0'; TF1 summaries replaced ':'.
    # Keras 3's path from the layer on ('mha/query/kernel'; a Sequential puts
    # its own name first) keeps the weights of nested layers apart, as Keras 2's
    # scoped names did: 'layer/weight' alone would repeat ('mha/kernel' x4).
    parts = str(getattr(weight, "path", "")).split("/")
    name = "/".join(parts[parts.index(layer.name):]) if layer.name in parts[:-1] else f"{layer.name}/{weight.name}"
    return f"{name}_0".replace(":", "_")


def _weight_images(value):
    """Keras 2.1's ``write_images`` reshaping: a list of float images [h, w, 1], or None."""
    w = np.squeeze(np.asarray(value, dtype=np.float32))
    if w.ndim == 2:  # dense kernel: the long side horizontal
        if w.shape[0] > w.shape[1]:
            w = w.T
        return [w[:, :, None]]
    if w.ndim == 3:  # conv kernel (channels_last): one image per output channel
        if keras.config.image_data_format() == "channels_last":
            w = np.transpose(w, (2, 0, 1))
        return [w[i][:, :, None] for i in range(w.shape[0])]
    if w.ndim == 1:  # bias: one column
        return [w[:, None, None]]
    return None  # Keras 2.1 skipped 3D convnets and scalars


class _NoWriter:
    """The writer of a worker that is not the chief under ``tf.distribute``: writes nothing."""

    def add_summary(self, summary, global_step=None):
        pass

    def add_graph(self, graph, global_step=None, graph_def=None):
        pass

    def flush(self):
        pass

    def close(self):
        pass


class TensorBoard(Callback):
    """Mirrors Keras 2.1/2.2 ``keras.callbacks.TensorBoard`` (same arguments, same order, same logs).

    Args:
        log_dir: directory or ``scheme://`` URL where the event file goes.
        histogram_freq: every this many epochs, write weight/gradient/output
            histograms (0: never).
        batch_size: validation batch size for the histogram computation.
        write_graph: write the model's graph (traced from its inputs).
        write_grads: with ``histogram_freq``, also gradient histograms (``*_grad``).
        write_images: with ``histogram_freq``, weights as images.
        embeddings_freq: every this many epochs, save the embeddings for the projector.
        embeddings_layer_names: layers to save (default: every ``Embedding`` layer).
        embeddings_metadata: metadata file for all layers (str) or per layer (dict).
        embeddings_data: data whose layer outputs are embedded (Keras 2.2); without
            it, the layers' weight matrices are (Keras 2.1).
        update_freq: ``'epoch'``, ``'batch'`` or a number of samples between writes.
    """

    def __init__(
        self,
        log_dir="./logs",
        histogram_freq=0,
        batch_size=32,
        write_graph=True,
        write_grads=False,
        write_images=False,
        embeddings_freq=0,
        embeddings_layer_names=None,
        embeddings_metadata=None,
        embeddings_data=None,
        update_freq="epoch",
    ):
        super().__init__()
        if not isinstance(log_dir, (str, os.PathLike)) or not os.fspath(log_dir):
            raise InvalidArgumentError(f"`log_dir` must be a non-empty path or URL. Received: log_dir={log_dir!r}")
        self.log_dir = os.fspath(log_dir)
        self.histogram_freq = _check_int("histogram_freq", histogram_freq)
        self.batch_size = _check_int("batch_size", batch_size, 1)
        self.write_graph = bool(write_graph)
        self.write_grads = bool(write_grads)
        self.write_images = bool(write_images)
        self.embeddings_freq = _check_int("embeddings_freq", embeddings_freq)
        if embeddings_layer_names is not None and not (
            isinstance(embeddings_layer_names, (list, tuple)) and all(isinstance(n, str) for n in embeddings_layer_names)
        ):
            raise InvalidArgumentError(
                "`embeddings_layer_names` must be a list of layer names or None. "
                f"Received: embeddings_layer_names={embeddings_layer_names!r}"
            )
        self.embeddings_layer_names = embeddings_layer_names
        if embeddings_metadata is not None and not isinstance(embeddings_metadata, (str, dict)):
            raise InvalidArgumentError(
                "`embeddings_metadata` must be a file name, a dict {layer_name: file name} or None. "
                f"Received: embeddings_metadata={embeddings_metadata!r}"
            )
        self.embeddings_metadata = embeddings_metadata or {}
        self.embeddings_data = embeddings_data
        if update_freq == "batch":
            self.update_freq = 1  # as Keras 2.2: every batch is "1 sample or more"
        elif update_freq == "epoch":
            self.update_freq = "epoch"
        else:
            self.update_freq = _check_int("update_freq", update_freq, 1) if not isinstance(update_freq, str) else None
            if self.update_freq is None:
                raise InvalidArgumentError(
                    f"`update_freq` must be 'epoch', 'batch' or a number of samples. Received: update_freq={update_freq!r}"
                )
        self.writer = None  # Keras 2 attribute: the FileWriter set_model creates
        self._samples_seen = 0
        self._samples_seen_at_last_write = 0
        self._epoch_start_samples = 0
        self._fit_batches = None  # (batch size, batches per epoch, partial batch size) of fit's data
        self._warned = set()
        self._outputs_model = None

    # -- plumbing -------------------------------------------------------------

    def set_model(self, model):
        """Keras 2: attaches the model and opens ``self.writer`` (with the model's graph if ``write_graph``)."""
        super().set_model(model)  # refuses a tf-keras model first
        self._outputs_model = None
        self._init_writer(model)

    def _init_writer(self, model):
        if not is_chief():
            self.writer = _NoWriter()
            return
        graph = None
        if self.write_graph:
            why = graph_unavailable()
            graph_def = None if why else model_graph_def(model)
            if why:
                self._warn_once("graph", f"write_graph=True: {why}.")
            elif graph_def is None:
                self._warn_once("graph", "cannot trace the model's graph; no graph is written.")
            else:
                graph = import_tf().compat.v1.GraphDef.FromString(graph_def)
        self.writer = FileWriter(self.log_dir, graph=graph, max_queue=100)

    def _get_writer(self):
        if self.writer is None:  # hooks called without set_model (by hand, in tests)
            self.writer = FileWriter(self.log_dir, max_queue=100) if is_chief() else _NoWriter()
        return self.writer

    def _warn_once(self, key, message):
        if key not in self._warned:
            self._warned.add(key)
            warn_at_user(f"TensorBoard (Keras 2.1): {message}", RuntimeWarning)

    def _write_logs(self, logs, index):
        """Keras 2: one ``tf.Summary`` with a ``simple_value`` per log key, at step ``index``."""
        logs = logs or {}
        writer = self._get_writer()
        for name, value in logs.items():
            if name in ("batch", "size"):
                continue
            tag = _KERAS2_NAMES.get(name, name)
            if tag != name and tag in logs:
                continue  # `acc` is there too (aliasing callbacks add it): one `acc` scalar
            number = log_number(value)
            if number is None:
                self._warn_once(("type", name), f"log {name!r} is not a number; not written.")
                continue
            # A Summary proto as Keras 2 gave the writer (user writers read `summary.value`); tensorboard's
            # own class, so the JAX and torch backends need no TensorFlow.
            writer.add_summary(summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=tag, simple_value=number)]),
                               index)
        writer.flush()

    # -- hooks ------------------------------------------------------------------

    def on_train_begin(self, logs=None):
        self._chief = is_chief()
        self._samples_seen = self._samples_seen_at_last_write = 0
        locals_of_fit = fit_locals(self.model)
        if self.validation_data is None and self.histogram_freq:
            self.validation_data = validation_data_from_fit(locals_of_fit)
        if self.update_freq != "epoch":
            self._fit_batches = _fit_batches(locals_of_fit)

    def on_batch_end(self, batch, logs=None):
        if self.update_freq == "epoch" or not getattr(self, "_chief", True):
            return
        logs = logs or {}
        if "size" in logs:  # Keras 2 logs
            self._samples_seen += int(logs["size"])
        else:
            # Keras 3 logs carry no 'size' (and one call may end several steps):
            # count from fit's batch size, the last batch of an epoch partial.
            if self._fit_batches is None:
                self._warn_once("size", f"the batch size of fit's data is unknown; update_freq counts "
                                f"batch_size={self.batch_size} samples per batch.")
            bs, nb, partial = self._fit_batches or (self.batch_size, None, None)
            seen = (batch + 1) * bs
            if partial and nb and batch >= nb - 1:
                seen -= bs - partial
            self._samples_seen = self._epoch_start_samples + seen
        if self._samples_seen - self._samples_seen_at_last_write >= self.update_freq:
            self._write_logs(logs, self._samples_seen)
            self._samples_seen_at_last_write = self._samples_seen

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch_start_samples = self._samples_seen

    def on_epoch_end(self, epoch, logs=None):
        if not is_chief():
            return
        if self.histogram_freq and not self._validation_arrays():
            raise ValueError("If printing histograms, validation_data must be provided, and cannot be a generator "
                             f"(Keras 2.2's rule). Received: histogram_freq={self.histogram_freq!r}, "
                             f"validation_data={type(self.validation_data).__name__}")
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._write_histograms(epoch)
        if self.embeddings_freq and epoch % self.embeddings_freq == 0:
            self._write_embeddings(epoch)
        index = epoch if self.update_freq == "epoch" else self._samples_seen
        self._write_logs(logs, index)

    def on_train_end(self, logs=None):
        if self.writer is not None:
            self.writer.close()

    # -- histograms, gradients, images ------------------------------------------

    def _layer_outputs_model(self):
        if self._outputs_model is None:
            try:
                self._outputs_model = keras.Model(_model_input(self.model), [layer.output for layer in self.model.layers])
            except Exception:  # subclassed models have no symbolic outputs
                self._outputs_model = False
        return self._outputs_model

    def _validation_arrays(self):
        """``(x, y, sample_weight)`` of ``validation_data`` (Keras 2's ``[x..., y..., weights...]`` or
        ``(x, y[, sample_weight])``), or None when it holds no arrays (None, empty, a generator)."""
        val = self.validation_data
        if not isinstance(val, (list, tuple)) or len(val) < 2:
            return None
        if not all(v is None or (hasattr(v, "shape") and hasattr(v, "__getitem__")) for v in val):
            return None
        n_in = len(getattr(self.model, "inputs", None) or [None])
        n_out = len(getattr(self.model, "outputs", None) or [None])
        if n_in == 1 and n_out == 1 or len(val) < n_in + n_out:
            return val[0], val[1], val[2] if len(val) > 2 else None
        x = list(val[:n_in]) if n_in > 1 else val[0]
        y = list(val[n_in:n_in + n_out]) if n_out > 1 else val[n_in]
        weights = list(val[n_in + n_out:n_in + 2 * n_out])
        sample_weight = None if not weights else weights if n_out > 1 else weights[0]
        return x, y, sample_weight

    def _batch_summaries(self):
        """One list of Summary.value pieces per validation batch (Keras 2 ran `merged` per batch)."""
        x, y, sample_weight = self._validation_arrays()
        n = len(x[0]) if isinstance(x, (list, tuple)) else len(x)
        out = []
        for i in range(0, n, self.batch_size):
            sl = slice(i, min(i + self.batch_size, n))
            xb = [a[sl] for a in x] if isinstance(x, (list, tuple)) else x[sl]
            yb = None if y is None else [a[sl] for a in y] if isinstance(y, list) else y[sl]
            swb = None if sample_weight is None else (
                [a[sl] for a in sample_weight] if isinstance(sample_weight, list) else sample_weight[sl])
            out.append(self._weights_pieces((xb, yb, swb)))
        return out

    def _weights_pieces(self, batch):
        model = self.model
        grads, outputs = {}, None
        if batch is not None:
            xb, yb, swb = batch
            if self.write_grads and keras.backend.backend() not in GRADIENT_BACKENDS:
                self._warn_once("grads", f"write_grads=True: the {keras.backend.backend()!r} backend has no "
                                "gradients; no gradient histograms are written.")
            elif self.write_grads:
                grads = loss_gradients(model, xb, yb, swb)
            outputs_model = self._layer_outputs_model()
            if outputs_model:
                outputs = outputs_model(xb, training=False)
                if not isinstance(outputs, (list, tuple)):
                    outputs = [outputs]
        trainable_ids = {id(w) for w in model.trainable_weights}
        pieces = []
        for li, layer in enumerate(model.layers):
            for weight in layer.weights:
                tag = _weight_tag(layer, weight)
                value = keras.ops.convert_to_numpy(weight)
                pieces.extend(self._histo(tag, value))
                if self.write_grads and id(weight) in grads and id(weight) in trainable_ids:
                    pieces.extend(self._histo(f"{tag}_grad", grads[id(weight)]))
                if self.write_images:
                    images = _weight_images(value)
                    if images is None:
                        continue
                    for i, img in enumerate(images[:3]):  # TF1 image summary: max_outputs=3
                        pieces.append(pb.image_value_bytes(f"{tag}/image/{i}", pb.tf1_float_image_to_uint8(img)))
            if outputs is not None:
                out = outputs[li]
                if isinstance(out, (list, tuple)):  # a layer with several outputs: Keras 2's `name_out_i`
                    for i, part in enumerate(out):
                        pieces.extend(self._histo(f"{layer.name}_out_{i}", keras.ops.convert_to_numpy(part)))
                else:
                    pieces.extend(self._histo(f"{layer.name}_out", keras.ops.convert_to_numpy(out)))
        return pieces

    def _histo(self, tag, values):
        try:
            return [histo_value_bytes(tag, values)]
        except InvalidArgumentError:
            # TF1 failed the whole fit ("Nan in summary histogram"); keep training.
            self._warn_once(("nan", tag), f"{tag!r} has NaN/inf values; its histogram is not written.")
            return []

    def _write_histograms(self, epoch):
        writer = self._get_writer()
        for pieces in self._batch_summaries():
            if pieces:
                writer.add_summary(PlainSummaryBytes(pb.summary_bytes(pieces)), epoch)

    # -- embeddings ---------------------------------------------------------------

    def _embedding_layers(self):
        names = self.embeddings_layer_names
        if not names:
            return [layer for layer in self.model.layers if isinstance(layer, keras.layers.Embedding)]
        by_name = {layer.name: layer for layer in self.model.layers}
        missing = [n for n in names if n not in by_name]
        if missing:
            # Keras 2.2 embedded the listed layers it found and skipped the rest.
            self._warn_once(("missing-embeddings", tuple(missing)),
                            f"`embeddings_layer_names` names layers the model does not have, skipped: {missing}. "
                            f"Its layers: {sorted(by_name)}")
        return [by_name[n] for n in names if n in by_name]

    def _write_embeddings(self, epoch):
        from google.protobuf import text_format
        from tensorboard.plugins.projector.projector_config_pb2 import ProjectorConfig

        layers = self._embedding_layers()
        if not layers:
            self._warn_once("no-embeddings", "embeddings_freq is set but the model has no Embedding layer.")
            return
        data = self.embeddings_data
        config = ProjectorConfig()
        for layer in layers:
            if data is None:  # Keras 2.1: the layer's weight matrix
                matrix = keras.ops.convert_to_numpy(layer.weights[0])
            else:  # Keras 2.2: the layer's output on embeddings_data
                sub = keras.Model(_model_input(self.model), layer.output)
                matrix = keras.ops.convert_to_numpy(sub(data, training=False))
            matrix = np.asarray(matrix, dtype=np.float32).reshape(len(matrix), -1)
            file_name = f"keras_embedding_{layer.name}.tsv"
            _fs.write_text(_fs.join(self.log_dir, file_name), _tsv(matrix))
            emb = config.embeddings.add()
            emb.tensor_name = layer.name
            emb.tensor_path = file_name
            emb.tensor_shape.extend(matrix.shape)
            meta = self.embeddings_metadata
            meta_path = meta if isinstance(meta, str) else meta.get(layer.name)
            if meta_path:
                emb.metadata_path = meta_path
        _fs.write_text(_fs.join(self.log_dir, _PROJECTOR_FILENAME), text_format.MessageToString(config))


def _model_input(model):
    # A one-input model called with one array wants its input unwrapped.
    inputs = model.inputs
    return inputs[0] if len(inputs) == 1 else inputs


def _tsv(matrix):
    return "".join("\t".join(repr(float(v)) for v in row) + "\n" for row in matrix)


def _fit_batches(fit_locals):
    """``(batch_size, batches per epoch, partial batch size or None)`` of fit's data, or None if unknown."""
    adapter = getattr((fit_locals or {}).get("epoch_iterator"), "data_adapter", None)
    try:
        bs, nb, partial = adapter.batch_size, adapter.num_batches, adapter.partial_batch_size
    except Exception:  # adapters that do not know (datasets, generators) may raise
        return None
    if not isinstance(bs, int) or bs <= 0:
        return None
    return bs, nb if isinstance(nb, int) else None, partial if isinstance(partial, int) else None
