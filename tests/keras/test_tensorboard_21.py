"""tfcompat.keras.callbacks.TensorBoard: the Keras 2.1/2.2 callback, read back with EventAccumulator."""

import inspect
import io
import os

import numpy as np
import pytest

pytestmark = pytest.mark.tf

keras = pytest.importorskip("keras")
tf = pytest.importorskip("tensorflow")
from tensorboard.backend.event_processing import event_accumulator as ea  # noqa: E402

import tfcompat.v1 as tf1  # noqa: E402
from tests.support import read_back
from tfcompat import InvalidArgumentError  # noqa: E402
from tfcompat.keras.callbacks import TensorBoard  # noqa: E402
from tfcompat.wire import encode as pb  # noqa: E402

SIZES = {ea.SCALARS: 0, ea.HISTOGRAMS: 0, ea.IMAGES: 0}


def f32(values):
    return [float(np.float32(v)) for v in values]


def mlp():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(3, activation="relu", name="dense_1"),
        keras.layers.Dense(2, activation="softmax", name="dense_2"),
    ])
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def data(n=40):
    rs = np.random.RandomState(0)
    x = rs.randn(n, 4).astype("float32")
    return x, (x[:, 0] > 0).astype("int32")


def test_signature_is_keras_2_2s_in_order():
    params = list(inspect.signature(TensorBoard).parameters.values())
    assert [(p.name, p.default) for p in params] == [
        ("log_dir", "./logs"), ("histogram_freq", 0), ("batch_size", 32), ("write_graph", True),
        ("write_grads", False), ("write_images", False), ("embeddings_freq", 0),
        ("embeddings_layer_names", None), ("embeddings_metadata", None), ("embeddings_data", None),
        ("update_freq", "epoch"),
    ]
    from tfcompat._names import TENSORBOARD_21_ARGS  # the table `check` reads: the runtime agrees with it

    assert tuple(p.name for p in params) == TENSORBOARD_21_ARGS


def test_positional_call_with_write_grads_and_histograms(tmp_path):
    x, y = data()
    model = mlp()
    # Keras 2.1 positional order: log_dir, histogram_freq, batch_size, write_graph, write_grads
    tb = TensorBoard(str(tmp_path), 1, 8, True, True)
    hist = model.fit(x, y, batch_size=8, epochs=2, validation_split=0.4, verbose=0, callbacks=[tb])
    acc = read_back(tmp_path)
    assert len(os.listdir(tmp_path)) == 1  # one run, as Keras 2.1
    tags = acc.Tags()
    assert sorted(tags["scalars"]) == ["acc", "loss", "val_acc", "val_loss"]
    for tag, key in [("acc", "accuracy"), ("loss", "loss"), ("val_acc", "val_accuracy"), ("val_loss", "val_loss")]:
        assert [(e.step, e.value) for e in acc.Scalars(tag)] == list(zip([0, 1], f32(hist.history[key])))
    assert sorted(tags["histograms"]) == sorted([
        "dense_1/kernel_0", "dense_1/kernel_0_grad", "dense_1/bias_0", "dense_1/bias_0_grad", "dense_1_out",
        "dense_2/kernel_0", "dense_2/kernel_0_grad", "dense_2/bias_0", "dense_2/bias_0_grad", "dense_2_out",
    ])
    assert tags["graph"]
    # 16 validation samples in batches of batch_size=8: two summaries per epoch, as Keras 2 ran `merged`.
    kernel = acc.Histograms("dense_1/kernel_0")
    assert [h.step for h in kernel] == [0, 0, 1, 1]
    final = model.get_layer("dense_1").kernel.numpy()
    assert kernel[-1].histogram_value.num == final.size
    np.testing.assert_allclose(kernel[-1].histogram_value.sum, final.astype(np.float64).sum(), rtol=1e-6)

    # The last gradient histogram is d(loss)/d(kernel) on the last validation batch.
    x_val, y_val = x[24:], y[24:]  # Keras 3 validation_split takes the tail
    xb, yb = x_val[8:], y_val[8:]
    with tf.GradientTape() as tape:
        loss = model.compute_loss(x=xb, y=yb, y_pred=model(xb, training=False), training=False)
    grad = tape.gradient(loss, model.get_layer("dense_1").kernel).numpy()
    last_grad = acc.Histograms("dense_1/kernel_0_grad")[-1].histogram_value
    np.testing.assert_allclose(last_grad.sum, grad.astype(np.float64).sum(), rtol=1e-5, atol=1e-7)
    assert (last_grad.min, last_grad.max) == pytest.approx((grad.min(), grad.max()), rel=1e-5)

    out = acc.Histograms("dense_2_out")[-1].histogram_value
    assert out.num == 8 * 2 and out.sum == pytest.approx(8.0, rel=1e-5)  # softmax rows sum to 1


