"""tfcompat.keras as Keras 2.2.4's ``keras`` package: module paths, Keras 2 models and what their callbacks see."""

import importlib

import numpy as np
import pytest

pytest.importorskip("tensorflow")

import keras  # noqa: E402
import tensorflow  # noqa: E402

import tfcompat.keras as k2  # noqa: E402
from tfcompat import InvalidArgumentError  # noqa: E402
from tfcompat.keras import callbacks, optimizers  # noqa: E402
from tfcompat.keras.layers import Dense, Dropout, Input  # noqa: E402
from tfcompat.keras.models import Model, Sequential, load_model  # noqa: E402

pytestmark = [pytest.mark.tf, pytest.mark.filterwarnings("ignore:Do not pass an `input_shape`"),
              pytest.mark.filterwarnings("ignore:`lr` is the Keras 2 name")]


def _data(n=40, seed=0):
    rng = np.random.RandomState(seed)
    x = rng.normal(size=(n, 3)).astype("float32")
    y = keras.utils.to_categorical((x[:, 0] > 0).astype("int64"), 2)
    return x, y


def _sequential(optimizer="sgd"):
    model = Sequential()
    model.add(Dense(4, input_dim=3, activation="relu"))
    model.add(Dense(2, activation="softmax"))
    model.compile(optimizer=optimizer, loss="categorical_crossentropy", metrics=["accuracy"])
    return model


def _batches(x, y, size):
    i = 0
    while True:
        yield x[i:i + size], y[i:i + size]
        i = (i + size) % len(x)


# -- module paths -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "layers.core", "layers.convolutional", "layers.pooling", "layers.recurrent", "layers.embeddings",
    "layers.normalization", "layers.merge", "layers.advanced_activations", "layers.noise", "layers.wrappers",
    "layers.local", "layers.cudnn_recurrent", "layers.convolutional_recurrent", "utils.np_utils",
    "utils.generic_utils", "engine.topology", "engine.training", "engine.sequential", "engine.input_layer",
    "legacy", "legacy.interfaces", "legacy.layers", "models", "initializers", "regularizers", "constraints",
    "activations", "losses", "metrics", "objectives",
])
def test_keras_2_module_paths_are_real_modules(path):
    module = importlib.import_module(f"tfcompat.keras.{path}")
    assert module.__name__ == f"tfcompat.keras.{path}"


def test_keras_2_names_are_keras_3_objects_where_the_meaning_is_the_same():
    from tfcompat.keras.layers import convolutional, core, merge, pooling
    from tfcompat.keras.utils import generic_utils, np_utils

    # Layer classes build Keras 3's layers (only their default names and Keras 1 arguments are Keras 2's).
    assert type(core.Dense(1)) is keras.layers.Dense and type(pooling.MaxPooling2D()) is keras.layers.MaxPooling2D
    assert type(merge.Concatenate()) is keras.layers.Concatenate and k2.layers.Dense is core.Dense
    assert issubclass(merge.Add, keras.layers.Add) and isinstance(keras.layers.Dense(1), core.Dense)
    assert convolutional.Deconvolution2D is convolutional.Conv2DTranspose  # Keras 2 alias
    assert type(convolutional.Deconvolution2D(2, 3)) is keras.layers.Conv2DTranspose
    assert k2.initializers.Constant is keras.initializers.Constant and k2.Input is k2.layers.Input
    assert k2.Sequential is Sequential and k2.engine.topology.Network is Model
    assert k2.__version__ == "2.2.4"
    onehot = np_utils.to_categorical([[1], [0], [2]])  # Keras 2: trailing 1-axis dropped, float32
    assert onehot.dtype == np.float32 and onehot.tolist() == [[0, 1, 0], [1, 0, 0], [0, 0, 1]]
    assert generic_utils.to_list((1, 2)) == [(1, 2)] and generic_utils.to_list((1, 2), allow_tuple=True) == [1, 2]
    assert generic_utils.unpack_singleton([5]) == 5 and generic_utils.unpack_singleton([5, 6]) == [5, 6]
    with pytest.raises(InvalidArgumentError, match=r"class indices in \[0, 2\).*num_classes=2"):
        np_utils.to_categorical([0, 2], num_classes=2)


