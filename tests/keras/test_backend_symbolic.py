"""``K`` on Keras 3 symbolic tensors (``model.input``, ``layer.output``), ``K.gradients`` of model tensors,
``K`` inside Keras 3 layers and losses, ``K.rnn`` eagerly, and the Keras 2 config functions."""

import numpy as np
import pytest

pytest.importorskip("tensorflow")

import keras  # noqa: E402
import tensorflow  # noqa: E402

import tfcompat  # noqa: E402
from tfcompat.keras import backend as K  # noqa: E402

pytestmark = pytest.mark.tf


def _model():
    keras.utils.set_random_seed(0)
    inp = keras.Input((3,))
    hidden = keras.layers.Dense(4, activation="tanh")(inp)
    return keras.Model(inp, keras.layers.Dense(2)(hidden)), hidden


def test_ops_on_keras_tensors_give_keras_tensors_for_k_function():
    model, hidden = _model()
    top = K.argmax(K.softmax(model.output))
    stacked = K.concatenate([hidden, K.expand_dims(K.sum(hidden, axis=-1))])
    assert K.is_keras_tensor(top) and K.int_shape(stacked) == (None, 5)
    x = np.random.RandomState(0).rand(5, 3).astype("float32")
    got_top, got_stacked = K.function([model.input], [top, stacked])([x])
    assert got_top.tolist() == np.argmax(model.predict(x, verbose=0), axis=-1).tolist()
    np.testing.assert_allclose(got_stacked[:, 4], got_stacked[:, :4].sum(axis=1), rtol=1e-5)


def test_in_train_phase_on_keras_tensors_follows_the_call_training_flag():
    inp = keras.Input((2,))
    out = K.in_train_phase(inp * 10.0, inp)
    f = K.function([inp, K.learning_phase()], [out])
    assert f([np.ones((1, 2)), 1])[0].tolist() == [[10.0, 10.0]]
    assert f([np.ones((1, 2)), 0])[0].tolist() == [[1.0, 1.0]]


def test_gradients_of_a_model_output_with_respect_to_its_input_and_weights():
    model, _ = _model()
    x = np.random.RandomState(1).rand(4, 3).astype("float32")
    loss = K.sum(model.output[:, 0])
    saliency = K.function([model.input], K.gradients(loss, model.input))([x])[0]
    xt = tensorflow.constant(x)
    with tensorflow.GradientTape() as tape:
        tape.watch(xt)
        ref = tensorflow.reduce_sum(model(xt)[:, 0])
    np.testing.assert_allclose(saliency, tape.gradient(ref, xt).numpy(), rtol=1e-5, atol=1e-6)
    kernel = model.layers[-1].kernel
    grad_kernel = K.function([model.input], K.gradients(loss, [kernel]))([x])[0]
    assert grad_kernel.shape == (4, 2) and np.all(grad_kernel[:, 1] == 0)  # output 1 is not in the loss
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"all Keras tensors .* or all variables"):
        K.gradients(loss, [model.input, kernel])


def test_k_function_of_keras_tensors_refuses_graph_updates():
    model, _ = _model()
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`updates` are not supported with Keras tensors"):
        K.function([model.input], [model.output], updates=[(model.layers[-1].kernel, 0.0)])
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"Keras 3 symbolic tensor cannot be assigned"):
        K.update(K.variable(0.0), model.output)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"no value until a model runs.*K.function"):
        K.eval(model.output)


def test_k_in_a_lambda_layer_and_a_custom_loss_trains():
    def loss(y_true, y_pred):  # a 2018 custom loss
        return K.mean(K.square(y_pred - y_true), axis=-1) + 0.0 * K.sum(K.abs(y_pred))

    inp = keras.Input((3,))
    scaled = keras.layers.Lambda(lambda t: K.l2_normalize(t, axis=-1))(inp)
    model = keras.Model(inp, keras.layers.Dense(1)(scaled))
    model.compile(optimizer="sgd", loss=loss)
    x = np.random.RandomState(2).rand(64, 3).astype("float32")
    history = model.fit(x, x.sum(axis=1, keepdims=True), epochs=3, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]


