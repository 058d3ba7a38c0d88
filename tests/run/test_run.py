"""`tfcompat run`: every legacy example runs UNMODIFIED in a subprocess; its logs are read back.

All subprocesses start together in one module fixture (each pays the ~5 s
TensorFlow import; the machine has 2 cores), then each test checks one of them.
"""

import os
import pathlib
import re
import subprocess
import sys
import time

import pytest

from tests.support import EXAMPLES, points, read_back

MAX_PARALLEL = 3
TIMEOUT = 240

ARGV_MODULE = """
import sys
import tensorflow as tf
from keras import backend as K
tf.app.flags.DEFINE_float('lr', 0.5, 'learning rate')
FLAGS = tf.app.flags.FLAGS

def main(argv):
    tf.logging.set_verbosity(tf.logging.INFO)
    print('ARGV=' + repr(sys.argv[1:]) + ' session=' + type(K.get_session()).__name__)
    print('FLAGS.lr=%s rest=%r gfile=%s' % (FLAGS.lr, argv[1:], tf.gfile.Exists('.')))
    print('PLACEHOLDER=' + str(callable(getattr(tf, 'placeholder', None))))
    return int(argv[-1])

if __name__ == '__main__':
    tf.app.run()
"""
FAILING_SCRIPT = """
import sys; print('ARGV=' + repr(sys.argv))
import tensorflow as tf
def build():
    return tf.placeholder(tf.float32, shape=(), name='x') + undefined_name

build()
"""
EXPLAIN_MAIN = """
import tensorflow as tf
import explain_helper
x = tf.placeholder(tf.float32, shape=(), name='x')
print('MAIN eager=%s helper eager=%s' % (tf.executing_eagerly(), explain_helper.EAGER))
"""
EXPLAIN_HELPER = """
import tensorflow as tf
x = tf.placeholder(tf.float32)  # TF1 code, but --modern makes it today's: the real tensorflow
EAGER = tf.executing_eagerly()
"""


def _tfcompat(*args):
    return [sys.executable, "-m", "tfcompat", *args]


def _tfcompat_cli(*args):
    exe = pathlib.Path(sys.executable).with_name("tfcompat")
    return [str(exe), *args] if exe.exists() else _tfcompat(*args)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("runs")
    (base / "legacy_mod.py").write_text(ARGV_MODULE)
    (base / "failing_script.py").write_text(FAILING_SCRIPT)
    (base / "explain_main.py").write_text(EXPLAIN_MAIN)
    (base / "explain_helper.py").write_text(EXPLAIN_HELPER)
    jobs = {}
    for script in sorted(EXAMPLES.glob("*.py")):
        jobs[script.stem] = (_tfcompat_cli("run", str(script), str(base / script.stem)), {})
    # argparse flags + tf.app.run(argv=...) as the TF 1.4 examples took them.
    jobs["tf1_mnist_summaries_style"] = (_tfcompat_cli(
        "run", str(EXAMPLES / "tf1_mnist_summaries_style.py"), "--max_steps", "40",
        "--log_dir", str(base / "tf1_mnist_summaries_style")), {})
    jobs["tf2_unaffected_plain"] = ([sys.executable, str(EXAMPLES / "tf2_unaffected.py"),
                                     str(base / "tf2_unaffected_plain")], {})
    # `python -m tfcompat run -m MODULE ARGS`: argv, exit status and K.get_session in one process.
    jobs["module"] = (_tfcompat("run", "-m", "legacy_mod", "--lr", "0.1", "3"), {"cwd": str(base)})
    jobs["explain"] = (_tfcompat_cli("run", "--explain", "--modern", "*explain_helper.py",
                                     str(base / "explain_main.py")), {"cwd": str(base)})
    jobs["failing"] = (_tfcompat_cli("run", str(base / "failing_script.py"), "--lr", "0.1"), {})

    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONWARNINGS="ignore")
    pending, running, results = list(jobs.items()), {}, {}
    while pending or running:
        while pending and len(running) < MAX_PARALLEL:
            name, (cmd, extra) = pending.pop(0)
            running[name] = (subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                              env=env, **extra), time.monotonic())
        for name, (proc, started) in list(running.items()):
            if proc.poll() is None and time.monotonic() - started < TIMEOUT:
                continue
            if proc.poll() is None:
                proc.kill()
            out, err = proc.communicate()
            results[name] = {"rc": proc.returncode, "out": out, "err": err, "logdir": base / name}
            del running[name]
        time.sleep(0.2)
    return results


def _ok(result):
    assert result["rc"] == 0, result["err"][-3000:]


@pytest.mark.slow
@pytest.mark.tf
def test_keras_2018_unmodified(runs):
    r = runs["keras_2018_unmodified"]
    _ok(r)
    acc = read_back(r["logdir"])
    assert set(acc.Tags()["scalars"]) == {"lr", "val/loss", "val/acc", "train/loss", "train/acc"}
    assert points(acc, "lr") == [(0, pytest.approx(0.005)), (1, pytest.approx(0.005)), (2, pytest.approx(0.005))]
    for tag in ("train/acc", "val/acc"):
        steps, values = zip(*points(acc, tag))
        assert steps == (0, 1, 2) and all(0.0 <= v <= 1.0 for v in values)
    losses = [v for _, v in points(acc, "train/loss")]
    assert losses[-1] < losses[0]


