"""``tfcompat.TensorboardKeras``: the 2018 ``TensorboardKeras`` blog callback, on Keras 3.

The 2018 post built ``tf.placeholder`` + ``tf.summary.scalar`` + ``merge_all`` in
``K.get_session()`` and fed ``logs`` every epoch; none of that exists in Keras 3.
This callback writes the same tags (``train/loss``, ``val/acc``, ``lr`` ...) as TF1
``simple_value`` scalars straight to an event file, without TensorFlow ops:

* both ways of using it work: ``callbacks=[TensorboardKeras(log_dir=...)]`` and
  the post's ``TensorboardKeras(model, log_dir).on_epoch_end_cb()``;
* every epoch's scalars are flushed to the OS before ``on_epoch_end`` returns, so
  a killed process keeps every finished epoch;
* per-batch logging is safe for Keras 3's asynchronous callback dispatch and
  costs almost nothing on the training thread: a batch only appends its logs
  to a list; encoding happens in bulk off the hot path;
* under ``tf.distribute`` only the chief writes;
* a run resumed with ``initial_epoch`` after a crash writes no step twice: a
  scalar whose tag already has that step in ``log_dir`` (the interrupted run
  got that far) is not written again.
"""

import collections
import math
import numbers
import os
import threading
import time
from collections.abc import Callable

from tfcompat import _fs
from tfcompat._errors import InvalidArgumentError, LogReadError
from tfcompat._lazy_tf import import_keras
from tfcompat._names import LR_LOG_KEYS, TENSORBOARD_2018_LOG_KEYS, keras2_log_key
from tfcompat._warn import warn_at_user
from tfcompat.keras._callback_factory import callback_factory
from tfcompat.keras._distribute import is_chief
from tfcompat.keras._logs import log_number
from tfcompat.keras._lr import current_learning_rate, has_schedule, model_optimizers
from tfcompat.keras._model_graph import graph_unavailable, model_graph_def
from tfcompat.keras._naming import PRESETS, Namer
from tfcompat.keras._resume import last_steps
from tfcompat.keras._tensorboard_keras_doc import TENSORBOARD_KERAS_DOC
from tfcompat.keras._tf_keras import refuse_tf_keras_model
from tfcompat.wire import encode as pb
from tfcompat.wire.event_writer import NullEventWriter
from tfcompat.wire.histogram import histo_value_bytes

keras = import_keras()

__all__ = ["TensorboardKeras"]

# Per-batch logs wait in a list; once it holds this many they are encoded in
# one go (by the async callback thread that noticed), except the newest
# _ORDER_MARGIN batches, which could still be overtaken by a straggling
# callback thread: TensorBoard treats a step going backwards as a restart and
# purges, so steps must reach the file in order.
_DRAIN_AT = 512
_ORDER_MARGIN = 64
_SKIP_KEYS = ("batch", "size")
_MISSING = object()
# Keras 3's LearningRateScheduler/ReduceLROnPlateau put the rate into the logs
# too; the `lr` tag (read from the optimizer) already holds it.


def _check_freq(name, value, allow_strings):
    if isinstance(value, str) and value in allow_strings:
        return value
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        allowed = " or ".join([repr(s) for s in allow_strings] + ["an int >= 0"])
        raise InvalidArgumentError(f"`{name}` must be {allowed}. Received: {name}={value!r}")
    return value


