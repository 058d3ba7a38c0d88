"""The facts of TF 1.x / Keras 2 naming that tfcompat's runtime and ``tfcompat check`` both read.

One place per fact, pure Python (no TensorFlow, no Keras), so the scanner reads
exactly what the runtime does:

* log keys: Keras 2.2 reported a model compiled with ``metrics=['accuracy']`` as
  ``acc``/``val_acc``; Keras 2.3+ and Keras 3 echo the metric string;
* the learning rate: Keras 2's ``lr`` (argument, attribute, log key) is Keras 3's
  ``learning_rate``;
* the optimizers that took ``lr=``/``decay=`` in Keras 2;
* the Keras 2.1/2.2 ``TensorBoard`` callback's argument order and its arguments
  Keras 3 lacks;
* the keywords of TF1's ``tf.summary`` ops that TF 2's lack;
* TF 0.12's names that TF 1.0 removed, and the functions whose arguments it reordered
  (``tf.concat(concat_dim, values)``);
* the parts of ``tf.contrib`` tfcompat.v1 provides, and what replaced the others;
* the Keras 1 keyword arguments Keras 2.2's layers still accepted (``Dense(init=)``...).
"""

__all__ = [
    "KERAS2_LOG_KEYS",
    "KERAS3_LOG_KEYS",
    "keras2_log_key",
    "keras3_log_key",
    "LR_KEYWORD",
    "LR_LOG_KEYS",
    "KERAS2_OPTIMIZERS",
    "KERAS2_OPTIMIZER_KEYWORDS",
    "TENSORBOARD_21_ARGS",
    "TENSORBOARD_21_ONLY",
    "KERAS3_TENSORBOARD_ARGS",
    "TF1_SUMMARY_KEYWORDS",
    "TF2_SUMMARY_STEP_SLOT",
    "KERAS2_MODULES",
    "TF012_RENAMED_OPS",
    "KERAS2_BACKEND",
    "TF012_SUMMARY_NAMES",
    "TF012_KEPT_IN_1X",
    "TF012_NN_RENAMED",
    "TF1_PYTHON_OPS",
    "TF1X_ONLY_NAMESPACES",
    "TF012_ARGUMENT_ORDER",
    "TENSORBOARD_21_ATTRIBUTES",
    "CONTRIB_PROVIDED",
    "CONTRIB_REPLACED_BY",
    "CONTRIB_RNN_PROVIDED",
    "KERAS1_LAYER_KEYWORDS",
    "KERAS1_DIM_ORDERING",
    "KERAS2_LAYER_ALIASES",
    "TENSORBOARD_2018_LOG_KEYS",
]

# Keras 3 log key -> the key Keras 2.2 wrote for the same metric.
KERAS2_LOG_KEYS = {"accuracy": "acc", "val_accuracy": "val_acc"}
# ... and back: what a 2018 `logs['acc']` reads in Keras 3.
KERAS3_LOG_KEYS = {v: k for k, v in KERAS2_LOG_KEYS.items()}


# The keys the 2018 TensorboardKeras post's on_epoch_end read from the logs (a KeyError there when one was missing).
TENSORBOARD_2018_LOG_KEYS = frozenset(["loss", "acc", "val_loss", "val_acc"])


def keras2_log_key(key: str) -> str:
    """The Keras 2.2 spelling of a log key: ``accuracy`` -> ``acc``, ``val_accuracy`` -> ``val_acc``."""
    return KERAS2_LOG_KEYS.get(key, key)


def keras3_log_key(key: str) -> str:
    """The Keras 3 spelling of a Keras 2.2 log key: ``acc`` -> ``accuracy``, ``val_acc`` -> ``val_accuracy``."""
    return KERAS3_LOG_KEYS.get(key, key)


# Keras 2's name of the learning rate (`Adam(lr=)`, `optimizer.lr`, ReduceLROnPlateau's log key).
LR_KEYWORD = "lr"
# Log keys that carry the learning rate (Keras 2's ReduceLROnPlateau logged `lr`, Keras 3 `learning_rate`).
LR_LOG_KEYS = ("lr", "learning_rate")

# The optimizers of keras.optimizers in Keras 2.2: each took `lr=` and `decay=`.
KERAS2_OPTIMIZERS = ("SGD", "RMSprop", "Adagrad", "Adadelta", "Adam", "Adamax", "Nadam")
KERAS2_OPTIMIZER_KEYWORDS = frozenset(["lr", "decay"])

