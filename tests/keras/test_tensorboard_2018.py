"""tfcompat.TensorboardKeras: the 2018 blog callback on Keras 3, read back with EventAccumulator."""

import math
import os
import warnings

import numpy as np
import pytest

# Most tests here fit without validation data on purpose: the one warning about the missing val_* keys is
# pinned by test_missing_keys_warn_once_per_fit and ignored elsewhere.
pytestmark = [pytest.mark.tf, pytest.mark.filterwarnings("ignore:TensorboardKeras. no .* in the logs of epoch:RuntimeWarning")]

keras = pytest.importorskip("keras")
from tensorboard.backend.event_processing import event_accumulator as ea  # noqa: E402
from tensorboard.util import tensor_util  # noqa: E402

import tfcompat  # noqa: E402
from tests.support import points, read_back
from tfcompat import InvalidArgumentError  # noqa: E402

SIZES = {ea.SCALARS: 0, ea.HISTOGRAMS: 0, ea.TENSORS: 0, ea.IMAGES: 0}


def f32(values):
    return [float(np.float32(v)) for v in values]


def data(n=48, seed=0):
    rs = np.random.RandomState(seed)
    x = rs.randn(n, 4).astype("float32")
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype("int32")
    return x, y


def make_model(metric="accuracy", optimizer=None, seed=0):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [keras.Input((4,)), keras.layers.Dense(6, activation="relu"), keras.layers.Dense(2, activation="softmax")]
    )
    model.compile(
        optimizer if optimizer is not None else keras.optimizers.SGD(0.1),
        "sparse_categorical_crossentropy",
        metrics=[metric] if metric else [],
    )
    return model


def test_direct_use_writes_2018_tags_equal_to_history(tmp_path):
    x, y = data()
    model = make_model()
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path / "run1"))
    hist = model.fit(x, y, batch_size=16, epochs=3, validation_split=0.25, verbose=0, callbacks=[tb])
    acc = read_back(tmp_path / "run1")
    assert sorted(acc.Tags()["scalars"]) == ["lr", "train/acc", "train/loss", "val/acc", "val/loss"]
    for tag, key in [("train/loss", "loss"), ("train/acc", "accuracy"), ("val/loss", "val_loss"), ("val/acc", "val_accuracy")]:
        got = points(acc, tag)
        assert [s for s, _ in got] == [0, 1, 2]
        assert [v for _, v in got] == f32(hist.history[key]), tag
    assert [v for _, v in points(acc, "lr")] == f32([0.1] * 3)
    # One run, TF1 file naming, simple_value scalars (EventAccumulator files them as scalars).
    names = os.listdir(tmp_path / "run1")
    assert len(names) == 1 and not names[0].endswith(".v2")


def test_2018_way_model_logdir_and_on_epoch_end_cb(tmp_path):
    x, y = data()
    model = make_model(metric="acc")
    tb = tfcompat.TensorboardKeras(model, str(tmp_path))
    cb = tb.on_epoch_end_cb()
    assert isinstance(cb, keras.callbacks.LambdaCallback)
    hist = model.fit(x, y, batch_size=16, epochs=2, validation_data=(x[:16], y[:16]), verbose=0, callbacks=[cb])
    acc = read_back(tmp_path)
    assert [v for _, v in points(acc, "train/acc")] == f32(hist.history["acc"])
    assert [v for _, v in points(acc, "val/loss")] == f32(hist.history["val_loss"])
    assert [s for s, _ in points(acc, "lr")] == [0, 1]


def test_2018_way_lambda_callback_follows_scheduler_and_logs_batches(tmp_path):
    x, y = data()
    model = make_model()
    tb = tfcompat.TensorboardKeras(model, str(tmp_path), update_freq="batch")
    schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.1 / (epoch + 1))
    model.fit(x, y, batch_size=16, epochs=2, initial_epoch=0, verbose=0, callbacks=[tb.on_epoch_end_cb(), schedule])
    acc = read_back(tmp_path)
    assert [v for _, v in points(acc, "lr")] == f32([0.1, 0.05])
    assert [s for s, _ in points(acc, "batch/loss")] == [1, 2, 3, 4, 5, 6]


