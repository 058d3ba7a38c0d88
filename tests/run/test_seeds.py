"""Every seed tutorial (../shared/seeds) runs under `tfcompat run`; its logs are read back with EventAccumulator.

Each seed is a blog post or notes of 2018-2023 with its code in fenced ``python``
blocks or indented blocks. The harness runs a seed the way its reader would
have, as notebook cells in order, in one script:

* the Python blocks, in document order, with IPython lines (``%magic``, ``!cmd``)
  dropped; a block that does not parse is not Python (a shell command, printed
  output), and a block that is one bare ``tf.``/``keras.`` call with parameter
  names and default values as arguments is the notes quoting an API signature
  (``tf.summary.image(name, data, step=None, max_outputs=3)``): both are skipped;
* PREAMBLE: the imports that notes without imports (002, 003) left to the reader;
* EPILOGUE: 003 defines its TensorboardKeras class but never calls fit; the
  harness trains a small Keras 2 model with it, as the post says to.

Offline and fast: tests/run/seed_stubs/sitecustomize.py (first on PYTHONPATH of
the subprocess) generates MNIST-shaped data for ``keras.datasets.mnist`` and
``tensorflow_datasets``, and caps ``fit`` at 2 epochs (2 steps where the seed
gives steps_per_epoch). Seed 002 reads ``../../Dataset/mnist.npz``: the harness
writes that file, generated, and runs the script two folders below it.
"""

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from tests.support import ROOT, SEEDS, read_back

STUBS = ROOT / "tests" / "run" / "seed_stubs"
MAX_PARALLEL = 2
TIMEOUT = 300

PREAMBLE = {
    # The TF 2.0 "quickstart for experts" imports the notes build on.
    "002": "import datetime\nimport numpy as np\nimport tensorflow as tf\nfrom tensorflow.keras import Model\n"
           "from tensorflow.keras.layers import Conv2D, Dense, Flatten\n",
    # The 2018 post's class uses tf, K and LambdaCallback from Keras 2.
    "003": "import tensorflow as tf\nfrom keras import backend as K\nfrom keras.callbacks import LambdaCallback\n",
}
EPILOGUE = {
    "003": textwrap.dedent("""
        import numpy as np
        from keras.layers import Dense
        from keras.models import Sequential
        from keras.optimizers import SGD

        rng = np.random.RandomState(0)
        x = rng.rand(96, 8).astype('float32')
        y = (x.sum(axis=1) > 4).astype('int32')
        model = Sequential([Dense(2, activation='softmax', input_shape=(8,))])
        model.compile(optimizer=SGD(lr=0.05), loss='sparse_categorical_crossentropy', metrics=['accuracy'])
        tb = TensorboardKeras(model, 'logs/keras2018')
        model.fit(x[:64], y[:64], epochs=2, batch_size=16, verbose=0, validation_data=(x[64:], y[64:]),
                  callbacks=[tb.on_epoch_end_cb()])
    """),
}
# How many blocks of each seed run (a changed seed should be looked at, not silently half-run).
BLOCKS_RUN = {"000": 5, "001": 8, "002": 7, "003": 5, "004": 8}

_FENCE = re.compile(r"^```[ \t]*(\w*)[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)


def _indented_blocks(text):
    """Markdown indented code blocks (4+ spaces after a blank line): (offset, code)."""
    blocks, lines, current, start, offset, blank = [], text.splitlines(keepends=True), [], 0, 0, True
    for line in lines:
        if not line.strip():
            if current:
                current.append("\n")
        elif (line.startswith("    ") or line.startswith("\t")) and (current or blank):
            if not current:
                start = offset
            current.append(line)
        else:
            if current:
                blocks.append((start, textwrap.dedent("".join(current))))
                current = []
        blank = not line.strip()
        offset += len(line)
    if current:
        blocks.append((start, textwrap.dedent("".join(current))))
    return blocks


def _is_signature(tree):
    """One bare ``tf.``/``keras.`` call whose arguments are parameter names and default values."""
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr) or not isinstance(tree.body[0].value, ast.Call):
        return False
    call = tree.body[0].value
    root = call.func
    while isinstance(root, ast.Attribute):
        root = root.value
    return (isinstance(root, ast.Name) and root.id in ("tf", "keras")
            and all(isinstance(a, ast.Name) for a in call.args)
            and all(isinstance(k.value, ast.Constant) for k in call.keywords))


def _parses(code):
    try:
        return ast.parse(code)
    except SyntaxError:
        return None


def _code_prefix(code):
    """An indented block's code: its longest run of leading paragraphs that parses (output follows it)."""
    paragraphs = re.split(r"\n[ \t]*\n", code)
    for n in range(len(paragraphs), 0, -1):
        prefix = "\n\n".join(paragraphs[:n])
        if _parses(prefix) is not None:
            return prefix
    return ""