# keras.callbacks.TensorBoard(...) of Keras 2.2.4, in positional order; Keras 3's differs from the third on.
TENSORBOARD_21_ARGS = (
    "log_dir", "histogram_freq", "batch_size", "write_graph", "write_grads", "write_images",
    "embeddings_freq", "embeddings_layer_names", "embeddings_metadata", "embeddings_data", "update_freq",
)
# keras.callbacks.TensorBoard(...) of Keras 3, in positional order: where a 2.1 positional argument lands today.
KERAS3_TENSORBOARD_ARGS = (
    "log_dir", "histogram_freq", "write_graph", "write_images", "write_steps_per_second", "update_freq",
    "profile_batch", "embeddings_freq", "embeddings_metadata",
)
# Its arguments Keras 3's TensorBoard does not take.
TENSORBOARD_21_ONLY = frozenset(["batch_size", "write_grads", "embeddings_layer_names", "embeddings_data"])

# tf.summary.{scalar,histogram,image,audio,text} keywords of TF1 that TF 2 lacks (TF 2 names the value `data`).
TF1_SUMMARY_KEYWORDS = frozenset(["collections", "family", "tensor", "values"])
# Where `step` sits among TF 2's positional arguments: (name, data, step) / audio (name, data, sample_rate, step).
TF2_SUMMARY_STEP_SLOT = {"scalar": 2, "histogram": 2, "image": 2, "text": 2, "audio": 3}

# Module paths of Keras 2.2 that Keras 3 lacks (tfcompat.keras has each, same path).
KERAS2_MODULES = (
    "keras.layers.core", "keras.layers.convolutional", "keras.layers.pooling", "keras.layers.recurrent",
    "keras.layers.embeddings", "keras.layers.normalization", "keras.layers.merge", "keras.layers.advanced_activations",
    "keras.layers.noise", "keras.layers.wrappers", "keras.layers.local", "keras.layers.cudnn_recurrent",
    "keras.utils.np_utils", "keras.utils.generic_utils", "keras.utils.data_utils", "keras.utils.io_utils",
    "keras.utils.vis_utils", "keras.utils.layer_utils", "keras.utils.conv_utils",
    "keras.engine", "keras.engine.topology", "keras.engine.training", "keras.engine.base_layer",
    "keras.engine.input_layer", "keras.engine.sequential", "keras.engine.network", "keras.legacy",
    "keras.legacy.layers", "keras.legacy.interfaces", "keras.wrappers", "keras.wrappers.scikit_learn",
)

# What subclasses of Keras 2.1/2.2's TensorBoard used of it that Keras 3's lacks.
TENSORBOARD_21_ATTRIBUTES = frozenset(["writer", "_write_logs", "sess", "merged", "batch_size", "write_grads"])

# TF 0.12 op name -> its TF 1.0 name: same arguments, same meaning (`tf.concat`, whose
# arguments were swapped, is not one of them).
TF012_RENAMED_OPS = {
    "mul": "multiply", "sub": "subtract", "neg": "negative", "pack": "stack", "unpack": "unstack",
    "batch_matmul": "matmul", "select": "where", "concat_v2": "concat",
}
# TF 0.12 summary names -> their TF 1.0 successor (0.12 used the tag verbatim: no name scope, no `_1`).
TF012_SUMMARY_NAMES = {
    "scalar_summary": "summary.scalar", "histogram_summary": "summary.histogram",
    "image_summary": "summary.image", "audio_summary": "summary.audio", "merge_summary": "summary.merge",
    "merge_all_summaries": "summary.merge_all", "initialize_all_variables": "global_variables_initializer",
    "train.SummaryWriter": "summary.FileWriter",
}
# TF 0.12's `tf.nn` names of the RNN loops TF 1.x renamed (`tf.nn.rnn` became `tf.contrib.rnn.static_rnn` in 1.0,
# `tf.nn.static_rnn` in 1.2): same arguments, same meaning.
TF012_NN_RENAMED = {"rnn": "static_rnn", "bidirectional_rnn": "static_bidirectional_rnn"}
# The modules of `tensorflow.python.ops` that TF 0.12-1.x scripts imported and tfcompat gives 2018 modules (TF 2.21's
# lack 0.12's `rnn.rnn` and build TF 2's cells): name -> tfcompat's module.
TF1_PYTHON_OPS = {"rnn": "tfcompat.v1._rnn_ops", "rnn_cell": "tfcompat.v1._rnn_cell"}
# The 0.12 names above that TF 1.x still had (deprecated): only the others mark a module as TF 0.12 code.
TF012_KEPT_IN_1X = frozenset(["initialize_all_variables"])
# Namespaces of `tf` that TF 1.0 and later added (`tf.compat.v1` too): a module using one is not TF 0.12 code.
TF1X_ONLY_NAMESPACES = frozenset(["layers", "losses", "metrics", "estimator", "data"])

