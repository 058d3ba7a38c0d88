"""`tfcompat check`: the static scan of legacy TF1 / Keras 2 calls (never imports TensorFlow)."""

import json
import pathlib
import re
import subprocess
import sys

import pytest

from tests.support import EXAMPLES, SEEDS
from tfcompat._errors import InvalidArgumentError
from tfcompat.check import _rules as R
from tfcompat.check import classify_source, scan_paths, scan_source
from tfcompat.check._classify import LEGACY_KINDS
from tfcompat.cli._main import main as cli_main


def found(source):
    findings, _ = scan_source(source, "t.py")
    return [(f.line, f.api, f.status) for f in findings]


def apis(source):
    return [api for _, api, _ in found(source)]


# -- aliases ------------------------------------------------------------------

@pytest.mark.parametrize("imports, call", [
    ("import tensorflow as tf", "tf.placeholder(tf.float32)"),
    ("import tensorflow", "tensorflow.placeholder(tensorflow.float32)"),
    ("import tensorflow as T", "T.placeholder(T.float32)"),
    ("from tensorflow import placeholder", "placeholder(None)"),
])
def test_tensorflow_aliases_resolve(imports, call):
    assert "tf.placeholder" in apis(f"{imports}\nx = {call}\n")


@pytest.mark.parametrize("imports", [
    "from keras import backend as K",
    "import keras.backend as K",
    "from tensorflow.keras import backend as K",
    "import tensorflow.keras.backend as K",
    "from tensorflow.python.keras import backend as K",
])
def test_keras_backend_aliases_resolve(imports):
    assert found(f"{imports}\nsess = K.get_session()\n") == [(2, "K.get_session", "works_with_imports")]


def test_keras3_backend_names_are_not_reported():
    assert found("from keras import backend as K\nK.clear_session()\nK.floatx()\n") == []


def test_a_local_name_shadowing_an_alias_is_not_resolved():
    # `tf` bound by assignment, not import: not TensorFlow.
    assert found("tf = object()\ntf.placeholder()\n") == []


def test_snippet_without_imports_uses_the_conventional_aliases():
    got = found("self.session = K.get_session()\nph = tf.placeholder(shape=(), dtype=tf.float32)\n")
    assert got == [(1, "K.get_session", "works_with_imports"), (2, "tf.placeholder", "works_with_imports")]


def test_tfcompat_shims_are_not_legacy():
    src = "import tfcompat.v1 as tf\nfrom tfcompat.keras import backend as K\ntf.placeholder()\nK.get_session()\n"
    assert found(src) == []


# -- tf.summary: TF1 or TF2 meaning -------------------------------------------

@pytest.mark.parametrize("call, legacy", [
    ("tf.summary.scalar('lr', ph)", True),
    ("tf.summary.scalar('lr', ph, ['my_collection'])", True),
    ("tf.summary.scalar('lr', ph, family='train')", True),
    ("tf.summary.histogram('w', w)", True),
    ("tf.summary.scalar('lr', data=lr, step=epoch)", False),
    ("tf.summary.scalar('lr', lr, epoch)", False),
    ("tf.summary.audio('a', x, 8000, step=1)", False),
    ("tf.summary.image('i', x, 3)", False),
])
def test_summary_ops_are_tf1_without_a_step(call, legacy):
    got = found(f"import tensorflow as tf\n{call}\n")
    assert bool(got) is legacy
    if legacy:
        assert got[0][2] == "works_with_imports"


def test_image_max_outputs_in_tf1_graph_code():
    # tf.summary.image('input', x, 10): TF1's max_outputs sits where TF2's step does.
    src = "import tensorflow as tf\nx = tf.placeholder(tf.float32)\ntf.summary.image('input', x, 10)\n"
    assert found(src) == [(2, "tf.placeholder", "works_with_imports"), (3, "tf.summary.image", "works_with_imports")]


def test_summary_without_step_is_tf2_when_the_file_sets_a_default_step():
    src = "import tensorflow as tf\ntf.summary.experimental.set_step(3)\ntf.summary.scalar('x', 1.0)\n"
    assert found(src) == []


