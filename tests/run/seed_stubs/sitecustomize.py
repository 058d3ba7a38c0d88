"""Test-harness stubs for the seed tutorials (tests/run/test_seeds.py): offline data, tiny epochs.

Python imports ``sitecustomize`` at start-up from the first folder of ``sys.path``
that has one; tests/run/test_seeds.py puts this folder first on ``PYTHONPATH``
of each ``tfcompat run`` subprocess (and sets ``TFCOMPAT_SEED_STUBS=1``). Not one
character of a seed's code changes; only what a test machine lacks or cannot
afford is replaced, when the module that holds it is first imported:

* ``keras.datasets.mnist.load_data`` downloads 11 MB and checks its hash: it
  returns generated arrays of MNIST's dtypes and shapes instead (N_TRAIN and
  N_TEST images, uint8 28x28, labels uint8 0-9), seeded;
* ``Model.fit`` runs at most EPOCHS epochs, and at most STEPS steps per epoch
  and validation steps where the seed gives ``steps_per_epoch`` /
  ``validation_steps`` (the tutorials train 5-100 epochs on 60,000 images);
* ``tensorflow_datasets`` (not installed) is ``tensorflow_datasets.py`` next to
  this file.

Nothing else changes: the seeds' own TensorFlow, Keras and tfcompat code runs.
"""

import importlib.abc
import importlib.machinery
import os
import sys

N_TRAIN = 256
N_TEST = 256
EPOCHS = 2
STEPS = 2


def mnist_arrays():
    """((x_train, y_train), (x_test, y_test)) shaped and typed like keras.datasets.mnist.load_data()."""
    import numpy as np

    rng = np.random.default_rng(0)
    y = rng.integers(0, 10, N_TRAIN + N_TEST).astype("uint8")
    # A class-dependent bright square on noise: learnable, so the logged loss moves.
    x = rng.integers(0, 64, (N_TRAIN + N_TEST, 28, 28)).astype("uint8")
    for i, label in enumerate(y):
        r, c = divmod(int(label), 5)
        x[i, 4 + 10 * r:12 + 10 * r, 2 + 5 * c:6 + 5 * c] = 255
    return (x[:N_TRAIN], y[:N_TRAIN]), (x[N_TRAIN:], y[N_TRAIN:])


def _load_data(path="mnist.npz"):
    return mnist_arrays()


def _patch_mnist(module):
    module.load_data = _load_data


def _patch_trainer(module):
    fit = module.TensorFlowTrainer.fit

    def capped_fit(self, *args, **kwargs):
        kwargs["epochs"] = min(kwargs.get("epochs", 1), EPOCHS)
        for name in ("steps_per_epoch", "validation_steps"):
            if kwargs.get(name) is not None:
                kwargs[name] = min(kwargs[name], STEPS)
        return fit(self, *args, **kwargs)

    capped_fit.__doc__ = fit.__doc__
    module.TensorFlowTrainer.fit = capped_fit


_AFTER_IMPORT = {
    "keras.src.datasets.mnist": _patch_mnist,
    "keras.src.backend.tensorflow.trainer": _patch_trainer,
}


class _Loader(importlib.abc.Loader):
    def __init__(self, loader, patch):
        self.loader, self.patch = loader, patch

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        self.patch(module)


class _AfterImport(importlib.abc.MetaPathFinder):
    """Runs a patch right after one of the modules of ``_AFTER_IMPORT`` is executed."""

    def find_spec(self, name, path, target=None):
        patch = _AFTER_IMPORT.get(name)
        if patch is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader, patch)
        return spec


if os.environ.get("TFCOMPAT_SEED_STUBS") == "1":
    sys.meta_path.insert(0, _AfterImport())