# Functions whose arguments TF 1.0 reordered (a TF 0.12 module reads them in 0.12's order): name under `tf.` ->
# (TF 0.12's parameters in order, TF 1.x's in order, {0.12 keyword: the 1.x keyword that took its place},
# how many of the 0.12 parameters are required).
_SAMPLED_LOSS_012 = ("weights", "biases", "inputs", "labels", "num_sampled", "num_classes", "num_true", "sampled_values",
                     "remove_accidental_hits", "partition_strategy", "name")
_SAMPLED_LOSS_1X = ("weights", "biases", "labels", "inputs") + _SAMPLED_LOSS_012[4:]
TF012_ARGUMENT_ORDER = {
    "concat": (("concat_dim", "values", "name"), ("values", "axis", "name"), {"concat_dim": "axis"}, 2),
    "split": (("split_dim", "num_split", "value", "name"), ("value", "num_or_size_splits", "axis", "num", "name"),
              {"split_dim": "axis", "num_split": "num_or_size_splits"}, 3),
    "nn.nce_loss": (_SAMPLED_LOSS_012, _SAMPLED_LOSS_1X, {}, 6),
    "nn.sampled_softmax_loss": (_SAMPLED_LOSS_012, _SAMPLED_LOSS_1X, {}, 6),
}

# The public functions of Keras 2.2.4's backend (keras/backend/tensorflow_backend.py, common.py, __init__.py).
KERAS2_BACKEND = frozenset("""
abs all any arange argmax argmin backend batch_dot batch_flatten batch_get_value batch_normalization batch_set_value
bias_add binary_crossentropy cast cast_to_floatx categorical_crossentropy clear_session clip concatenate constant
conv1d conv2d conv2d_transpose conv3d conv3d_transpose cos count_params ctc_batch_cost ctc_decode
ctc_label_dense_to_sparse cumprod cumsum depthwise_conv2d dot dropout dtype elu epsilon equal eval exp expand_dims eye
flatten floatx foldl foldr function gather get_session get_uid get_value get_variable_shape gradients greater
greater_equal hard_sigmoid identity image_data_format image_dim_ordering in_test_phase in_top_k in_train_phase int_shape
is_keras_tensor is_placeholder is_sparse is_tensor l2_normalize learning_phase less less_equal local_conv1d local_conv2d
log logsumexp manual_variable_initialization map_fn max maximum mean min minimum moving_average_update ndim
normalize_batch_in_training normalize_data_format not_equal one_hot ones ones_like permute_dimensions placeholder
pool2d pool3d pow print_tensor prod random_binomial random_normal random_normal_variable random_uniform
random_uniform_variable relu repeat repeat_elements reset_uids reshape resize_images resize_volumes reverse rnn round
separable_conv1d separable_conv2d set_epsilon set_floatx set_image_data_format set_image_dim_ordering
set_learning_phase set_session set_value shape sigmoid sign sin slice softmax softplus softsign
sparse_categorical_crossentropy spatial_2d_padding spatial_3d_padding sqrt square squeeze stack std stop_gradient sum
switch tanh temporal_padding tile to_dense transpose truncated_normal update update_add update_sub var variable zeros
zeros_like
""".split())