def test_removed_keras_2_names_raise_naming_the_replacement():
    from tfcompat.keras.layers import LocallyConnected2D
    from tfcompat.keras.legacy import interfaces, layers

    def fn():
        pass

    assert interfaces.legacy_dense_support(fn) is fn  # 2018 custom layers decorate their __init__
    with pytest.raises(NotImplementedError, match="Keras 3 has no locally connected layers.*Use Conv2D"):
        LocallyConnected2D(4, 3)
    with pytest.raises(NotImplementedError, match=r"keras.layers.concatenate\(inputs\).*mode='concat'"):
        layers.merge([None, None], mode="concat")
    with pytest.raises(AttributeError, match="NoSuchLayer"):
        k2.layers.NoSuchLayer


# -- Keras 2 models ---------------------------------------------------------------------------------

def test_fit_nb_epoch_history_has_keras_2_keys_and_numpy_values():
    x, y = _data()
    model = _sequential()
    assert isinstance(model, keras.Model)
    with pytest.warns(UserWarning, match="nb_epoch"):
        history = model.fit(x, y, nb_epoch=2, batch_size=8, validation_split=0.25, verbose=0)
    assert sorted(history.history) == ["acc", "loss", "val_acc", "val_loss"]
    assert len(history.history["loss"]) == 2
    assert all(type(v) is np.float64 for values in history.history.values() for v in values)
    assert model.metrics_names == ["loss", "acc"]
    assert model.evaluate(x, y, verbose=0)[1] == pytest.approx(model.evaluate(x, y, verbose=0, return_dict=True)["acc"])
    with pytest.raises(InvalidArgumentError, match="both `nb_epoch`.*and `epochs`"):
        model.fit(x, y, nb_epoch=2, epochs=3, verbose=0)


def _sparse_model(metrics):
    model = Sequential([Dense(2, activation="softmax", input_dim=3)])
    model.compile("sgd", "sparse_categorical_crossentropy", metrics=metrics)
    x, _ = _data()
    return model, x, (x[:, 0] > 0).astype("int32")


def test_batch_results_are_numpy_scalars_protobuf_takes_as_simple_value():
    """Keras 2 returned np.float32 from a batch and np.float64 from evaluate; Keras 3.12 returns 0-d arrays,
    which protobuf 3.20 refuses as simple_value (the 2018 `write_log` gist put them there)."""
    from tensorboard.compat.proto import summary_pb2

    model, x, y = _sparse_model(["accuracy"])
    for result, scalar in ((model.train_on_batch(x, y), np.float32), (model.test_on_batch(x, y), np.float32),
                           (model.evaluate(x, y, verbose=0), np.float64)):
        assert [type(v) for v in result] == [scalar, scalar], result
        for tag, value in zip(model.metrics_names, result):
            assert summary_pb2.Summary.Value(tag=tag, simple_value=value).simple_value == pytest.approx(float(value))
    as_dict = model.test_on_batch(x, y, return_dict=True)
    assert {type(v) for v in as_dict.values()} == {np.float32}
    single, _, _ = _sparse_model(None)
    assert type(single.train_on_batch(x, y)) is np.float32 and type(single.evaluate(x, y, verbose=0)) is np.float64


def test_metrics_names_and_logs_follow_compile_not_the_alphabet():
    """Keras 2: ``loss`` then the metrics as compile listed them. Keras 3.12 hands its logs sorted
    (``acc`` before ``loss``), and its results would follow them."""
    seen = []
    model, x, y = _sparse_model(["sparse_categorical_crossentropy", "accuracy"])
    want = ["loss", "sparse_categorical_crossentropy", "acc"]
    assert model.metrics_names == want  # known from compile, before anything ran
    model.train_on_batch(x, y)
    assert model.metrics_names == want
    assert dict(zip(want, model.evaluate(x, y, verbose=0))) == model.evaluate(x, y, verbose=0, return_dict=True)
    history = model.fit(x, y, batch_size=20, epochs=1, verbose=0, validation_data=(x, y), callbacks=[
        callbacks.LambdaCallback(on_batch_end=lambda batch, logs: seen.append(list(logs)))])
    assert seen == [["batch", "size", *want]] * 2
    assert list(history.history) == want + ["val_" + n for n in want]


def test_flat_metrics_list_applies_to_every_output_as_in_keras_2():
    inputs = Input((3,))
    hidden = Dense(4)(inputs)
    model = Model(inputs, [Dense(2, activation="softmax", name="a")(hidden), Dense(2, activation="softmax", name="b")(hidden)])
    assert isinstance(model, Model) and isinstance(model, keras.Model)
    model.compile("sgd", "categorical_crossentropy", ["accuracy"])  # Keras 2 positional order
    x, y = _data()
    history = model.fit(x, [y, y], epochs=1, verbose=0)
    assert {"a_acc", "b_acc", "loss"} <= set(history.history)


