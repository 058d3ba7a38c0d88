"""tfcompat.patch() / unpatch() / patched(): 2018 names on tensorflow and keras, restored exactly."""

import os
import sys
import types
import warnings

import numpy as np
import pytest

pytestmark = pytest.mark.tf

tf = pytest.importorskip("tensorflow")
keras = pytest.importorskip("keras")

import tfcompat  # noqa: E402
from tfcompat.run import _patch  # noqa: E402


def _modules():
    from keras.src.callbacks.callback_list import CallbackList
    from tensorflow.python.ops.resource_variable_ops import BaseResourceVariable

    objs = [tf, keras, keras.backend, tf.keras.backend, keras.optimizers, keras.callbacks, keras.Model,
            keras.optimizers.Optimizer, CallbackList, BaseResourceVariable, tf.compat.v1, keras.metrics.Metric]
    for name, value in list(vars(tf).items()):
        if isinstance(value, types.ModuleType) and not name.startswith("_"):
            objs.append(value)
    for name in list(sys.modules):
        if (name.startswith("tensorflow._api.v2.") and name.count(".") == 3
                or name.startswith("tensorflow.") and name.count(".") == 1):
            objs.append(sys.modules[name])
    objs.append(keras.utils)
    return objs


def _snapshot():
    snap = {id(obj): (obj, dict(vars(obj))) for obj in _modules()}
    snap["sys.modules"] = (sys.modules, {k: v for k, v in sys.modules.items() if k.startswith("keras.utils")})
    return snap


def _assert_same(before, after):
    problems = []
    for key, (obj, attrs) in before.items():
        now = after[key][1] if key in after else dict(vars(obj))
        label = key if isinstance(key, str) else getattr(obj, "__name__", repr(obj))
        for name in set(attrs) | set(now):
            if name not in now:
                problems.append(f"{label}.{name} deleted")
            elif name not in attrs:
                problems.append(f"{label}.{name} added")
            elif attrs[name] is not now[name]:
                problems.append(f"{label}.{name} changed")
    assert not problems, problems[:20]


@pytest.fixture
def quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def test_import_patches_nothing():
    import tfcompat.run._patch  # noqa: F401

    assert not _patch.is_patched()
    assert not hasattr(tf, "placeholder")
    assert not hasattr(keras.backend, "get_session")


def test_patch_then_unpatch_restores_every_attribute(quiet):
    # Settle what TF rebinds on first use (tf.summary...) so the baseline is stable.
    tfcompat.patch()
    tfcompat.unpatch()
    before = _snapshot()
    assert tfcompat.patch() == 1
    try:
        assert callable(tf.placeholder) and callable(tf.Session)
        assert callable(tf.summary.FileWriter) and callable(tf.summary.merge_all) and callable(tf.scalar_summary)
        assert callable(tf.train.AdamOptimizer) and tf.train.SummaryWriter is tf.summary.FileWriter
        assert callable(keras.backend.get_session) and callable(keras.backend.set_value)
        assert "lr" in vars(keras.optimizers.Optimizer)
        during = _snapshot()
    finally:
        assert tfcompat.unpatch() is True
    after = _snapshot()
    _assert_same(before, after)
    with pytest.raises(AssertionError):  # the comparison does see a patch
        _assert_same(before, during)
    assert not hasattr(tf, "placeholder") and not hasattr(keras.backend, "get_session")
    assert "lr" not in vars(keras.optimizers.Optimizer)


def test_nested_patches_restore_on_the_outermost_unpatch(quiet):
    assert tfcompat.patch() == 1
    assert tfcompat.patch() == 2
    assert tfcompat.unpatch() is False
    assert hasattr(tf, "placeholder")
    assert tfcompat.unpatch() is True
    assert not hasattr(tf, "placeholder")
    assert tfcompat.unpatch() is False