# The tf.contrib modules tfcompat.v1 provides (the ones TensorBoard-era code and LSTM tutorials used).
CONTRIB_PROVIDED = ("framework", "layers", "learn", "rnn", "summary", "tensorboard")
# The names of tf.contrib.rnn that tfcompat.v1.contrib.rnn provides (its __all__); every other one (contrib's own
# cells: LayerNormBasicLSTMCell, LSTMBlockCell, AttentionCellWrapper...) raises RemovedAPIError.
CONTRIB_RNN_PROVIDED = (
    "RNNCell", "LayerRNNCell", "BasicRNNCell", "BasicLSTMCell", "GRUCell", "LSTMCell", "LSTMStateTuple",
    "DropoutWrapper", "MultiRNNCell", "DeviceWrapper", "ResidualWrapper", "EmbeddingWrapper",
    "InputProjectionWrapper", "OutputProjectionWrapper", "static_rnn", "static_state_saving_rnn",
    "static_bidirectional_rnn", "stack_bidirectional_rnn", "stack_bidirectional_dynamic_rnn",
)
# What replaced each tf.contrib module (TF 2.0 removed them all), for the error tfcompat.v1.contrib raises.
CONTRIB_REPLACED_BY = {
    "cudnn_rnn": "keras.layers.LSTM / GRU (cuDNN kernels are chosen automatically)",
    "legacy_seq2seq": "tensorflow_addons.seq2seq (unmaintained) or keras.layers attention layers",
    "seq2seq": "tensorflow_addons.seq2seq (unmaintained) or keras.layers attention layers",
    "slim": "the tf_slim package (pip install tf-slim)",
    "keras": "keras (Keras 3) / tf.keras",
    "eager": "TF 2 eager execution (tf.GradientTape, tf.function)",
    "data": "tf.data (tf.data.experimental for the former contrib extras)",
    "distributions": "tensorflow_probability.distributions",
    "bayesflow": "tensorflow_probability",
    "opt": "keras.optimizers (AdamW, Lion ...) or tensorflow_addons.optimizers",
    "losses": "tf.compat.v1.losses / keras.losses",
    "metrics": "tf.compat.v1.metrics / keras.metrics",
    "estimator": "tf.estimator (removed in TF 2.16: use keras.Model.fit)",
    "tpu": "tf.distribute.TPUStrategy",
    "distribute": "tf.distribute",
    "lite": "tf.lite",
    "quantize": "tensorflow_model_optimization (tfmot.quantization)",
    "image": "tf.image or tensorflow_addons.image",
    "crf": "tensorflow_addons.text.crf",
    "lookup": "tf.lookup",
    "training": "tf.compat.v1.train / tf.data",
    "predictor": "tf.saved_model.load",
    "graph_editor": "no replacement (edit the GraphDef or rebuild the graph)",
    "framework": "tf.compat.v1.train (global step, variables) or tf_slim (arg_scope)",
    "copy_graph": "no replacement",
    "deprecated": "tf.compat.v1.summary (scalar, histogram, image, audio)",
    "gan": "tensorflow_gan",
    "factorization": "no replacement in TF 2",
    "stat_summarizer": "no replacement",
    "timeseries": "no replacement in TF 2 (see tensorflow_probability.sts)",
    "text": "tensorflow_text",
    "signal": "tf.signal",
    "ffmpeg": "tf.audio / tensorflow_io",
    "nccl": "tf.distribute (NCCL all-reduce)",
    "mixed_precision": "keras.mixed_precision",
    "compiler": "tf.function(jit_compile=True)",
    "checkpoint": "tf.train.Checkpoint",
    "util": "tf.make_ndarray / tf.make_tensor_proto",
    "boosted_trees": "tensorflow_decision_forests",
    "tensor_forest": "tensorflow_decision_forests",
    "kfac": "the kfac package",
    "memory_stats": "tf.config.experimental.get_memory_info",
    "receptive_field": "no replacement",
    "model_pruning": "tensorflow_model_optimization (tfmot.sparsity)",
    "learn": "tf.estimator (removed in TF 2.16: use keras.Model.fit)",
    "layers": "keras.layers, or the tf_slim package for the slim-style functions",
    "summary": "tf.summary (TF 2: tf.summary.create_file_writer, tf.summary.scalar(name, data, step))",
    "tensorboard": "the tensorboard package (tensorboard.plugins.projector)",
}


# Keras 1 keyword -> Keras 2 keyword, per layer class of Keras 2.2.4 (keras/legacy/interfaces.py converted these
# with a "Update your `Dense` call to the Keras 2 API" warning). Keywords whose value a plain rename cannot carry:
# `nb_row`/`nb_col`/`kernel_dim1..3` become one `kernel_size`; recurrent and Conv1D `input_dim`/`input_length`
# one `input_shape`; `forget_bias_init='one'` is `unit_forget_bias=True`; SeparableConv2D's `init` sets both
# initializers; Conv2DTranspose's `output_shape` and Embedding's `dropout` were dropped; BatchNormalization's
# `mode` had to be 0. `dim_ordering` values are mapped by KERAS1_DIM_ORDERING.
_W_B = {"init": "kernel_initializer", "W_regularizer": "kernel_regularizer", "b_regularizer": "bias_regularizer",
        "W_constraint": "kernel_constraint", "b_constraint": "bias_constraint", "bias": "use_bias"}
_CONV = {"nb_filter": "filters", "subsample": "strides", "border_mode": "padding", "dim_ordering": "data_format",
         **_W_B}
_RECURRENT = {"output_dim": "units", "init": "kernel_initializer", "inner_init": "recurrent_initializer",
              "inner_activation": "recurrent_activation", "W_regularizer": "kernel_regularizer",
              "b_regularizer": "bias_regularizer", "U_regularizer": "recurrent_regularizer", "dropout_W": "dropout",
              "dropout_U": "recurrent_dropout", "consume_less": "implementation",
              "forget_bias_init": "unit_forget_bias", "input_dim": "input_shape", "input_length": "input_shape"}