def test_removed_summary_names():
    got = found("import tensorflow as tf\nm = tf.summary.merge_all()\nw = tf.summary.FileWriter('d')\n"
                "s = tf.Summary(value=[tf.Summary.Value(tag='a', simple_value=1.0)])\n")
    assert [a for _, a, _ in got] == ["tf.summary.merge_all", "tf.summary.FileWriter", "tf.Summary", "tf.Summary"]
    f = scan_source("import tensorflow as tf\ntf.summary.FileWriter('d')\n")[0][0]
    assert "module 'tensorflow.summary' has no attribute 'FileWriter'" in f.tf221


def test_tf012_names_work_with_tfcompat_v1():
    got = found("import tensorflow as tf\ntf.scalar_summary('loss', l)\nw = tf.train.SummaryWriter('d')\n"
                "tf.merge_all_summaries()\nd = tf.sub(tf.mul(a, 2.0), b)\n")
    assert got == [(2, "tf.scalar_summary", "works_with_imports"), (3, "tf.train.SummaryWriter", "works_with_imports"),
                   (4, "tf.merge_all_summaries", "works_with_imports"), (5, "tf.sub", "works_with_imports"),
                   (5, "tf.mul", "works_with_imports")]


def test_trace_export_profiler_outdir():
    src = ("import tensorflow as tf\ntf.summary.trace_export(name='t', step=0, profiler_outdir=logdir)\n"
           "tf.summary.trace_export('t', 0, logdir)\ntf.summary.trace_export(name='t', step=0, profiler_outdir=None)\n"
           "tf.summary.trace_export(name='t', step=0)\n")
    assert found(src) == [(2, "tf.summary.trace_export(profiler_outdir=)", "needs_run"),
                          (3, "tf.summary.trace_export(profiler_outdir=)", "needs_run")]


def test_contrib_parts_tfcompat_lacks_are_broken_and_name_their_replacement(tmp_path):
    script = tmp_path / "old.py"
    script.write_text("import tensorflow as tf\nslim = tf.contrib.slim\nfrom tensorflow.contrib import seq2seq\n")
    assert found(script.read_text()) == [(2, "tf.contrib.slim", "broken"), (3, "tf.contrib.seq2seq", "broken")]
    findings, _ = scan_source(script.read_text())
    assert "tf_slim" in findings[0].how and "tensorflow_addons.seq2seq" in findings[1].how
    assert cli_main(["check", str(script)]) == 1


def test_contrib_parts_tfcompat_v1_provides_work_with_its_imports():
    got = found("import tensorflow as tf\nfrom tensorflow.contrib import layers\n"
                "from tensorflow.contrib.tensorboard.plugins import projector\n"
                "h = tf.contrib.layers.fully_connected(x, 3)\nw = tf.contrib.summary.create_file_writer('d')\n"
                "m = tf.contrib.learn.datasets.mnist.read_data_sets('d')\n"
                "from tensorflow.contrib import rnn\ncell = tf.contrib.rnn.BasicLSTMCell(4)\n")
    assert got == [(2, "tf.contrib.layers", "works_with_imports"), (3, "tf.contrib.tensorboard", "works_with_imports"),
                   (4, "tf.contrib.layers", "works_with_imports"), (5, "tf.contrib.summary", "works_with_imports"),
                   (6, "tf.contrib.learn", "works_with_imports"), (7, "tf.contrib.rnn", "works_with_imports"),
                   (8, "tf.contrib.rnn", "works_with_imports")]


def test_tf1_layers_work_with_tfcompat_v1():
    got = found("import tensorflow as tf\ny = tf.layers.dense(x, 1)\nz = tf.compat.v1.layers.conv2d(x, 3, 3)\n")
    assert got == [(2, "tf.layers", "works_with_imports"), (3, "tf.compat.v1.layers", "works_with_imports")]