def test_2018_way_on_epoch_end_called_by_hand_and_via_lambda_args(tmp_path):
    model = make_model()
    tb = tfcompat.TensorboardKeras(model, str(tmp_path))
    tb.on_epoch_end(0, {"loss": 0.5, "acc": 0.25, "val_loss": 0.75, "val_acc": 0.5})
    # The post's other spelling: LambdaCallback(on_epoch_end=lambda e, l: tb.on_epoch_end_cb(e, l))
    tb.on_epoch_end_cb(1, {"loss": 0.4, "acc": 0.5, "val_loss": 0.6, "val_acc": 0.75})
    acc = read_back(tmp_path)  # flushed at every epoch end, readable while still open
    assert points(acc, "train/loss") == [(0, 0.5), (1, f32([0.4])[0])]
    assert points(acc, "val/acc") == [(0, 0.5), (1, 0.75)]


def test_lr_follows_learning_rate_scheduler(tmp_path):
    x, y = data()
    model = make_model()
    schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: 0.1 / (epoch + 1))
    # Our callback first: it must still see the rate the scheduler set for the epoch.
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path))
    model.fit(x, y, batch_size=16, epochs=3, verbose=0, callbacks=[tb, schedule])
    got = points(read_back(tmp_path), "lr")
    assert got == [(0, f32([0.1])[0]), (1, f32([0.05])[0]), (2, f32([0.1 / 3])[0])]
    assert "train/learning_rate" not in read_back(tmp_path).Tags()["scalars"]


def test_lr_is_the_rate_used_in_the_epoch_with_reduce_lr_on_plateau(tmp_path):
    x, y = data()
    model = make_model()
    # min_delta huge: epoch 0 sets `best`, then it halves the rate at the end of
    # epochs 1 and 2, after those epochs ran and BEFORE our on_epoch_end (it comes
    # first in the list): the rates used were 0.1, 0.1, 0.05.
    reduce = keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=0, min_delta=10.0)
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path))
    model.fit(x, y, batch_size=16, epochs=3, verbose=0, callbacks=[reduce, tb])
    assert [v for _, v in points(read_back(tmp_path), "lr")] == f32([0.1, 0.1, 0.05])
    assert float(model.optimizer.learning_rate) == f32([0.025])[0]


def test_lr_of_a_schedule_at_the_current_iteration(tmp_path):
    x, y = data()
    sched = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5)
    model = make_model(optimizer=keras.optimizers.SGD(sched))
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path))
    model.fit(x, y, batch_size=16, epochs=2, verbose=0, callbacks=[tb])
    # 3 steps per epoch: at the end of epoch e, iterations = 3(e+1).
    assert [v for _, v in points(read_back(tmp_path), "lr")] == f32([0.1 * 0.5**3, 0.1 * 0.5**6])


def test_lr_set_through_opt_lr_with_tfcompat_property(tmp_path):
    from tfcompat.keras import _optimizer_lr as lr_mod

    installed = lr_mod.install_lr_property()
    try:
        x, y = data()
        model = make_model()

        def set_lr(epoch, logs):
            model.optimizer.lr = 0.01 * (epoch + 1)

        tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path))
        model.fit(x, y, batch_size=16, epochs=2, verbose=0,
                  callbacks=[keras.callbacks.LambdaCallback(on_epoch_begin=set_lr), tb])
    finally:
        if installed:
            lr_mod.uninstall_lr_property()
    assert [v for _, v in points(read_back(tmp_path), "lr")] == f32([0.01, 0.02])


def test_several_optimizers_get_one_lr_tag_each(tmp_path):
    model = make_model()
    model.optimizers = [keras.optimizers.SGD(0.5, name="gen"), keras.optimizers.Adam(0.25, name="disc")]
    tb = tfcompat.TensorboardKeras(model, str(tmp_path))
    tb.on_epoch_end(0, {"loss": 1.0})
    acc = read_back(tmp_path)
    assert points(acc, "lr/gen") == [(0, 0.5)] and points(acc, "lr/disc") == [(0, 0.25)]


