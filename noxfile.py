"""The compatibility matrix, tested: one nox session per cell of the README's table.

    pip install nox
    nox -l                       # the cells
    nox -s newest no_tensorflow  # what CI's single environment covers (CI runs .ci/run, the README's test command)
    nox -s oldest py313 jax torch  # on demand

``oldest`` installs every lower bound declared in setup.cfg exactly (``>=X`` becomes ``==X``), so the declared
floors are the tested ones. Interpreters come from PATH; pyenv's (``~/.pyenv/versions/*/bin``) are added to it.
``torch`` installs ``torch==2.13.0``: on a machine whose pip finds only PyPI that is the CUDA build (GBs), so pass
a CPU wheel index or file there. Extra arguments go to pytest: ``nox -s oldest -- -x tests/v1``.
"""

import configparser
import glob
import os
import pathlib
import re

import nox

ROOT = pathlib.Path(__file__).parent
nox.options.sessions = ["newest", "no_tensorflow"]
nox.options.reuse_existing_virtualenvs = True

_pyenv = sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.*/bin")), reverse=True)
if _pyenv:
    os.environ["PATH"] = os.pathsep.join([os.environ.get("PATH", "")] + _pyenv)


def floors(extras):
    """``name==X`` for every ``name>=X`` of install_requires and of ``extras`` in setup.cfg."""
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    lines = cfg["options"]["install_requires"].splitlines()
    for extra in extras:
        lines += cfg["options.extras_require"][extra].splitlines()
    pins = []
    for line in lines:
        m = re.match(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*>=\s*([0-9][0-9A-Za-z.]*)", line)
        if m:
            name = re.sub(r"\[.*\]", "", m.group(1))
            pins.append(f"{name}=={m.group(2)}")
    return pins


def _pytest(session, *default):
    session.run("python", "-m", "pytest", "-q", "-ra", "-p", "no:cacheprovider", *(session.posargs or default))


_VERSIONS = """
import sys, importlib.metadata as m
names = ("tensorflow-cpu", "tensorflow", "keras", "numpy", "protobuf", "tensorboard", "crc32c", "jax", "torch",
         "fsspec", "pandas", "matplotlib", "pyparsing", "setuptools", "pytest")
found = []
for d in names:
    try:
        found.append(f"{d}=={m.version(d)}")
    except m.PackageNotFoundError:
        pass
print("python==" + sys.version.split()[0], *found)
"""


def _versions(session):
    session.run("python", "-c", _VERSIONS)


@nox.session(python="3.11")
def newest(session):
    """CI's environment (TensorFlow 2.21 CPU, Keras 3.15, JAX, fsspec: the README's test command) plus the local S3
    server's packages (s3fs, moto[server]: minutes to install, so not in CI)."""
    session.install("-e", ".[cpu,test,jax]", "s3fs", "moto[server]")
    _versions(session)
    _pytest(session)


# Not tfcompat's dependencies, but its floors' (the versions those floors were released with), pinned in `oldest`:
# * pyparsing 3.0.6 (November 2021, matplotlib 3.5.0's month): today's pyparsing (3.3) deprecates the names
#   matplotlib up to 3.10.6 calls, a DeprecationWarning at import that the suite's warnings-as-errors turns into
#   failures. Raising our matplotlib floor to 3.10.7 (the first clean one) would make users of 2021-2024 stacks
#   upgrade matplotlib for a warning they do not see (Python hides it), so the floor stays and its era is tested.
# * setuptools 69.1.1 (TensorFlow 2.16.1's month): tensorboard 2.16.2's server imports pkg_resources, which
#   setuptools 81 and later no longer ship (so that tensorboard's server cannot start beside today's setuptools;
#   tfcompat's reading side does not need it). The live-TensorBoard test needs the server.
FLOOR_ERA = ["pyparsing==3.0.6", "setuptools==69.1.1"]


@nox.session(python="3.10")
def oldest(session):
    """Python 3.10, TensorFlow 2.16, Keras 3.12, numpy 1.26, the lowest protobuf and tensorboard: every floor of
    setup.cfg, with the pyparsing and setuptools of their era (FLOOR_ERA)."""
    extras = ["cpu", "test", "plot", "pandas", "fsspec"]
    constraints = pathlib.Path(session.create_tmp()) / "floors.txt"
    constraints.write_text("\n".join(floors(extras) + FLOOR_ERA) + "\n")
    session.log("floors: " + " ".join(floors(extras)) + "; their era: " + " ".join(FLOOR_ERA))
    session.install("-c", str(constraints), *FLOOR_ERA, "-e", f".[{','.join(extras)}]")
    _versions(session)
    _pytest(session)


@nox.session(python="3.13")
def py313(session):
    """Python 3.13 with the newest stack (TensorFlow 2.21 supports 3.10-3.13)."""
    session.install("-e", ".[cpu,test]")
    _versions(session)
    _pytest(session)


@nox.session(python="3.11")
def no_tensorflow(session):
    """The reading side as users install it: no TensorFlow, no Keras, no matplotlib, no pandas."""
    session.install("-e", ".", "pytest", "hypothesis", "ruff", "fsspec")
    session.run("python", "-c", "import importlib.util as u, sys; sys.exit(u.find_spec('tensorflow') is not None)")
    _versions(session)
    _pytest(session)


@nox.session(python="3.11")
def jax(session):
    """Keras 3 on JAX without TensorFlow: TensorboardKeras and the 2.1 TensorBoard; TensorFlow tests skip."""
    session.install("-e", ".[test,jax]")
    _versions(session)
    _pytest(session)


@nox.session(python="3.11")
def torch(session):
    """Keras 3 on PyTorch (CPU) without TensorFlow."""
    session.install("-e", ".[test]", "keras", "torch==2.13.0")
    _versions(session)
    _pytest(session, "tests/keras/test_backends_without_tf.py", "tests/test_no_tensorflow.py")