@pytest.mark.filterwarnings("ignore:TensorBoard .Keras 2.1.. no validation data:RuntimeWarning")  # pinned elsewhere
def test_weights_of_nested_layers_get_one_histogram_each(tmp_path):
    keras.utils.set_random_seed(0)
    inputs = keras.Input((3, 4))
    hidden = keras.layers.MultiHeadAttention(2, 2, name="mha")(inputs, inputs)
    model = keras.Model(inputs, keras.layers.Dense(2, name="dense_1")(hidden))
    model.compile("sgd", "mse")
    x = np.random.RandomState(0).randn(8, 3, 4).astype("float32")
    tb = TensorBoard(str(tmp_path), histogram_freq=1, write_graph=False)
    model.fit(x, x[:, :, :2], epochs=1, verbose=0, callbacks=[tb], validation_data=(x, x[:, :, :2]))
    acc = read_back(tmp_path)
    tags = [t for t in acc.Tags()["histograms"] if not t.endswith("_out")]  # weights, not layer outputs
    assert len(tags) == len(model.weights) == 10
    assert "mha/query/kernel_0" in tags and "mha/attention_output/bias_0" in tags and "dense_1/kernel_0" in tags
    assert all(len(acc.Histograms(t)) == 1 for t in tags)  # one per epoch, none written twice


def test_write_images_are_tf1_normalized_weights(tmp_path):
    Image = pytest.importorskip("PIL.Image")
    x, y = data()
    model = mlp()
    tb = TensorBoard(str(tmp_path), histogram_freq=1, write_images=True)
    model.fit(x, y, batch_size=8, epochs=1, validation_data=(x[:8], y[:8]), verbose=0, callbacks=[tb])
    acc = read_back(tmp_path)
    assert sorted(acc.Tags()["images"]) == [
        "dense_1/bias_0/image/0", "dense_1/kernel_0/image/0", "dense_2/bias_0/image/0", "dense_2/kernel_0/image/0"]
    img = acc.Images("dense_1/kernel_0/image/0")[-1]
    kernel = model.get_layer("dense_1").kernel.numpy()  # (4, 3): long side made horizontal -> (3, 4)
    assert (img.height, img.width) == (3, 4)
    decoded = np.asarray(Image.open(io.BytesIO(img.encoded_image_string)))
    np.testing.assert_array_equal(decoded, pb.tf1_float_image_to_uint8(kernel.T[:, :, None])[:, :, 0])


def test_update_freq_counts_samples_as_keras_2_2(tmp_path):
    x, y = data(32)
    model = mlp()
    tb = TensorBoard(str(tmp_path), batch_size=8, update_freq=16)
    model.fit(x, y, batch_size=8, epochs=2, verbose=0, callbacks=[tb])
    steps = [e.step for e in read_back(tmp_path).Scalars("loss")]
    # batch writes at 16, 32 (epoch 0), 48, 64 (epoch 1); epoch writes at samples seen (32, 64).
    assert steps == [16, 32, 32, 48, 64, 64]


def test_update_freq_counts_fits_batches_with_the_partial_last_one(tmp_path):
    x, y = data(40)  # fit batches of 16, 16, 8; TensorBoard's own batch_size (32) is for histograms
    model = mlp()
    tb = TensorBoard(str(tmp_path), update_freq=20)
    model.fit(x, y, batch_size=16, epochs=2, verbose=0, callbacks=[tb])
    steps = [e.step for e in read_back(tmp_path).Scalars("loss")]
    # Keras 2.2 added logs['size']: 16, 32 (write), 40, epoch end (40); 56 (write), 72, 80 (write), epoch end (80).
    assert steps == [32, 40, 56, 80, 80]


def test_histograms_without_validation_data_raise_as_keras_2_2(tmp_path):
    x, y = data()
    model = mlp()
    tb = TensorBoard(str(tmp_path), histogram_freq=1, write_grads=True)
    with pytest.raises(ValueError, match="validation_data must be provided"):
        model.fit(x, y, batch_size=8, epochs=1, verbose=0, callbacks=[tb])
    assert read_back(tmp_path).Tags()["histograms"] == []


def test_validation_data_attribute_is_used(tmp_path):
    x, y = data()
    model = mlp()
    tb = TensorBoard(str(tmp_path), histogram_freq=1, batch_size=5, write_grads=True)
    tb.validation_data = (x[:10], y[:10])  # Keras 2 set this attribute on callbacks
    model.fit(x, y, batch_size=8, epochs=1, verbose=0, callbacks=[tb])
    assert [h.step for h in read_back(tmp_path).Histograms("dense_2/kernel_0_grad")] == [0, 0]


