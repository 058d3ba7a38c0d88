"""The table behind ``tfcompat check``: which legacy TF1 / Keras 2 names exist, what
TF 2.21 + Keras 3 does with them, and how far tfcompat takes them.

Pure data plus tiny helpers: no TensorFlow import. The name sets were measured on
tensorflow-cpu 2.21.0 / keras 3.15.1 (``dir(tf.compat.v1) - dir(tf)`` and so on)
so the scan never has to load TensorFlow.

Statuses:
    works_with_imports: works once the script imports the tfcompat shim
        (``import tfcompat.v1 as tf``, ``from tfcompat.keras import backend as K``,
        ...) and also under ``tfcompat run``.
    needs_run: works only under ``tfcompat run`` / ``tfcompat.patch()``
        (it needs a change to a Keras or TensorFlow object the script does not name).
    broken: tfcompat cannot make it work; the finding says why.
    differs: runs, but what it produces differs from what TF 1.x / tf.keras 2 produced,
        and tfcompat cannot change it without changing what today's code gets; the
        finding says how it differs.
"""

from tfcompat._names import (
    KERAS3_LOG_KEYS,
    TENSORBOARD_21_ARGS,
    TENSORBOARD_21_ONLY,
    TF012_NN_RENAMED,
    TF012_RENAMED_OPS,
    TF012_SUMMARY_NAMES,
    TF2_SUMMARY_STEP_SLOT,
)

WORKS_WITH_IMPORTS = "works_with_imports"
NEEDS_RUN = "needs_run"
BROKEN = "broken"
DIFFERS = "differs"
STATUSES = (WORKS_WITH_IMPORTS, NEEDS_RUN, BROKEN, DIFFERS)
# A file's verdict: the worst status among its findings, or UNAFFECTED when it has none. `differs` (it runs,
# even unchanged, but writes other logs than TF 1.x / tf.keras 2) is worse than needs_run, better than broken.
UNAFFECTED = "unaffected"
VERDICTS = (UNAFFECTED, WORKS_WITH_IMPORTS, NEEDS_RUN, DIFFERS, BROKEN)

# Finding kinds of TF 2.0-2.15 code (the others mean TF 1.x / Keras 2 code: check._classify.LEGACY_KINDS).
TF2_KINDS = frozenset(["trace_export_outdir", "metric_reset_states", "tf_function_call", "keras3_tensorboard_logs"])
# Reported only in modules that are not 2018 code: there the real Keras 3 class is used.
TODAY_ONLY_KINDS = frozenset(["keras3_tensorboard_logs"])

# Module aliases used by tutorial snippets that omit their imports.
IMPLICIT_ALIASES = {"tf": "tensorflow", "K": "keras.backend", "keras": "keras"}

# Module prefixes that mean "the same thing" under TF 2.21 (tf.keras is Keras 3).
PREFIX_NORMALIZATION = (
    ("tensorflow.python.keras", "keras"),
    ("tensorflow.keras", "keras"),
    ("keras.api", "keras"),
    ("keras.src", "keras"),
)

# Importing these means the code already goes through tfcompat: nothing to report.
TFCOMPAT_PREFIX = "tfcompat"

