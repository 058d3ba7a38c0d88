"""Mirrors TF 1.x's MNIST tutorial reader: ``tensorflow.examples.tutorials.mnist.input_data`` and
``tf.contrib.learn.datasets.mnist`` (``read_data_sets``, ``DataSet``, ``extract_images``...).

Reads the four IDX ``.gz`` files of ``train_dir`` as TF 1.x did: images as
uint8 ``[n, rows, cols, 1]``, scaled to float32 in ``[0, 1]`` and flattened to
``rows*cols`` columns by default; labels as uint8 or one-hot float64; the
first ``validation_size`` training examples become ``validation``. A missing
file is downloaded from ``source_url`` as TF 1.x did; when that fails (no
network) the error lists every missing file and where to put it.

Pure numpy and the standard library: TensorFlow is consulted only for the
graph-level seed when it is already loaded.
"""

import collections
import gzip
import os
import shutil
import tempfile
import urllib.request

import numpy

from tfcompat._errors import DataDownloadError
from tfcompat._lazy_tf import tf_loaded
from tfcompat.v1._graph import current_graph, in_user_graph, legacy_graph_if_any

__all__ = [
    "DEFAULT_SOURCE_URL",
    "DataSet",
    "Datasets",
    "dense_to_one_hot",
    "extract_images",
    "extract_labels",
    "load_mnist",
    "maybe_download",
    "read_data_sets",
]

# The mirror TF 1.x downloaded from (the files of http://yann.lecun.com/exdb/mnist/).
DEFAULT_SOURCE_URL = "https://storage.googleapis.com/cvdf-datasets/mnist/"
TRAIN_IMAGES = "train-images-idx3-ubyte.gz"
TRAIN_LABELS = "train-labels-idx1-ubyte.gz"
TEST_IMAGES = "t10k-images-idx3-ubyte.gz"
TEST_LABELS = "t10k-labels-idx1-ubyte.gz"
FILES = (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)

_IMAGES_MAGIC = 2051
_LABELS_MAGIC = 2049
_DEFAULT_GRAPH_SEED = 87654321  # TF1's graph seed when only an op seed is given
_MAXINT32 = 2 ** 31 - 1
_DOWNLOAD_TIMEOUT = 30

Datasets = collections.namedtuple("Datasets", ["train", "validation", "test"])


def _read32(stream, path):
    raw = stream.read(4)
    if len(raw) != 4:
        raise ValueError(f"Truncated IDX header in MNIST file: {path}")
    return int(numpy.frombuffer(raw, dtype=">u4")[0])


def _name_of(f):
    return getattr(f, "name", repr(f))


def extract_images(f):
    """Mirrors TF 1.x ``extract_images(f)``: the 4-D uint8 array ``[index, y, x, depth]`` of a gzipped IDX3 file.

    Raises:
        ValueError: the stream does not start with the magic number 2051.
    """
    path = _name_of(f)
    print("Extracting", path)
    with gzip.GzipFile(fileobj=f) as stream:
        magic = _read32(stream, path)
        if magic != _IMAGES_MAGIC:
            raise ValueError(f"Invalid magic number {magic} in MNIST image file: {path}")
        count, rows, cols = (_read32(stream, path) for _ in range(3))
        buf = stream.read(rows * cols * count)
        if len(buf) != rows * cols * count:
            raise ValueError(
                f"MNIST image file {path} is truncated: its header promises {count} images of {rows}x{cols} "
                f"({rows * cols * count} bytes) but holds {len(buf)} bytes")
        return numpy.frombuffer(buf, dtype=numpy.uint8).reshape(count, rows, cols, 1)


def dense_to_one_hot(labels_dense, num_classes):
    """Mirrors TF 1.x ``dense_to_one_hot``: class indices to float64 one-hot rows."""
    labels_dense = numpy.asarray(labels_dense)
    out = numpy.zeros((labels_dense.shape[0], num_classes))
    out.flat[numpy.arange(labels_dense.shape[0]) * num_classes + labels_dense.ravel()] = 1
    return out


def extract_labels(f, one_hot=False, num_classes=10):
    """Mirrors TF 1.x ``extract_labels(f, one_hot=False, num_classes=10)`` for a gzipped IDX1 file.

    Raises:
        ValueError: the stream does not start with the magic number 2049.
    """
    path = _name_of(f)
    print("Extracting", path)
    with gzip.GzipFile(fileobj=f) as stream:
        magic = _read32(stream, path)
        if magic != _LABELS_MAGIC:
            raise ValueError(f"Invalid magic number {magic} in MNIST label file: {path}")
        count = _read32(stream, path)
        buf = stream.read(count)
        if len(buf) != count:
            raise ValueError(f"MNIST label file {path} is truncated: {count} labels promised, {len(buf)} found")
        labels = numpy.frombuffer(buf, dtype=numpy.uint8)
    return dense_to_one_hot(labels, num_classes) if one_hot else labels


