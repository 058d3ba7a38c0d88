"""tfcompat.keras.layers as Keras 2.2.4's: default layer names (``dense_1``), Keras 1 arguments, Keras 3 classes.

Every layer is built through the public ``tfcompat.keras`` package (what a 2018 module's ``keras`` is under
``tfcompat run``); what Keras 3's own classes do for today's code is checked next to it.
"""

import json

import numpy as np
import pytest

pytest.importorskip("tensorflow")

import keras  # noqa: E402

from tests.support import read_back  # noqa: E402
from tfcompat import InvalidArgumentError  # noqa: E402
from tfcompat.keras import backend as K  # noqa: E402
from tfcompat.keras import layers  # noqa: E402
from tfcompat.keras.callbacks import TensorBoard  # noqa: E402
from tfcompat.keras.engine.topology import Layer  # noqa: E402
from tfcompat.keras.models import Model, Sequential, load_model  # noqa: E402

pytestmark = [pytest.mark.tf]


@pytest.fixture(autouse=True)
def _fresh_session():
    K.clear_session()  # Keras 2's uid counters restart, as in a new 2018 process
    yield
    K.clear_session()


# -- default names ------------------------------------------------------------------------------------

def test_unnamed_layers_count_from_one_per_class_as_in_keras2():
    names = [layers.Dense(2).name, layers.Dense(2).name, layers.Conv2D(4, 3).name, layers.Dropout(0.5).name,
             layers.MaxPooling2D().name, layers.BatchNormalization().name, layers.LSTM(3).name,
             layers.Dense(1, name="out").name]
    assert names == ["dense_1", "dense_2", "conv2d_1", "dropout_1", "max_pooling2d_1", "batch_normalization_1",
                     "lstm_1", "out"]


def test_keras3_classes_keep_their_own_names_for_todays_code():
    ours = layers.Dense(2)
    today = [keras.layers.Dense(2).name for _ in range(2)]
    assert ours.name == "dense_1"
    assert today == ["dense", "dense_1"]  # Keras 3's own counter, untouched by the Keras 2 names
    assert type(keras.layers.Dense) is type  # no Keras 3 class was changed


def test_clear_session_restarts_the_count():
    assert layers.Dense(1).name == "dense_1"
    K.clear_session()
    assert layers.Dense(1).name == "dense_1"


def test_aliases_input_and_merge_functions_have_keras2_names():
    inp = layers.Input((4,))
    other = layers.Input(shape=(4,))
    merged = layers.concatenate([inp, other])
    summed = layers.add([inp, other])
    conv = layers.Convolution2D(2, 3)
    pool = layers.MaxPool2D()
    assert [inp.name, other.name] == ["input_1", "input_2"]
    assert merged._keras_history[0].name == "concatenate_1"
    assert summed._keras_history[0].name == "add_1"
    assert (conv.name, pool.name) == ("conv2d_1", "max_pooling2d_1")


def test_input_takes_keras2_positional_order():
    x = layers.Input(None, (8, 3))  # Keras 2: Input(shape=None, batch_shape=None, ...); Keras 3's 2nd is batch_size
    assert tuple(x.shape) == (8, 3)


def test_layers_are_keras3_instances_and_isinstance_holds_both_ways():
    dense = layers.Dense(3)
    assert type(dense) is keras.layers.Dense
    assert isinstance(dense, layers.Dense) and isinstance(dense, keras.layers.Dense)
    assert isinstance(keras.layers.Dense(3), layers.Dense)
    assert not isinstance(layers.Dropout(0.1), layers.Dense)
    assert issubclass(layers.Dense, keras.layers.Dense)
    assert layers.core.Dense is layers.Dense and layers.convolutional.MaxPooling2D is layers.pooling.MaxPooling2D


