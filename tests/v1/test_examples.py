"""legacy_examples/tf1_surface, unmodified, through `tfcompat run`; their logs read back with TensorBoard's readers."""

import json
import os
import subprocess
import sys

import pytest

from tests.support import EXAMPLES, points, read_back, write_mnist_idx

pytestmark = [pytest.mark.tf, pytest.mark.slow]
SCRIPTS = EXAMPLES / "tf1_surface"


def _run(script, *args, cwd=None):
    """``tfcompat run SCRIPT ARGS``: the scripts are 2016-2019 code, `import tensorflow as tf` and all."""
    out = subprocess.run([sys.executable, "-m", "tfcompat", "run", str(SCRIPTS / script), *map(str, args)],
                         capture_output=True, text=True, timeout=600, cwd=cwd)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


def test_mnist_with_summaries_reads_idx_files_and_logs_as_tf1(tmp_path):
    write_mnist_idx(tmp_path / "data", n_train=400, n_test=100, seed=1)
    stdout = _run("tf1_mnist_with_summaries_input_data.py", "--data_dir", tmp_path / "data", "--log_dir",
                  tmp_path / "logs", "--max_steps", 40, "--batch_size", 50, "--validation_size", 100)
    assert "Extracting" in stdout and "epochs completed: 5" in stdout  # 36 batches of 50 = 6 x 300; TF1 counts on the next call
    test = read_back(tmp_path / "logs" / "test")
    accuracy = points(test, "accuracy_1")
    assert [s for s, _ in accuracy] == [0, 10, 20, 30] and accuracy[-1][1] > 0.9
    train = read_back(tmp_path / "logs" / "train")
    scalars = set(train.Tags()["scalars"])
    # TF1's tags, "_1" where an op had the name first (TF's names ignore case: "Mean" takes "mean").
    assert {"cross_entropy_1", "accuracy_1", "dropout/dropout_keep_probability", "layer1/weights/summaries/mean_1",
            "layer1/weights/summaries/max_1", "layer2/biases/summaries/stddev_1"} <= scalars
    assert {"layer1/Wx_plus_b/pre_activations", "layer2/activations"} <= set(train.Tags()["histograms"])
    assert train.Tags()["images"] == [f"input_reshape/input/image/{i}" for i in range(10)]
    assert [s for s, _ in points(train, "cross_entropy_1")] == [s for s in range(40) if s % 10]
    assert train.Tags()["graph"]


def test_devsummit_2017_contrib_layers_projector_and_hparam_runs(tmp_path):
    from tensorboard.backend.event_processing import data_provider, plugin_event_multiplexer
    from tensorboard.plugins import base_plugin
    from tensorboard.plugins.projector import projector_plugin
    from werkzeug import Response
    from werkzeug.test import Client

    write_mnist_idx(tmp_path / "data", n_train=300, n_test=80, seed=2)
    logs = tmp_path / "logs"
    _run("tf1_devsummit_2017_projector.py", "--data_dir", tmp_path / "data", "--log_dir", logs,
         "--learning_rates", "1e-3", "1e-4", "--steps", 10, "--checkpoint_every", 10, "--validation_size", 50,
         "--batch_size", 50)
    runs = sorted(os.listdir(logs))
    assert runs == ["lr_1E-03,conv=1,fc=2", "lr_1E-03,conv=2,fc=2", "lr_1E-04,conv=1,fc=2", "lr_1E-04,conv=2,fc=2"]
    acc = read_back(logs / runs[1])
    assert sorted(acc.Tags()["scalars"]) == ["accuracy/accuracy", "conv1/Conv/Relu/zeros", "conv2/Conv/Relu/zeros",
                                             "fc1/Relu/zeros", "xent/xent_1"]  # TF1: the op took 'xent/xent'
    assert [s for s, _ in points(acc, "xent/xent_1")] == [0, 5, 10]
    assert "fc1/Relu/activation" in acc.Tags()["histograms"] and acc.Tags()["images"]
    assert acc.Tags()["graph"]

    # TensorBoard's projector plugin finds every run's embedding, its labels and sprite.
    mux = plugin_event_multiplexer.EventMultiplexer()
    mux.AddRunsFromDirectory(str(logs))
    mux.Reload()
    plugin = projector_plugin.ProjectorPlugin(base_plugin.TBContext(
        logdir=str(logs), multiplexer=mux, data_provider=data_provider.MultiplexerDataProvider(mux, str(logs))))
    apps = plugin.get_plugin_apps()

    def get(route, **query):
        response = Client(apps[route], Response).get(route, query_string=query)
        assert response.status_code == 200, response.get_data()[:300]
        return response.get_data()

    assert sorted(json.loads(get("/runs"))) == runs
    info = json.loads(get("/info", run=runs[1]))
    embedding = [e for e in info["embeddings"] if e["tensorName"] == "test_embedding"][0]
    assert embedding["tensorShape"] == [64, 32] and embedding["sprite"]["singleImageDim"] == [28, 28]
    assert len(get("/tensor", run=runs[1], name="test_embedding")) == 64 * 32 * 4
    assert len(get("/metadata", run=runs[1], name="test_embedding").split()) == 64
    assert get("/sprite_image", run=runs[1], name="test_embedding").startswith(b"\x89PNG")


def test_compat_v1_2019_script_trains_next_to_keras3(tmp_path):
    stdout = _run("tf1_compat_v1_2019_keras3.py", tmp_path)
    assert "executing eagerly: False" in stdout
    graph = read_back(tmp_path / "graph")
    loss = points(graph, "loss")
    assert [s for s, _ in loss] == list(range(20, 201, 20)) and loss[-1][1] < loss[0][1] / 5
    # histogram(variable.op.name, variable): the variable holds the name, so TF1 wrote "..._1".
    assert set(graph.Tags()["histograms"]) == {"hidden/kernel_1", "hidden/bias_1", "prediction/kernel_1",
                                               "prediction/bias_1"}
    assert (tmp_path / "graph" / "model.ckpt-200.index").exists()
    for run in ("keras_before", "keras_after"):  # Keras 3's own TensorBoard callback, in the same process
        keras_log = read_back(tmp_path / run / "train")
        assert [e.step for e in keras_log.Tensors("epoch_loss")] == [0, 1, 2, 3, 4]


def test_tf_layers_dqn_agent_logs_placeholder_scalars(tmp_path):
    stdout = _run("tf1_layers_dqn_agent.py", tmp_path, 40)
    assert "episode 39" in stdout
    acc = read_back(tmp_path)
    # TF1 tags: the placeholders took the names first, so the summaries got "_1".
    assert sorted(acc.Tags()["scalars"]) == ["episode/episode_reward_1", "episode/epsilon_1", "loss"]
    rewards = points(acc, "episode/episode_reward_1")
    assert [s for s, _ in rewards] == list(range(40))
    assert max(v for _, v in rewards[-10:]) == pytest.approx(0.96)
    epsilon = [v for _, v in points(acc, "episode/epsilon_1")]
    assert epsilon[0] == 1.0 and epsilon == sorted(epsilon, reverse=True)
    assert acc.Tags()["histograms"] == ["q_values"] and acc.Tags()["graph"]
