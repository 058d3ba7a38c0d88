"""The 2018 ``TensorboardKeras`` blog-post pattern, run with only its imports changed.

The class below is the seed's code (placeholders, ``tf.summary.scalar``,
``merge_all``, ``FileWriter``, ``K.get_session``, ``K.eval(model.optimizer.lr)``,
``LambdaCallback``, ``logs["acc"]``) on a model compiled with ``'accuracy'``.
Only the import lines differ from 2018:

    import tensorflow as tf                          -> import tfcompat.v1 as tf
    from keras import backend as K                   -> from tfcompat.keras import backend as K
    from keras.callbacks import LambdaCallback       -> from tfcompat.keras.callbacks import LambdaCallback
    from keras.optimizers import Adam                -> from tfcompat.keras.optimizers import Adam
"""

import numpy as np
import pytest

pytest.importorskip("tensorflow")


import tfcompat.v1 as tf  # noqa: E402
from tests.support import EXAMPLES, read_back
from tfcompat.keras import backend as K  # noqa: E402
from tfcompat.keras.callbacks import LambdaCallback  # noqa: E402
from tfcompat.keras.optimizers import Adam  # noqa: E402

pytestmark = pytest.mark.tf


class TensorboardKeras:
    def __init__(self, model, log_dir):
        self.model = model
        self.log_dir = log_dir
        self.session = K.get_session()

        self.lr_ph = tf.placeholder(shape=(), dtype=tf.float32)
        tf.summary.scalar('lr', self.lr_ph)

        self.val_loss_ph = tf.placeholder(shape=(), dtype=tf.float32)
        tf.summary.scalar('val/loss', self.val_loss_ph)

        self.val_acc_ph = tf.placeholder(shape=(), dtype=tf.float32)
        tf.summary.scalar('val/acc', self.val_acc_ph)

        self.train_loss_ph = tf.placeholder(shape=(), dtype=tf.float32)
        tf.summary.scalar('train/loss', self.train_loss_ph)

        self.train_acc_ph = tf.placeholder(shape=(), dtype=tf.float32)
        tf.summary.scalar('train/acc', self.train_acc_ph)

        self.merged = tf.summary.merge_all()
        self.writer = tf.summary.FileWriter(self.log_dir)

    def _get_lr(self):
        return K.eval(self.model.optimizer.lr)

    def on_epoch_end(self, epoch, logs):
        summary = self.session.run(self.merged,
                                   feed_dict={self.lr_ph: self._get_lr(),
                                              self.val_loss_ph: logs["val_loss"],
                                              self.train_loss_ph: logs["loss"],
                                              self.val_acc_ph: logs["val_acc"],
                                              self.train_acc_ph: logs["acc"]
                                              })
        self.writer.add_summary(summary, epoch)
        self.writer.flush()

    def on_epoch_end_cb(self):
        return LambdaCallback(on_epoch_end=lambda epoch, logs:
                              self.on_epoch_end(epoch, logs))


@pytest.fixture
def fresh_session():
    K.clear_session()  # fresh legacy graph: merge_all sees only this test's summaries
    yield
    K.clear_session()


def _model(lr):
    from keras.layers import Dense
    from keras.models import Sequential

    model = Sequential([Dense(8, activation="relu", input_shape=(4,)), Dense(1, activation="sigmoid")])
    model.compile(optimizer=Adam(lr=lr), loss="binary_crossentropy", metrics=["accuracy"])
    return model


def _data(n, seed):
    rng = np.random.RandomState(seed)
    x = rng.normal(size=(n, 4)).astype("float32")
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype("float32")
    return x, y


@pytest.mark.slow  # 2-4 s of CPU (whole fits) on a quiet machine: not in the quick run
@pytest.mark.filterwarnings("ignore:`lr` is the Keras 2 name")
@pytest.mark.filterwarnings("ignore:Do not pass an `input_shape`")
def test_tensorboard_keras_2018_pattern_writes_the_history(tmp_path, fresh_session):
    x, y = _data(64, 0)
    x_val, y_val = _data(32, 1)
    model = _model(lr=0.005)
    tensorboard = TensorboardKeras(model=model, log_dir=str(tmp_path))

    history = model.fit(x, y, validation_data=(x_val, y_val), epochs=3, batch_size=16, verbose=0,
                        callbacks=[tensorboard.on_epoch_end_cb()])
    tensorboard.writer.close()

    acc = read_back(tmp_path)
    tags = acc.Tags()["scalars"]
    assert sorted(tags) == ["lr", "train/acc", "train/loss", "val/acc", "val/loss"]
    expected = {
        "lr": [0.005] * 3,
        "train/loss": history.history["loss"],
        "train/acc": history.history["accuracy"],
        "val/loss": history.history["val_loss"],
        "val/acc": history.history["val_accuracy"],
    }
    for tag, values in expected.items():
        events = acc.Scalars(tag)
        assert [e.step for e in events] == [0, 1, 2], tag
        np.testing.assert_array_equal(
            np.array([e.value for e in events], dtype=np.float32), np.array(values, dtype=np.float32), err_msg=tag
        )


