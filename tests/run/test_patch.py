"""tfcompat.patch() / unpatch() / patched(): the module rule for modules imported while patched, the names
TF 2 / Keras 3 lack added to the real packages, and everything restored exactly (classes included)."""

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
    from tensorflow.python.data.ops import dataset_ops, iterator_ops
    from tensorflow.python.framework import ops
    from tensorflow.python.framework import tensor as tensor_lib
    from tensorflow.python.ops import resource_variable_ops, variables

    objs = [tf, keras, keras.backend, tf.keras.backend, keras.optimizers, keras.callbacks, keras.Model, keras.Layer,
            keras.optimizers.Optimizer, CallbackList, tf.compat.v1, keras.metrics.Metric, keras.callbacks.TensorBoard,
            keras.callbacks.Callback, keras.optimizers.Adam, ops.SymbolicTensor, tensor_lib.Tensor, tf.Graph,
            resource_variable_ops.ResourceVariable, resource_variable_ops.BaseResourceVariable, variables.Variable,
            dataset_ops.DatasetV2, dataset_ops.DatasetV1, dataset_ops.DatasetV1Adapter, iterator_ops.Iterator]
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





def _tiny_model():
    keras.utils.set_random_seed(0)  # unseeded weights made the checkpoint count depend on test order
    rng = np.random.RandomState(0)
    x = rng.normal(size=(32, 3)).astype("float32")
    y = (x[:, 0] > 0).astype("float32")
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model, x, y



def test_generator_methods_keras3_lacks_are_added(quiet):
    with tfcompat.patched():
        model, x, y = _tiny_model()

        def gen():
            while True:
                yield x[:16], y[:16]

        history = model.fit_generator(gen(), steps_per_epoch=2, epochs=2, verbose=0, workers=4)
        assert len(history.history["loss"]) == 2
        loss, acc = model.evaluate_generator(gen(), steps=2, verbose=0)
        assert 0 <= acc <= 1
        assert model.predict_generator(gen(), steps=2, verbose=0).shape == (32, 1)
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


# -- the module rule: modules imported while patched ------------------------------------------------

LEGACY_MODULE = '''
import tensorflow as tf
import tensorflow.compat.v1 as tf_v1
import keras
from keras import backend as K
import importlib
tf_dynamic = importlib.import_module("tensorflow")

x = tf.placeholder(tf.float32, [None, 2], name="x")
w = tf.Variable(0.5)
y = w * x + 1.0 - x * w          # operators on both sides, Python numbers, outside any graph context
ds = tf.data.Dataset.from_tensor_slices(np.ones((4, 2), "float32")).batch(2)
nxt = tf.data.make_one_shot_iterator(ds).get_next() * 2.0
'''


def _write_module(tmp_path, name, source):
    (tmp_path / f"{name}.py").write_text("import numpy as np\n" + source)
    return name


@pytest.fixture
def importable(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in [n for n, m in list(sys.modules.items()) if str(tmp_path) in str(getattr(m, "__file__", ""))]:
        del sys.modules[name]


def test_a_2018_module_gets_tfcompat_surfaces_and_a_today_module_the_real_ones(quiet, importable):
    from tfcompat import keras as tfkeras
    from tfcompat import v1 as tfv1

    _write_module(importable, "old_graph", LEGACY_MODULE)
    _write_module(importable, "new_code", "import tensorflow as tf\nimport keras\nfrom keras import backend as K\n")
    with tfcompat.patched():
        import new_code
        import old_graph

        with tfv1.Session() as sess:
            sess.run(tfv1.global_variables_initializer())
            out, twice = sess.run([old_graph.y, old_graph.nxt], {old_graph.x: np.full((1, 2), 3.0)})
    assert old_graph.tf is tfv1 and old_graph.tf_v1 is tfv1 and old_graph.tf_dynamic is tfv1
    assert old_graph.keras is tfkeras and old_graph.K is tfkeras.backend
    assert out.tolist() == [[1.0, 1.0]] and twice.tolist() == [[2.0, 2.0], [2.0, 2.0]]
    assert new_code.tf is tf and new_code.keras is keras and new_code.K is keras.backend
    assert vars(new_code)["__builtins__"] is vars(sys.modules["builtins"])


def test_the_override_comment_and_flags_decide_instead_of_the_code(quiet, importable):
    _write_module(importable, "says_modern", "# tfcompat: modern\nimport tensorflow as tf\nX = tf.placeholder\n"
                                             "V = tf.Variable(0.5)\n")
    _write_module(importable, "says_legacy", "import tensorflow as tf  \n# tfcompat: legacy\n")
    _write_module(importable, "flagged", "import tensorflow as tf\n")
    lines = []
    with tfcompat.patched(legacy=["*flag*.py"], explain=lines.append):
        import flagged
        import says_legacy
        import says_modern
    from tfcompat import v1 as tfv1

    assert says_legacy.tf is tfv1 and flagged.tf is tfv1
    # today's tf, whose TF1-only names (placeholder) were added while patched; Variable is TF 2's
    assert says_modern.tf is tf and float(says_modern.V.numpy()) == 0.5
    text = "\n".join(lines)
    assert "says_modern.py: today (line 2: # tfcompat: modern)" in text  # line 1 is _write_module's import
    assert "says_legacy.py: 2018 (line 3: # tfcompat: legacy)" in text
    assert "flagged.py: 2018 (--legacy *flag*.py)" in text


def test_unpatch_after_running_2018_graph_code_restores_modules_and_classes(quiet, importable):
    from tfcompat import v1 as tfv1

    tfcompat.patch()
    tfcompat.unpatch()
    import tensorflow.summary  # noqa: F401  (settle TF's own lazy rebinding first)

    before = _snapshot()
    _write_module(importable, "graph_code", LEGACY_MODULE)
    with tfcompat.patched():
        import graph_code  # noqa: F401

        with tfv1.Session() as sess:
            sess.run(tfv1.global_variables_initializer())
    _assert_same(before, _snapshot())