class TensorboardKeras(keras.callbacks.Callback):
    __doc__ = TENSORBOARD_KERAS_DOC

    # Only appends to a deque in on_train_batch_end (atomic; draining takes a
    # lock), so Keras 3 may run it on its callback threads. (Keras dispatches
    # asynchronously only on thread-safe backends: JAX, torch, numpy; on the TF
    # backend every callback runs on the training thread, where the append is
    # all this costs.)
    async_safe = True

    def __init__(
        self,
        model: keras.Model | str | os.PathLike | None = None,
        log_dir: str | os.PathLike | None = None,
        *,
        update_freq: str | int = "epoch",
        histogram_freq: int = 0,
        write_graph: bool = False,
        flush_secs: float = 120,
        rename: dict[str, str | tuple[str, str] | None] | Callable[[str], str | tuple[str, str] | None] | None = None,
        preset: str = "2018",
        format: str | None = None,
        write_lr: bool = True,
    ) -> None:
        super().__init__()
        if isinstance(model, (str, os.PathLike)) and log_dir is None:
            model, log_dir = None, model
        if log_dir is None:
            log_dir = "./logs"
            warn_at_user(f"TensorboardKeras: no `log_dir` given: writing to ./logs ({os.path.abspath(log_dir)}). "
                         "Pass log_dir='...' to choose the folder.", UserWarning)
        if not isinstance(log_dir, (str, os.PathLike)) or not os.fspath(log_dir):
            raise InvalidArgumentError(f"`log_dir` must be a non-empty path or URL. Received: log_dir={log_dir!r}")
        if model is not None and not isinstance(model, keras.Model):
            refuse_tf_keras_model(model, "TensorboardKeras")
            raise InvalidArgumentError(f"`model` must be a keras.Model or None. Received: model={model!r}")
        update_freq = _check_freq("update_freq", update_freq, ("epoch", "batch"))
        if update_freq == 0:
            raise InvalidArgumentError("`update_freq` must be 'epoch', 'batch' or an int >= 1. Received: update_freq=0")
        histogram_freq = _check_freq("histogram_freq", histogram_freq, ())
        if isinstance(flush_secs, bool) or not isinstance(flush_secs, numbers.Real) or flush_secs <= 0:
            raise InvalidArgumentError(f"`flush_secs` must be a positive number. Received: flush_secs={flush_secs!r}")
        if preset not in PRESETS:
            raise InvalidArgumentError(f"`preset` must be one of {PRESETS}. Received: preset={preset!r}")
        if format is None:
            format = "tf2" if preset == "keras3" else "tf1"
        if format not in ("tf1", "tf2"):
            raise InvalidArgumentError(f"`format` must be 'tf1' or 'tf2'. Received: format={format!r}")
        self.log_dir = os.fspath(log_dir)
        self.update_freq = update_freq
        self.histogram_freq = histogram_freq
        self.write_graph = bool(write_graph)
        self.flush_secs = flush_secs
        self.preset = preset
        self.format = format
        self.write_lr = bool(write_lr)
        self._namer = Namer(preset, rename)
        self._batch_every = None if update_freq == "epoch" else (1 if update_freq == "batch" else update_freq)
        self._scalar = pb.scalar_value_bytes if format == "tf1" else pb.tf2_scalar_value_bytes
        self._prefixes = {}
        self._batch_entries = {}
        self._writers = {}
        self._lock = threading.Lock()  # guards _writers
        self._drain_lock = threading.Lock()  # one drainer at a time, in step order
        self._pending = collections.deque()
        self._held = []
        self._batch_base = 0
        self._seen_step = 0  # global step of the last batch drained
        self._lr_at_epoch_start = None
        self._expected = set(TENSORBOARD_2018_LOG_KEYS) if (preset == "2018" and rename is None) else set()
        self._warned = set()
        self._graph_written = False
        self._chief = None
        self._on_disk = {}  # (run, tag) -> last step already in log_dir, when resuming
        self._first_epoch = True
        if model is not None:
            self.set_model(model)

    def set_model(self, model: keras.Model) -> None:
        refuse_tf_keras_model(model, "TensorboardKeras")
        super().set_model(model)

    # -- the 2018 post's API ------------------------------------------------

    @callback_factory
    def on_epoch_end_cb(self, epoch: int | None = None, logs: dict | None = None) -> keras.callbacks.Callback | None:
        """Mirrors the post's ``on_epoch_end_cb()``: a ``LambdaCallback`` calling ``on_epoch_end``.

        The post also showed ``LambdaCallback(on_epoch_end=lambda e, l:
        tb.on_epoch_end_cb(e, l))``: called with an epoch, this writes that epoch.
        """
        if epoch is not None:
            return self.on_epoch_end(epoch, logs)
        hooks = dict(
            on_train_begin=self.on_train_begin,
            on_epoch_begin=self.on_epoch_begin,
            on_train_batch_begin=self.on_train_batch_begin,
            on_train_batch_end=self.on_train_batch_end,
            on_epoch_end=self.on_epoch_end,
            on_train_end=self.on_train_end,
        )
        # Every hook, not only on_epoch_end: the lr of the epoch is read after
        # its first batch, and per-batch logging needs the batch hook.
        cb = keras.callbacks.LambdaCallback(async_safe=True, **hooks)
        cb.set_params = lambda params: (keras.callbacks.LambdaCallback.set_params(cb, params), self.set_params(params))
        if self.model is None:
            cb.set_model = lambda model: (keras.callbacks.LambdaCallback.set_model(cb, model), self.set_model(model))
        return cb

    # -- writers ----------------------------------------------------------------

    def _is_chief(self):
        if self._chief is None:
            self._chief = is_chief()
        return self._chief

    def _writer(self, run):
        w = self._writers.get(run)
        if w is None:
            with self._lock:
                w = self._writers.get(run)
                if w is None:
                    path = _fs.join(self.log_dir, run) if run else self.log_dir
                    if self._is_chief():
                        w = _fs.open_event_writer(path, max_queue=1000, flush_secs=self.flush_secs, style=self.format)
                    else:  # workers that must not write: same calls, nothing written
                        w = NullEventWriter(path)
                    self._writers[run] = w
        return w

    def _prefix(self, tag):
        p = self._prefixes.get(tag)
        if p is None:
            p = self._prefixes[tag] = pb.tag_prefix(tag)
        return p

    def _write_values(self, named_values, step, wall_time=None):
        """Writes ``[((run, tag), float)]`` as one event per run at ``step``."""
        by_run = {}
        scalar, prefix, on_disk = self._scalar, self._prefix, self._on_disk
        for (run, tag), value in named_values:
            if on_disk and on_disk.get((run, tag), -1) >= step:
                continue  # written by the run this one resumes
            by_run.setdefault(run, []).append(scalar(prefix(tag), value))
        for run, pieces in by_run.items():
            self._writer(run).add_summary_bytes(pb.summary_bytes(pieces), step, wall_time)

    def _flush(self):
        for w in list(self._writers.values()):
            w.flush()

    def _warn_once(self, key, message):
        if key not in self._warned:
            self._warned.add(key)
            warn_at_user(f"TensorboardKeras: {message}", RuntimeWarning)

    # -- training hooks ------------------------------------------------------------

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._chief = is_chief()
        self._pending.clear()
        self._held = []
        self._first_epoch = True
        # Off TensorFlow, Keras may run on_train_batch_end on a callback thread while the next
        # step runs; under JAX that step donates the model's buffers, so reading the rate there
        # fails ("Buffer has been deleted or donated"). Read it on the training thread instead.
        self._lr_before_batch = keras.backend.backend() != "tensorflow"

    def _steps_on_disk(self):
        try:
            return last_steps(self.log_dir)
        except LogReadError as e:
            self._warn_once("resume-read", f"cannot read the steps already in {self.log_dir!r} ({e}); a step the "
                            "interrupted run wrote may be written twice.")
            return {}

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        if self._first_epoch:
            self._first_epoch = False
            self._on_disk = self._steps_on_disk() if epoch > 0 else {}
            self._batch_entries = {}
        steps = (getattr(self, "params", None) or {}).get("steps")
        if steps:
            # Global batch steps from the epoch number, so a run resumed with
            # `initial_epoch` continues them instead of restarting at 0.
            self._batch_base = epoch * steps
        else:
            opt = getattr(self.model, "optimizer", None)
            iterations = getattr(opt, "iterations", None)
            # No optimizer to count steps (hand-driven, custom loops): go on
            # after the last batch seen, never back to a used step.
            self._batch_base = int(iterations.numpy()) if iterations is not None else self._seen_step
        self._lr_at_epoch_start = None
        self._lr_pending = self.write_lr
        self._last_batch_step = self._batch_base

    _lr_pending = False
    _lr_before_batch = False
    _last_batch_step = -1

    def on_train_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        if self._lr_pending and self._lr_before_batch:
            # Before the epoch's first step, after on_epoch_begin (LearningRateScheduler): the
            # rate this epoch trains with, read where the model's state is whole.
            self._lr_pending = False
            self._lr_at_epoch_start = self._read_lrs(schedules=False)

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if self._lr_pending and not self._lr_before_batch:
            # After the epoch's first step: after every on_epoch_begin
            # (LearningRateScheduler) and before any on_epoch_end
            # (ReduceLROnPlateau), so the rate this epoch trains with. Read here
            # rather than at batch begin, where the read waits for the input
            # pipeline to start (0.5-4 ms instead of 0.2 ms).
            self._lr_pending = False
            self._lr_at_epoch_start = self._read_lrs(schedules=False)
        if self._batch_every is None:
            return
        pending = self._pending
        pending.append((batch, logs, time.time()))
        if len(pending) >= _DRAIN_AT:
            self._drain(final=False)

    def _drain(self, final):
        # Appends come from Keras's callback threads without a lock (deque
        # append/popleft are atomic); the drainer takes what is there, orders it
        # by batch and keeps the newest few back unless this is the last drain.
        with self._drain_lock:
            items, self._held = self._held, []
            pending = self._pending
            while True:
                try:
                    items.append(pending.popleft())
                except IndexError:
                    break
            if not items:
                return
            items.sort(key=lambda item: item[0])
            if final:
                take = items
            else:
                cut = items[-1][0] - _ORDER_MARGIN
                n = 0
                while n < len(items) and items[n][0] <= cut:
                    n += 1
                take, self._held = items[:n], items[n:]
            if not take:
                return
            self._write_batches(take)

    def _write_batches(self, take):
        base, every = self._batch_base, self._batch_every
        self._seen_step = max(self._seen_step, base + take[-1][0] + 1)  # `take` is in batch order
        entries, scalar, event = self._batch_entries, self._scalar, pb.event_bytes
        for batch, logs, wall_time in take:
            step = base + batch + 1
            if step % every or not logs:
                continue
            if step <= self._last_batch_step:
                # Arrived after later batches were written (a callback thread
                # starved for > _ORDER_MARGIN batches). Writing it would make
                # TensorBoard purge the newer points as after a restart.
                self._warn_once(
                    "late-batch",
                    f"batch step {step} arrived after step {self._last_batch_step} was written; "
                    "it is not written (TensorBoard would discard the newer points).",
                )
                continue
            self._last_batch_step = step
            parts = {}
            for key, value in logs.items():
                entry = entries.get(key, _MISSING)
                if entry is _MISSING:
                    entry = entries[key] = self._batch_entry(key)
                if entry is None:
                    continue
                run, prefix, twins, written = entry
                if twins and any(twin in logs for twin in twins):
                    continue  # e.g. `acc` beside `accuracy`: one `batch/acc`
                if step <= written:
                    continue  # written by the run this one resumes
                number = value if type(value) is float else self._as_float(key, value)  # floats: the common case
                if number is None:
                    continue
                parts.setdefault(run, []).append(scalar(prefix, number))
            for run, pieces in parts.items():
                self._writer(run).add_event_bytes(event(wall_time, step, b"".join(pieces)))

    def _batch_entry(self, key):
        """``(run, tag prefix bytes, twins, last step on disk)`` of a per-batch log key, or None to skip it.

        ``twins`` are the keys seen before it that get the same tag (``accuracy``
        for ``acc``): when one of them is in the logs, this key is not written.
        """
        if key in _SKIP_KEYS:
            return None
        named = self._namer.batch(key)
        if named is None:
            return None
        run, prefix = named[0], self._prefix(named[1])
        twins = tuple(k for k, e in self._batch_entries.items() if e is not None and e[:2] == (run, prefix))
        return (run, prefix, twins, self._on_disk.get(named, -1))

    def _as_float(self, key, value):
        number = log_number(value)
        if number is None:
            self._warn_once(("type", key), f"log {key!r} is not a number ({type(value).__name__}); it is not written.")
        return number

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = dict(logs or {})
        if self._batch_every is not None:
            self._drain(final=True)
        values = {}
        present = set()
        for key, value in logs.items():
            if key in _SKIP_KEYS or (self.write_lr and key in LR_LOG_KEYS):
                continue
            number = self._as_float(key, value)
            if number is None:
                continue
            short = keras2_log_key(key)
            present.add(short)
            named = self._namer.epoch(key)
            if named is None:
                continue
            if named in values:
                # Two keys, one tag (`acc` beside `accuracy`, as aliasing callbacks
                # leave them): write it once; say so if they disagree.
                first, kept = values[named]
                if not (kept == number or (math.isnan(kept) and math.isnan(number))):
                    self._warn_once(
                        ("same-tag", named),
                        f"logs {first!r}={kept!r} and {key!r}={number!r} both map to tag {named[1]!r}; "
                        f"only {first!r} is written.",
                    )
                continue
            values[named] = (key, number)
        values = [(named, number) for named, (_, number) in values.items()]
        missing = [k for k in sorted(self._expected - present) if ("missing", k) not in self._warned]
        if missing:
            # One warning for everything missing (the 2018 post raised KeyError).
            self._warned.update(("missing", k) for k in missing)
            why = (
                " (fit without validation_data, or validation_freq skipped this epoch?)"
                if any(k.startswith("val_") for k in missing) else ""
            )
            warn_at_user(
                f"TensorboardKeras: no {', '.join(repr(k) for k in missing)} in the logs of epoch {epoch}"
                f"{why}; not written. Logged keys: {sorted(present)}.",
                RuntimeWarning,
            )
        self._expected |= present
        if self.write_lr:
            values.extend(self._lr_values())
        self._write_values(values, epoch)
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._write_histograms(epoch)
        if self.write_graph and not self._graph_written:
            self._write_graph()
        # Crash safety: this epoch is in the OS's hands before we return.
        self._flush()

    def on_train_end(self, logs: dict | None = None) -> None:
        if self._batch_every is not None:
            self._drain(final=True)
        with self._lock:
            writers, self._writers = self._writers, {}
        for w in writers.values():
            w.close()

    # -- learning rate, histograms, graph -----------------------------------------

    def _read_lrs(self, schedules, skip=()):
        out = {}
        for suffix, opt in model_optimizers(self.model):
            if (has_schedule(opt) and not schedules) or suffix in skip:
                continue
            value = current_learning_rate(opt)
            if value is not None:
                out[suffix] = value
        return out

    def _lr_values(self):
        if self.model is None:
            return []
        # Rates captured after the epoch's first step win; schedules (and the
        # 2018 LambdaCallback path, which may have no batch hook) are read now.
        captured = self._lr_at_epoch_start or {}
        rates = dict(captured)
        rates.update(self._read_lrs(schedules=True, skip=captured))
        self._lr_at_epoch_start = None
        several = len(rates) > 1
        out = []
        for suffix, value in rates.items():
            named = self._namer.learning_rate(suffix if several else "")
            if named is not None:
                out.append((named, value))
        return out

    def _write_histograms(self, epoch):
        run = "train" if self.preset == "keras3" else ""
        pieces = []
        for layer in self.model.layers:
            for weight in layer.weights:
                tag = weight.path.replace(":", "_")
                if self.preset == "keras3":
                    tag += "/histogram"
                data = keras.ops.convert_to_numpy(weight)
                try:
                    if self.format == "tf1":
                        pieces.append(histo_value_bytes(tag, data))
                    else:
                        pieces.append(pb.tf2_histogram_value_bytes(tag, data))
                except InvalidArgumentError:
                    self._warn_once(("nan-weights", tag), f"weight {tag!r} has NaN/inf values; its histogram is skipped.")
        if pieces:
            self._writer(run).add_summary_bytes(pb.summary_bytes(pieces), epoch)

    def _write_graph(self):
        self._graph_written = True
        why = graph_unavailable()
        if why is not None:
            self._warn_once("graph", f"write_graph=True: {why}.")
            return
        graph_def = model_graph_def(self.model)
        if graph_def is None:
            self._warn_once("graph", "cannot trace the model's graph (no known input shape); no graph is written.")
            return
        run = "train" if self.preset == "keras3" else ""
        self._writer(run).add_event_bytes(pb.graph_event_bytes(time.time(), graph_def))
