"""tfcompat.v1's MNIST tutorial reader: the IDX files, DataSet.next_batch, the download and the offline error."""

import functools
import gzip
import http.server
import os
import subprocess
import sys
import threading

import numpy as np
import pytest

from tests.support import write_mnist_idx
from tfcompat import DataDownloadError
from tfcompat.v1.examples.tutorials.mnist import input_data

FILES = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
         "t10k-labels-idx1-ubyte.gz"]


@pytest.fixture
def data(tmp_path):
    images, labels = write_mnist_idx(tmp_path / "data", n_train=50, n_test=12, seed=3)
    return tmp_path / "data", images, labels


def test_read_data_sets_scales_reshapes_and_splits_validation_from_the_head(data, capsys):
    path, images, labels = data
    m = input_data.read_data_sets(str(path), validation_size=10)
    assert [f"Extracting {path / name}" for name in FILES] == capsys.readouterr().out.splitlines()
    assert (m.train.num_examples, m.validation.num_examples, m.test.num_examples) == (40, 10, 12)
    assert m.train.images.dtype == np.float32 and m.train.images.shape == (40, 784)
    np.testing.assert_allclose(m.validation.images, images["train"][:10].reshape(10, 784) / 255.0, rtol=1e-6)
    np.testing.assert_array_equal(m.train.labels, labels["train"][10:])
    assert m.train.labels.dtype == np.uint8
    assert 0.0 <= m.test.images.min() and m.test.images.max() <= 1.0
    assert m.train.epochs_completed == 0


def test_one_hot_uint8_and_unreshaped_images(data):
    path, images, labels = data
    m = input_data.read_data_sets(path, one_hot=True, dtype="uint8", reshape=False, validation_size=0)
    assert m.train.images.shape == (50, 28, 28, 1) and m.train.images.dtype == np.uint8
    np.testing.assert_array_equal(m.test.images[..., 0], images["t10k"])
    assert m.test.labels.shape == (12, 10) and m.test.labels.dtype == np.float64
    np.testing.assert_array_equal(m.test.labels.argmax(axis=1), labels["t10k"])
    assert m.validation.num_examples == 0


def test_next_batch_without_shuffle_wraps_around_epochs_as_tf1():
    images = np.arange(5, dtype=np.uint8).reshape(5, 1, 1, 1)
    ds = input_data.DataSet(images, np.arange(5), dtype="uint8", reshape=False, seed=1)
    first, _ = ds.next_batch(3, shuffle=False)
    second, labels = ds.next_batch(3, shuffle=False)
    assert first.ravel().tolist() == [0, 1, 2]
    assert second.ravel().tolist() == [3, 4, 0] and labels.tolist() == [3, 4, 0]
    assert ds.epochs_completed == 1
    assert ds.next_batch(2, shuffle=False)[0].ravel().tolist() == [1, 2]


def test_next_batch_shuffles_each_epoch_as_a_permutation_seeded_like_tf1():
    images = np.arange(20, dtype=np.uint8).reshape(20, 1, 1, 1)
    runs = []
    for _ in range(2):
        ds = input_data.DataSet(images, np.arange(20), dtype="uint8", reshape=False, seed=7)
        batches = [ds.next_batch(5) for _ in range(8)]
        runs.append(np.concatenate([b[0].ravel() for b in batches]))
        for b_images, b_labels in batches:
            np.testing.assert_array_equal(b_images.ravel(), b_labels)  # images and labels stay paired
    np.testing.assert_array_equal(runs[0], runs[1])
    assert sorted(runs[0][:20]) == list(range(20)) and sorted(runs[0][20:]) == list(range(20))
    assert runs[0][:20].tolist() != list(range(20)) and runs[0][:20].tolist() != runs[0][20:].tolist()
    # TF1: numpy's global generator is seeded with the op seed, then shuffles the first epoch.
    expected = np.arange(20)
    np.random.RandomState(7).shuffle(expected)
    np.testing.assert_array_equal(runs[0][:20], expected)