def test_user_subclasses_get_keras2_names_and_arguments():
    class MyDense(layers.Dense):
        def __init__(self, units, **kwargs):
            super().__init__(units, **kwargs)

    class Scale(Layer):
        def __init__(self, factor, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def call(self, x):
            return x * self.factor

    with pytest.warns(UserWarning, match=r"Update your `MyDense` call to the Keras 2 API"):
        mine = MyDense(2, init="zeros")
    assert type(mine) is MyDense and isinstance(mine, layers.Dense) and isinstance(mine, keras.layers.Dense)
    assert mine.name == "my_dense_1"
    assert isinstance(mine.kernel_initializer, keras.initializers.Zeros)
    assert not isinstance(layers.Dense(2), MyDense)
    scale = Scale(3.0)
    assert scale.name == "scale_1" and Scale(2.0).name == "scale_2"
    np.testing.assert_allclose(np.asarray(scale(np.ones((1, 2), "float32"))), [[3.0, 3.0]])


def test_model_of_keras2_layers_saves_and_loads_with_keras2_names(tmp_path):
    model = Sequential([layers.Dense(4, input_dim=3, activation="relu"), layers.Dense(1)])
    model.save(str(tmp_path / "m.h5"))
    model.save(str(tmp_path / "m.keras"))
    config = json.loads(model.to_json())
    assert [layer["config"]["name"] for layer in config["config"]["layers"][1:]] == ["dense_1", "dense_2"]
    assert {layer["module"] for layer in config["config"]["layers"]} == {"keras.layers"}  # plain Keras 3 configs
    for path in ("m.h5", "m.keras"):
        loaded = load_model(str(tmp_path / path), compile=False)
        assert [layer.name for layer in loaded.layers] == ["dense_1", "dense_2"]
        np.testing.assert_allclose(loaded.layers[0].get_weights()[0], model.layers[0].get_weights()[0])


@pytest.mark.filterwarnings("ignore:`lr` is the Keras 2 name")
def test_histogram_tags_of_the_21_tensorboard_use_keras2_names(tmp_path):
    rng = np.random.RandomState(0)
    x, y = rng.normal(size=(40, 4)).astype("float32"), (rng.rand(40) > 0.5).astype("float32")
    model = Sequential()
    model.add(layers.Dense(8, activation="relu", input_dim=4))
    model.add(layers.Dense(1, activation="sigmoid"))
    model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    model.fit(x[:30], y[:30], epochs=1, batch_size=10, verbose=0, validation_data=(x[30:], y[30:]),
              callbacks=[TensorBoard(log_dir=str(tmp_path), histogram_freq=1)])
    tags = read_back(str(tmp_path)).Tags()["histograms"]
    assert sorted(tags) == ["dense_1/bias_0", "dense_1/kernel_0", "dense_1_out",
                            "dense_2/bias_0", "dense_2/kernel_0", "dense_2_out"]


# -- Keras 1 arguments --------------------------------------------------------------------------------

def test_dense_keras1_arguments_are_converted_with_keras2_warning():
    with pytest.warns(UserWarning, match=r"Update your `Dense` call to the Keras 2 API: "
                                         r"`Dense\(12, input_dim=8, activation=\"relu\", kernel_initializer="
                                         r"\"uniform\"\)`") as record:
        dense = layers.Dense(12, input_dim=8, init="uniform", activation="relu")
    assert record[0].filename == __file__  # at the user's line, as Keras 2's warning was
    assert isinstance(dense.kernel_initializer, keras.initializers.RandomUniform)
    with pytest.warns(UserWarning, match="Update your `Dense` call"):
        dense = layers.Dense(output_dim=3, W_regularizer="l2", b_constraint="non_neg", bias=False)
    assert (dense.units, dense.use_bias) == (3, False)
    assert isinstance(dense.kernel_regularizer, keras.regularizers.L2)
    assert isinstance(dense.bias_constraint, keras.constraints.NonNeg)


def test_convolution_keras1_arguments():
    with pytest.warns(UserWarning, match="Update your `Conv2D` call"):
        conv = layers.Convolution2D(8, 3, 5, border_mode="same", subsample=(2, 2), dim_ordering="th")
    assert (conv.filters, conv.kernel_size, conv.strides, conv.padding, conv.data_format) == \
        (8, (3, 5), (2, 2), "same", "channels_first")
    with pytest.warns(UserWarning, match="Update your `Conv2D` call"):
        assert layers.Conv2D(4, nb_row=2, nb_col=2).kernel_size == (2, 2)
    with pytest.warns(UserWarning, match="Update your `Conv1D` call"):
        conv1 = layers.Convolution1D(nb_filter=4, filter_length=3, subsample_length=2, input_dim=6, input_length=10)
    assert (conv1.filters, conv1.kernel_size, conv1.strides) == (4, (3,), (2,))
    model = Sequential([conv1])
    assert tuple(model.output_shape) == (None, 4, 4)
    with pytest.raises(InvalidArgumentError, match="strides"):
        layers.Conv2D(8, 3, 3, strides=2)  # ambiguous: Keras 2 refused it too


def test_recurrent_pooling_dropout_embedding_batchnorm_keras1_arguments():
    with pytest.warns(UserWarning, match="Update your `LSTM` call"):
        lstm = layers.LSTM(output_dim=4, input_dim=3, input_length=5, inner_init="orthogonal",
                           inner_activation="hard_sigmoid", dropout_W=0.1, dropout_U=0.2, forget_bias_init="one")
    assert (lstm.units, lstm.dropout, lstm.recurrent_dropout) == (4, 0.1, 0.2)
    assert Sequential([lstm]).output_shape == (None, 4)
    with pytest.warns(UserWarning, match="Update your `MaxPooling1D` call"):
        pool = layers.MaxPooling1D(pool_length=3, stride=1, border_mode="same")
    assert (pool.pool_size, pool.strides, pool.padding) == ((3,), (1,), "same")
    with pytest.warns(UserWarning, match="Update your `Dropout` call"):
        assert layers.Dropout(p=0.3).rate == 0.3
    with pytest.warns(UserWarning, match="SpatialDropout1D"):
        emb = layers.Embedding(10, 3, dropout=0.2)
    assert emb.output_dim == 3
    with pytest.warns(UserWarning, match="Update your `BatchNormalization` call"):
        layers.BatchNormalization(mode=0, gamma_init="ones")
    with pytest.raises(InvalidArgumentError, match="mode=2"):
        layers.BatchNormalization(mode=2)


def test_keras1_and_keras2_names_of_one_argument_are_refused():
    with pytest.raises(TypeError, match="`init` and the Keras 2 keyword argument `kernel_initializer`"):
        layers.Dense(2, init="uniform", kernel_initializer="zeros")


def test_keras2_arguments_give_no_warning(recwarn):
    layers.Dense(2, kernel_initializer="uniform", input_dim=3)  # Keras 2 did not warn about input_dim either
    layers.Conv2D(4, (3, 3), padding="same")
    assert not [w for w in recwarn if issubclass(w.category, UserWarning)]


# -- metrics_names -------------------------------------------------------------------------------------

@pytest.mark.slow
def test_multi_output_metrics_names_and_logs_in_keras2_order():
    inp = layers.Input(shape=(6,), name="main_input")
    hidden = layers.Dense(4, activation="relu")(inp)
    main = layers.Dense(1, activation="sigmoid", name="main_output")(hidden)
    aux = layers.Dense(1, activation="sigmoid", name="aux_output")(inp)
    model = Model(inputs=[inp], outputs=[main, aux])
    model.compile(optimizer="rmsprop", loss={"main_output": "binary_crossentropy", "aux_output": "binary_crossentropy"},
                  loss_weights={"main_output": 1.0, "aux_output": 0.2}, metrics=["accuracy"])
    rng = np.random.RandomState(1)
    x = rng.rand(40, 6).astype("float32")
    y = (x[:, 0] > 0.5).astype("float32")
    history = model.fit(x, [y, y], epochs=1, batch_size=20, verbose=0, validation_split=0.25)
    order = ["loss", "main_output_loss", "aux_output_loss", "main_output_acc", "aux_output_acc"]
    assert model.metrics_names == order
    assert list(history.history) == order + ["val_" + name for name in order]
    assert len(model.evaluate(x, [y, y], verbose=0)) == len(order)