def test_batch_logging_on_global_batch_step(tmp_path):
    x, y = data()
    model = make_model()
    seen = []
    recorder = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: seen.append(dict(logs)))
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path), update_freq="batch")
    model.fit(x, y, batch_size=16, epochs=2, verbose=0, callbacks=[tb, recorder])
    acc = read_back(tmp_path)
    got = points(acc, "batch/loss")
    assert [s for s, _ in got] == [1, 2, 3, 4, 5, 6]
    assert [v for _, v in got] == f32([logs["loss"] for logs in seen])
    assert [v for _, v in points(acc, "batch/acc")] == f32([logs["accuracy"] for logs in seen])
    assert [s for s, _ in points(acc, "train/loss")] == [0, 1]


def test_update_freq_n_logs_every_nth_global_batch(tmp_path):
    x, y = data()
    model = make_model()
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path), update_freq=2)
    model.fit(x, y, batch_size=16, epochs=2, verbose=0, callbacks=[tb])
    assert [s for s, _ in points(read_back(tmp_path), "batch/loss")] == [2, 4, 6]


def test_keras_would_dispatch_it_asynchronously(monkeypatch):
    from keras.src.callbacks import callback_list

    # Keras dispatches async only on thread-safe backends (not TF): pretend.
    monkeypatch.setattr(callback_list.backend, "IS_THREAD_SAFE", True)
    model = make_model()
    tb = tfcompat.TensorboardKeras(log_dir="unused", update_freq="batch")
    assert keras.callbacks.CallbackList([tb], model=model)._async_train
    plain = keras.callbacks.LambdaCallback(on_train_batch_end=lambda b, logs: None)
    assert not keras.callbacks.CallbackList([plain], model=model)._async_train


@pytest.mark.slow  # 2-4 s of CPU (whole fits) on a quiet machine: not in the quick run
def test_fit_with_async_dispatch_writes_every_batch_in_order(monkeypatch, tmp_path):
    from keras.src.callbacks import callback_list

    monkeypatch.setattr(callback_list.backend, "IS_THREAD_SAFE", True)
    x, y = data(n=64 * 12)
    model = make_model()
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path), update_freq="batch")
    model.fit(x, y, batch_size=1, epochs=1, verbose=0, callbacks=[tb])  # 768 batches: drains mid-epoch
    got = points(read_back(tmp_path), "batch/loss")
    assert [s for s, _ in got] == list(range(1, 769))


def _pool_dispatch(tb, n, seed):
    """Calls on_train_batch_end like Keras's async CallbackList: a thread pool, FIFO submits."""
    import concurrent.futures
    import time

    rs = np.random.RandomState(seed)
    delays = rs.exponential(0.0002, n)
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        futures = []
        for b in range(n):
            def call(b=b):
                time.sleep(delays[b])  # pythonify_logs and scheduling jitter
                tb.on_train_batch_end(b, {"loss": float(b)})
            futures.append(pool.submit(call))
        for f in futures:
            f.result()


def test_out_of_order_batch_callbacks_reach_the_file_in_step_order(tmp_path):
    """Keras's callback thread pool may finish batch callbacks out of order."""
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path), update_freq="batch", write_lr=False)
    tb.set_params({"steps": 1500, "epochs": 1})
    tb.on_epoch_begin(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no batch may arrive too late to be written
        _pool_dispatch(tb, 1500, seed=0)
        tb.on_epoch_end(0, {"loss": 1.0, "acc": 1.0, "val_loss": 1.0, "val_acc": 1.0})
    tb.on_train_end()
    got = points(read_back(tmp_path), "batch/loss")  # a step going backwards would make TB purge
    assert [s for s, _ in got] == list(range(1, 1501))
    assert [v for _, v in got] == [float(s - 1) for s in range(1, 1501)]


def test_a_batch_arriving_after_newer_ones_were_written_is_reported(tmp_path):
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path), update_freq="batch", write_lr=False)
    tb.set_params({"steps": 1000, "epochs": 1})
    tb.on_epoch_begin(0)
    for b in range(1, 700):  # batch 0 starves
        tb.on_train_batch_end(b, {"loss": float(b)})
    with pytest.warns(RuntimeWarning, match="batch step 1 arrived after step"):
        tb.on_train_batch_end(0, {"loss": 0.0})
        tb.on_epoch_end(0, {"loss": 1.0})
    tb.on_train_end()
    steps = [s for s, _ in points(read_back(tmp_path), "batch/loss")]
    assert steps == list(range(2, 701))