@pytest.mark.slow
@pytest.mark.tf
def test_tf1_graph_unmodified(runs):
    r = runs["tf1_graph_unmodified"]
    _ok(r)
    assert "after 60 steps" in r["out"]
    acc = read_back(r["logdir"])
    tags = acc.Tags()
    assert set(tags["histograms"]) == {"hidden/weights", "hidden/activations", "output/weights",
                                       "output/activations"}
    assert tags["scalars"] == ["loss/mse"] and tags["graph"]
    mse = points(acc, "loss/mse")
    assert [s for s, _ in mse] == [0, 10, 20, 30, 40, 50]
    assert mse[-1][1] < mse[0][1]
    node_names = {n.name for n in acc.Graph().node}
    assert {"input/x", "hidden/W", "hidden/b", "loss/Mean"} <= node_names


@pytest.mark.slow
@pytest.mark.tf
def test_tf012_summaries(runs):
    r = runs["tf012_summaries"]
    _ok(r)
    acc = read_back(r["logdir"])
    tags = acc.Tags()
    assert tags["scalars"] == ["loss"]                 # not stats/loss: 0.12 tags are verbatim
    assert set(tags["histograms"]) == {"w", "w_doubled"}
    assert tags["images"] == ["picture/image"] and tags["audio"] == ["tone/audio"]
    loss = points(acc, "loss")
    assert [s for s, _ in loss] == [0, 1, 2, 3, 4, 5]
    assert loss[-1][1] < loss[0][1]
    assert acc.Audio("tone/audio")[0].sample_rate == 8000
    assert acc.Images("picture/image")[0].width == 4


@pytest.mark.slow
@pytest.mark.tf
def test_keras_callback_summary_protos(runs):
    r = runs["keras_callback_summary_protos"]
    _ok(r)
    acc = read_back(r["logdir"])
    assert points(acc, "learning_rate") == [(0, pytest.approx(0.2)), (1, pytest.approx(0.2)),
                                             (2, pytest.approx(0.1)), (3, pytest.approx(0.1))]
    for tag in ("epoch/loss", "epoch/acc", "epoch/val_loss", "epoch/val_acc"):
        assert [s for s, _ in points(acc, tag)] == [0, 1, 2, 3]   # nb_epoch=4; acc keys seen by a Callback


@pytest.mark.slow
@pytest.mark.tf
def test_keras_tb21_callback(runs):
    r = runs["keras_tb21_callback"]
    _ok(r)
    assert "held-out loss" in r["out"]
    acc = read_back(r["logdir"])                       # Keras 2.1 wrote ONE run, tags named like the log keys
    assert set(acc.Tags()["scalars"]) == {"loss", "acc", "val_loss", "val_acc"}
    for tag in ("loss", "acc", "val_loss", "val_acc"):
        assert [s for s, _ in points(acc, tag)] == [0, 1, 2], tag
    assert acc.Tags()["graph"]                    # write_graph=True, the 4th positional argument


@pytest.mark.slow
@pytest.mark.tf
def test_tf2_script_is_unaffected(runs):
    r, plain = runs["tf2_unaffected"], runs["tf2_unaffected_plain"]
    _ok(r)
    # Plain TF 2.21 fails only at the TF 2.0-2.15 trace_export(profiler_outdir=) call.
    assert plain["rc"] == 1 and "No profiler is running" in plain["err"]
    for run in ("train", "validation", "lr"):
        ours, theirs = read_back(r["logdir"] / run), read_back(plain["logdir"] / run)
        for kind in ("scalars", "tensors", "histograms"):
            assert ours.Tags()[kind] == theirs.Tags()[kind], (run, kind)
        for tag in ours.Tags()["tensors"]:
            assert [e.step for e in ours.Tensors(tag)] == [e.step for e in theirs.Tensors(tag)], tag
    import tensorflow as tf

    lr = [(e.step, float(tf.make_ndarray(e.tensor_proto))) for e in read_back(r["logdir"] / "lr").Tensors("learning_rate")]
    assert lr == [(0, pytest.approx(0.01)), (1, pytest.approx(0.01)), (2, pytest.approx(0.005))]
    train_tags = read_back(r["logdir"] / "train").Tags()["tensors"]
    assert "epoch_accuracy" in train_tags and "acc" not in train_tags and "epoch_acc" not in train_tags
    assert any("kernel" in t for t in train_tags)       # histogram_freq=1
    extra = read_back(r["logdir"] / "extra").Tags()["tensors"]
    assert {"ramp", "note", "inputs", "tone", "forward_trace"} <= set(extra)
    assert list(pathlib.Path(r["logdir"], "profile").rglob("*.xplane.pb"))