def test_patched_context_manager_restores_on_error(quiet):
    with pytest.raises(ZeroDivisionError):
        with tfcompat.patched():
            assert hasattr(tf, "Session")
            1 / 0
    assert not hasattr(tf, "Session")
    assert not _patch.is_patched()


def test_isinstance_against_patched_classes_still_works(quiet):
    with tfcompat.patched():
        v = tf.Variable(1.0)
        assert isinstance(v, tf.Variable)
        opt = keras.optimizers.Adam(learning_rate=0.01)
        assert isinstance(opt, keras.optimizers.Adam)
        assert type(opt) is keras.optimizers.Adam.__tfcompat_tf2__  # Keras 3 code gets Keras 3 classes
        assert issubclass(type(opt), keras.optimizers.Optimizer)


def test_patched_classes_can_be_subclassed(quiet, tmp_path):
    with tfcompat.patched():
        class LRBoard(keras.callbacks.TensorBoard):
            def on_epoch_end(self, epoch, logs=None):
                logs = dict(logs or {}, lr=float(self.model.optimizer.lr.numpy()))
                super().on_epoch_end(epoch, logs)

        class MyAdam(keras.optimizers.Adam):
            pass

        assert issubclass(LRBoard, keras.callbacks.TensorBoard.__tfcompat_tf2__)
        board = LRBoard(log_dir=str(tmp_path))
        assert isinstance(board, keras.callbacks.TensorBoard)
        assert isinstance(MyAdam(learning_rate=0.1), keras.optimizers.Adam)


def test_optimizer_lr_under_patch(quiet):
    with tfcompat.patched():
        from keras import backend as K

        opt = keras.optimizers.Adam(lr=0.01)
        assert np.isclose(K.get_value(opt.lr), 0.01)
        K.set_value(opt.lr, 0.002)
        assert np.isclose(float(opt.learning_rate.numpy()), 0.002)
        opt.lr = 0.003
        assert np.isclose(float(opt.learning_rate.numpy()), 0.003)
        sgd = keras.optimizers.SGD(lr=0.1, decay=0.5)
        assert np.isclose(K.get_value(sgd.lr), 0.1)


def _tiny_model():
    keras.utils.set_random_seed(0)  # unseeded weights made the checkpoint count depend on test order
    rng = np.random.RandomState(0)
    x = rng.normal(size=(32, 3)).astype("float32")
    y = (x[:, 0] > 0).astype("float32")
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model, x, y


def test_every_user_callback_sees_keras2_log_keys_and_keras_writers_do_not(quiet, tmp_path):
    seen = {}

    class Mine(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            seen.setdefault("custom", []).append((logs["acc"], logs["val_acc"], logs["accuracy"]))

    lam = keras.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: seen.setdefault("lambda", []).append(logs["acc"]))
    csv = tmp_path / "log.csv"
    with tfcompat.patched():
        model, x, y = _tiny_model()
        history = model.fit(x, y, epochs=2, batch_size=16, verbose=0, validation_split=0.25,
                            callbacks=[Mine(), lam, keras.callbacks.CSVLogger(str(csv))])
    assert len(seen["custom"]) == 2 and len(seen["lambda"]) == 2
    assert all(a == b for a, _, b in seen["custom"])
    assert history.history["acc"] == history.history["accuracy"]
    header = csv.read_text().splitlines()[0].split(",")
    assert "accuracy" in header and "acc" not in header  # Keras' own writer keeps Keras 3 keys


def test_fit_nb_epoch_and_generator_methods(quiet):
    with tfcompat.patched():
        model, x, y = _tiny_model()
        history = model.fit(x, y, nb_epoch=3, batch_size=16, verbose=0)
        assert len(history.history["loss"]) == 3

        def gen():
            while True:
                yield x[:16], y[:16]

        history = model.fit_generator(gen(), steps_per_epoch=2, epochs=2, verbose=0, workers=4)
        assert len(history.history["loss"]) == 2
        loss, acc = model.evaluate_generator(gen(), steps=2, verbose=0)
        assert 0 <= acc <= 1
        assert model.predict_generator(gen(), steps=2, verbose=0).shape == (32, 1)
        with pytest.raises(TypeError, match="nb_epoch"):
            model.fit(x, y, nb_epoch=1, epochs=1, verbose=0)
    assert not hasattr(keras.Model, "fit_generator")