# Top-level names of tf.compat.v1 that tf (2.21) lacks.
V1_ONLY_TOP = frozenset("""
AUTO_REUSE AttrValue ConditionalAccumulator ConditionalAccumulatorBase ConfigProto Dimension Event FIFOQueue
FixedLenFeature FixedLenSequenceFeature FixedLengthRecordReader GPUOptions GraphDef GraphKeys GraphOptions
HistogramProto IdentityReader InteractiveSession LMDBReader LogMessage MetaGraphDef NameAttrList NoGradient
NodeDef NotDifferentiable OpError OptimizerOptions PaddingFIFOQueue Print PriorityQueue QueueBase
RandomShuffleQueue ReaderBase RunMetadata RunOptions Session SessionLog SparseConditionalAccumulator
SparseFeature SparseTensorValue Summary SummaryMetadata TFRecordReader TensorInfo TextLineReader VERSION
VarLenFeature VariableScope WholeFileReader accumulate_n add_check_numerics_ops add_to_collection
add_to_collections all_variables angle app arg_max arg_min assert_greater_equal assert_integer
assert_less_equal assert_near assert_negative assert_non_negative assert_non_positive assert_none_equal
assert_positive assert_proper_iterable assert_rank_at_least assert_rank_in assert_same_float_dtype
assert_scalar assert_type assert_variables_initialized assign assign_add assign_sub batch_gather
batch_scatter_update batch_to_space_nd betainc bincount ceil check_numerics cholesky cholesky_solve
clip_by_average_norm colocate_with confusion_matrix conj container count_nonzero count_up_to
create_partitioned_variables cross cumprod decode_base64 decode_compressed decode_csv decode_json_example
decode_raw depth_to_space dequantize diag diag_part digamma dimension_value disable_eager_execution
disable_v2_behavior distributions div div_no_nan enable_eager_execution encode_base64 erf erfc expm1
extract_image_patches fft fft2d fft3d flags floor_div floordiv floormod get_collection get_collection_ref
get_default_graph get_default_session get_local_variable get_seed get_variable get_variable_scope gfile
global_norm global_variables global_variables_initializer glorot_normal_initializer
glorot_uniform_initializer ifft ifft2d ifft3d igamma igammac imag initialize_all_tables
initialize_all_variables initialize_local_variables initialize_variables invert_permutation is_finite
is_inf is_nan is_non_decreasing is_numeric_tensor is_strictly_increasing is_variable_initialized layers
lbeta lgamma lin_space local_variables local_variables_initializer log log1p log_sigmoid logging
logical_xor make_template manip matching_files matrix_band_part matrix_determinant matrix_diag
matrix_diag_part matrix_inverse matrix_set_diag matrix_solve matrix_solve_ls matrix_transpose
matrix_triangular_solve mod model_variables moving_average_variables multinomial op_scope
orthogonal_initializer parse_example parse_single_example parse_single_sequence_example parse_tensor
placeholder placeholder_with_default polygamma py_func python_io qr quantize random_crop random_gamma
random_normal random_poisson random_shuffle random_uniform read_file real reciprocal reduce_join
regex_replace report_uninitialized_variables reset_default_graph resource_loader reverse_v2 rint rsqrt
scatter_add scatter_div scatter_max scatter_min scatter_mul scatter_nd_add scatter_nd_sub
scatter_nd_update scatter_sub scatter_update segment_max segment_mean segment_min segment_prod segment_sum
self_adjoint_eig self_adjoint_eigvals serialize_many_sparse serialize_sparse serialize_tensor
set_random_seed setdiff1d space_to_depth sparse_add sparse_concat sparse_fill_empty_rows sparse_mask
sparse_matmul sparse_maximum sparse_merge sparse_minimum sparse_placeholder sparse_reduce_max
sparse_reduce_sum sparse_reorder sparse_reset_shape sparse_reshape sparse_retain sparse_segment_mean
sparse_segment_sqrt_n sparse_segment_sum sparse_slice sparse_softmax sparse_split
sparse_tensor_dense_matmul sparse_tensor_to_dense sparse_to_dense sparse_to_indicator sparse_transpose
spectral squared_difference string_join string_split string_strip string_to_hash_bucket
string_to_hash_bucket_fast string_to_hash_bucket_strong string_to_number substr svd tables_initializer
tensor_scatter_add tensor_scatter_sub tensor_scatter_update to_bfloat16 to_complex128 to_complex64
to_double to_float to_int32 to_int64 trace trainable_variables truncated_normal
truncated_normal_initializer uniform_unit_scaling_initializer unsorted_segment_max unsorted_segment_mean
unsorted_segment_min unsorted_segment_prod unsorted_segment_sqrt_n unsorted_segment_sum user_ops
variable_axis_size_partitioner variable_op_scope variable_scope variables_initializer
variance_scaling_initializer verify_tensor_all_finite where_v2 wrap_function write_file zeta
""".split())

# tf.compat.v1.summary names that tf.summary (2.21) lacks.
V1_ONLY_SUMMARY = frozenset(
    "Event FileWriter FileWriterCache SessionLog Summary SummaryDescription TaggedRunMetadata "
    "get_summary_description merge merge_all tensor_summary".split()
)