@pytest.mark.slow  # 1.5-4 s of whole fits or saves: not in the quick run
def test_fit_generator_evaluate_generator_predict_generator():
    x, y = _data()
    model = _sequential()
    history = model.fit_generator(_batches(x, y, 8), steps_per_epoch=5, epochs=2, verbose=0,
                                  validation_data=_batches(x, y, 10), validation_steps=4)
    assert sorted(history.history) == ["acc", "loss", "val_acc", "val_loss"]
    loss, acc = model.evaluate_generator(_batches(x, y, 10), steps=4)
    assert [loss, acc] == pytest.approx(model.evaluate(x, y, batch_size=10, verbose=0), rel=1e-5)
    predicted = model.predict_generator(((xb,) for xb, _ in _batches(x, y, 10)), steps=4)
    np.testing.assert_allclose(predicted, model.predict(x), rtol=1e-5, atol=1e-6)


def test_generators_without_steps_are_refused_instead_of_running_forever():
    x, y = _data()
    model = _sequential()
    with pytest.raises(InvalidArgumentError, match="`validation_steps` must be given.*validation_steps=None"):
        model.fit_generator(_batches(x, y, 8), steps_per_epoch=2, epochs=1, verbose=0,
                            validation_data=_batches(x, y, 8))
    with pytest.raises(ValueError, match="`steps_per_epoch` must be given"):
        model.fit_generator(_batches(x, y, 8), epochs=1, verbose=0)
    with pytest.raises(ValueError, match="`steps` must be given"):
        model.evaluate_generator(_batches(x, y, 8))


def test_multi_input_generators_yield_lists_as_keras_2_did():
    a, b = Input((3,)), Input((3,))
    model = Model([a, b], Dense(2, activation="softmax")(k2.layers.concatenate([a, b])))
    model.compile("sgd", "categorical_crossentropy")
    x, y = _data()

    def batches():
        while True:
            yield [x[:8], x[:8]], [y[:8]]

    history = model.fit_generator(batches(), steps_per_epoch=2, epochs=1, verbose=0)
    assert len(history.history["loss"]) == 1


class _Recorder(callbacks.Callback):
    def on_train_begin(self, logs=None):
        self.begin = (dict(self.params), self.validation_data)
        self.batches = []

    def on_batch_end(self, batch, logs=None):
        self.batches.append(dict(logs))

    def on_epoch_end(self, epoch, logs=None):
        self.epoch_logs = logs


def test_callbacks_get_keras_2_params_validation_data_and_batch_logs():
    x, y = _data(n=20)
    x_val, y_val = _data(n=10, seed=1)
    model = _sequential()
    recorder = _Recorder()
    model.fit(x, y, batch_size=8, epochs=1, verbose=0, validation_data=(x_val, y_val), callbacks=[recorder])
    params, validation_data = recorder.begin
    assert params["batch_size"] == 8 and params["samples"] == 20 and params["epochs"] == 1
    assert params["do_validation"] is True
    assert params["metrics"] == ["loss", "acc", "val_loss", "val_acc"]
    assert len(validation_data) == 3 and validation_data[0] is x_val and validation_data[1] is y_val
    np.testing.assert_array_equal(validation_data[2], np.ones(10, "float32"))
    assert [(b["batch"], b["size"]) for b in recorder.batches] == [(0, 8), (1, 8), (2, 4)]  # Keras 2: the last is partial
    assert recorder.epoch_logs["val_acc"].item() == pytest.approx(model.history.history["val_acc"][0])
    assert "accuracy" not in recorder.epoch_logs  # a Keras 2 model's logs have Keras 2's keys only


def test_validation_split_gives_callbacks_the_tail():
    x, y = _data(n=20)
    recorder = _Recorder()
    _sequential().fit(x, y, batch_size=8, epochs=1, verbose=0, validation_split=0.25, callbacks=[recorder])
    _, validation_data = recorder.begin
    np.testing.assert_array_equal(validation_data[0], x[15:])
    np.testing.assert_array_equal(validation_data[1], y[15:])