def test_graph_seed_seeds_numpy_when_no_op_seed(fresh_graph):
    import tfcompat.v1 as tf

    tf.set_random_seed(11)
    input_data.DataSet(np.zeros((2, 1, 1, 1), np.uint8), np.zeros(2), dtype="uint8")
    assert np.random.rand() == np.random.RandomState(11).rand()


def test_fake_data_as_tf1():
    m = input_data.read_data_sets("unused", fake_data=True, one_hot=True)
    xs, ys = m.train.next_batch(4, fake_data=True)
    assert len(xs) == 4 and len(xs[0]) == 784 and ys[0] == [1] + [0] * 9
    assert m.test.num_examples == 10000


def test_bad_arguments_and_files_raise_named_errors(data, tmp_path):
    path, _, _ = data
    with pytest.raises(ValueError, match="Validation size should be between 0 and 50. Received: 51"):
        input_data.read_data_sets(path, validation_size=51)
    with pytest.raises(TypeError, match="expected uint8 or float32"):
        input_data.DataSet(np.zeros((1, 1, 1, 1)), np.zeros(1), dtype="float64")
    bad = tmp_path / "bad.gz"
    with gzip.open(bad, "wb") as f:
        f.write((1234).to_bytes(4, "big"))
    with open(bad, "rb") as f, pytest.raises(ValueError, match=f"Invalid magic number 1234 in MNIST image file: {bad}"):
        input_data.extract_images(f)
    with gzip.open(bad, "wb") as f:
        f.write((2049).to_bytes(4, "big") + (9).to_bytes(4, "big") + b"\x01\x02")
    with open(bad, "rb") as f, pytest.raises(ValueError, match="truncated: 9 labels promised, 2 found"):
        input_data.extract_labels(f)


@pytest.fixture
def server(data):
    """An HTTP server on loopback serving the generated IDX files, as the MNIST mirror did."""
    path, _, _ = data
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.RequestHandlerClass.log_message = lambda *a: None
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_missing_files_are_downloaded_from_source_url(server, tmp_path, capsys):
    target = tmp_path / "fresh"
    m = input_data.read_data_sets(str(target), source_url=server, validation_size=5)
    out = capsys.readouterr().out
    assert sorted(os.listdir(target)) == sorted(FILES)
    assert out.count("Successfully downloaded") == 4
    assert f"Successfully downloaded t10k-labels-idx1-ubyte.gz {os.path.getsize(target / FILES[3])} bytes." in out
    assert m.train.num_examples == 45


def test_offline_error_says_which_files_to_put_where(data, tmp_path):
    path, _, _ = data
    target = tmp_path / "partial"
    target.mkdir()
    for name in FILES[:2]:
        (target / name).write_bytes((path / name).read_bytes())
    with pytest.raises(DataDownloadError) as info:
        input_data.read_data_sets(str(target), source_url="http://127.0.0.1:9/")  # nothing listens on port 9
    text = str(info.value)
    assert "2 of the 4 MNIST files are missing" in text
    for name in FILES[2:]:
        assert str(target / name) in text and "http://127.0.0.1:9/" + name in text
    assert "train-images" not in text.split("missing")[1].split("Put")[0]
    assert isinstance(info.value, OSError)
    assert sorted(os.listdir(target)) == sorted(FILES[:2])  # no partial downloads left behind


def test_contrib_learn_reader_is_the_same_and_import_loads_no_tensorflow():
    import tfcompat.v1 as tf

    assert tf.contrib.learn.datasets.mnist.read_data_sets is input_data.read_data_sets
    assert tf.examples.tutorials.mnist.input_data is input_data
    code = ("import sys; from tfcompat.v1.examples.tutorials.mnist import input_data; "
            "from tfcompat.v1.contrib.learn.datasets import mnist; "
            "print([m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