# tf.compat.v1.train names that tf.train (2.21) lacks (the ones 2016-2019 code used).
V1_ONLY_TRAIN = frozenset("""
AdadeltaOptimizer AdagradDAOptimizer AdagradOptimizer AdamOptimizer FtrlOptimizer GradientDescentOptimizer
MomentumOptimizer Optimizer ProximalAdagradOptimizer ProximalGradientDescentOptimizer RMSPropOptimizer
SyncReplicasOptimizer Saver Supervisor MonitoredSession MonitoredTrainingSession SingularMonitoredSession
SessionRunHook SummarySaverHook LoggingTensorHook StopAtStepHook CheckpointSaverHook NanTensorHook
QueueRunner Scaffold Server add_queue_runner start_queue_runners batch shuffle_batch string_input_producer
slice_input_producer range_input_producer input_producer exponential_decay piecewise_constant
polynomial_decay inverse_time_decay natural_exp_decay cosine_decay global_step get_global_step
get_or_create_global_step create_global_step import_meta_graph export_meta_graph write_graph
summary_iterator SummaryWriter
""".split())

# tf.compat.v1.<namespace> names that tf.<namespace> (2.21) lacks, for the namespaces 2016-2019
# graph code used (measured like V1_ONLY_TOP). tf.summary / tf.train have their own tables.
V1_ONLY_SUB = {
    "data": frozenset("""
        get_output_classes get_output_shapes get_output_types make_initializable_iterator
        make_one_shot_iterator
    """.split()),
    "debugging": frozenset("""
        is_finite is_inf is_nan is_non_decreasing is_strictly_increasing
    """.split()),
    "graph_util": frozenset("""
        convert_variables_to_constants extract_sub_graph must_run_on_cpu remove_training_nodes
        tensor_shape_from_node_def_name
    """.split()),
    "image": frozenset("""
        extract_image_patches resize_area resize_bicubic resize_bilinear resize_image_with_crop_or_pad
        resize_image_with_pad resize_images resize_nearest_neighbor transpose_image
    """.split()),
    "initializers": frozenset("""
        global_variables local_variables tables_initializer uniform_unit_scaling variables
    """.split()),
    "losses": frozenset("""
        absolute_difference add_loss compute_weighted_loss cosine_distance get_losses
        get_regularization_loss get_regularization_losses get_total_loss hinge_loss huber_loss log_loss
        mean_pairwise_squared_error mean_squared_error sigmoid_cross_entropy softmax_cross_entropy
        sparse_softmax_cross_entropy
    """.split()),
    "metrics": frozenset("""
        accuracy auc average_precision_at_k false_negatives false_negatives_at_thresholds false_positives
        false_positives_at_thresholds mean mean_absolute_error mean_cosine_distance mean_iou
        mean_per_class_accuracy mean_relative_error mean_squared_error mean_tensor percentage_below
        precision precision_at_k precision_at_thresholds precision_at_top_k recall recall_at_k
        recall_at_thresholds recall_at_top_k root_mean_squared_error sensitivity_at_specificity
        sparse_average_precision_at_k sparse_precision_at_k specificity_at_sensitivity true_negatives
        true_negatives_at_thresholds true_positives true_positives_at_thresholds
    """.split()),
    "nn": frozenset("""
        avg_pool_v2 bidirectional_dynamic_rnn conv2d_backprop_filter conv2d_backprop_input
        conv3d_backprop_filter conv3d_backprop_filter_v2 ctc_beam_search_decoder_v2 ctc_loss_v2
        depthwise_conv2d_native depthwise_conv2d_native_backprop_filter
        depthwise_conv2d_native_backprop_input dynamic_rnn fused_batch_norm log_uniform_candidate_sampler
        max_pool_v2 quantized_avg_pool quantized_conv2d quantized_max_pool quantized_relu_x raw_rnn
        relu_layer rnn_cell softmax_cross_entropy_with_logits_v2 static_bidirectional_rnn static_rnn
        static_state_saving_rnn uniform_candidate_sampler xw_plus_b
    """.split()),
    "random": frozenset("""
        get_seed multinomial set_random_seed stateless_multinomial
    """.split()),
    "sets": frozenset("""
        set_difference set_intersection set_size set_union
    """.split()),
    "sparse": frozenset("""
        SparseConditionalAccumulator matmul merge placeholder reduce_max_sparse reduce_sum_sparse
    """.split()),
}