def test_keras_np_utils_under_patch_and_gone_after(quiet):
    with tfcompat.patched():
        from keras.utils import np_utils
        from keras.utils.np_utils import to_categorical

        assert to_categorical([0, 2], 3).tolist() == [[1, 0, 0], [0, 0, 1]]
        assert np_utils.to_categorical([1], 2).tolist() == [[0, 1]]
    assert "keras.utils.np_utils" not in sys.modules and not hasattr(keras.utils, "np_utils")
    with pytest.raises(ImportError):
        from keras.utils import np_utils  # noqa: F401,F811


def test_metric_reset_states_under_patch(quiet):
    metric = keras.metrics.Mean()
    metric.update_state([4.0])
    with tfcompat.patched():
        metric.reset_states()
    assert float(metric.result()) == 0.0 and not hasattr(metric, "reset_states")


def test_trace_export_with_profiler_outdir(quiet, tmp_path):
    writer = tf.summary.create_file_writer(str(tmp_path / "run"))

    @tf.function
    def double(v):
        return v * 2.0

    with tfcompat.patched(), writer.as_default():
        tf.summary.trace_on(graph=True, profiler=True)
        double(tf.constant(1.0))
        tf.summary.trace_export(name="double", step=0, profiler_outdir=str(tmp_path / "profile"))
    writer.flush()
    profiles = [f for _, _, files in os.walk(tmp_path / "profile") for f in files if f.endswith(".xplane.pb")]
    assert profiles
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    acc = EventAccumulator(str(tmp_path / "run"))
    acc.Reload()
    assert "double" in acc.Tags()["tensors"] or acc.Tags()["graph"] or acc.Tags()["run_metadata"]


def test_unpatch_leaves_attributes_others_rebound_after_patch(quiet):
    with tfcompat.patched():
        ours = tf.placeholder

        def theirs(*args, **kwargs):  # e.g. a library wrapping what it found
            return ours(*args, **kwargs)

        tf.placeholder = theirs
    try:
        assert tf.placeholder is theirs
        assert not hasattr(tf, "Session")
    finally:
        del tf.placeholder


def test_keras_monitoring_callbacks_take_keras2_keys_from_their_arguments(quiet, tmp_path):
    # 2018: ModelCheckpoint('w.{val_acc:.2f}', monitor='val_acc'), EarlyStopping(monitor='val_acc').
    with tfcompat.patched():
        model, x, y = _tiny_model()
        ckpt = keras.callbacks.ModelCheckpoint(str(tmp_path / "w-{epoch:02d}-{val_acc:.2f}.keras"),
                                               monitor="val_acc", save_best_only=True, mode="max")
        # min_delta beyond any accuracy change: no epoch after the first improves, so it stops after epoch 2.
        early = keras.callbacks.EarlyStopping(monitor="val_acc", patience=0, min_delta=2.0, mode="max")
        plain = keras.callbacks.EarlyStopping(monitor="val_loss")
        history = model.fit(x, y, epochs=4, batch_size=16, verbose=0, validation_split=0.25,
                            callbacks=[ckpt, early])
        assert type(plain) is keras.callbacks.EarlyStopping.__tfcompat_tf2__   # Keras 3 keys: Keras 3 class
        assert isinstance(early, keras.callbacks.EarlyStopping)
    assert len(history.history["loss"]) == 2          # the Keras 3 class never sees val_acc: would run 4
    saved = [p.name for p in tmp_path.iterdir()]
    assert len(saved) == 1 and saved[0].startswith("w-01-"), saved