def _dtype_name(dtype):
    name = getattr(dtype, "name", None)  # tf.DType (tf.float32) without importing TensorFlow
    if isinstance(name, str) and not isinstance(dtype, numpy.dtype):
        return name.replace("_ref", "")
    try:
        return numpy.dtype(dtype).name
    except TypeError:
        return repr(dtype)


def _graph_seed():
    """The graph-level seed of the default graph (``tf.set_random_seed``); None while TensorFlow is not loaded."""
    if not tf_loaded():
        return None
    if in_user_graph():
        return current_graph().seed
    graph = legacy_graph_if_any()
    return graph.seed if graph is not None else None


def _numpy_seed(seed):
    # TF 1.x: seed1, seed2 = random_seed.get_seed(seed); numpy.random.seed(seed1 if seed is None else seed2)
    graph_seed = _graph_seed()
    if graph_seed is not None:
        seeds = (graph_seed, seed)
    elif seed is not None:
        seeds = (_DEFAULT_GRAPH_SEED, seed)
    else:
        seeds = (None, None)
    if seeds == (0, 0):
        seeds = (0, _MAXINT32)
    return seeds[0] if seed is None else seeds[1]


class DataSet:
    """Mirrors TF 1.x's ``DataSet(images, labels, fake_data=False, one_hot=False, dtype=float32, reshape=True, seed=None)``.

    As in TF 1.x, construction seeds numpy's global RNG (from ``seed`` and the
    graph seed) and ``next_batch`` shuffles with it.
    """

    def __init__(self, images, labels, fake_data=False, one_hot=False, dtype="float32", reshape=True, seed=None):
        numpy.random.seed(_numpy_seed(seed))
        kind = _dtype_name(dtype)
        if kind not in ("uint8", "float32"):
            raise TypeError(f"Invalid image dtype {dtype!r}, expected uint8 or float32. Received: dtype={dtype!r}")
        if fake_data:
            self._num_examples = 10000
            self.one_hot = one_hot
        else:
            images = numpy.asarray(images)
            labels = numpy.asarray(labels)
            if images.shape[0] != labels.shape[0]:
                raise ValueError(
                    f"`images` and `labels` must hold as many examples. Received: images.shape={images.shape} "
                    f"labels.shape={labels.shape}")
            self._num_examples = images.shape[0]
            if reshape:
                if images.ndim != 4 or images.shape[3] != 1:
                    raise ValueError(
                        "`reshape=True` needs images of shape [n, rows, cols, 1]. "
                        f"Received: images.shape={images.shape}")
                images = images.reshape(images.shape[0], images.shape[1] * images.shape[2])
            if kind == "float32":
                images = numpy.multiply(images.astype(numpy.float32), 1.0 / 255.0)
        self._images = images
        self._labels = labels
        self._epochs_completed = 0
        self._index_in_epoch = 0

    @property
    def images(self):
        return self._images

    @property
    def labels(self):
        return self._labels

    @property
    def num_examples(self):
        return self._num_examples

    @property
    def epochs_completed(self):
        return self._epochs_completed

    def _shuffle(self):
        perm = numpy.arange(self._num_examples)
        numpy.random.shuffle(perm)
        self._images = self._images[perm]
        self._labels = self._labels[perm]

    def next_batch(self, batch_size, fake_data=False, shuffle=True):
        """Mirrors ``DataSet.next_batch(batch_size, fake_data=False, shuffle=True)``: the next ``(images, labels)``.

        The first call of the first epoch shuffles; a batch crossing the end of an
        epoch is the rest of that epoch followed by the head of the next one,
        reshuffled, and ``epochs_completed`` goes up by one.
        """
        if fake_data:
            image = [1] * 784
            label = ([1] + [0] * 9) if self.one_hot else 0
            return [image for _ in range(batch_size)], [label for _ in range(batch_size)]
        start = self._index_in_epoch
        if self._epochs_completed == 0 and start == 0 and shuffle:
            self._shuffle()
        if start + batch_size > self._num_examples:
            self._epochs_completed += 1
            rest = self._num_examples - start
            images_rest = self._images[start:self._num_examples]
            labels_rest = self._labels[start:self._num_examples]
            if shuffle:
                self._shuffle()
            self._index_in_epoch = batch_size - rest
            end = self._index_in_epoch
            return (numpy.concatenate((images_rest, self._images[0:end]), axis=0),
                    numpy.concatenate((labels_rest, self._labels[0:end]), axis=0))
        self._index_in_epoch += batch_size
        end = self._index_in_epoch
        return self._images[start:end], self._labels[start:end]