# TF1 keywords of functions TF2 kept under the same name (TypeError in TF2), by function name.
V1_KEYWORDS = {
    "dropout": ("keep_prob",),
    "expand_dims": ("dim",),
    "squeeze": ("squeeze_dims",),
    "softmax": ("dim",),
    "log_softmax": ("dim",),
    "softmax_cross_entropy_with_logits": ("dim",),
    "argmax": ("dimension",),
    "argmin": ("dimension",),
}
for _name in ("reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_all", "reduce_any",
              "reduce_logsumexp", "count_nonzero"):
    V1_KEYWORDS[_name] = ("reduction_indices", "keep_dims")
for _name in ("moments", "norm"):
    V1_KEYWORDS[_name] = ("keep_dims",)

# Keras callbacks whose `monitor` (at this positional slot) names a log key.
MONITORING_CALLBACKS = {"EarlyStopping": 0, "ReduceLROnPlateau": 0, "ModelCheckpoint": 1}

# The TF1 graph API the issue promises through tfcompat.v1 (used when the shim
# does not declare ``__all__`` yet).
PROMISED_V1 = frozenset("""
placeholder placeholder_with_default Session InteractiveSession Variable get_variable variable_scope
global_variables_initializer local_variables_initializer initialize_all_variables variables_initializer
global_variables trainable_variables get_default_graph reset_default_graph random_normal random_uniform
truncated_normal set_random_seed Summary summary train name_scope
scalar_summary histogram_summary image_summary audio_summary merge_summary merge_all_summaries
""".split())
PROMISED_V1_SUMMARY = frozenset(
    "scalar histogram image audio text merge merge_all FileWriter Summary tensor_summary".split()
)
PROMISED_V1_TRAIN = frozenset(
    "GradientDescentOptimizer AdamOptimizer MomentumOptimizer RMSPropOptimizer AdagradOptimizer "
    "Optimizer SummaryWriter get_or_create_global_step get_global_step global_step".split()
)

# tf.compat.v1 names that raise under eager execution (the TF 2.21 default).
COMPAT_V1_GRAPH_ONLY = frozenset(
    "placeholder placeholder_with_default sparse_placeholder summary.FileWriter summary.merge_all "
    "train.Saver".split()
)

# TensorFlow 0.12 names (gone since TF 1.0) -> their TF1 successor.
TF012_NAMES = {**{k: f"tf.{v}" for k, v in TF012_SUMMARY_NAMES.items()},
               **{k: f"tf.{v}" for k, v in TF012_RENAMED_OPS.items()},
               **{f"nn.{k}": f"tf.nn.{v}" for k, v in TF012_NN_RENAMED.items()},
               # `from tensorflow.python.ops import rnn` then `rnn.rnn(...)`: the 2016 tutorials' spelling
               **{f"python.ops.rnn.{k}": f"tf.nn.{v}" for k, v in TF012_NN_RENAMED.items()}}

# Names whose meaning changed between TF1 and TF2 under the same spelling.
SHARED_SUMMARY_OPS = frozenset(TF2_SUMMARY_STEP_SLOT)

# keras.backend of Keras 3.15.
KERAS3_BACKEND = frozenset(
    "backend clear_session epsilon floatx get_uid image_data_format is_float_dtype is_int_dtype "
    "is_keras_tensor result_type set_epsilon set_floatx set_image_data_format standardize_dtype".split()
)
# Keras 2 backend functions the issue promises through tfcompat.keras.backend.
PROMISED_BACKEND = frozenset(
    "get_session set_session eval get_value set_value batch_get_value batch_set_value "
    "learning_phase".split()
)

KERAS_OPTIMIZERS = frozenset(
    "SGD Adam RMSprop Adagrad Adadelta Adamax Nadam Ftrl AdamW Lion".split()
)

# Keras 2.1 TensorBoard(...) positional order; Keras 3 differs from the third slot on.
TB21_POSITIONAL = TENSORBOARD_21_ARGS
TB21_ONLY_KEYWORDS = TENSORBOARD_21_ONLY