@pytest.mark.slow  # 2-4 s of CPU (whole fits) on a quiet machine: not in the quick run
@pytest.mark.filterwarnings("ignore:`lr` is the Keras 2 name")
@pytest.mark.filterwarnings("ignore:Do not pass an `input_shape`")
def test_scalars_are_tf1_simple_values(tmp_path, fresh_session):
    """TF1 wrote scalars as Summary.Value.simple_value; TensorBoard of 2018 reads only those."""
    from tensorboard.backend.event_processing import event_file_loader
    from tensorboard.compat.proto import event_pb2

    x, y = _data(32, 2)
    model = _model(lr=0.01)
    tensorboard = TensorboardKeras(model=model, log_dir=str(tmp_path))
    model.fit(x, y, validation_data=(x, y), epochs=1, batch_size=16, verbose=0,
              callbacks=[tensorboard.on_epoch_end_cb()])
    tensorboard.writer.close()

    files = sorted(tmp_path.glob("events.out.tfevents.*"))
    assert len(files) == 1
    values = {}
    for event in event_file_loader.LegacyEventFileLoader(str(files[0])).Load():
        assert isinstance(event, event_pb2.Event)
        for value in event.summary.value:
            assert value.WhichOneof("value") == "simple_value", value
            values[value.tag] = value.simple_value
    assert sorted(values) == ["lr", "train/acc", "train/loss", "val/acc", "val/loss"]
    assert values["lr"] == pytest.approx(0.01)


@pytest.mark.slow  # 2-4 s of CPU (whole fits) on a quiet machine: not in the quick run
@pytest.mark.filterwarnings("ignore:`lr` is the Keras 2 name")
@pytest.mark.filterwarnings("ignore:Do not pass an `input_shape`")
def test_lr_written_follows_set_value_during_training(tmp_path, fresh_session):
    """K.set_value on the learning rate between epochs shows up in the logged `lr` (and is what trains)."""
    x, y = _data(32, 3)
    model = _model(lr=0.01)
    tensorboard = TensorboardKeras(model=model, log_dir=str(tmp_path))
    halve = LambdaCallback(on_epoch_end=lambda epoch, logs: K.set_value(
        model.optimizer.lr, K.get_value(model.optimizer.lr) / 2))
    model.fit(x, y, epochs=3, batch_size=16, verbose=0, validation_data=(x, y),
              callbacks=[tensorboard.on_epoch_end_cb(), halve])
    tensorboard.writer.close()

    lrs = [e.value for e in read_back(tmp_path).Scalars("lr")]
    np.testing.assert_allclose(lrs, [0.01, 0.005, 0.0025], rtol=1e-6)
    assert float(model.optimizer.learning_rate.numpy()) == pytest.approx(0.00125)


@pytest.mark.slow  # 2-4 s of CPU (whole fits) on a quiet machine: not in the quick run
@pytest.mark.filterwarnings("ignore:`lr` is the Keras 2 name")
@pytest.mark.filterwarnings("ignore:Do not pass an `input_shape`")
def test_legacy_example_writes_lr_steps_and_metrics(tmp_path, fresh_session, capsys):
    """legacy_examples/keras_2018_tensorboard.py (the README's first command), run in-process."""
    import runpy

    script = EXAMPLES / "keras_2018_tensorboard.py"
    namespace = runpy.run_path(str(script), run_name="keras_2018_example")
    namespace["main"](str(tmp_path))

    out = capsys.readouterr().out
    assert f"TensorBoard logs written to {tmp_path}" in out
    acc = read_back(tmp_path)
    assert sorted(acc.Tags()["scalars"]) == ["lr", "train/acc", "train/loss", "val/acc", "val/loss"]
    lrs = [e.value for e in acc.Scalars("lr")]
    np.testing.assert_allclose(lrs, [0.01] * 4 + [0.005] * 4 + [0.0025] * 4, rtol=1e-6)  # K.set_value step decay
    assert [e.step for e in acc.Scalars("val/acc")] == list(range(12))
    assert acc.Scalars("train/acc")[-1].value > 0.8  # the spirals were learned: real training happened


@pytest.mark.parametrize("optimizer", ["keras3_adam", "adam"])
@pytest.mark.filterwarnings("ignore:Do not pass an `input_shape`")
def test_pattern_with_keras_3_optimizers_writes_the_history(tmp_path, fresh_session, optimizer):
    """Issue 9: only the imports changed, with Keras 3's Adam or compile(optimizer='adam')."""
    import keras
    from keras.layers import Dense
    from keras.models import Sequential

    from tfcompat.keras.optimizers import uninstall_lr_property

    uninstall_lr_property()  # as in a fresh process: the pattern's LambdaCallback is the first use
    x, y = _data(64, 0)
    x_val, y_val = _data(32, 1)
    model = Sequential([Dense(8, activation="relu", input_shape=(4,)), Dense(1, activation="sigmoid")])
    opt = keras.optimizers.Adam(learning_rate=0.005) if optimizer == "keras3_adam" else "adam"
    model.compile(optimizer=opt, loss="binary_crossentropy", metrics=["accuracy"])
    tensorboard = TensorboardKeras(model=model, log_dir=str(tmp_path))
    history = model.fit(x, y, validation_data=(x_val, y_val), epochs=3, batch_size=16, verbose=0,
                        callbacks=[tensorboard.on_epoch_end_cb()])
    tensorboard.writer.close()

    acc = read_back(tmp_path)
    assert sorted(acc.Tags()["scalars"]) == ["lr", "train/acc", "train/loss", "val/acc", "val/loss"]
    expected = {
        "lr": [0.005 if optimizer == "keras3_adam" else 0.001] * 3,  # Keras 3's Adam default for 'adam'
        "train/loss": history.history["loss"],
        "train/acc": history.history["accuracy"],
        "val/loss": history.history["val_loss"],
        "val/acc": history.history["val_accuracy"],
    }
    for tag, values in expected.items():
        events = acc.Scalars(tag)
        assert [e.step for e in events] == [0, 1, 2], tag
        np.testing.assert_array_equal(
            np.array([e.value for e in events], dtype=np.float32), np.array(values, dtype=np.float32), err_msg=tag
        )