_POOL = {"border_mode": "padding", "dim_ordering": "data_format"}
_ORDERING = {"dim_ordering": "data_format"}
KERAS1_LAYER_KEYWORDS = {
    "Dense": {"output_dim": "units", **_W_B},
    "Dropout": {"p": "rate"},
    "SpatialDropout1D": {"p": "rate"},
    "SpatialDropout2D": {"p": "rate", **_ORDERING},
    "SpatialDropout3D": {"p": "rate", **_ORDERING},
    "GaussianNoise": {"sigma": "stddev"},
    "GaussianDropout": {"p": "rate"},
    "PReLU": {"init": "alpha_initializer"},
    "Embedding": {"init": "embeddings_initializer", "W_regularizer": "embeddings_regularizer",
                  "W_constraint": "embeddings_constraint", "dropout": None},
    "Conv1D": {"nb_filter": "filters", "filter_length": "kernel_size", "subsample_length": "strides",
               "border_mode": "padding", **_W_B, "input_dim": "input_shape", "input_length": "input_shape"},
    "Conv2D": {**_CONV, "nb_row": "kernel_size", "nb_col": "kernel_size"},
    "Conv2DTranspose": {**_CONV, "nb_row": "kernel_size", "nb_col": "kernel_size", "output_shape": None},
    "SeparableConv2D": {**{k: v for k, v in _CONV.items() if k not in ("init", "W_regularizer", "W_constraint")},
                        "init": "depthwise_initializer", "nb_row": "kernel_size", "nb_col": "kernel_size"},
    "Conv3D": {**_CONV, "kernel_dim1": "kernel_size", "kernel_dim2": "kernel_size", "kernel_dim3": "kernel_size"},
    "ConvLSTM2D": {**_CONV, "inner_init": "recurrent_initializer", "U_regularizer": "recurrent_regularizer",
                   "inner_activation": "recurrent_activation", "dropout_W": "dropout", "dropout_U": "recurrent_dropout",
                   "forget_bias_init": "unit_forget_bias", "nb_row": "kernel_size", "nb_col": "kernel_size"},
    "SimpleRNN": _RECURRENT,
    "GRU": _RECURRENT,
    "LSTM": _RECURRENT,
    "BatchNormalization": {"beta_init": "beta_initializer", "gamma_init": "gamma_initializer", "mode": None},
    "MaxPooling1D": {"pool_length": "pool_size", "stride": "strides", "border_mode": "padding"},
    "AveragePooling1D": {"pool_length": "pool_size", "stride": "strides", "border_mode": "padding"},
    "MaxPooling2D": _POOL,
    "AveragePooling2D": _POOL,
    "MaxPooling3D": _POOL,
    "AveragePooling3D": _POOL,
    "GlobalMaxPooling2D": _ORDERING,
    "GlobalAveragePooling2D": _ORDERING,
    "GlobalMaxPooling3D": _ORDERING,
    "GlobalAveragePooling3D": _ORDERING,
    "UpSampling1D": {"length": "size"},
    "UpSampling2D": _ORDERING,
    "UpSampling3D": _ORDERING,
    "ZeroPadding2D": _ORDERING,
    "ZeroPadding3D": _ORDERING,
    "Cropping2D": _ORDERING,
    "Cropping3D": _ORDERING,
}
# Keras 1's `dim_ordering` values -> Keras 2's `data_format` (None: the configured default).
KERAS1_DIM_ORDERING = {"tf": "channels_last", "th": "channels_first", "default": None}
# Other spellings of those classes in Keras 2.2 (same class objects).
KERAS2_LAYER_ALIASES = {
    "Convolution1D": "Conv1D", "Convolution2D": "Conv2D", "Convolution3D": "Conv3D",
    "SeparableConvolution2D": "SeparableConv2D", "Convolution2DTranspose": "Conv2DTranspose",
    "Deconvolution2D": "Conv2DTranspose", "Deconv2D": "Conv2DTranspose", "MaxPool1D": "MaxPooling1D",
    "MaxPool2D": "MaxPooling2D", "MaxPool3D": "MaxPooling3D", "AvgPool1D": "AveragePooling1D",
    "AvgPool2D": "AveragePooling2D", "AvgPool3D": "AveragePooling3D", "GlobalMaxPool2D": "GlobalMaxPooling2D",
    "GlobalAvgPool2D": "GlobalAveragePooling2D", "GlobalMaxPool3D": "GlobalMaxPooling3D",
    "GlobalAvgPool3D": "GlobalAveragePooling3D",
}
