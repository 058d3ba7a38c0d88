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

Keras 3 no longer hands callbacks the validation data (Keras 2 set
``callback.validation_data``); set ``tb.validation_data = (x, y)`` yourself or
let the callback find the arrays ``fit`` was given.
"""

import os
import sys
import time

import numpy as np

from tfcompat import _fs
from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras
from tfcompat._names import KERAS2_LOG_KEYS, LR_KEYWORD
from tfcompat._warn import warn_at_user
from tfcompat.keras._distribute import is_chief
from tfcompat.keras._gradients import GRADIENT_BACKENDS, loss_gradients
from tfcompat.keras._model_graph import graph_unavailable, model_graph_def
from tfcompat.keras._tf_keras import refuse_tf_keras_model
from tfcompat.wire import encode as pb
from tfcompat.wire.event_writer import NullEventWriter

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


class TensorBoard(keras.callbacks.Callback):
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
        self.validation_data = None  # Keras 2 attribute; see the module docstring
        self._writer = None
        self._samples_seen = 0
        self._samples_seen_at_last_write = 0
        self._epoch_start_samples = 0
        self._fit_batches = None  # (batch size, batches per epoch, partial batch size) of fit's data
        self._warned = set()
        self._outputs_model = None

    def set_model(self, model):
        refuse_tf_keras_model(model, "TensorBoard (Keras 2.1)")
        super().set_model(model)

    # -- plumbing -------------------------------------------------------------

    def _get_writer(self):
        if self._writer is None:
            self._writer = (_fs.open_event_writer(self.log_dir, max_queue=100, flush_secs=120) if is_chief()
                            else NullEventWriter(self.log_dir))
        return self._writer

    def _warn_once(self, key, message):
        if key not in self._warned:
            self._warned.add(key)
            warn_at_user(f"TensorBoard (Keras 2.1): {message}", RuntimeWarning)

    def _write_logs(self, logs, index):
        logs = logs or {}
        pieces = []
        for name, value in logs.items():
            if name in ("batch", "size"):
                continue
            tag = _KERAS2_NAMES.get(name, name)
            if tag != name and tag in logs:
                continue  # `acc` is there too (aliasing callbacks add it): one `acc` scalar
            try:
                number = float(value)
            except (TypeError, ValueError):
                self._warn_once(("type", name), f"log {name!r} is not a number; not written.")
                continue
            pieces.append(pb.scalar_value_bytes(pb.tag_prefix(tag), number))
        if pieces:
            self._get_writer().add_summary_bytes(pb.summary_bytes(pieces), index)

    # -- hooks ------------------------------------------------------------------

    def on_train_begin(self, logs=None):
        self._chief = is_chief()
        self._samples_seen = self._samples_seen_at_last_write = 0
        fit_locals = _fit_locals(self.model)
        if self.validation_data is None and self.histogram_freq:
            self.validation_data = _validation_data_from_fit(fit_locals)
        if self.update_freq != "epoch":
            self._fit_batches = _fit_batches(fit_locals)
            if self._fit_batches is None:
                self._warn_once("size", f"the batch size of fit's data is unknown; update_freq counts "
                                f"batch_size={self.batch_size} samples per batch.")
        if self._chief and self.write_graph:
            why = graph_unavailable()
            graph_def = None if why else model_graph_def(self.model)
            if why:
                self._warn_once("graph", f"write_graph=True: {why}.")
            elif graph_def is None:
                self._warn_once("graph", "cannot trace the model's graph; no graph is written.")
            else:
                self._get_writer().add_event_bytes(pb.graph_event_bytes(time.time(), graph_def))

    def on_train_batch_end(self, batch, logs=None):
        if self.update_freq == "epoch" or not getattr(self, "_chief", True):
            return
        logs = logs or {}
        if "size" in logs:  # Keras 2 logs
            self._samples_seen += int(logs["size"])
        else:
            # Keras 3 logs carry no 'size' (and one call may end several steps):
            # count from fit's batch size, the last batch of an epoch partial.
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
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._write_histograms(epoch)
        if self.embeddings_freq and epoch % self.embeddings_freq == 0:
            self._write_embeddings(epoch)
        index = epoch if self.update_freq == "epoch" else self._samples_seen
        self._write_logs(logs, index)
        self._get_writer().flush()

    def on_train_end(self, logs=None):
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    # -- histograms, gradients, images ------------------------------------------

    def _layer_outputs_model(self):
        if self._outputs_model is None:
            try:
                self._outputs_model = keras.Model(_model_input(self.model), [layer.output for layer in self.model.layers])
            except Exception:  # subclassed models have no symbolic outputs
                self._outputs_model = False
        return self._outputs_model

    def _batch_summaries(self):
        """One list of Summary.value pieces per validation batch (Keras 2 ran `merged` per batch)."""
        val = self.validation_data
        if val is None:
            self._warn_once("no-val", "no validation data: weight histograms only, no gradient or layer-output "
                            "histograms (fit with validation_data/validation_split, or set "
                            "`callback.validation_data = (x, y)`).")
            return [self._weights_pieces(None)]
        x, y = val[0], val[1]
        sample_weight = val[2] if len(val) > 2 else None
        n = len(x[0]) if isinstance(x, (list, tuple)) else len(x)
        out = []
        for i in range(0, n, self.batch_size):
            sl = slice(i, min(i + self.batch_size, n))
            xb = [a[sl] for a in x] if isinstance(x, (list, tuple)) else x[sl]
            yb = y[sl] if y is not None else None
            swb = sample_weight[sl] if sample_weight is not None else None
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
                pieces.extend(self._histo(f"{layer.name}_out", keras.ops.convert_to_numpy(outputs[li])))
        return pieces

    def _histo(self, tag, values):
        try:
            return [pb.histo_value_bytes(tag, values)]
        except InvalidArgumentError:
            # TF1 failed the whole fit ("Nan in summary histogram"); keep training.
            self._warn_once(("nan", tag), f"{tag!r} has NaN/inf values; its histogram is not written.")
            return []

    def _write_histograms(self, epoch):
        writer = self._get_writer()
        for pieces in self._batch_summaries():
            if pieces:
                writer.add_summary_bytes(pb.summary_bytes(pieces), epoch)

    # -- embeddings ---------------------------------------------------------------

    def _embedding_layers(self):
        names = self.embeddings_layer_names
        if not names:
            return [layer for layer in self.model.layers if isinstance(layer, keras.layers.Embedding)]
        by_name = {layer.name: layer for layer in self.model.layers}
        missing = [n for n in names if n not in by_name]
        if missing:
            raise InvalidArgumentError(
                f"`embeddings_layer_names` names layers the model does not have: {missing}. "
                f"Received: embeddings_layer_names={names!r}"
            )
        return [by_name[n] for n in names]

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


def _fit_locals(model):
    """The local variables of the running ``model.fit`` call, or None.

    Keras 2 handed callbacks the validation arrays and each batch's ``size``;
    Keras 3 keeps both in fit's locals (``val_x``/``val_y``, ``epoch_iterator``).
    """
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "fit" and frame.f_locals.get("self") is model:
            return frame.f_locals
        frame = frame.f_back
    return None


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


def _validation_data_from_fit(fit_locals):
    """The validation arrays of the running ``fit`` call (Keras 2 passed them as ``validation_data``).

    Keras 3 keeps them in fit's locals (``val_x``/``val_y``, after
    ``validation_split``); only in-memory arrays are used, as Keras 2 refused
    generators for histograms.
    """
    loc = fit_locals or {}
    if "val_x" not in loc:
        return None
    x, y, sw = loc.get("val_x"), loc.get("val_y"), loc.get("val_sample_weight")
    arrays = [a for a in (x if isinstance(x, (list, tuple)) else [x])]
    if all(hasattr(a, "shape") and hasattr(a, "__getitem__") for a in arrays if a is not None) and x is not None:
        return (x, y, sw)
    return None
