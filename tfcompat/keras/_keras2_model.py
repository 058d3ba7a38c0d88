"""Keras 2.2's ``Model`` methods on a Keras 3 model: the mixin behind :mod:`tfcompat.keras.models`.

Mirrors ``keras.engine.training.Model`` of Keras 2.2 where Keras 3 changed it:

* ``compile(optimizer, loss, metrics, loss_weights, sample_weight_mode, weighted_metrics)``
  in Keras 2's positional order; an optimizer name gives tfcompat's Keras 2 optimizer
  (``model.optimizer.lr``, Keras 2's default rates), a ``tf.train`` optimizer is wrapped in
  ``TFOptimizer``; ``'accuracy'`` is reported as ``acc``/``val_acc``, and a flat metrics
  list applies to every output, as in Keras 2;
* ``fit(nb_epoch=)``, ``fit_generator``/``evaluate_generator``/``predict_generator``
  (a generator without ``steps_per_epoch``/``validation_steps`` is refused, as Keras 2
  did, instead of iterating forever); callbacks get Keras 2 ``logs``/``params``/
  ``validation_data`` (:mod:`tfcompat.keras._callback_list`);
* ``predict(verbose=0)`` by default, ``metrics_names`` with the logged names in Keras 2's order
  (a multi-output model's per-output losses before its metrics);
* ``save``/``save_weights``/``load_weights`` at any path (HDF5 unless ``.keras``/``.weights.h5``);
* inside a user's ``with tf.Graph().as_default():`` (2018 servers and tests), these
  methods run eagerly, where the model's variables live.
"""

import functools
import math
import warnings

import numpy as np

from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import import_keras, import_tf, internal
from tfcompat._warn import warn_at_user
from tfcompat.keras import optimizers as keras2_optimizers
from tfcompat.keras._callback_list import Keras2CallbackList
from tfcompat.keras._hdf5_saving import load_weights, save_model, save_weights
from tfcompat.keras._logs import numpy_scalar
from tfcompat.keras._optimizer_lr import ensure_lr_property

keras = import_keras()
_split = internal("keras.src.trainers.data_adapters.array_slicing").train_validation_split

__all__ = ["Keras2Model", "Keras2SequentialMethods", "eager_outside_user_graph", "keras2_metric_order",
           "lift_graph_variables"]

# Keras 2 named a metric given as 'accuracy' `acc` (`val_acc`, `dense_1_acc`...).
_ACCURACY = ("accuracy", "acc")
# fit_generator & co. tuned Keras 2's own input pipeline; Keras 3 runs generators itself.
_PIPELINE_DEFAULTS = {"max_queue_size": 10, "workers": 1, "use_multiprocessing": False}


def eager_outside_user_graph(method):
    """Runs ``method`` eagerly when called inside a user's ``with tf.Graph().as_default():`` block.

    Keras 3 builds and trains eagerly; TF1-era code often wrapped model calls in a
    graph context (Flask servers, tests), where Keras 3 would build graph variables
    or fail to iterate its datasets.
    """

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        tf = import_tf()
        if tf.executing_eagerly() or tf.inside_function():
            return method(self, *args, **kwargs)
        with tf.__internal__.eager_context.eager_mode():
            return method(self, *args, **kwargs)

    return run


def lift_graph_variables(model):
    """Moves ``model``'s variables that layers created inside a user's TF graph out to eager variables.

    2018 code built functional models inside ``with tf.Graph().as_default():``; Keras 3
    layers called there create graph variables, which eager training cannot use. Each
    gets an eager variable holding its initial value, evaluated in that graph.
    """
    tf = import_tf()
    by_graph = {}
    for variable in model.variables:  # weights, and state such as Dropout's seed generators
        inner = getattr(variable, "value", None)
        if getattr(inner, "_in_graph_mode", False) and not tf.inside_function():
            by_graph.setdefault(inner.graph, []).append(variable)
    for graph, variables in by_graph.items():
        with tf.compat.v1.Session(graph=graph) as session:
            values = session.run([v.value.initial_value for v in variables])
        with tf.__internal__.eager_context.eager_mode():
            for variable, value in zip(variables, values):
                variable._initialize(value)