LEGACY_LOG_KEYS = frozenset(KERAS3_LOG_KEYS)
LEGACY_MODEL_METHODS = {
    "fit_generator": "Model.fit",
    "evaluate_generator": "Model.evaluate",
    "predict_generator": "Model.predict",
    "train_on_batch": None,  # still exists in Keras 3: not reported
}

# What to tell the user, by finding kind: (what TF 2.21 + Keras 3 does, how tfcompat handles it).
MESSAGES = {
    "v1_removed": (
        "AttributeError: module '{module}' has no attribute '{short}' (TF1 graph API, removed in TF 2.0)",
        "tfcompat.v1 provides it (`import tfcompat.v1 as tf`); `tfcompat run` maps it onto `tensorflow`",
    ),
    "tf012": (
        "AttributeError: '{name}' was removed in {removed} (renamed {successor})",
        "tfcompat.v1 answers it as {successor}{note}",
    ),
    "tf012_order": (
        "tf.{name} takes TF 1.0's argument order, not TF 0.12's ({old}): the call fails or reads its arguments "
        "in other slots",
        "the module is TF 0.12 code ({why}): `import tfcompat.v1.tf012 as tf` reads tf.{name} in 0.12's order, "
        "and `tfcompat run` gives the module that `tf`",
    ),
    "v1_layers": (
        "AttributeError: module 'tensorflow' has no attribute 'layers' (TF1 layers, removed in TF 2.0; "
        "tf.compat.v1.layers needs the tf_keras package, which TF 2.21 does not ship)",
        "tfcompat.v1.layers provides TF1's tf.layers, classes and functions (`import tfcompat.v1 as tf`); "
        "`tfcompat run` maps it onto `tensorflow`",
    ),
    "compat_v1_eager": (
        "RuntimeError: tf.compat.v1.{name} is not compatible with eager execution (it needs "
        "disable_eager_execution(), which breaks Keras 3 fit)",
        "use tfcompat.v1 instead of tf.compat.v1 (`import tfcompat.v1 as tf`): its graph is private and eager "
        "stays on. `tfcompat run` does not re-point tf.compat.v1 (Keras itself uses it)",
    ),
    "contrib": (
        "ModuleNotFoundError/AttributeError: tf.contrib (tf.contrib.{part} with it) was removed in TF 2.0",
        "{how}",
    ),
    "v1_summary_shadowed": (
        "TF2's {name} (name, data, step) runs: with a graph tensor and no step it writes nothing, "
        "returns False and never joins merge_all's collection",
        "tfcompat.v1.summary.{short} builds the TF1 op; under `tfcompat run` the call is dispatched "
        "to TF1 because no step= is given",
    ),
    "eager_switch": (
        "global graph mode: pure TF1 graph code runs, but Keras 3 fit breaks",
        "drop the call: tfcompat.v1 runs TF1 ops in a private graph while eager stays on "
        "(`tfcompat run` makes it a no-op)",
    ),
    "backend_removed": (
        "AttributeError: module 'keras.backend' has no attribute '{name}' (Keras 3 removed it)",
        "tfcompat.keras.backend provides it (`from tfcompat.keras import backend as K`); "
        "`tfcompat run` adds it to keras.backend",
    ),
    "optimizer_lr_kwarg": (
        "ValueError: Argument(s) not recognized: {{'lr': ...}} (Keras 3 only takes learning_rate=)",
        "tfcompat.keras.optimizers.{short} accepts lr= if {short} was a Keras 2 optimizer (SGD, RMSprop, Adagrad, "
        "Adadelta, Adam, Adamax, Nadam); otherwise spell it learning_rate=",
    ),
    "optimizer_decay_kwarg": (
        "UserWarning, then decay= is silently ignored: the learning rate stays constant",
        "tfcompat.keras.optimizers.{short} applies decay as Keras 2 did (lr / (1 + decay * iterations)) if {short} "
        "was a Keras 2 optimizer; otherwise use a LearningRateSchedule",
    ),
    "optimizer_lr_read": (
        "AttributeError: '{cls}' object has no attribute 'lr' (Keras 3 only has learning_rate)",
        "with tfcompat's Keras 2 surface (a 2018 module's keras under `tfcompat run`) every optimizer has `lr`, "
        "bound to learning_rate",
    ),
    "optimizer_lr_write": (
        "assigning .lr silently creates a plain attribute: the real learning rate does not change",
        "with tfcompat's Keras 2 surface (a 2018 module's keras under `tfcompat run`) `optimizer.lr = x` sets "
        "learning_rate",
    ),
    "logs_acc": (
        "KeyError: '{key}': Keras 3 names the metric after its string ('accuracy' -> 'accuracy', 'val_accuracy')",
        "tfcompat.keras.callbacks' callbacks (a 2018 module's keras.callbacks under `tfcompat run`) see Keras 2's "
        "acc/val_acc",
    ),
    "tb21_positional": (
        "Keras 3 TensorBoard(log_dir, histogram_freq, write_graph, write_images, ...): the 2.1 positional "
        "arguments shift ({detail}), silently changing meaning",
        "tfcompat.keras.callbacks.TensorBoard takes the 2.1 signature; under `tfcompat run` "
        "keras.callbacks.TensorBoard dispatches on its arguments",
    ),
    "tb21_keywords": (
        "TypeError: TensorBoard.__init__() got an unexpected keyword argument '{name}'",
        "tfcompat.keras.callbacks.TensorBoard takes the 2.1 signature; under `tfcompat run` "
        "keras.callbacks.TensorBoard dispatches on its arguments",
    ),
    "trace_export_outdir": (
        "profiler_outdir= is ignored by trace_export; with trace_on(profiler=True) and no outdir the "
        "profiler never starts and trace_export raises UnavailableError (no profiler is running)",
        "under `tfcompat run` (or tfcompat.patch()) trace_on starts the profiler and trace_export "
        "writes the profile to profiler_outdir",
    ),
    "fit_nb_epoch": (
        "TypeError: fit() got an unexpected keyword argument 'nb_epoch' (Keras 1 name)",
        "tfcompat.keras.models' Sequential/Model (a 2018 module's keras.models under `tfcompat run`) take "
        "nb_epoch= as epochs=",
    ),
    "keras1_layer_kwarg": (
        "{detail} (Keras 1's API, which Keras 2.2 still converted with a warning)",
        "tfcompat.keras.layers.{cls} (a 2018 module's keras.layers under `tfcompat run`) converts it as Keras 2.2 "
        "did (`{keyword}` -> `{new}`), with Keras 2's \"Update your `{cls}` call\" warning",
    ),
    "model_generator_method": (
        "AttributeError: '{cls}' object has no attribute '{name}' (use {successor}, which takes generators)",
        "tfcompat.keras.models' Sequential/Model (a 2018 module's keras.models under `tfcompat run`) have "
        "Keras 2's {name}",
    ),
    "v1_keyword": (
        "TypeError: {name}() got an unexpected keyword argument '{keyword}' (TF1 keyword, removed in TF 2.0)",
        "tfcompat.v1.{name} is TF1's; under `tfcompat run` a call with graph tensors takes TF1's signature",
    ),
    "dropout_keep_prob": (
        "silently wrong: TF2's tf.nn.dropout(x, rate) reads the 2nd positional argument as the DROP rate, "
        "so keep_prob=0.9 drops 90% (and 1.0 drops everything)",
        "tfcompat.v1.nn.dropout is TF1's; under `tfcompat run` a call with graph tensors takes TF1's keep_prob",
    ),
    "callback_monitor_acc": (
        "Keras 3 logs have no '{key}' (a model compiled with 'accuracy' logs 'accuracy'/'val_accuracy'): "
        "{cls} warns that '{key}' is not available and never acts (ModelCheckpoint raises KeyError formatting "
        "a filepath that names it)",
        "tfcompat.keras.callbacks.{cls} reads Keras 2 keys; under `tfcompat run` keras.callbacks.{cls} "
        "given '{key}' builds it",
    ),
    "checkpoint_h5": (
        "ValueError: ModelCheckpoint's filepath must end in `.keras` (or `.weights.h5` with "
        "save_weights_only=True); Keras 2 wrote HDF5 to any path",
        "tfcompat.keras.callbacks.ModelCheckpoint (a 2018 module's under `tfcompat run`) writes Keras 2's HDF5 "
        "to any path; tfcompat.keras.models.load_model reads it",
    ),
    "np_utils": (
        "ImportError/AttributeError: keras.utils.np_utils was removed (Keras 2.x kept it for Keras 1 code)",
        "tfcompat.keras.utils.np_utils has to_categorical and normalize (a 2018 module's keras.utils.np_utils "
        "under `tfcompat run`)",
    ),
    "keras2_module": (
        "ModuleNotFoundError: No module named '{name}' (a Keras 2 module path; Keras 3 flattened them)",
        "tfcompat.keras has the same path (`from tfcompat.keras.{short} import ...`); under `tfcompat run` "
        "a 2018 module's `keras` is tfcompat.keras",
    ),
    "tb21_subclass": (
        "a subclass of Keras 3's TensorBoard: {detail} does not exist there (Keras 2.1/2.2 API)",
        "tfcompat.keras.callbacks.TensorBoard is the Keras 2.1/2.2 class; under `tfcompat run` a 2018 "
        "module's keras.callbacks.TensorBoard is that class",
    ),
    "optimizer_decay_attr": (
        "AttributeError: '{api}': Keras 3 optimizers have no `decay` (their decay is a LearningRateSchedule)",
        "tfcompat.keras.optimizers (a 2018 module's keras.optimizers under `tfcompat run`) keep Keras 2's `decay`",
    ),
    "tb21_writer": (
        "AttributeError: 'TensorBoard' object has no attribute 'writer' (Keras 2.1/2.2's callback had a FileWriter)",
        "tfcompat.keras.callbacks.TensorBoard (a 2018 module's under `tfcompat run`) has `writer`, a FileWriter "
        "that add_summary works on",
    ),
    "logs_numpy": (
        "AttributeError: 'float' object has no attribute 'item': Keras 3 logs hold Python floats (Keras 2: numpy "
        "scalars)",
        "tfcompat.keras.callbacks' callbacks (a 2018 module's under `tfcompat run`) see numpy scalars, as in Keras 2",
    ),
    "tf_function_call": (
        "ValueError: No gradients provided for any variable. Keras 3 builds the layer by tracing `call` before its "
        "first real call, when the sub-layers' variables do not exist yet and read as their initial values, and the "
        "tf.function keeps that trace: the outputs never read the variables (inference ignores trained or loaded "
        "weights too)",
        "under `tfcompat run` (or tfcompat.patch()) Keras's build traces go to a throwaway copy of the tf.function, "
        "so the layer trains as under tf.keras 2; without tfcompat, drop the decorator (Keras 3 compiles the "
        "training step itself)",
    ),
    "keras3_tensorboard_logs": (
        "Keras 3's TensorBoard writes no graph of the training step (tf.keras 2 wrote one for every model), names "
        "weight histograms '<model>/<layer>/<weight>/histogram' (Keras 3.12: '<weight>/histogram', one tag for "
        "every layer's kernel; tf.keras 2: '<layer>/<weight>_0/histogram'), "
        "and logs the learning rate as 'epoch_learning_rate' every epoch (tf.keras 2: 'epoch_lr', only with a "
        "learning-rate callback); the scalars 'epoch_<metric>' in runs train/validation are unchanged",
        "tfcompat leaves Keras 3's TensorBoard as it is for TF 2 code, under `tfcompat run` too (only a 2018 "
        "module's keras.callbacks.TensorBoard is Keras 2.1's). `tfcompat compare OLD NEW` pairs the scalars "
        "of both as they are; add `--map 'epoch_lr=epoch_learning_rate'` for the rate",
    ),
    "metric_reset_states": (
        "AttributeError: Keras 3 metrics have reset_state(), not reset_states()",
        "under `tfcompat run` (or tfcompat.patch()) Keras 3 metrics get reset_states() calling reset_state()",
    ),
}


def normalize(dotted):
    """Maps tf.keras / tensorflow.python.keras spellings onto the Keras 3 module path."""
    for old, new in PREFIX_NORMALIZATION:
        if dotted == old or dotted.startswith(old + "."):
            return new + dotted[len(old):]
    return dotted


def display(dotted):
    """``tensorflow.summary.scalar`` -> ``tf.summary.scalar`` (how scripts spell it)."""
    if dotted == "tensorflow" or dotted.startswith("tensorflow."):
        return "tf" + dotted[len("tensorflow"):]
    if dotted.startswith("keras.backend."):
        return "K." + dotted[len("keras.backend."):]
    return dotted