def test_compat_v1_graph_api_needs_graph_mode():
    src = "import tensorflow.compat.v1 as tf\nx = tf.placeholder(tf.float32)\nw = tf.summary.FileWriter('d')\n"
    assert found(src) == [(2, "tf.compat.v1.placeholder", "works_with_imports"),
                          (3, "tf.compat.v1.summary.FileWriter", "works_with_imports")]
    # With the graph-mode switch the script runs as TF1 did (only the switch is reported).
    assert found("import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\nx = tf.placeholder(tf.float32)\n") \
        == [(2, "tf.compat.v1.disable_v2_behavior", "works_with_imports")]


def test_graph_mode_switch_is_reported():
    got = found("import tensorflow as tf\ntf.compat.v1.disable_eager_execution()\n")
    assert got == [(2, "tf.compat.v1.disable_eager_execution", "works_with_imports")]


# -- Keras 2 -------------------------------------------------------------------

def test_optimizer_lr_and_decay_keywords():
    src = ("from keras.optimizers import Adam, SGD\nimport keras\n"
           "a = Adam(lr=0.01)\nb = SGD(lr=0.1, decay=1e-6)\nc = keras.optimizers.RMSprop(learning_rate=0.1)\n"
           "d = Adam(0.001)\n")
    assert found(src) == [(3, "keras.optimizers.Adam(lr=)", "works_with_imports"),
                          (4, "keras.optimizers.SGD(lr=)", "works_with_imports"),
                          (4, "keras.optimizers.SGD(decay=)", "works_with_imports")]
    decay = [f for f in scan_source(src)[0] if f.kind == "optimizer_decay_kwarg"][0]
    assert "silently ignored" in decay.tf221


def test_tf_keras_optimizers_are_keras():
    assert apis("import tensorflow as tf\nopt = tf.keras.optimizers.Adam(lr=0.1)\n") == ["keras.optimizers.Adam(lr=)"]


@pytest.mark.parametrize("expr", ["model.optimizer.lr", "self.model.optimizer.lr", "opt.lr", "optimizer.lr"])
def test_lr_attribute_reads(expr):
    got = found(f"from keras.optimizers import Adam\nx = K.eval({expr})\n")
    assert (2, ".lr", "works_with_imports") in got


def test_lr_attribute_write_and_optimizer_variables():
    src = "from keras.optimizers import Adam\nmy_adam = Adam()\nmy_adam.lr = 0.5\nparser.lr = 3\n"
    findings = scan_source(src)[0]
    assert [(f.line, f.kind) for f in findings] == [(3, "optimizer_lr_write")]
    assert "silently" in findings[0].tf221


def test_legacy_log_keys():
    src = "def cb(epoch, logs):\n    a = logs['acc']\n    b = logs.get('val_acc')\n    c = logs['accuracy']\n"
    assert found(src) == [(2, "logs['acc']", "works_with_imports"), (3, "logs.get('val_acc')", "works_with_imports")]


def test_tensorboard_21_keywords_and_positional():
    src = ("from keras.callbacks import TensorBoard\nimport keras\n"
           "a = TensorBoard(log_dir, 0, 32, True, False, False)\n"
           "b = keras.callbacks.TensorBoard(log_dir='./logs', histogram_freq=0, batch_size=32, write_grads=False)\n"
           "c = keras.callbacks.TensorBoard(log_dir='./logs', histogram_freq=1)\n"
           "d = TensorBoard('./logs', 1)\n")
    findings = scan_source(src)[0]
    assert [(f.line, f.kind) for f in findings] == [(3, "tb21_positional"), (4, "tb21_keywords")]
    assert "batch_size -> write_graph" in findings[0].tf221
    assert "batch_size" in findings[1].api and "write_grads" in findings[1].api


def test_model_methods_of_keras_1_and_2():
    src = "model.fit(x, y, nb_epoch=3)\nmodel.fit_generator(gen, 10)\nmodel.predict_generator(gen, 2)\nmodel.fit(x, y)\n"
    assert found(src) == [(1, "Model.fit(nb_epoch=)", "works_with_imports"), (2, "Model.fit_generator", "works_with_imports"),
                          (3, "Model.predict_generator", "works_with_imports")]


# -- files, notebooks, CLI --------------------------------------------------------