def _keras2_metrics(metrics, n_outputs):
    """Keras 2 metric arguments for Keras 3: ``'accuracy'`` named ``acc``, a flat list for every output."""
    if metrics is None:
        return None

    def rename(m):
        return "acc" if isinstance(m, str) and m in _ACCURACY else m

    if isinstance(metrics, dict):
        return {k: [rename(m) for m in v] if isinstance(v, (list, tuple)) else rename(v) for k, v in metrics.items()}
    if isinstance(metrics, (list, tuple)):
        if n_outputs > 1 and not any(isinstance(m, (list, tuple, dict)) for m in metrics):
            return [[rename(m) for m in metrics] for _ in range(n_outputs)]
        return [[rename(x) for x in m] if isinstance(m, (list, tuple)) else rename(m) for m in metrics]
    return [rename(metrics)]


def _metric_names(metrics):
    """The log names of a single-output model's compiled metrics, as Keras 2 and 3 name them."""
    names = []
    for m in _keras2_metrics(metrics, 1) or []:
        if isinstance(m, str):
            names.append(m)
        else:
            names.append(getattr(m, "name", None) or getattr(m, "__name__", None) or type(m).__name__)
    return names


def keras2_metric_order(names, output_names):
    """``names`` in Keras 2's ``metrics_names`` order: ``loss``, every output's ``<output>_loss``, then the metrics.

    Keras 3 lists a multi-output model's metrics before its per-output losses.
    """
    losses = [f"{name}_loss" for name in output_names if f"{name}_loss" in names]
    if len(output_names) < 2 or not losses:
        return list(names)
    head = [n for n in names if n == "loss"]
    return head + losses + [n for n in names if n != "loss" and n not in losses]


def _keras2_results(result, scalar_type):
    """Keras 3's ``train_on_batch``/``test_on_batch``/``evaluate`` result with each number a ``scalar_type``.

    Keras 2 returned numpy scalars: ``np.float32`` from a batch (TF1's ``Session.run`` of the
    float32 losses), ``np.float64`` from ``evaluate`` (its batch averages, in numpy 1.x). Keras 3
    returns Python floats or, before 3.13, 0-d arrays, which protobuf 3.20 refuses as ``simple_value``.
    """
    if isinstance(result, dict):
        return {key: _keras2_results(value, scalar_type) for key, value in result.items()}
    if isinstance(result, (list, tuple)):
        return [_keras2_results(value, scalar_type) for value in result]
    if isinstance(result, (int, float)) and not isinstance(result, bool):
        return scalar_type(result)
    scalar = numpy_scalar(result)
    return result if scalar is None else scalar_type(scalar)


def _is_generator(data):
    return hasattr(data, "__next__") or hasattr(data, "next")


def _is_sequence(data):
    return isinstance(data, keras.utils.PyDataset)


def _arrays(data):
    """``data`` (array, list/tuple/dict of arrays) as a list of arrays, or None when it is not in-memory arrays."""
    items = list(data.values()) if isinstance(data, dict) else list(data) if isinstance(data, (list, tuple)) else [data]
    if all(hasattr(a, "shape") and hasattr(a, "__getitem__") and not _is_generator(a) for a in items) and items:
        return items
    return None


def _validation_list(x, y, sample_weight):
    """Keras 2's ``callback.validation_data``: ``[x..., y..., sample_weights...]`` (ones when not given)."""
    xs, ys = _arrays(x), _arrays(y) if y is not None else None
    if xs is None or ys is None:
        return None
    ys = [np.expand_dims(a, 1) if getattr(a, "ndim", 2) == 1 else a for a in ys]
    if sample_weight is None:
        weights = [np.ones((len(a),), dtype=keras.config.floatx()) for a in ys]
    else:
        weights = _arrays(sample_weight) or []
    return xs + ys + weights


def _samples(x):
    arrays = _arrays(x) if x is not None else None
    return int(arrays[0].shape[0]) if arrays else None


def _pipeline_arguments(method, given):
    changed = {k: v for k, v in given.items() if v != _PIPELINE_DEFAULTS[k]}
    if changed:
        warnings.warn(
            f"Model.{method}: Keras 3 runs the generator itself (wrap it in a keras.utils.PyDataset for "
            f"parallel loading); these Keras 2 input-pipeline arguments are ignored. Received: {changed!r}",
            UserWarning, stacklevel=3)


def _tuples(value):
    return tuple(_tuples(v) for v in value) if isinstance(value, (list, tuple)) else value


def _lists_as_tuples(generator):
    """A generator yielding ``generator``'s batches with lists made tuples.

    Keras 2 generators yield ``([x1, x2], [y1, y2])`` for several inputs/outputs; Keras 3
    reads generators through ``tf.data``, which takes tuples, not lists.
    """
    for batch in generator:
        yield _tuples(batch)