def test_missing_val_keys_one_warning_not_keyerror(tmp_path):
    x, y = data()
    model = make_model()
    tb = tfcompat.TensorboardKeras(model, str(tmp_path))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(x, y, batch_size=16, epochs=3, verbose=0, callbacks=[tb.on_epoch_end_cb()])
    ours = [w for w in caught if "TensorboardKeras" in str(w.message)]
    assert len(ours) == 1
    assert "'val_acc', 'val_loss'" in str(ours[0].message) and "validation_data" in str(ours[0].message)
    tags = read_back(tmp_path).Tags()["scalars"]
    assert "train/loss" in tags and not any(t.startswith("val/") for t in tags)


def test_nan_loss_is_logged_as_nan(tmp_path):
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path), write_lr=False)
    tb.on_epoch_end(0, {"loss": 1.0, "acc": 0.5})
    tb.on_epoch_end(1, {"loss": float("nan"), "acc": 0.5})
    got = points(read_back(tmp_path), "train/loss")
    assert [s for s, _ in got] == [0, 1] and math.isnan(got[1][1])


def test_rename_mapping_and_callable(tmp_path):
    tb = tfcompat.TensorboardKeras(
        log_dir=str(tmp_path / "a"), write_lr=False, rename={"loss": "metrics/xent", "accuracy": None})
    tb.on_epoch_end(0, {"loss": 1.0, "accuracy": 0.5, "val_loss": 2.0})
    assert sorted(read_back(tmp_path / "a").Tags()["scalars"]) == ["metrics/xent", "val/loss"]
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path / "b"),
                                   rename=lambda k: ("eval", k) if k.startswith("val_") else k.upper())
    tb.on_epoch_end(0, {"loss": 1.0, "val_loss": 2.0})
    assert read_back(tmp_path / "b").Tags()["scalars"] == ["LOSS"]
    assert read_back(tmp_path / "b" / "eval").Tags()["scalars"] == ["val_loss"]


def test_keras3_preset_writes_keras3_layout_as_tensors(tmp_path):
    x, y = data()
    model = make_model()
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path), preset="keras3", update_freq="batch")
    hist = model.fit(x, y, batch_size=16, epochs=2, validation_split=0.25, verbose=0, callbacks=[tb])
    train, val = read_back(tmp_path / "train"), read_back(tmp_path / "validation")
    assert sorted(train.Tags()["tensors"]) == [
        "batch_accuracy", "batch_loss", "epoch_accuracy", "epoch_learning_rate", "epoch_loss"]
    assert sorted(val.Tags()["tensors"]) == ["epoch_accuracy", "epoch_loss"]
    got = [float(tensor_util.make_ndarray(e.tensor_proto)) for e in val.Tensors("epoch_loss")]
    assert got == f32(hist.history["val_loss"])
    assert all(n.endswith(".v2") for n in os.listdir(tmp_path / "train"))
    meta = train.SummaryMetadata("epoch_loss")
    assert meta.plugin_data.plugin_name == "scalars"


