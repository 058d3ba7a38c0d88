"""One runnable example per finding kind of ``tfcompat check``: the proof behind each verdict.

Each example is a small program written as 2016-2019 code (or, for ``TODAY``,
as TF 2 / Keras 3 code that must raise no legacy finding). It checks its own
result and raises when the behaviour is not TF 1.x's / Keras 2's, so running it
tells whether it works. ``tests/check/test_examples.py`` runs every example
three ways (plain Python on TF 2.21 + Keras 3; with tfcompat's imports, i.e. a
2018 module's ``tensorflow``/``keras`` but no global change; under
``tfcompat run``) and asserts that ``check``'s verdict on the example is what
happened. A finding kind without an example fails that test.

Examples generate their data and write only under the directory ``LOGDIR``
names (set by the harness).
"""

__all__ = ["EXAMPLES", "TODAY"]

# Key for TF 2 / Keras 3 programs that must get no legacy finding and run everywhere.
TODAY = "today"

_MODEL = """
import numpy as np
x = np.random.RandomState(0).randn(64, 4).astype("float32")
y = (x[:, 0] > 0).astype("float32")
"""

EXAMPLES = {
    "v1_removed": ["""
import numpy as np
import tensorflow as tf
x = tf.placeholder(tf.float32, [None, 2])
w = tf.Variable(0.5)
y = tf.reduce_sum(w * x + 1.0)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    assert sess.run(y, {x: np.ones((2, 2))}) == 6.0
"""],
    "tf012": ["""
import numpy as np
import tensorflow as tf
x = tf.placeholder(tf.float32, [])
s = tf.scalar_summary("my loss", tf.mul(x, 2.0))
merged = tf.merge_all_summaries()
with tf.Session() as sess:
    summary = tf.Summary.FromString(sess.run(merged, {x: 1.5}))
assert summary.value[0].tag == "my loss" and summary.value[0].simple_value == 3.0
"""],
    "tf012_order": ["""
import numpy as np
import tensorflow as tf
x = tf.placeholder(tf.float32, [None, 4])
halves = tf.split(1, 2, x)  # TF 0.12: (split_dim, num_split, value)
swapped = tf.concat(1, [halves[1], halves[0]])  # TF 0.12: (concat_dim, values)
with tf.Session() as sess:
    out = sess.run(swapped, {x: np.arange(4.0).reshape(1, 4)})
assert out.tolist() == [[2.0, 3.0, 0.0, 1.0]]
"""],
    "v1_layers": ["""
import numpy as np
import tensorflow as tf
x = tf.placeholder(tf.float32, [None, 3])
h = tf.layers.dense(x, 2, activation=tf.nn.relu, name="hidden")
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    assert sess.run(h, {x: np.ones((1, 3))}).shape == (1, 2)
assert [v.name for v in tf.trainable_variables()] == ["hidden/kernel:0", "hidden/bias:0"]
"""],
    "compat_v1_eager": ["""
import numpy as np
import tensorflow as tf
x = tf.compat.v1.placeholder(tf.float32, [None])
with tf.compat.v1.Session() as sess:
    assert sess.run(tf.reduce_sum(x), {x: np.ones(3)}) == 3.0
"""],
    "contrib": ["""
import tensorflow as tf
slim = tf.contrib.slim  # not one of the parts tfcompat provides
""", """
import numpy as np
import tensorflow as tf
x = tf.placeholder(tf.float32, [None, 2, 3])
flat = tf.contrib.layers.flatten(x)
with tf.Session() as sess:
    assert sess.run(flat, {x: np.ones((4, 2, 3))}).shape == (4, 6)
""", """
import numpy as np
import tensorflow as tf
from tensorflow.contrib import rnn
x = tf.placeholder(tf.float32, [None, 4, 3])
outputs, state = rnn.static_rnn(rnn.BasicLSTMCell(5), tf.unstack(x, axis=1), dtype=tf.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    assert sess.run(outputs[-1], {x: np.ones((2, 4, 3))}).shape == (2, 5)
"""],
    "v1_summary_shadowed": ["""
import os
import tensorflow as tf
x = tf.placeholder(tf.float32, [])
tf.summary.scalar("loss", x)
merged = tf.summary.merge_all()
assert merged is not None
with tf.Session() as sess, tf.summary.FileWriter(os.environ["LOGDIR"]) as writer:
    writer.add_summary(sess.run(merged, {x: 0.5}), 0)
"""],
    "eager_switch": ["""
import numpy as np
import tensorflow as tf
tf.disable_eager_execution()
x = tf.placeholder(tf.float32, [None])
with tf.Session() as sess:
    assert sess.run(tf.reduce_sum(x), {x: np.ones(2)}) == 2.0
"""],
    "backend_removed": [_MODEL + """
from keras import backend as K
from keras.layers import Dense
from keras.models import Sequential
model = Sequential([Dense(1, input_shape=(4,))])
sess = K.get_session()
K.set_value(model.layers[0].bias, np.array([2.0], "float32"))
assert float(K.get_value(model.layers[0].bias)[0]) == 2.0
"""],
    "optimizer_lr_kwarg": [_MODEL + """
from keras.optimizers import Adam
opt = Adam(lr=0.01)
assert abs(float(opt.learning_rate.numpy()) - 0.01) < 1e-7
"""],
    "optimizer_decay_kwarg": [_MODEL + """
from keras.layers import Dense
from keras.models import Sequential
from keras.optimizers import SGD
model = Sequential([Dense(1, input_shape=(4,))])
opt = SGD(learning_rate=0.1, decay=1.0)
model.compile(opt, "mse")
model.fit(x, y, batch_size=32, epochs=1, verbose=0)  # 2 steps: Keras 2's rate is now 0.1 / (1 + 2)
assert abs(float(opt.learning_rate) - 0.1 / 3) < 1e-6
"""],
    "optimizer_lr_read": [_MODEL + """
from keras import backend as K
from keras.layers import Dense
from keras.models import Sequential
model = Sequential([Dense(1, input_shape=(4,))])
model.compile("adam", "mse")
assert abs(float(K.eval(model.optimizer.lr)) - 0.001) < 1e-7
"""],
    "optimizer_lr_write": [_MODEL + """
from keras.layers import Dense
from keras.models import Sequential
model = Sequential([Dense(1, input_shape=(4,))])
model.compile("sgd", "mse")
model.optimizer.lr = 0.5
assert abs(float(model.optimizer.learning_rate.numpy()) - 0.5) < 1e-7
"""],
    "logs_acc": [_MODEL + """
from keras.callbacks import LambdaCallback
from keras.layers import Dense
from keras.models import Sequential
model = Sequential([Dense(1, activation="sigmoid", input_shape=(4,))])
model.compile("sgd", "binary_crossentropy", metrics=["accuracy"])
seen = []
model.fit(x, y, epochs=1, verbose=0, validation_split=0.25,
          callbacks=[LambdaCallback(on_epoch_end=lambda e, logs: seen.append((logs["acc"], logs["val_acc"])))])
assert len(seen) == 1
"""],
    "tb21_positional": [_MODEL + """
import os
from keras.callbacks import TensorBoard
from keras.layers import Dense
from keras.models import Sequential
model = Sequential([Dense(1, input_shape=(4,))])
model.compile("sgd", "mse")
tb = TensorBoard(os.environ["LOGDIR"], 0, 16, True)  # histogram_freq, batch_size, write_graph
assert tb.batch_size == 16 and tb.write_graph is True
model.fit(x, y, epochs=1, verbose=0, callbacks=[tb])
"""],
    "tb21_keywords": [_MODEL + """
import os
from keras.callbacks import TensorBoard
tb = TensorBoard(log_dir=os.environ["LOGDIR"], batch_size=8, write_grads=True)
assert tb.write_grads is True
"""],
    "tb21_subclass": [_MODEL + """
import os
from keras.callbacks import TensorBoard
from keras.layers import Dense
from keras.models import Sequential
class ModifiedTensorBoard(TensorBoard):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.step = 1
    def on_epoch_end(self, epoch, logs=None):
        self._write_logs(logs, self.step)
        self.step += 1
model = Sequential([Dense(1, input_shape=(4,))])
model.compile("sgd", "mse")
board = ModifiedTensorBoard(log_dir=os.environ["LOGDIR"])
model.fit(x, y, epochs=2, verbose=0, callbacks=[board])
assert board.step == 3 and board.writer is not None
"""],
    "trace_export_outdir": ["""
import os
import tensorflow as tf
writer = tf.summary.create_file_writer(os.path.join(os.environ["LOGDIR"], "trace"))
@tf.function
def double(v):
    return v * 2.0
tf.summary.trace_on(graph=True, profiler=True)
double(tf.constant(1.0))
with writer.as_default():
    tf.summary.trace_export(name="double", step=0, profiler_outdir=os.path.join(os.environ["LOGDIR"], "profile"))
"""],
    "fit_nb_epoch": [_MODEL + """
from keras.layers import Dense
from keras.models import Sequential
model = Sequential([Dense(1, input_shape=(4,))])
model.compile("sgd", "mse")
history = model.fit(x, y, nb_epoch=2, verbose=0)
assert len(history.history["loss"]) == 2
"""],
    "keras1_layer_kwarg": [_MODEL + """
from keras.layers import Convolution2D, Dense, Dropout
from keras.models import Sequential
model = Sequential([Dense(3, input_dim=4, init="zeros"), Dropout(p=0.5), Dense(output_dim=1)])
assert not model.layers[0].get_weights()[0].any() and model.layers[1].rate == 0.5
assert model.layers[2].units == 1 and model.layers[0].name.split("_")[-1] != "dense"  # Keras 2 names: dense_<n>
assert Convolution2D(8, 3, 3, border_mode="same").kernel_size == (3, 3)
"""],
    "model_generator_method": [_MODEL + """
from keras.layers import Dense
from keras.models import Sequential
model = Sequential([Dense(1, input_shape=(4,))])
model.compile("sgd", "mse")
def batches():
    while True:
        yield x[:16], y[:16]
history = model.fit_generator(batches(), steps_per_epoch=2, epochs=2, verbose=0)
assert len(history.history["loss"]) == 2
"""],
    "v1_keyword": ["""
import numpy as np
import tensorflow as tf
x = tf.placeholder(tf.float32, [None, 3])
total = tf.reduce_sum(x, reduction_indices=[1], keep_dims=True)
with tf.Session() as sess:
    assert sess.run(total, {x: np.ones((2, 3))}).tolist() == [[3.0], [3.0]]
"""],
    "dropout_keep_prob": ["""
import numpy as np
import tensorflow as tf
x = tf.placeholder(tf.float32, [1000])
kept = tf.nn.dropout(x, 1.0)   # TF1: keep_prob=1.0 keeps everything
with tf.Session() as sess:
    assert float(sess.run(kept, {x: np.ones(1000)}).sum()) == 1000.0
"""],
    "callback_monitor_acc": [_MODEL + """
from keras.callbacks import EarlyStopping
from keras.layers import Dense
from keras.models import Sequential
model = Sequential([Dense(1, activation="sigmoid", input_shape=(4,))])
model.compile("sgd", "binary_crossentropy", metrics=["accuracy"])
stop = EarlyStopping(monitor="val_acc", patience=0, min_delta=2.0)
history = model.fit(x, y, epochs=5, verbose=0, validation_split=0.25, callbacks=[stop])
assert len(history.history["loss"]) == 2  # no epoch improves val_acc by 2.0: stops after the second
"""],
    "checkpoint_h5": [_MODEL + """
import os
from keras.callbacks import ModelCheckpoint
from keras.layers import Dense
from keras.models import Sequential
model = Sequential([Dense(1, input_shape=(4,))])
model.compile("sgd", "mse")
os.chdir(os.environ["LOGDIR"])
model.fit(x, y, epochs=2, verbose=0, callbacks=[ModelCheckpoint("weights.{epoch:02d}.hdf5")])
assert os.path.exists("weights.02.hdf5")
"""],
    "np_utils": ["""
from keras.utils import np_utils
assert np_utils.to_categorical([0, 2], 3).tolist() == [[1, 0, 0], [0, 0, 1]]
"""],
    "keras2_module": ["""
from keras.layers.core import Dense
from keras.models import Sequential
model = Sequential([Dense(2, input_shape=(3,))])
assert model.output_shape == (None, 2)
"""],
    "optimizer_decay_attr": [_MODEL + """
from keras import backend as K
from keras.optimizers import SGD
opt = SGD(lr=0.1, decay=0.01)
assert abs(float(K.get_value(opt.decay)) - 0.01) < 1e-7
"""],
    "tb21_writer": [_MODEL + """
import os
import tensorflow as tf
from keras.callbacks import TensorBoard
from keras.layers import Dense
from keras.models import Sequential
def write_log(callback, names, logs, batch_no):
    for name, value in zip(names, logs):
        summary = tf.Summary()
        summary.value.add(tag=name, simple_value=value)
        callback.writer.add_summary(summary, batch_no)
        callback.writer.flush()
model = Sequential([Dense(1, input_shape=(4,))])
model.compile("sgd", "mse")
callback = TensorBoard(os.environ["LOGDIR"])
callback.set_model(model)
for batch_no in range(3):
    write_log(callback, ["train_loss"], [model.train_on_batch(x, y)], batch_no)
"""],
    "logs_numpy": [_MODEL + """
from keras.callbacks import LambdaCallback
from keras.layers import Dense
from keras.models import Sequential
model = Sequential([Dense(1, input_shape=(4,))])
model.compile("sgd", "mse")
losses = []
model.fit(x, y, epochs=2, verbose=0, callbacks=[LambdaCallback(on_epoch_end=lambda e, logs: losses.append(
    logs["loss"].item()))])
assert len(losses) == 2
"""],
    "metric_reset_states": ["""
import tensorflow as tf
train_loss = tf.keras.metrics.Mean("train_loss")
train_loss(3.0)
train_loss.reset_states()
assert float(train_loss.result()) == 0.0
"""],
    "tf_function_call": [_MODEL + """
import tensorflow as tf
class MyModel(tf.keras.Model):
    def __init__(self):
        super(MyModel, self).__init__()
        self.out = tf.keras.layers.Dense(2, activation="softmax")
    @tf.function
    def call(self, x):
        return self.out(x)
model = MyModel()
model.compile("adam", "sparse_categorical_crossentropy")
history = model.fit(x, y.astype("int32"), epochs=3, verbose=0)
assert history.history["loss"][-1] < history.history["loss"][0]
"""],
    "keras3_tensorboard_logs": [_MODEL + """
import os
import tensorflow as tf
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(2, activation="softmax")])
model.compile("sgd", "sparse_categorical_crossentropy")
model.fit(x, y.astype("int32"), epochs=1, verbose=0,
          callbacks=[tf.keras.callbacks.TensorBoard(os.environ["LOGDIR"], histogram_freq=1)])
acc = EventAccumulator(os.path.join(os.environ["LOGDIR"], "train"))
acc.Reload()
# What tf.keras 2 wrote: <layer>/<weight>_0/histogram and the training step's graph.
assert "dense/kernel_0/histogram" in acc.Tags()["tensors"] and acc.Tags()["graph"], acc.Tags()
"""],
    TODAY: ["""
import os
import tensorflow as tf
writer = tf.summary.create_file_writer(os.environ["LOGDIR"])
with writer.as_default(step=1):
    tf.summary.scalar("s", 0.75)
writer.flush()
""", _MODEL + """
import os
import keras
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(keras.optimizers.Adam(learning_rate=0.01), "binary_crossentropy", metrics=["accuracy"])
history = model.fit(x, y, epochs=1, verbose=0, validation_split=0.25,
                    callbacks=[keras.callbacks.TensorBoard(os.environ["LOGDIR"]),
                               keras.callbacks.EarlyStopping(monitor="val_accuracy")])
assert "val_accuracy" in history.history
"""],
}