@pytest.mark.slow
@pytest.mark.tf
def test_tf1_mnist_summaries_style(runs):
    r = runs["tf1_mnist_summaries_style"]
    _ok(r)
    # tf.nn.dropout(x, keep_prob) kept TF1's meaning: keep_prob=1.0 at test time keeps every unit.
    # Read as TF2's rate it drops them all: constant logits, ~0.1 accuracy on 10 balanced classes.
    final = re.search(r"test accuracy ([0-9.]+), softmax rows sum to ([0-9.]+)", r["out"])
    assert final and float(final.group(1)) >= 0.4, r["out"]
    assert final.group(2) == "1.000"                                      # reduction_indices= too
    train, test = read_back(r["logdir"] / "train"), read_back(r["logdir"] / "test")
    tags = train.Tags()
    assert {"accuracy_1", "cross_entropy_1", "dropout/dropout_keep_probability",
            "layer1/weights/summaries/mean_1", "layer1/weights/summaries/stddev_1"} <= set(tags["scalars"])
    assert tags["images"] == ["input_reshape/input/image/0", "input_reshape/input/image/1"]
    assert "layer2/activations" in tags["histograms"] and tags["graph"] and tags["run_metadata"] == ["step011"]
    assert [s for s, _ in points(test, "accuracy_1")] == [0, 10, 20, 30]
    assert all(v == pytest.approx(0.9) for _, v in points(train, "dropout/dropout_keep_probability"))
    losses = [v for _, v in points(train, "cross_entropy_1")]
    assert losses[-1] < losses[0]


@pytest.mark.slow
@pytest.mark.tf
def test_keras2_callbacks_2017(runs):
    r = runs["keras2_callbacks_2017"]
    _ok(r)
    # EarlyStopping / ReduceLROnPlateau / ModelCheckpoint(monitor='val_acc') acted on val_acc.
    assert "epochs run: 2" in r["out"] and "history has acc: True" in r["out"]
    assert "final lr: 0.0250" in r["out"]
    out = r["logdir"]
    assert any(p.name.startswith("weights.01-") and p.name.endswith(".keras") for p in out.iterdir())
    rows = (out / "training.log").read_text().splitlines()
    assert len(rows) == 3 and rows[0].split(",") == ["epoch", "acc", "loss", "lr", "val_acc", "val_loss"]  # Keras 2.2's


@pytest.mark.parametrize("name, run_dirs", [
    ("tf1_graph_2017", ("train", "test")),
    ("keras_2018_tensorboard", ("",)),
])
@pytest.mark.slow
@pytest.mark.tf
def test_import_changed_examples_also_run_under_tfcompat_run(runs, name, run_dirs):
    r = runs[name]
    _ok(r)
    for sub in run_dirs:
        assert read_back(r["logdir"] / sub).Tags()["scalars"], sub


@pytest.mark.slow
@pytest.mark.tf
def test_module_argv_and_exit_code_pass_through(runs):
    r = runs["module"]
    assert r["rc"] == 3, r["err"][-2000:]
    assert "ARGV=['--lr', '0.1', '3'] session=" in r["out"]
    assert "FLAGS.lr=0.1 rest=['3'] gfile=True" in r["out"]        # tf.app.flags / tf.app.run / tf.gfile
    assert "PLACEHOLDER=True" in r["out"]


@pytest.mark.slow
@pytest.mark.tf
def test_script_traceback_without_tfcompat_frames(runs):
    r = runs["failing"]
    assert r["rc"] == 1
    err = r["err"]
    assert "Traceback (most recent call last)" in err
    assert "NameError: name 'undefined_name' is not defined" in err
    assert 'failing_script.py", line 5, in build' in err
    assert "_runner.py" not in err and "runpy" not in err
    assert "failing_script.py', '--lr', '0.1']" in r["out"]    # SCRIPT ARGS: the script's own flags


@pytest.mark.parametrize("argv, message", [
    (["run", "/nonexistent/legacy.py"], "`SCRIPT` is not a file. Received: SCRIPT='/nonexistent/legacy.py'"),
    (["run", "--bogus", "x.py"], "unrecognized option before SCRIPT: --bogus"),
    (["run", "-m"], "argument -m: expected one argument"),
    (["run", "-m", "no_such_module_tfcompat"], "`MODULE` cannot be found"),
])
def test_usage_errors_exit_2(argv, message, capsys):
    from tfcompat.cli._main import main

    assert main(argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.tf
def test_explain_prints_each_modules_decision_and_modern_overrides_the_source(runs):
    r = runs["explain"]
    _ok(r)
    # The script is 2018 code (tf.placeholder); the helper's source says 2018 too, but --modern wins.
    assert "MAIN eager=False helper eager=True" in r["out"]
    lines = [line for line in r["err"].splitlines() if line.startswith("tfcompat run:")]
    assert any(line.endswith("explain_main.py: 2018 (line 4: tf.placeholder)") for line in lines), r["err"]
    assert any("explain_helper.py: today" in line and "--modern" in line for line in lines), r["err"]