def _check_steps(method, data, steps, arg):
    if steps is None and _is_generator(data) and not _is_sequence(data):
        raise InvalidArgumentError(
            f"Model.{method}: `{arg}` must be given for a Python generator: it never ends, so Keras 2 refused "
            f"it and Keras 3 would iterate forever (a keras.utils.Sequence knows its length). Received: {arg}=None"
        )


def _floatx_scalar():
    return np.dtype(keras.config.floatx()).type


def _logged_names(model):
    """The keys of ``model``'s logs in the order of its metric objects, or None before they are built.

    That order follows compile's arguments (the loss, the compiled metrics as given, per output, then
    the per-output losses and the model's own metrics); Keras 3.12 hands the logs themselves sorted
    (``['acc', 'loss']``).
    """
    names = []
    try:
        for metric in model.metrics:
            result = metric.result()
            names.extend(result if isinstance(result, dict) else [metric.name])
    except Exception:  # metrics not built yet (nothing has run)
        return None
    return names


class Keras2Model:
    """Mixin over a Keras 3 model class: Keras 2.2's ``compile``/``fit``/generator methods."""

    @eager_outside_user_graph
    def compile(self, optimizer="rmsprop", loss=None, metrics=None, loss_weights=None, sample_weight_mode=None,
                weighted_metrics=None, target_tensors=None, **kwargs):
        """Keras 2 ``compile``: arguments in Keras 2's order; see the module docstring."""
        if target_tensors is not None:
            raise InvalidArgumentError(
                "Keras 3 has no `target_tensors`: pass the targets to fit() as arrays or a dataset. "
                f"Received: target_tensors={target_tensors!r}")
        if sample_weight_mode not in (None, "temporal") and not isinstance(sample_weight_mode, (dict, list)):
            raise InvalidArgumentError(
                f"`sample_weight_mode` must be None or 'temporal'. Received: sample_weight_mode={sample_weight_mode!r}")
        ensure_lr_property()
        n_outputs = len(getattr(self, "outputs", None) or []) if getattr(self, "built", False) else 1
        flat = n_outputs == 1 and (metrics is None or isinstance(metrics, (list, tuple)))
        self._keras2_metric_names = _metric_names(metrics) if flat else None
        self.__dict__["_keras2_result_order"] = {}  # tuple(logs) -> the keys in metrics_names order (untracked)
        super().compile(
            optimizer=keras2_optimizers.get(optimizer), loss=loss, loss_weights=loss_weights,
            metrics=_keras2_metrics(metrics, n_outputs), weighted_metrics=_keras2_metrics(weighted_metrics, n_outputs),
            **kwargs)

    def compile_from_config(self, config):
        """Compiles a loaded model from its saved compile configuration (Keras 3 skips custom ``compile``s)."""
        self.compile(**keras.saving.deserialize_keras_object(config))
        if getattr(self, "optimizer", None) is not None and self.built:
            self.optimizer.build(self.trainable_variables)  # its variables, for the saved values to load into

    @eager_outside_user_graph
    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose=1, callbacks=None, validation_split=0.0,
            validation_data=None, shuffle=True, class_weight=None, sample_weight=None, initial_epoch=0,
            steps_per_epoch=None, validation_steps=None, **kwargs):
        """Keras 2 ``fit``: ``nb_epoch`` is ``epochs``; callbacks see Keras 2 logs, params and validation data."""
        if "nb_epoch" in kwargs:
            nb_epoch = kwargs.pop("nb_epoch")
            if epochs != 1:
                raise InvalidArgumentError(
                    f"fit() got both `nb_epoch` (Keras 1 name) and `epochs`. Received: nb_epoch={nb_epoch!r}, "
                    f"epochs={epochs!r}")
            warn_at_user("The `nb_epoch` argument in `fit` is Keras 1's name of `epochs`.", UserWarning)
            epochs = nb_epoch
        ensure_lr_property()
        if _is_generator(x):
            x = _lists_as_tuples(x)
        if _is_generator(validation_data):
            validation_data = _lists_as_tuples(validation_data)
        if validation_split and validation_data is None and _arrays(x) is not None:
            # The same tail split Keras 2 and 3 make; done here so callbacks can see the arrays.
            (x, y, sample_weight), validation_data = _split((x, y, sample_weight), validation_split=validation_split)
            validation_split = 0.0
        val_list = None
        if isinstance(validation_data, (list, tuple)) and len(validation_data) in (2, 3):
            val_list = _validation_list(*validation_data) if len(validation_data) == 3 else \
                _validation_list(validation_data[0], validation_data[1], None)
        samples = _samples(x)
        size = batch_size or (None if samples is None else 32)
        steps = steps_per_epoch
        if steps is None and samples is not None:
            steps = math.ceil(samples / size)
        params = {"batch_size": size, "epochs": epochs, "steps": steps, "samples": samples, "verbose": verbose,
                  "do_validation": validation_data is not None or bool(validation_split)}
        if isinstance(callbacks, keras.callbacks.CallbackList):
            cbks = callbacks
        else:
            cbks = Keras2CallbackList(callbacks, self, params, val_list)
        return super().fit(
            x, y, batch_size=batch_size, epochs=epochs, verbose=verbose, callbacks=cbks,
            validation_split=validation_split, validation_data=validation_data, shuffle=shuffle,
            class_weight=class_weight, sample_weight=sample_weight, initial_epoch=initial_epoch,
            steps_per_epoch=steps_per_epoch, validation_steps=validation_steps, **kwargs)

    def fit_generator(self, generator, steps_per_epoch=None, epochs=1, verbose=1, callbacks=None,
                      validation_data=None, validation_steps=None, class_weight=None, max_queue_size=10, workers=1,
                      use_multiprocessing=False, shuffle=True, initial_epoch=0):
        """Keras 2 ``fit_generator``: ``fit`` on a generator or ``Sequence``, Keras 2's checks first."""
        _check_steps("fit_generator", generator, steps_per_epoch, "steps_per_epoch")
        _check_steps("fit_generator", validation_data, validation_steps, "validation_steps")
        _pipeline_arguments("fit_generator", {"max_queue_size": max_queue_size, "workers": workers,
                                              "use_multiprocessing": use_multiprocessing})
        return self.fit(generator, steps_per_epoch=steps_per_epoch, epochs=epochs, verbose=verbose,
                        callbacks=callbacks, validation_data=validation_data, validation_steps=validation_steps,
                        class_weight=class_weight, shuffle=shuffle and _is_sequence(generator),
                        initial_epoch=initial_epoch)

    @eager_outside_user_graph
    def evaluate(self, x=None, y=None, batch_size=None, verbose=1, sample_weight=None, steps=None, **kwargs):
        """Keras 2 ``evaluate``: the loss, or ``[loss, metric...]`` in ``metrics_names`` order."""
        if _is_generator(x):
            x = _lists_as_tuples(x)
        return _keras2_results(super().evaluate(x, y, batch_size=batch_size, verbose=verbose,
                                                sample_weight=sample_weight, steps=steps, **kwargs), np.float64)

    def evaluate_generator(self, generator, steps=None, max_queue_size=10, workers=1, use_multiprocessing=False,
                           verbose=0):
        """Keras 2 ``evaluate_generator``: ``evaluate`` on a generator or ``Sequence`` (quiet by default)."""
        _check_steps("evaluate_generator", generator, steps, "steps")
        _pipeline_arguments("evaluate_generator", {"max_queue_size": max_queue_size, "workers": workers,
                                                   "use_multiprocessing": use_multiprocessing})
        return self.evaluate(generator, steps=steps, verbose=verbose)

    @eager_outside_user_graph
    def predict(self, x, batch_size=None, verbose=0, steps=None, **kwargs):
        """Keras 2 ``predict``: quiet by default (Keras 3 prints a progress bar)."""
        if _is_generator(x):
            x = _lists_as_tuples(x)
        return super().predict(x, batch_size=batch_size, verbose=verbose, steps=steps, **kwargs)

    def predict_generator(self, generator, steps=None, max_queue_size=10, workers=1, use_multiprocessing=False,
                          verbose=0):
        """Keras 2 ``predict_generator``: ``predict`` on a generator or ``Sequence``."""
        _check_steps("predict_generator", generator, steps, "steps")
        _pipeline_arguments("predict_generator", {"max_queue_size": max_queue_size, "workers": workers,
                                                  "use_multiprocessing": use_multiprocessing})
        return self.predict(generator, steps=steps, verbose=verbose)

    @eager_outside_user_graph
    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None, **kwargs):
        """Keras 2 ``train_on_batch``: the loss, or ``[loss, metric...]``."""
        ensure_lr_property()
        return _keras2_results(super().train_on_batch(x, y, sample_weight=sample_weight, class_weight=class_weight,
                                                      **kwargs), _floatx_scalar())

    @eager_outside_user_graph
    def test_on_batch(self, x, y=None, sample_weight=None, **kwargs):
        """Keras 2 ``test_on_batch``: the loss, or ``[loss, metric...]``."""
        return _keras2_results(super().test_on_batch(x, y, sample_weight=sample_weight, **kwargs), _floatx_scalar())

    @eager_outside_user_graph
    def predict_on_batch(self, x, **kwargs):
        """Keras 2 ``predict_on_batch``."""
        return super().predict_on_batch(x, **kwargs)

    @property
    def metrics_names(self):
        """Keras 2 ``metrics_names``: ``loss``, each output's loss, then compile's metrics in compile's order."""
        names = _logged_names(self) if getattr(self, "compiled", False) else None
        if not names or "compile_metrics" in names:
            # Not run yet: Keras 3 has not built its metrics; the compiled names are known.
            known = getattr(self, "_keras2_metric_names", None)
            names = ["loss", *known] if known is not None else [m.name for m in self.metrics] or ["loss"]
        return keras2_metric_order(names, getattr(self, "output_names", None) or [])

    def _flatten_metrics_in_order(self, logs):
        # What evaluate/train_on_batch/test_on_batch return: values in `metrics_names` order, as Keras 2
        # (Keras 3 puts the names it does not know in sorted order, and 3.12 hands all its logs sorted).
        # Cached per set of keys: metrics_names asks every metric for its result (1 ms a call), and the 2018
        # loop calls train_on_batch once per batch with the same keys.
        cache = self.__dict__.setdefault("_keras2_result_order", {})
        key = tuple(logs)
        names = cache.get(key)
        if names is None:
            names = [name for name in self.metrics_names if name in logs]
            names += [name for name in logs if name not in names]
            cache[key] = names
        results = [logs[name] for name in names]
        return results[0] if len(results) == 1 else results

    # -- saving at Keras 2 paths ------------------------------------------------------

    @eager_outside_user_graph
    def save(self, filepath, overwrite=True, include_optimizer=True):
        """Keras 2 ``save``: HDF5 at any path (Keras 3's zip format for a ``.keras`` path)."""
        save_model(self, filepath, overwrite=overwrite, include_optimizer=include_optimizer)

    @eager_outside_user_graph
    def save_weights(self, filepath, overwrite=True):
        """Keras 2 ``save_weights``: HDF5 at any path (Keras 3's format for ``.weights.h5``)."""
        save_weights(self, filepath, overwrite=overwrite)

    @eager_outside_user_graph
    def load_weights(self, filepath, by_name=False, skip_mismatch=False):
        """Keras 2 ``load_weights(filepath, by_name=False, skip_mismatch=False)`` at any path."""
        load_weights(self, filepath, by_name=by_name, skip_mismatch=skip_mismatch)