def embedding_model():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((5,)),
        keras.layers.Embedding(10, 3, name="embedding_1"),
        keras.layers.Flatten(),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile("sgd", "sparse_categorical_crossentropy")
    return model


def projector_tensor(log_dir, name, rows):
    """Reads an embedding back through TensorBoard's projector plugin HTTP routes."""
    from tensorboard.plugins import base_plugin
    from tensorboard.plugins.projector.projector_plugin import ProjectorPlugin
    from werkzeug.test import Client
    from werkzeug.wrappers import Response

    plugin = ProjectorPlugin(base_plugin.TBContext(logdir=str(log_dir), data_provider=None))
    apps = plugin.get_plugin_apps()
    runs = Client(apps["/runs"], Response).get("/runs")
    assert runs.status_code == 200 and b'"."' in runs.data
    resp = Client(apps["/tensor"], Response).get(f"/tensor?run=.&name={name}&num_rows=1000")
    assert resp.status_code == 200, resp.data
    meta = Client(apps["/metadata"], Response).get(f"/metadata?run=.&name={name}")
    return np.frombuffer(resp.data, dtype=np.float32).reshape(rows, -1), meta


def test_embeddings_open_in_the_projector_keras_2_1(tmp_path):
    rs = np.random.RandomState(0)
    x, y = rs.randint(0, 10, (32, 5)), rs.randint(0, 2, 32)
    (tmp_path / "meta.tsv").write_text("".join(f"word{i}\n" for i in range(10)))
    model = embedding_model()
    tb = TensorBoard(str(tmp_path), embeddings_freq=1, embeddings_metadata="meta.tsv")
    model.fit(x, y, epochs=1, verbose=0, callbacks=[tb])
    tensor, meta = projector_tensor(tmp_path, "embedding_1", 10)
    np.testing.assert_allclose(tensor, model.get_layer("embedding_1").embeddings.numpy(), rtol=1e-6)
    assert meta.status_code == 200 and meta.data.decode().splitlines()[:2] == ["word0", "word1"]


def test_embeddings_data_embeds_layer_outputs_keras_2_2(tmp_path):
    rs = np.random.RandomState(0)
    x, y = rs.randint(0, 10, (32, 5)), rs.randint(0, 2, 32)
    model = embedding_model()
    tb = TensorBoard(str(tmp_path), embeddings_freq=1, embeddings_layer_names=["embedding_1"], embeddings_data=x[:6])
    model.fit(x, y, epochs=1, verbose=0, callbacks=[tb])
    tensor, _ = projector_tensor(tmp_path, "embedding_1", 6)
    expected = model.get_layer("embedding_1").embeddings.numpy()[x[:6]].reshape(6, -1)
    np.testing.assert_allclose(tensor, expected, rtol=1e-6)


@pytest.mark.parametrize(
    "kwargs, arg",
    [
        ({"histogram_freq": -1}, "histogram_freq"),
        ({"batch_size": 0}, "batch_size"),
        ({"embeddings_freq": 1.5}, "embeddings_freq"),
        ({"embeddings_layer_names": "emb"}, "embeddings_layer_names"),
        ({"embeddings_metadata": 3}, "embeddings_metadata"),
        ({"update_freq": "often"}, "update_freq"),
        ({"update_freq": 0}, "update_freq"),
        ({"log_dir": ""}, "log_dir"),
    ],
)
def test_bad_arguments_name_the_argument(kwargs, arg):
    with pytest.raises(InvalidArgumentError, match=f"Received: {arg}="):
        TensorBoard(**kwargs)


def test_unknown_embedding_layer_is_skipped_with_a_warning(tmp_path):
    # Keras 2.2 embedded the listed layers it found; tfcompat also says which it skipped.
    model = embedding_model()
    tb = TensorBoard(str(tmp_path), embeddings_freq=1, embeddings_layer_names=["nope", "embedding_1"])
    with pytest.warns(RuntimeWarning, match=r"skipped: \['nope'\]"):
        model.fit(np.zeros((4, 5)), np.zeros(4), epochs=1, verbose=0, callbacks=[tb])
    tensor, _ = projector_tensor(tmp_path, "embedding_1", 10)
    np.testing.assert_allclose(tensor, model.get_layer("embedding_1").embeddings.numpy(), rtol=1e-6)