def test_notebook_code_cells_with_magics(tmp_path):
    nb = {"cells": [
        {"cell_type": "markdown", "source": ["tf.placeholder in prose is not code"]},
        {"cell_type": "code", "source": ["%load_ext tensorboard\n", "import tensorflow as tf\n", "!ls\n",
                                         "x = tf.placeholder(tf.float32)\n"]},
        {"cell_type": "code", "source": "from keras import backend as K\nK.get_session()"},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
    path = tmp_path / "demo.ipynb"
    path.write_text(json.dumps(nb))
    report = scan_paths([str(path)])
    got = [(f.cell, f.line, f.api) for f in report["findings"]]
    assert got == [(0, 4, "tf.placeholder"), (1, 2, "K.get_session")]
    assert report["findings"][0].location() == f"{path}:cell0:4"


def test_lines_that_are_not_python_are_skipped_and_noted(tmp_path):
    path = tmp_path / "snippet.py"
    path.write_text("tensorboard --logdir E:\\logs\nimport tensorflow as tf\nw = tf.summary.FileWriter('x')\n")
    report = scan_paths([str(path)])
    assert [f.api for f in report["findings"]] == ["tf.summary.FileWriter"]
    assert report["skipped"] == {str(path): [1]}


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(InvalidArgumentError, match=r"`PATH` does not exist. Received: PATH="):
        scan_paths([str(tmp_path / "nope.py")])
    assert cli_main(["check", str(tmp_path / "nope.py")]) == 2


def test_tf2_kinds_and_legacy_kinds_split_every_kind():
    """A kind means TF 1.x / Keras 2 code (it makes a module 2018) or TF 2.0-2.15 code, never both."""
    assert not (LEGACY_KINDS & R.TF2_KINDS)
    assert set(R.MESSAGES) <= LEGACY_KINDS | R.TF2_KINDS


def test_tf_function_on_a_keras_call_needs_run_and_stays_today():
    src = ("import tensorflow as tf\nfrom tensorflow.keras import Model\n"
           "class MyModel(Model):\n    @tf.function\n    def call(self, x):\n        return x\n"
           "class Mod(tf.Module):\n    @tf.function\n    def call(self, x):\n        return x\n"
           "class Plain(Model):\n    def call(self, x):\n        return x\n"
           "m = MyModel()\nm.call = tf.function(m.call)\nf = tf.function(g)\n")
    findings = scan_source(src)[0]
    assert [(f.line, f.api, f.kind, f.status) for f in findings] == [
        (4, "@tf.function def call", "tf_function_call", "needs_run"),
        (15, "model.call = tf.function(model.call)", "tf_function_call", "needs_run"),
    ]
    assert "No gradients provided for any variable" in findings[0].tf221
    assert classify_source(src).era == "today"


def test_keras3_tensorboard_differs_in_tf2_code_only():
    tf2 = "import tensorflow as tf\ncb = tf.keras.callbacks.TensorBoard(log_dir='logs', histogram_freq=1)\n"
    (finding,) = scan_source(tf2)[0]
    assert (finding.api, finding.kind, finding.status) == ("tf.keras.callbacks.TensorBoard",
                                                           "keras3_tensorboard_logs", "differs")
    imported = "from tensorflow.keras.callbacks import TensorBoard\ncb = TensorBoard('logs')\n"
    assert [f.kind for f in scan_source(imported)[0]] == ["keras3_tensorboard_logs"]
    # `import keras` may be Keras 3 code: nothing to compare with tf.keras 2.
    assert scan_source("import keras\ncb = keras.callbacks.TensorBoard('logs')\n")[0] == []
    assert "'<layer>/<weight>_0/histogram'" in finding.tf221 and "no graph" in finding.tf221
    # In a 2018 module keras.callbacks.TensorBoard is Keras 2.1's: nothing to say about Keras 3's.
    legacy = tf2 + "from keras import backend as K\nsess = K.get_session()\n"
    assert [f.kind for f in scan_source(legacy)[0]] == ["backend_removed"]


def test_cli_json_and_text(tmp_path, capsys):
    path = tmp_path / "a.py"
    path.write_text("import tensorflow as tf\nx = tf.placeholder(tf.float32)\nlogs['acc']\n")
    assert cli_main(["check", "--json", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"] == {"works_with_imports": 2, "needs_run": 0, "broken": 0, "differs": 0, "files": {
        "unaffected": 0, "works_with_imports": 1, "needs_run": 0, "differs": 0, "broken": 0}}
    assert out["findings"][0]["file"] == str(path) and out["findings"][0]["line"] == 2
    (entry,) = out["files"]
    assert (entry["era"], entry["line"], entry["reason"], entry["verdict"]) == (
        "2018", 2, "tf.placeholder", "works_with_imports")
    assert set(out["findings"][0]) >= {"file", "line", "call", "api", "tf221", "status", "how"}
    assert cli_main(["check", str(path)]) == 0
    text = capsys.readouterr().out
    assert f"{path}: 2018 (line 2: tf.placeholder): works_with_imports (" in text
    assert f"  {path}:2: tf.placeholder  [works_with_imports]" in text
    assert "1 file(s), 2 legacy call(s): 2 work with tfcompat imports, 0 only under `tfcompat run`, 0 cannot work" in text


@pytest.mark.slow
def test_check_never_imports_tensorflow():
    code = ("import contextlib, io, sys; from tfcompat.cli._main import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): rc = main(['check', {str(EXAMPLES)!r}])\n"
            "print(rc, 'tensorflow' in sys.modules, 'keras' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["0", "False", "False"], out.stderr


# -- the legacy examples ----------------------------------------------------------

EXPECTED_EXAMPLES = {
    "keras_2018_unmodified.py": {
        ("K.get_session", "works_with_imports"), ("tf.placeholder", "works_with_imports"),
        ("tf.summary.scalar", "works_with_imports"), ("tf.summary.merge_all", "works_with_imports"),
        ("tf.summary.FileWriter", "works_with_imports"), ("K.eval", "works_with_imports"),
        (".lr", "works_with_imports"), ("logs['acc']", "works_with_imports"), ("logs['val_acc']", "works_with_imports"),
        ("keras.optimizers.Adam(lr=)", "works_with_imports"),
    },
    "tf012_summaries.py": {
        ("tf.placeholder", "works_with_imports"), ("tf.random_normal", "works_with_imports"),
        ("tf.train.GradientDescentOptimizer", "works_with_imports"), ("tf.scalar_summary", "works_with_imports"),
        ("tf.histogram_summary", "works_with_imports"), ("tf.image_summary", "works_with_imports"),
        ("tf.audio_summary", "works_with_imports"), ("tf.merge_all_summaries", "works_with_imports"),
        ("tf.merge_summary", "works_with_imports"), ("tf.Session", "works_with_imports"),
        ("tf.initialize_all_variables", "works_with_imports"), ("tf.train.SummaryWriter", "works_with_imports"),
        ("tf.sub", "works_with_imports"), ("tf.mul", "works_with_imports"),
    },
    "keras_callback_summary_protos.py": {
        ("tf.summary.FileWriter", "works_with_imports"), ("K.set_value", "works_with_imports"),
        ("K.get_value", "works_with_imports"), (".lr", "works_with_imports"), ("tf.Summary", "works_with_imports"),
        ("keras.optimizers.SGD(lr=)", "works_with_imports"), ("Model.fit(nb_epoch=)", "works_with_imports"),
    },
    "keras_tb21_callback.py": {
        ("keras.callbacks.TensorBoard(positional 2.1 arguments)", "works_with_imports"),
        ("Model.fit_generator", "works_with_imports"), ("Model.evaluate_generator", "works_with_imports"),
    },
    "tf1_graph_unmodified.py": {
        ("tf.truncated_normal", "works_with_imports"), ("tf.summary.histogram", "works_with_imports"),
        ("tf.placeholder", "works_with_imports"), ("tf.summary.scalar", "works_with_imports"),
        ("tf.train.AdamOptimizer", "works_with_imports"), ("tf.summary.merge_all", "works_with_imports"),
        ("tf.Session", "works_with_imports"), ("tf.summary.FileWriter", "works_with_imports"),
        ("tf.global_variables_initializer", "works_with_imports"),
    },
    "tf2_unaffected.py": {("tf.summary.trace_export(profiler_outdir=)", "needs_run")},
    "keras2_callbacks_2017.py": {
        ("keras.utils.np_utils", "works_with_imports"), ("keras.optimizers.SGD(lr=)", "works_with_imports"),
        ("keras.optimizers.SGD(decay=)", "works_with_imports"),
        ("keras.callbacks.ModelCheckpoint('val_acc')", "works_with_imports"),
        ("keras.callbacks.EarlyStopping('val_acc')", "works_with_imports"),
        ("keras.callbacks.ReduceLROnPlateau('val_acc')", "works_with_imports"),
        ("Model.fit(nb_epoch=)", "works_with_imports"), ("K.get_value", "works_with_imports"), (".lr", "works_with_imports"),
    },
    "tf1_mnist_summaries_style.py": {
        ("tf.InteractiveSession", "works_with_imports"), ("tf.placeholder", "works_with_imports"),
        ("tf.summary.image", "works_with_imports"), ("tf.summary.scalar", "works_with_imports"),
        ("tf.summary.histogram", "works_with_imports"), ("tf.truncated_normal", "works_with_imports"),
        ("tf.nn.dropout(x, keep_prob)", "works_with_imports"),
        ("tf.losses.sparse_softmax_cross_entropy", "works_with_imports"),
        ("tf.train.AdamOptimizer", "works_with_imports"), ("tf.reduce_sum(reduction_indices=)", "works_with_imports"),
        ("tf.summary.merge_all", "works_with_imports"), ("tf.summary.FileWriter", "works_with_imports"),
        ("tf.global_variables_initializer", "works_with_imports"), ("tf.RunOptions", "works_with_imports"),
        ("tf.RunMetadata", "works_with_imports"), ("tf.gfile", "works_with_imports"), ("tf.app", "works_with_imports"),
    },
    # Already converted to tfcompat imports: only what those imports cover.
    "tf1_graph_2017.py": set(),
}


def test_legacy_examples_are_listed_correctly():
    report = scan_paths([str(EXAMPLES)])
    by_file = {}
    for f in report["findings"]:
        by_file.setdefault(pathlib.Path(f.file).name, set()).add((f.api, f.status))
    for name, expected in EXPECTED_EXAMPLES.items():
        if not (EXAMPLES / name).exists():
            continue
        assert by_file.get(name, set()) == expected, name
    assert report["summary"]["broken"] == 0
    assert cli_main(["check", str(EXAMPLES)]) == 0


def test_example_line_numbers_point_at_the_calls():
    findings = scan_paths([str(EXAMPLES / "keras_2018_unmodified.py")])["findings"]
    lines = (EXAMPLES / "keras_2018_unmodified.py").read_text().splitlines()
    for f in findings:
        token = {"K.get_session": "K.get_session", ".lr": ".lr", "logs['acc']": 'logs["acc"]'}.get(f.api)
        if token:
            assert token in lines[f.line - 1], (f, lines[f.line - 1])


# -- the 2018-2021 tutorials (../shared/seeds) ---------------------------------

def _seed_blocks(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found at {SEEDS}")
    paths = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        blocks = re.findall(r"```python\n(.*?)```", seed.read_text(encoding="utf-8"), flags=re.S)
        for i, block in enumerate(blocks):
            path = tmp_path / f"{seed.name[:3]}_{i:02d}.py"
            path.write_text(block, encoding="utf-8")
            paths.setdefault(seed.name[:3], []).append(path)
    return paths


def test_seed_tutorials(tmp_path):
    blocks = _seed_blocks(tmp_path)
    report = scan_paths([str(tmp_path)])
    by_seed = {}
    for f in report["findings"]:
        by_seed.setdefault(pathlib.Path(f.file).name[:3], []).append((f.api, f.status))
    if "003" in blocks:  # the 2018 TensorboardKeras post: everything tf_upgrade_v2 misses
        got = set(by_seed["003"])
        assert {("K.get_session", "works_with_imports"), ("tf.placeholder", "works_with_imports"),
                ("tf.summary.scalar", "works_with_imports"), ("tf.summary.merge_all", "works_with_imports"),
                ("tf.summary.FileWriter", "works_with_imports"), ("K.eval", "works_with_imports"),
                (".lr", "works_with_imports"), ("logs['acc']", "works_with_imports"),
                ("logs['val_acc']", "works_with_imports"),
                ("keras.callbacks.TensorBoard(batch_size=, embeddings_layer_names=, write_grads=)",
                 "works_with_imports")} == got
        assert by_seed["003"].count(("tf.summary.scalar", "works_with_imports")) == 6
    # TF2 tutorials: tf.summary.scalar with step= is fine; Keras 3's TensorBoard logs differ from tf.keras 2's.
    tensorboard = ("tf.keras.callbacks.TensorBoard", "differs")
    if "000" in blocks:
        assert by_seed.get("000", []) == [tensorboard]
    if "002" in blocks:  # Keras 3 metrics lost reset_states(); @tf.function call; profiler_outdir=None is harmless
        got = by_seed["002"]
        assert set(got) == {("Metric.reset_states", "needs_run"), ("@tf.function def call", "needs_run"), tensorboard}
        assert (got.count(("Metric.reset_states", "needs_run")), got.count(("@tf.function def call", "needs_run")),
                got.count(tensorboard)) == (4, 2, 2)
    if "004" in blocks:  # each block is scanned alone: `TensorBoard(...)` is imported in another block
        assert by_seed.get("004", []) == []


# -- found by running real 2016-2019 scripts (mnist_with_summaries, Keras 2 examples) ----------

def test_tf1_only_names_of_shared_namespaces():
    src = ("import tensorflow as tf\nloss = tf.losses.sparse_softmax_cross_entropy(labels=y, logits=z)\n"
           "out, state = tf.nn.dynamic_rnn(cell, x)\nacc, op = tf.metrics.accuracy(y, p)\n"
           "r = tf.image.resize_images(i, [8, 8])\nok = tf.nn.relu(x)\nmse = tf.losses.MeanSquaredError()\n")
    assert found(src) == [(2, "tf.losses.sparse_softmax_cross_entropy", "works_with_imports"),
                          (3, "tf.nn.dynamic_rnn", "works_with_imports"),
                          (4, "tf.metrics.accuracy", "works_with_imports"),
                          (5, "tf.image.resize_images", "works_with_imports")]


def test_tf1_keywords_and_dropout_keep_prob():
    src = ("import tensorflow as tf\ns = tf.reduce_sum(x, reduction_indices=[1])\n"
           "d = tf.nn.dropout(h, keep_prob)\ne = tf.nn.dropout(h, keep_prob=0.5)\nf = tf.nn.dropout(h, rate=0.5)\n"
           "g = tf.reduce_mean(x, axis=1)\nh = tf.compat.v1.reduce_sum(x, reduction_indices=[1])\n")
    findings = scan_source(src)[0]
    assert [(f.line, f.api, f.status) for f in findings] == [
        (2, "tf.reduce_sum(reduction_indices=)", "works_with_imports"),
        (3, "tf.nn.dropout(x, keep_prob)", "works_with_imports"),
        (4, "tf.nn.dropout(keep_prob=)", "works_with_imports"),
    ]
    assert "silently wrong" in findings[1].tf221 and "DROP rate" in findings[1].tf221


def test_keras_callbacks_monitoring_keras2_keys_and_hdf5_checkpoints():
    src = ("from keras.callbacks import ModelCheckpoint, EarlyStopping, ReduceLROnPlateau\n"
           "a = ModelCheckpoint(out + '/weights.{epoch:02d}-{val_acc:.2f}.hdf5', monitor='val_acc')\n"
           "b = EarlyStopping(monitor='val_acc', patience=2)\nc = ReduceLROnPlateau('acc')\n"
           "d = EarlyStopping(monitor='val_loss')\ne = ModelCheckpoint('best.keras', 'val_accuracy')\n"
           "f = ModelCheckpoint('w.weights.h5', save_weights_only=True)\ng = ModelCheckpoint('m.h5')\n")
    got = found(src)
    assert got == [(2, "keras.callbacks.ModelCheckpoint('val_acc')", "works_with_imports"),
                   (2, "keras.callbacks.ModelCheckpoint(filepath='....hdf5')", "works_with_imports"),
                   (3, "keras.callbacks.EarlyStopping('val_acc')", "works_with_imports"),
                   (4, "keras.callbacks.ReduceLROnPlateau('acc')", "works_with_imports"),
                   (8, "keras.callbacks.ModelCheckpoint(filepath='....h5')", "works_with_imports")]


def test_keras_np_utils_works_with_tfcompat_imports():
    src = "from keras.utils import np_utils\nimport keras.utils.np_utils\ny = np_utils.to_categorical(t, 10)\n"
    assert found(src) == [(1, "keras.utils.np_utils", "works_with_imports"), (2, "keras.utils.np_utils", "works_with_imports"),
                          (3, "keras.utils.np_utils", "works_with_imports")]


def test_a_notebook_whose_cells_are_not_a_list_is_a_clear_error(tmp_path, capsys):
    nb = tmp_path / "bad.ipynb"
    nb.write_text('{"cells": 5}')
    with pytest.raises(InvalidArgumentError, match=r"\"cells\" must be a list, not int. Received: PATH='.*bad.ipynb'"):
        scan_paths([nb])
    assert cli_main(["check", str(nb)]) == 2
    err = capsys.readouterr().err
    assert "is not a notebook" in err and "internal error" not in err
    nb.write_text('{"cells": [{"cell_type": "code", "source": [1, 2]}]}')
    with pytest.raises(InvalidArgumentError, match=r"code cell 0 has a \"source\" that is not text"):
        scan_paths([nb])


@pytest.mark.slow
def test_check_is_linear_in_the_file_size(tmp_path):
    # 5,000 lines with 10,000 findings: > 200 s when every finding re-split the whole source
    lines = ["import tensorflow as tf"] + [
        f"x{i} = tf.placeholder(tf.float32, shape=[None, {i}]); s{i} = tf.summary.scalar('a{i}', x{i})"
        for i in range(5000)]
    path = tmp_path / "big.py"
    path.write_text("\n".join(lines))
    r = subprocess.run([sys.executable, "-m", "tfcompat", "check", str(path)], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.rstrip().endswith("1 file(s), 10000 legacy call(s): 10000 work with tfcompat imports, "
                                      "0 only under `tfcompat run`, 0 cannot work")


def test_keras1_layer_arguments_work_with_tfcompat_imports():
    src = ("from keras.layers import Dense, Convolution2D\nfrom keras.layers.core import Dropout\nimport tensorflow as tf\n"
           "a = Dense(12, input_dim=8, init='uniform')\n"
           "b = Convolution2D(32, 3, 3, border_mode='same')\n"
           "c = Dropout(p=0.5)\n"
           "d = tf.keras.layers.LSTM(4, inner_init='orthogonal')\n"
           "e = Dense(12, input_dim=8, kernel_initializer='uniform')\n"  # Keras 2 arguments: nothing to report
           "f = Convolution2D(32, (3, 3), padding='same')\n")
    got = [item for item in found(src) if item[1].startswith("keras.layers.") and "(" in item[1]]
    assert got == [(4, "keras.layers.Dense(init=)", "works_with_imports"),
                   (5, "keras.layers.Convolution2D(nb_row=, border_mode=)", "works_with_imports"),
                   (6, "keras.layers.Dropout(p=)", "works_with_imports"),
                   (7, "keras.layers.LSTM(inner_init=)", "works_with_imports")]
    findings, _ = scan_source(src, "t.py")
    conv = next(f for f in findings if f.line == 5)
    assert "Keras 3 reads Convolution2D(filters, k, k) as (filters, kernel_size, strides)" in conv.tf221
    assert classify_source("from keras.layers import Dense\nDense(4, init='zero')\n", "t.py").era == "2018"