def test_rnn_eager_masks_go_backwards_and_unroll_agree():
    rng = np.random.RandomState(4)
    x = rng.rand(2, 5, 3).astype("float32")
    w = K.variable(rng.rand(3, 4))
    u = K.variable(rng.rand(4, 4) * 0.1)
    mask = np.array([[1, 1, 0, 1, 0], [1, 1, 1, 1, 1]], "float32")

    def step(x_t, states):
        h = K.tanh(K.dot(x_t, w) + K.dot(states[0], u))
        return h, [h]

    h0 = [K.zeros((2, 4))]
    ref_h, ref = np.zeros((2, 4)), []
    for t in range(5):
        new = np.tanh(x[:, t] @ K.get_value(w) + ref_h @ K.get_value(u))
        keep = mask[:, t:t + 1] > 0
        ref_h = np.where(keep, new, ref_h)
        ref.append(ref_h)
    for unroll in (False, True):
        last, outputs, states = K.rnn(step, K.variable(x), h0, mask=K.variable(mask), unroll=unroll)
        np.testing.assert_allclose(K.eval(outputs), np.stack(ref, axis=1), rtol=1e-5)  # masked steps repeat
        np.testing.assert_allclose(K.eval(states[0]), ref_h, rtol=1e-5)
    back = K.eval(K.rnn(step, K.variable(x), h0, go_backwards=True)[1])
    back_unrolled = K.eval(K.rnn(step, K.variable(x), h0, go_backwards=True, unroll=True)[1])
    np.testing.assert_allclose(back, back_unrolled, rtol=1e-5)
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`inputs` must be at least 3-D"):
        K.rnn(step, K.variable(x[:, 0]), h0)


def test_map_and_folds():
    x = np.arange(6, dtype="float32").reshape(3, 2)
    assert K.eval(K.map_fn(K.sum, K.variable(x))).tolist() == [1.0, 5.0, 9.0]
    assert K.eval(K.foldl(lambda a, b: a + b, K.variable(x))).tolist() == [6.0, 9.0]
    assert K.eval(K.foldr(lambda a, b: a * 10 + b, K.variable([1.0, 2.0, 3.0]))) == 321.0


def test_config_functions():
    assert K.backend() == "tensorflow" and K._BACKEND == "tensorflow"
    assert K.floatx() == "float32" and K.epsilon() == pytest.approx(1e-7)
    try:
        K.set_floatx("float64")
        assert K.dtype(K.variable(1.0)) == "float64" and keras.config.floatx() == "float64"
        assert K.cast_to_floatx([1, 2]).dtype == np.float64
        with pytest.raises(tfcompat.InvalidArgumentError, match=r"`floatx` must be one of .*floatx='bfloat16'"):
            K.set_floatx("bfloat16")  # Keras 2 had three float types
    finally:
        K.set_floatx("float32")
    try:
        K.set_image_dim_ordering("th")
        assert K.image_data_format() == "channels_first" and K.image_dim_ordering() == "th"
        assert K.normalize_data_format(None) == "channels_first"
    finally:
        K.set_image_dim_ordering("tf")
    assert K.image_dim_ordering() == "tf"
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`dim_ordering` must be 'th' or 'tf'"):
        K.set_image_dim_ordering("channels_last")
    K.reset_uids()
    assert [K.get_uid("dense"), K.get_uid("dense"), K.get_uid("conv")] == [1, 2, 1]
    with pytest.raises(TypeError, match=r"`dtype` must be a dtype name"):  # TypeError, as Keras 2's as_dtype
        K.variable(1.0, dtype="unsupported")
    assert K.tf.placeholder is not None and K.tensorflow_backend is K
    assert isinstance(K._get_available_gpus(), list)


def test_tensor_predicates_and_makers():
    assert K.is_keras_tensor(keras.Input((2,))) and not K.is_keras_tensor(K.variable(1.0))
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"`x` must be a symbolic tensor or a variable"):
        K.is_keras_tensor(np.zeros(2))
    assert K.is_tensor(K.constant(1.0)) and not K.is_tensor(np.zeros(2))
    assert K.eval(K.eye(2)).tolist() == [[1, 0], [0, 1]] and K.eval(K.eye((2, 3))).shape == (2, 3)
    assert K.eval(K.zeros_like(K.variable([1.0, 2.0]))).tolist() == [0.0, 0.0]
    assert K.dtype(K.ones_like(K.variable([1.0]), dtype="int32")) == "int32"
    v = K.random_uniform_variable((100,), 2.0, 3.0, seed=1)
    assert 2.0 <= K.get_value(v).min() and K.get_value(v).max() <= 3.0
    assert K.get_value(K.random_normal_variable((2, 2), 0.0, 1.0)).shape == (2, 2)
    assert K.get_variable_shape(v) == (100,) and K.eval(K.shape(v)).tolist() == [100]
    assert K.eval(K.print_tensor(K.constant([1.0]), "value:")).tolist() == [1.0]
    assert K.is_placeholder(K.placeholder(shape=(1,))) and not K.is_placeholder(v)
    sparse = K.placeholder(shape=(2, 3), sparse=True)
    assert K.is_sparse(sparse) and K.int_shape(sparse) == (2, 3)


def test_session_keywords_on_a_function_of_keras_tensors_name_the_value():
    inp = keras.Input((2,))
    with pytest.raises(tfcompat.InvalidArgumentError, match=r"fetches apply to TF1 sessions.*Received: fetches=\[1\]"):
        K.function([inp], [inp * 2.0], fetches=[1])