def _seed_from_numpy(layer, depth=0):
    """Gives ``layer``'s unseeded random initializers seeds drawn from numpy's global generator.

    Keras 2's TensorFlow backend drew the seed of every unseeded random op from
    ``np.random``, so a 2018 script's ``np.random.seed(1337)`` made its models start
    from the same weights every run; Keras 3 draws them from Python's ``random``.
    """
    if depth > 3:
        return
    for value in list(vars(layer).values()):
        if isinstance(value, keras.initializers.Initializer):
            if hasattr(value, "_init_seed") and value._init_seed is None and isinstance(value.seed, int):
                value.seed = int(np.random.randint(10e8))
        elif isinstance(value, keras.layers.Layer) and value is not layer:
            _seed_from_numpy(value, depth + 1)  # an RNN's cell, a wrapper's layer


class Keras2SequentialMethods:
    """Mixin: the methods Keras 2.2's ``Sequential`` had on top of ``Model``."""

    @eager_outside_user_graph
    def add(self, layer, *args, **kwargs):
        """Keras 2 ``Sequential.add``: unseeded initializers follow ``np.random.seed``, as in Keras 2."""
        if not getattr(layer, "built", True):
            _seed_from_numpy(layer)
        return super().add(layer, *args, **kwargs)

    def predict_proba(self, x, batch_size=32, verbose=0):
        """Keras 2 ``predict_proba``: ``predict``, warning when outputs are not in [0, 1]."""
        preds = self.predict(x, batch_size=batch_size, verbose=verbose)
        if preds.min() < 0.0 or preds.max() > 1.0:
            warnings.warn("Network returning invalid probability values. The last layer might not be a "
                          "probability activation (softmax or sigmoid).", UserWarning, stacklevel=2)
        return preds

    def predict_classes(self, x, batch_size=32, verbose=0):
        """Keras 2 ``predict_classes``: argmax of the outputs, or ``output > 0.5`` for one output unit."""
        proba = self.predict(x, batch_size=batch_size, verbose=verbose)
        if proba.shape[-1] > 1:
            return proba.argmax(axis=-1)
        return (proba > 0.5).astype("int32")