@pytest.mark.slow  # 1.5-4 s of whole fits or saves: not in the quick run
def test_save_and_load_hdf5_at_any_path(tmp_path):
    x, y = _data()
    model = _sequential(optimizers.Adam(lr=0.01, decay=1e-3))
    model.fit(x, y, epochs=1, verbose=0)
    model.save(str(tmp_path / "model.best"))  # Keras 2 wrote HDF5 whatever the name
    with open(tmp_path / "model.best", "rb") as f:
        assert f.read(8) == b"\x89HDF\r\n\x1a\n"
    loaded = load_model(str(tmp_path / "model.best"))
    assert type(loaded) is Sequential
    np.testing.assert_allclose(loaded.predict(x), model.predict(x), rtol=1e-6)
    assert type(loaded.optimizer) is optimizers.Adam and loaded.optimizer.decay == pytest.approx(1e-3)

    model.save_weights(str(tmp_path / "weights.hdf5"))
    fresh = _sequential()
    fresh.load_weights(str(tmp_path / "weights.hdf5"))
    np.testing.assert_allclose(fresh.predict(x), model.predict(x), rtol=1e-6)


def test_models_built_and_trained_inside_a_user_graph():
    x, y = _data()
    with tensorflow.Graph().as_default():  # 2018 servers and tests wrapped Keras in a graph
        model = _sequential()
        model.fit(x, y, epochs=1, verbose=0)
        inputs = Input((3,))
        functional = Model(inputs, Dense(2, activation="softmax")(Dropout(0.1)(Dense(4)(inputs))))
        functional.compile("sgd", "categorical_crossentropy")
        history = functional.fit(x, y, epochs=1, verbose=0)
        assert model.predict(x).shape == (40, 2)
    assert np.isfinite(history.history["loss"][0])


def test_subclassed_keras_2_model_stays_subclassed_after_functional_use():
    inputs = Input((3,))
    Model(inputs, Dense(2)(inputs))

    class Tiny(Model):
        def __init__(self):
            super().__init__()
            self.dense = Dense(2, activation="softmax")

        def call(self, x):
            return self.dense(x)

    tiny = Tiny()
    tiny.compile("sgd", "categorical_crossentropy", metrics=["accuracy"])
    x, y = _data()
    assert sorted(tiny.fit(x, y, epochs=1, verbose=0).history) == ["acc", "loss"]
    assert keras.Model in Model.__bases__  # Keras 3 did not rebase tfcompat's Model onto Functional


def test_np_random_seed_makes_sequential_weights_reproducible_as_in_keras_2():
    def weights(seed):
        np.random.seed(seed)
        return [w.copy() for w in _sequential().get_weights()]

    first, again, other = weights(7), weights(7), weights(8)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0], other[0])


def test_string_and_tf1_optimizers_compile_to_keras_2_ones():
    model = _sequential("adagrad")
    assert type(model.optimizer) is optimizers.Adagrad
    assert k2.backend.get_value(model.optimizer.lr) == np.float32(0.01)  # Keras 2's default, not Keras 3's 0.001
    model = _sequential(tensorflow.compat.v1.train.GradientDescentOptimizer(0.5))
    assert type(model.optimizer) is optimizers.TFOptimizer
    before = [w.copy() for w in model.get_weights()]
    x, y = _data()
    model.fit(x, y, epochs=1, batch_size=40, verbose=0)
    assert int(model.optimizer.iterations.numpy()) == 1
    assert not np.array_equal(before[0], model.get_weights()[0])


def test_predict_classes_and_proba():
    x, y = _data()
    model = _sequential()
    proba = model.predict_proba(x)
    np.testing.assert_array_equal(model.predict_classes(x), proba.argmax(axis=-1))


@pytest.mark.slow  # 1.5-4 s of whole fits or saves: not in the quick run
def test_hdf5_model_with_a_keras_2_loss_name_loads_compiled(tmp_path):
    # Keras 3's own HDF5 loader fails on the loss 'mse'; Keras 2 files name it so all the time.
    x, y = _data()
    model = _sequential()
    model.compile(optimizers.RMSprop(lr=0.01), "mse", metrics=["accuracy"])
    model.fit(x, y, epochs=1, verbose=0)
    model.save(str(tmp_path / "model.h5"))
    loaded = load_model(str(tmp_path / "model.h5"))
    assert loaded.evaluate(x, y, verbose=0) == pytest.approx(model.evaluate(x, y, verbose=0), rel=1e-6)
    assert [v.numpy().tolist() for v in loaded.optimizer.variables[2:]] == [
        v.numpy().tolist() for v in model.optimizer.variables[2:]]  # the RMSprop state came back
    assert sorted(loaded.fit(x, y, epochs=1, verbose=0).history) == ["acc", "loss"]