def maybe_download(filename, work_directory, source_url):
    """Mirrors TF 1.x ``base.maybe_download``: the path of ``filename`` in ``work_directory``, downloaded if absent.

    Raises:
        DataDownloadError: the file is absent and could not be downloaded.
    """
    os.makedirs(work_directory, exist_ok=True)
    path = os.path.join(work_directory, filename)
    if os.path.exists(path):
        return path
    tmp_path = None
    try:
        with urllib.request.urlopen(source_url, timeout=_DOWNLOAD_TIMEOUT) as response:
            fd, tmp_path = tempfile.mkstemp(dir=work_directory, prefix=f".{filename}.")
            with os.fdopen(fd, "wb") as out:
                shutil.copyfileobj(response, out)
        os.replace(tmp_path, path)
    except (OSError, ValueError) as e:  # URLError, HTTPError and timeouts are OSErrors; a bad URL a ValueError
        if tmp_path is not None and os.path.exists(tmp_path):
            os.remove(tmp_path)
        raise DataDownloadError(f"Could not download {source_url}: {e}") from e
    print("Successfully downloaded", filename, os.path.getsize(path), "bytes.")
    return path


def _fetch_all(train_dir, source_url):
    paths, failures = {}, []
    for name in FILES:
        try:
            paths[name] = maybe_download(name, train_dir, source_url + name)
        except DataDownloadError as e:
            failures.append((name, e))
    if failures:
        missing = "\n".join(f"  {os.path.join(train_dir, name)}   (tried {source_url + name}: {e.__cause__})"
                            for name, e in failures)
        raise DataDownloadError(
            f"read_data_sets({train_dir!r}): {len(failures)} of the 4 MNIST files are missing and could not be "
            f"downloaded:\n{missing}\nPut the gzipped IDX files {', '.join(n for n, _ in failures)} into "
            f"{os.path.abspath(train_dir)} (copy them from a machine with network access, e.g. from "
            f"{source_url}), or pass fake_data=True.")
    return paths


def read_data_sets(train_dir, fake_data=False, one_hot=False, dtype="float32", reshape=True,
                   validation_size=5000, seed=None, source_url=DEFAULT_SOURCE_URL):
    """Mirrors TF 1.x ``read_data_sets(train_dir, fake_data=False, one_hot=False, dtype=tf.float32, reshape=True, ...)``.

    Also ``validation_size=5000, seed=None, source_url=<the MNIST mirror>``.

    Returns:
        ``Datasets(train, validation, test)`` of :class:`DataSet`.

    Raises:
        DataDownloadError: a file is missing from ``train_dir`` and cannot be downloaded.
        ValueError: ``validation_size`` is not between 0 and the number of training images.
    """
    if fake_data:
        def fake():
            return DataSet([], [], fake_data=True, one_hot=one_hot, dtype=dtype, seed=seed)

        return Datasets(train=fake(), validation=fake(), test=fake())
    train_dir = os.fspath(train_dir)
    if not source_url:
        source_url = DEFAULT_SOURCE_URL
    paths = _fetch_all(train_dir, source_url)
    with open(paths[TRAIN_IMAGES], "rb") as f:
        train_images = extract_images(f)
    with open(paths[TRAIN_LABELS], "rb") as f:
        train_labels = extract_labels(f, one_hot=one_hot)
    with open(paths[TEST_IMAGES], "rb") as f:
        test_images = extract_images(f)
    with open(paths[TEST_LABELS], "rb") as f:
        test_labels = extract_labels(f, one_hot=one_hot)
    if not 0 <= validation_size <= len(train_images):
        raise ValueError(
            f"Validation size should be between 0 and {len(train_images)}. Received: {validation_size}.")
    options = {"dtype": dtype, "reshape": reshape, "seed": seed}
    train = DataSet(train_images[validation_size:], train_labels[validation_size:], **options)
    validation = DataSet(train_images[:validation_size], train_labels[:validation_size], **options)
    test = DataSet(test_images, test_labels, **options)
    return Datasets(train=train, validation=validation, test=test)


def load_mnist(train_dir="MNIST-data"):
    """Mirrors TF 1.x ``load_mnist(train_dir='MNIST-data')``."""
    return read_data_sets(train_dir)