def test_histograms_tf1_and_tf2(tmp_path):
    x, y = data()
    model = make_model()
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path / "tf1"), histogram_freq=2)
    model.fit(x, y, batch_size=16, epochs=3, verbose=0, callbacks=[tb])
    acc = read_back(tmp_path / "tf1")
    tags = sorted(acc.Tags()["histograms"])
    assert tags == sorted(w.path for w in model.weights)
    kernel = acc.Histograms(model.layers[0].kernel.path)
    assert [h.step for h in kernel] == [0, 2]
    assert kernel[-1].histogram_value.num == 4 * 6
    np.testing.assert_allclose(kernel[-1].histogram_value.sum, float(np.sum(model.layers[0].kernel.numpy())), rtol=1e-5)

    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path / "tf2"), histogram_freq=1, format="tf2")
    model.fit(x, y, batch_size=16, epochs=1, verbose=0, callbacks=[tb])
    acc = read_back(tmp_path / "tf2")
    bias = model.layers[0].bias.path
    buckets = tensor_util.make_ndarray(acc.Tensors(bias)[0].tensor_proto)
    assert buckets.shape == (30, 3) and buckets[:, 2].sum() == 6
    assert acc.SummaryMetadata(bias).plugin_data.plugin_name == "histograms"


def test_write_graph(tmp_path):
    x, y = data()
    model = make_model()
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path), write_graph=True)
    model.fit(x, y, batch_size=16, epochs=1, verbose=0, callbacks=[tb])
    graph = read_back(tmp_path).Graph()
    assert any("MatMul" in n.op for n in graph.node)


def test_writers_are_created_lazily(tmp_path):
    tfcompat.TensorboardKeras(log_dir=str(tmp_path / "never"))
    assert not (tmp_path / "never").exists()


@pytest.mark.parametrize(
    "kwargs, arg",
    [
        ({"update_freq": "step"}, "update_freq"),
        ({"update_freq": 0}, "update_freq"),
        ({"histogram_freq": -1}, "histogram_freq"),
        ({"flush_secs": 0}, "flush_secs"),
        ({"preset": "2017"}, "preset"),
        ({"format": "tf3"}, "format"),
        ({"rename": 3}, "rename"),
        ({"log_dir": ""}, "log_dir"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, arg):
    kwargs.setdefault("log_dir", "logs")
    with pytest.raises(InvalidArgumentError, match=f"`{arg}`.*Received: {arg}="):
        tfcompat.TensorboardKeras(**kwargs)


def test_model_argument_must_be_a_model():
    with pytest.raises(InvalidArgumentError, match="Received: model=42"):
        tfcompat.TensorboardKeras(42, "logs")


def _alias_acc(logs):
    # 2018 migration shim: earlier callbacks copy Keras 3's `accuracy` to `acc`.
    for k in [k for k in logs if k.endswith("accuracy")]:
        logs[k[: -len("accuracy")] + "acc"] = logs[k]


@pytest.mark.slow  # 1.5-4 s of whole fits or saves: not in the quick run
def test_acc_beside_accuracy_is_written_once(tmp_path):
    x, y = data()
    model = make_model()
    alias = keras.callbacks.LambdaCallback(
        on_train_batch_end=lambda b, logs: _alias_acc(logs), on_epoch_end=lambda e, logs: _alias_acc(logs))
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path), update_freq="batch")
    hist = model.fit(x, y, batch_size=16, epochs=2, validation_split=0.25, verbose=0, callbacks=[alias, tb])
    acc = read_back(tmp_path)
    assert points(acc, "train/acc") == list(zip([0, 1], f32(hist.history["accuracy"])))
    assert points(acc, "val/acc") == list(zip([0, 1], f32(hist.history["val_accuracy"])))
    assert [s for s, _ in points(acc, "batch/acc")] == [1, 2, 3, 4, 5, 6]


def test_two_keys_for_one_tag_with_different_values_warn_and_keep_the_first(tmp_path):
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path), write_lr=False, update_freq="batch")
    tb.set_params({"steps": 1, "epochs": 1})
    tb.on_epoch_begin(0)
    tb.on_train_batch_end(0, {"acc": 0.25, "accuracy": 0.5})
    with pytest.warns(RuntimeWarning, match=r"'acc'=0.75 and 'accuracy'=0.5 both map to tag 'train/acc'"):
        tb.on_epoch_end(0, {"loss": 1.0, "acc": 0.75, "accuracy": 0.5, "val_loss": 1.0, "val_acc": 0.5})
    acc = read_back(tmp_path)
    assert points(acc, "train/acc") == [(0, 0.75)]
    assert points(acc, "batch/acc") == [(1, 0.25)]