def test_acc_beside_accuracy_is_written_once(tmp_path):
    x, y = data()
    model = mlp()

    def alias(epoch, logs):  # 2018 shim: an earlier callback adds Keras 2's names
        logs["acc"], logs["val_acc"] = logs["accuracy"], logs["val_accuracy"]

    tb = TensorBoard(str(tmp_path), write_graph=False)
    hist = model.fit(x, y, batch_size=8, epochs=2, validation_split=0.25, verbose=0,
                     callbacks=[keras.callbacks.LambdaCallback(on_epoch_end=alias), tb])
    acc = read_back(tmp_path)
    assert sorted(acc.Tags()["scalars"]) == ["acc", "loss", "val_acc", "val_loss"]
    assert [(e.step, e.value) for e in acc.Scalars("acc")] == list(zip([0, 1], f32(hist.history["accuracy"])))
    assert [(e.step, e.value) for e in acc.Scalars("val_acc")] == list(zip([0, 1], f32(hist.history["val_accuracy"])))


class TrainValTensorBoard(TensorBoard):
    """The 2018 subclass idiom: validation scalars in a second run, through a TF1 FileWriter and tf.Summary."""

    def __init__(self, log_dir, **kwargs):
        super().__init__(os.path.join(log_dir, "training"), **kwargs)
        self.val_log_dir = os.path.join(log_dir, "validation")

    def set_model(self, model):
        self.val_writer = tf1.summary.FileWriter(self.val_log_dir)
        super().set_model(model)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        for name, value in ((k[4:], v) for k, v in logs.items() if k.startswith("val_")):
            summary = tf1.Summary()
            summary_value = summary.value.add()
            summary_value.simple_value = value.item()  # Keras 2 logs held numpy scalars
            summary_value.tag = name
            self.val_writer.add_summary(summary, epoch)
        self.val_writer.flush()
        super().on_epoch_end(epoch, {k: v for k, v in logs.items() if not k.startswith("val_")})

    def on_train_end(self, logs=None):
        super().on_train_end(logs)
        self.val_writer.close()


@pytest.mark.filterwarnings("ignore:Do not pass an `input_shape`")
def test_2018_subclass_writes_train_and_validation_runs(tmp_path):
    from tfcompat.keras.layers import Dense
    from tfcompat.keras.models import Sequential

    x, y = data()
    model = Sequential([Dense(3, activation="relu", input_dim=4), Dense(2, activation="softmax")])  # a 2018 model
    model.compile("sgd", "sparse_categorical_crossentropy", metrics=["accuracy"])
    hist = model.fit(x, y, batch_size=8, epochs=2, validation_split=0.25, verbose=0,
                     callbacks=[TrainValTensorBoard(str(tmp_path), write_graph=False)])
    train, val = read_back(tmp_path / "training"), read_back(tmp_path / "validation")
    assert sorted(train.Tags()["scalars"]) == ["acc", "loss"] and sorted(val.Tags()["scalars"]) == ["acc", "loss"]
    assert [(e.step, e.value) for e in val.Scalars("acc")] == list(zip([0, 1], f32(hist.history["val_acc"])))
    assert [(e.step, e.value) for e in train.Scalars("loss")] == list(zip([0, 1], f32(hist.history["loss"])))


def test_subclass_hooks_writer_and_write_logs_are_keras_2s(tmp_path):
    class Extra(TensorBoard):
        batches = 0

        def on_batch_end(self, batch, logs=None):  # Keras 2's hook name: called for every batch
            self.batches += 1
            super().on_batch_end(batch, logs)

        def on_epoch_end(self, epoch, logs=None):
            self._write_logs({"lr": 0.1 * (epoch + 1)}, epoch)  # Keras 2.2's helper
            super().on_epoch_end(epoch, logs)

    x, y = data()
    tb = Extra(str(tmp_path), write_graph=False)
    mlp().fit(x, y, batch_size=8, epochs=2, verbose=0, callbacks=[tb])
    assert tb.batches == 10
    assert isinstance(tb.writer, tf1.summary.FileWriter)
    assert [(e.step, e.value) for e in read_back(tmp_path).Scalars("lr")] == [(0, f32([0.1])[0]), (1, f32([0.2])[0])]


def test_write_logs_hands_the_writer_summary_protos_as_keras_2_did(tmp_path):
    # Keras 2.2: `self.writer.add_summary(tf.Summary(value=[...]), index)`, one Summary per log key; writers that
    # users swapped in or subclassed read `summary.value[0].tag`.
    seen = []

    class Recorder:
        def add_summary(self, summary, step=None):
            seen.append((step, [(v.tag, v.simple_value) for v in summary.value]))

        def flush(self):
            pass

        def close(self):
            pass

    tb = TensorBoard(str(tmp_path), write_graph=False)
    tb.writer = Recorder()
    tb._write_logs({"loss": np.float32(0.5), "acc": 0.25, "batch": 3, "size": 8}, 7)
    assert seen == [(7, [("loss", 0.5)]), (7, [("acc", 0.25)])]