def seed_blocks(text):
    """The code cells of a seed, in document order (see the module docstring for what is skipped)."""
    blocks, rest = [], text
    for m in _FENCE.finditer(text):
        if m.group(1) in ("python", "py", ""):
            blocks.append((m.start(), m.group(2), False))
        rest = rest[:m.start()] + re.sub(r"[^\n]", " ", m.group(0)) + rest[m.end():]  # keeps the offsets
    blocks += [(start, code, True) for start, code in _indented_blocks(rest)]
    cells = []
    for _, code, indented in sorted(blocks):
        code = "".join(line for line in code.splitlines(keepends=True) if not line.lstrip().startswith(("%", "!")))
        if indented:
            code = _code_prefix(code)
        tree = _parses(code) if code.strip() else None
        if tree is None:
            continue  # a shell command or printed output
        if _is_signature(tree) or all(isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) for s in tree.body):
            continue  # an API signature quoted by the notes, or printed output such as `100`
        cells.append(code)
    return cells


def _script(name, text):
    cells = seed_blocks(text)
    parts = [PREAMBLE.get(name, "")] + [f"# -- cell {i} --\n{c}" for i, c in enumerate(cells)]
    return "\n".join(parts) + EPILOGUE.get(name, ""), len(cells)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found at {SEEDS}")
    base = tmp_path_factory.mktemp("seeds")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONWARNINGS="ignore", MPLBACKEND="Agg",
               TFCOMPAT_SEED_STUBS="1",
               PYTHONPATH=os.pathsep.join([str(STUBS), str(ROOT), os.environ.get("PYTHONPATH", "")]))
    sys.path.insert(0, str(STUBS))
    try:
        from sitecustomize import mnist_arrays  # the harness's generated MNIST, also for 002's mnist.npz
    finally:
        sys.path.remove(str(STUBS))
    jobs = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        name = seed.name[:3]
        cwd = base / name / "notebooks" / "tf20"  # 002 loads ../../Dataset/mnist.npz
        cwd.mkdir(parents=True)
        (x_train, y_train), (x_test, y_test) = mnist_arrays()
        (base / name / "Dataset").mkdir()
        np.savez(base / name / "Dataset" / "mnist.npz", x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
        script, count = _script(name, seed.read_text(encoding="utf-8"))
        (cwd / f"seed_{name}.py").write_text(script, encoding="utf-8")
        jobs[name] = (cwd, count)
    pending, running, results = list(jobs.items()), {}, {}
    while pending or running:
        while pending and len(running) < MAX_PARALLEL:
            name, (cwd, count) = pending.pop(0)
            cmd = [sys.executable, "-m", "tfcompat", "run", f"seed_{name}.py"]
            proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            running[name] = (proc, time.monotonic(), cwd, count)
        for name, (proc, started, cwd, count) in list(running.items()):
            if proc.poll() is None and time.monotonic() - started < TIMEOUT:
                continue
            if proc.poll() is None:
                proc.kill()
            out, err = proc.communicate()
            results[name] = {"rc": proc.returncode, "out": out, "err": err, "cwd": cwd, "cells": count}
            del running[name]
        time.sleep(0.2)
    return results


def _ran(seeds, name):
    if name not in seeds:
        pytest.skip(f"seed {name} not found in {SEEDS}")
    r = seeds[name]
    assert r["rc"] == 0, r["err"][-4000:]
    assert r["cells"] == BLOCKS_RUN[name]
    return r


def _scalars(acc, tag):
    """(step, value) of a TF2 scalar (tensor) or TF1 scalar (simple_value) tag."""
    if tag in acc.Tags()["scalars"]:
        return [(e.step, e.value) for e in acc.Scalars(tag)]
    return [(e.step, float(np.asarray(_tensor(e.tensor_proto)))) for e in acc.Tensors(tag)]


def _tensor(proto):
    from tensorboard.util import tensor_util

    return tensor_util.make_ndarray(proto)


def _keras_runs(logdir, metrics, epochs=2, histograms=True):
    """A Keras 3 TensorBoard callback's train/validation runs: one point per epoch of each metric."""
    train, validation = read_back(logdir / "train"), read_back(logdir / "validation")
    for acc in (train, validation):
        for metric in metrics:
            steps = [s for s, _ in _scalars(acc, f"epoch_{metric}")]
            assert steps == list(range(epochs)), (metric, steps)
    hist = [t for t in train.Tags()["tensors"] if t.endswith("/histogram")]
    assert bool(hist) == histograms, train.Tags()["tensors"]
    return train, validation


@pytest.mark.slow
@pytest.mark.tf
def test_seed_000_tf2_tensorboard_and_lr_writer(seeds):
    r = _ran(seeds, "000")
    (logdir,) = [p for p in (r["cwd"] / "logs").iterdir()]  # logs/<%T%m%d-%H%M%S>
    _keras_runs(logdir, ("loss", "accuracy"))
    lr = read_back(logdir / "lr")
    assert _scalars(lr, "learning_rate") == [(0, pytest.approx(0.2)), (1, pytest.approx(0.2))]


@pytest.mark.slow
@pytest.mark.tf
def test_seed_001_keras_tutorial_three_runs(seeds):
    r = _ran(seeds, "001")
    for run in ("logs", "logs/run1", "logs/run2"):
        acc = read_back(r["cwd"] / run / "train")
        assert [s for s, _ in _scalars(acc, "epoch_loss")] == [0, 1]
        assert [s for s, _ in _scalars(acc, "epoch_accuracy")] == [0, 1]
        assert any(t.endswith("/histogram") for t in acc.Tags()["tensors"])


# What tf.keras 2 (TF 2.x) wrote for seed 002's two experiments: the same script run with tf_keras 2.21
# (TF_USE_LEGACY_KERAS=1), plain `python`, 2 epochs of the same generated data. {run: {tag: plugin}}.
TF2X_002 = {
    "train": {"epoch_loss": "scalars", "epoch_accuracy": "scalars",
              **{f"{layer}/{w}_0/histogram": "histograms" for layer in ("conv2d", "dense", "dense_1")
                 for w in ("kernel", "bias")}},
    "validation": {"epoch_loss": "scalars", "epoch_accuracy": "scalars",
                   "evaluation_loss_vs_iterations": "scalars", "evaluation_accuracy_vs_iterations": "scalars"},
    "logs": {"loss": "scalars", "accuracy": "scalars", "model_trace": "graph_run_metadata_graph"},
}


def _keras3_name(tag):
    """The name this Keras 3 gives a tf.keras 2 tag (what `tfcompat check` reports as keras3_tensorboard_logs).

    Keras 3.13 and later name a weight histogram by the variable's path, ``<model>/<layer>/<weight>``; 3.12 and
    older by its name, ``<weight>``, one tag for every layer's kernel.
    """
    m = re.fullmatch(r"(\w+)/(\w+)_0/histogram", tag)
    if not m:
        return tag
    version = tuple(int(part) for part in importlib.metadata.version("keras").split(".")[:2])
    return f"my_model/{m.group(1)}/{m.group(2)}/histogram" if version >= (3, 13) else f"{m.group(2)}/histogram"


@pytest.mark.slow
@pytest.mark.tf
def test_seed_002_tf_function_subclassed_models_train(seeds):
    """Both experiments of the TF 2.0 notes: fit with TensorBoard, then a GradientTape loop with a summary writer."""
    r = _ran(seeds, "002")
    exp1 = r["cwd"] / "E:" / "Dataset" / "tensorboard_for_keras"
    (exp2,) = [p for p in (r["cwd"] / "logs").iterdir()]  # logs/<stamp>
    runs = {"train": read_back(exp1 / "train"), "validation": read_back(exp1 / "validation"), "logs": read_back(exp2)}
    for run, tags in TF2X_002.items():
        acc = runs[run]
        expected = {_keras3_name(t): plugin for t, plugin in tags.items()}
        if run == "train":
            expected["epoch_learning_rate"] = "scalars"  # Keras 3 logs the rate every epoch
        got = {t: acc.SummaryMetadata(t).plugin_data.plugin_name for t in acc.Tags()["tensors"]}
        assert got == expected, run
        # tf.keras 2 wrote the training step's graph; Keras 3 does not (check: keras3_tensorboard_logs).
        assert acc.Tags()["graph"] is False, run
    train = runs["train"]
    assert [s for s, _ in _scalars(train, "epoch_loss")] == [0, 1]
    losses = [v for _, v in _scalars(train, "epoch_loss")]
    assert losses[1] < losses[0], losses  # it trains: gradients reach the variables
    assert [s for s, _ in _scalars(runs["validation"], "evaluation_loss_vs_iterations")] == [8, 16]
    (loss,) = _scalars(runs["logs"], "loss")
    (accuracy,) = _scalars(runs["logs"], "accuracy")
    assert loss[0] == 0 and 0 < loss[1] < 10 and accuracy[0] == 0 and 0 <= accuracy[1] <= 1
    assert [e.step for e in runs["logs"].Tensors("model_trace")] == [3]


@pytest.mark.slow
@pytest.mark.tf
def test_seed_003_tensorboard_keras_2018_class(seeds):
    r = _ran(seeds, "003")
    acc = read_back(r["cwd"] / "logs" / "keras2018")
    assert set(acc.Tags()["scalars"]) == {"lr", "val/loss", "val/acc", "train/loss", "train/acc"}
    assert [(e.step, e.value) for e in acc.Scalars("lr")] == [(s, pytest.approx(0.05)) for s in range(2)]
    for tag in ("val/acc", "train/acc"):
        assert all(0 <= e.value <= 1 for e in acc.Scalars(tag))


@pytest.mark.slow
@pytest.mark.tf
def test_seed_004_tfds_mnist_tensorboard(seeds):
    r = _ran(seeds, "004")
    _keras_runs(r["cwd"] / "Logs", ("loss", "sparse_categorical_accuracy"))
    assert r["out"].strip().splitlines()[-1] == "2"  # print(len(history.history['loss'])): the capped epochs