def test_unknown_steps_without_optimizer_continue_the_batch_steps(tmp_path):
    # A custom loop driving the hooks (no model, epochs of unknown length).
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path), update_freq="batch", write_lr=False)
    tb.set_params({"epochs": 2, "steps": None})
    for epoch in range(2):
        tb.on_epoch_begin(epoch)
        for b in range(3):
            tb.on_train_batch_end(b, {"loss": float(10 * epoch + b)})
        tb.on_epoch_end(epoch, {"loss": 1.0})
    tb.on_train_end()
    got = points(read_back(tmp_path), "batch/loss")  # a step going back would make TensorBoard purge
    assert got == [(1, 0.0), (2, 1.0), (3, 2.0), (4, 10.0), (5, 11.0), (6, 12.0)]


def test_missing_keys_warn_once_per_fit(tmp_path):
    # Without validation data the 2018 names val/loss and val/acc cannot be written: one warning says so.
    model = make_model()
    x, y = data()
    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path))
    with pytest.warns(RuntimeWarning, match=r"no 'val_acc', 'val_loss' in the logs of epoch 0") as caught:
        model.fit(x, y, epochs=3, verbose=0, callbacks=[tb])
    assert len([w for w in caught if "in the logs of epoch" in str(w.message)]) == 1
    assert [e.step for e in read_back(tmp_path).Scalars("train/loss")] == [0, 1, 2]


def test_on_epoch_end_cb_passed_without_parentheses_says_what_to_do(tmp_path):
    x, y = data()
    model = make_model()
    tb = tfcompat.TensorboardKeras(model, str(tmp_path))
    with pytest.raises(TypeError) as caught:
        model.fit(x, y, epochs=1, verbose=0, callbacks=[tb.on_epoch_end_cb])
    message = str(caught.value)
    assert message.startswith("TensorboardKeras.on_epoch_end_cb was passed to `callbacks=` without being called: "
                              "write `callbacks=[tb.on_epoch_end_cb()]` (with the parentheses), or pass the "
                              "TensorboardKeras itself: `callbacks=[tb]`.")
    assert "set_model" not in message
    # Called, it still is the post's method: the callback, or the epoch written by hand.
    assert isinstance(tb.on_epoch_end_cb(), keras.callbacks.LambdaCallback)
    assert tb.on_epoch_end_cb.__doc__.startswith("Mirrors the post's ``on_epoch_end_cb()``")


def test_no_log_dir_warns_once_where_it_writes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.warns(UserWarning, match=r"TensorboardKeras: no `log_dir` given: writing to \./logs \(.*logs\)"):
        tb = tfcompat.TensorboardKeras()
    assert tb.log_dir == "./logs"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tfcompat.TensorboardKeras(log_dir=str(tmp_path / "chosen"))  # a chosen folder: nothing said


def test_the_stand_in_class_is_the_real_one_for_isinstance_and_subclasses(tmp_path):
    from tfcompat.keras._tensorboard_2018 import TensorboardKeras as Real

    tb = tfcompat.TensorboardKeras(log_dir=str(tmp_path))
    assert type(tb) is Real and isinstance(tb, tfcompat.TensorboardKeras)
    assert issubclass(Real, tfcompat.TensorboardKeras)

    class MyBoard(tfcompat.TensorboardKeras):
        def __init__(self, log_dir):
            super().__init__(log_dir=log_dir, write_lr=False)

    board = MyBoard(str(tmp_path / "mine"))
    assert isinstance(board, Real) and board.write_lr is False and MyBoard.__mro__[1] is Real
    assert tfcompat.TensorboardKeras.__doc__ == Real.__doc__
