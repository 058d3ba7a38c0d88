"""Helpers shared by the tests: event-file builders (no TensorFlow), log writers in the 2018 and
Keras 3 layouts, and :func:`read_back` (TensorBoard's own EventAccumulator, the independent reader).

The event-file builders:

Bytes are framed with tfcompat.wire.records.encode_record and built with
tensorboard's protos, so the reader is checked against an independent encoder.
"""

import importlib.machinery
import os
import pathlib
import struct
import sys

import numpy as np
from tensorboard.compat.proto import (
    event_pb2,
    summary_pb2,
    tensor_pb2,
    tensor_shape_pb2,
    types_pb2,
)

from tfcompat.cli import main as cli_main
from tfcompat.wire.encode import scalar_value_bytes, summary_bytes, tag_prefix
from tfcompat.wire.event_writer import EventFileWriter
from tfcompat.wire.records import encode_record

ROOT = pathlib.Path(__file__).resolve().parent.parent
REAL_LOGS = pathlib.Path(os.environ.get("TFCOMPAT_REAL_LOGS", ROOT.parent / "shared" / "fixtures" / "real-logs"))
SEEDS = pathlib.Path(os.environ.get("TFCOMPAT_SEEDS", ROOT.parent / "shared" / "seeds"))
EXAMPLES = ROOT / "legacy_examples"

DT = {"float16": 19, "float32": 1, "float64": 2, "int32": 3, "int64": 9}


def file_version(wall=1.0):
    return event_pb2.Event(wall_time=wall, file_version="brain.Event:2")


def simple(step, tags_values, wall=None):
    ev = event_pb2.Event(wall_time=float(step) + 0.5 if wall is None else wall, step=step)
    for tag, v in tags_values.items():
        ev.summary.value.add(tag=tag, simple_value=v)
    return ev


def scalar_tensor(value, dtype="float32", content=False):
    """A rank-0 TensorProto as tf.summary.scalar writes it (tensor_content or typed list)."""
    t = tensor_pb2.TensorProto(dtype=DT[dtype], tensor_shape=tensor_shape_pb2.TensorShapeProto())
    arr = np.array(value, dtype=dtype)
    if content:
        t.tensor_content = arr.astype(arr.dtype.newbyteorder("<")).tobytes()
    elif dtype == "float32":
        t.float_val.append(float(arr))
    elif dtype == "float64":
        t.double_val.append(float(arr))
    elif dtype == "float16":
        t.half_val.append(int(arr.view(np.uint16)))
    elif dtype == "int32":
        t.int_val.append(int(arr))
    else:
        t.int64_val.append(int(arr))
    return t


def tensor_event(step, tag, tensor, plugin="scalars", wall=None, metadata=True):
    ev = event_pb2.Event(wall_time=float(step) + 0.25 if wall is None else wall, step=step)
    v = ev.summary.value.add(tag=tag)
    v.tensor.CopyFrom(tensor)
    if metadata and plugin is not None:
        v.metadata.plugin_data.plugin_name = plugin
    return ev


def string_tensor(strings, shape):
    t = tensor_pb2.TensorProto(dtype=7)
    for d in shape:
        t.tensor_shape.dim.add(size=d)
    t.string_val.extend(s if isinstance(s, bytes) else s.encode() for s in strings)
    return t


def float_tensor(arr):
    arr = np.asarray(arr, dtype=np.float64)
    t = tensor_pb2.TensorProto(dtype=2, tensor_content=arr.astype("<f8").tobytes())
    for d in arr.shape:
        t.tensor_shape.dim.add(size=d)
    return t


def histo_event(step, tag, values):
    ev = event_pb2.Event(wall_time=step + 0.75, step=step)
    h = summary_pb2.HistogramProto(min=min(values), max=max(values), num=len(values), sum=sum(values),
                                   sum_squares=sum(x * x for x in values))
    h.bucket_limit.extend([0.0, 1.0, 2.0])
    h.bucket.extend([1.0, 2.0, 3.0])
    ev.summary.value.add(tag=tag, histo=h)
    return ev


def session_start(step, wall=None):
    ev = event_pb2.Event(wall_time=float(step) if wall is None else wall, step=step)
    ev.session_log.status = event_pb2.SessionLog.START
    return ev


def frame(events):
    """Bytes of an event file holding ``events`` (protos or raw bytes)."""
    return b"".join(encode_record(e if isinstance(e, bytes) else e.SerializeToString()) for e in events)


def write(path, events, raw=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(frame(events) if raw is None else raw)
    return path


def ea_scalars(run_dir, tensor_tags=None):
    """What EventAccumulator reports for one folder: {tag: (steps, walls, values)} (scalars + scalar tensors).

    ``tensor_tags``: a set that receives the tags that came from TF2 scalar tensors.
    """
    from tensorboard.backend.event_processing import event_accumulator as ea

    acc = ea.EventAccumulator(str(run_dir), size_guidance={"scalars": 0, "tensors": 0, "histograms": 0,
                                                            "images": 0, "audio": 0})
    acc.Reload()
    out = {}
    for tag in acc.Tags()["scalars"]:
        evs = acc.Scalars(tag)
        out[tag] = ([e.step for e in evs], [e.wall_time for e in evs], [e.value for e in evs])
    for tag in acc.Tags()["tensors"]:
        try:
            plugin = acc.SummaryMetadata(tag).plugin_data.plugin_name
        except KeyError:  # a tensor whose tag never carried metadata: no plugin
            continue
        if plugin != "scalars":
            continue
        from tensorboard.util import tensor_util

        evs = acc.Tensors(tag)
        vals = [float(tensor_util.make_ndarray(e.tensor_proto)) for e in evs]
        steps, walls = [e.step for e in evs], [e.wall_time for e in evs]
        if tag in out:  # same tag written both ways: merge in file order is not knowable here
            raise AssertionError(f"tag {tag!r} is both a scalar and a scalar tensor")
        out[tag] = (steps, walls, vals)
        if tensor_tags is not None:
            tensor_tags.add(tag)
    return out


def ea_rule_tensors(run_dir, tags):
    """TF2 scalar tensors of ``tags`` with EventAccumulator's purge rule applied as it applies it to scalars.

    EventAccumulator never purges tensors; tfcompat applies the rule to them too (README). This replays
    the rule over the events EventAccumulator's own loader yields: file_version >= 2 -> a session_log
    START purges every point with step >= its step; otherwise a summary event whose step is below the
    most recent step purges its own tags' points with step >= its step (before adding its values).
    """
    from tensorboard.backend.event_processing import event_file_loader
    from tensorboard.compat.proto.event_pb2 import SessionLog
    from tensorboard.util import tensor_util

    series = {tag: [] for tag in tags}
    version, recent = None, -1
    for path in sorted(p for p in pathlib.Path(run_dir).iterdir() if "tfevents" in p.name):
        for event in event_file_loader.LegacyEventFileLoader(str(path)).Load():
            if event.HasField("file_version"):
                try:
                    version = float(event.file_version.split("brain.Event:")[-1])
                except ValueError:
                    version = -1.0
            purged = ()
            if version and version >= 2:
                if event.HasField("session_log") and event.session_log.status == SessionLog.START:
                    purged = list(series)
            elif event.step < recent and event.HasField("summary"):
                purged = [v.tag for v in event.summary.value if v.tag in series]
            else:
                recent = event.step
            for tag in purged:
                series[tag] = [p for p in series[tag] if p[0] < event.step]
            for v in event.summary.value:
                if v.tag in series and v.HasField("tensor"):
                    series[v.tag].append((event.step, event.wall_time, float(tensor_util.make_ndarray(v.tensor))))
    return series


def assert_matches_ea(got, run_dir, run=".", tensor_purges=False):
    """``got`` (read_scalars result) equals EventAccumulator's scalars for ``run_dir`` point for point.

    ``tensor_purges``: EventAccumulator never purges TF2 scalar tensors and tfcompat applies its
    purge rules to them too (README); with True the tensor tags are compared, point for point, with
    :func:`ea_rule_tensors` (the rule replayed over the same events).
    """
    tensor_tags = set()
    exp = ea_scalars(run_dir, tensor_tags)
    mine = {tag: s for (r, tag), s in got.items() if r == run}
    assert sorted(mine) == sorted(exp)
    for tag, (steps, walls, vals) in exp.items():
        s = mine[tag]
        if tensor_purges and tag in tensor_tags:
            replayed = ea_rule_tensors(run_dir, [tag])[tag]
            steps, walls, vals = [p[0] for p in replayed], [p[1] for p in replayed], [p[2] for p in replayed]
        assert s.step.tolist() == steps, tag
        assert s.wall_time.tolist() == walls, tag
        np.testing.assert_array_equal(s.value, np.array(vals, dtype=np.float64), err_msg=tag)


# -- reading back with TensorBoard's own reader ---------------------------------------------

def read_back(path):
    """TensorBoard's ``EventAccumulator`` over ``path`` (a run folder, file or URL), everything loaded."""
    from tensorboard.backend.event_processing import event_accumulator as ea

    sizes = {k: 0 for k in (ea.SCALARS, ea.HISTOGRAMS, ea.IMAGES, ea.AUDIO, ea.TENSORS, ea.COMPRESSED_HISTOGRAMS)}
    acc = ea.EventAccumulator(str(path), size_guidance=sizes)
    acc.Reload()
    return acc


def points(acc, tag):
    """``[(step, value), ...]`` of a scalar tag of an accumulator from :func:`read_back`."""
    return [(e.step, e.value) for e in acc.Scalars(tag)]


def real_log_files():
    """All event files under REAL_LOGS (empty when the folder is absent), for parametrize."""
    if not REAL_LOGS.is_dir():
        return []
    return sorted(p for p in REAL_LOGS.rglob("*") if p.is_file() and "tfevents" in p.name)


def real_log_dirs():
    """Every folder of REAL_LOGS that directly holds an event file, for parametrize."""
    return sorted({p.parent for p in real_log_files()})


# -- logs in the 2018 and Keras 3 layouts, and the compare command -----------------------

EPOCHS = 4


T0 = 1_500_000_000.0


def write_tf1(logdir, scalars, steps=None):
    """A TF1 FileWriter log: one event per step holding every tag as simple_value."""
    n = len(next(iter(scalars.values())))
    steps = list(range(n)) if steps is None else steps
    with EventFileWriter(str(logdir)) as w:
        for i, step in enumerate(steps):
            values = [scalar_value_bytes(tag_prefix(t), float(v[i])) for t, v in scalars.items()]
            w.add_summary_bytes(summary_bytes(values), step, wall_time=T0 + i)
    return logdir


def tf2_scalar_event(tag, value, step, wall_time):
    """What tf.summary.scalar writes: a DT_FLOAT scalar tensor with plugin 'scalars'."""
    tensor = tensor_pb2.TensorProto(
        dtype=types_pb2.DT_FLOAT, tensor_shape=tensor_shape_pb2.TensorShapeProto(),
        tensor_content=struct.pack("<f", value),
    )
    meta = summary_pb2.SummaryMetadata(plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars"))
    value = summary_pb2.Summary.Value(tag=tag, tensor=tensor, metadata=meta)
    return event_pb2.Event(wall_time=wall_time, step=step, summary=summary_pb2.Summary(value=[value]))


def write_keras3(logdir, runs, steps=None):
    """The Keras 3 TensorBoard callback layout: logdir/train and logdir/validation, one event per tag."""
    for run, scalars in runs.items():
        n = len(next(iter(scalars.values())))
        run_steps = list(range(n)) if steps is None else steps
        with EventFileWriter(os.path.join(str(logdir), run), style="tf2") as w:
            for i, step in enumerate(run_steps):
                for tag, v in scalars.items():
                    w.add_event(tf2_scalar_event(tag, float(v[i]), step, T0 + i))
    return logdir


def curves(seed=0):
    rng = np.random.default_rng(seed)
    loss = np.exp(-np.arange(EPOCHS) / 3) + rng.uniform(0, 0.05, EPOCHS)
    return {
        "loss": loss, "acc": 1 - loss / 2, "val_loss": loss * 1.1, "val_acc": 1 - loss / 1.8,
        "lr": 0.01 * 0.5 ** np.arange(EPOCHS),
    }


def write_2018(logdir, c):
    """The 2018 TensorboardKeras blog post's names: one run, train/..., val/..., lr."""
    return write_tf1(logdir, {
        "lr": c["lr"], "val/loss": c["val_loss"], "val/acc": c["val_acc"],
        "train/loss": c["loss"], "train/acc": c["acc"],
    })


def write_k3(logdir, c):
    return write_keras3(logdir, {
        "train": {"epoch_accuracy": c["acc"], "epoch_learning_rate": c["lr"], "epoch_loss": c["loss"]},
        "validation": {"epoch_accuracy": c["val_acc"], "epoch_loss": c["val_loss"],
                       "evaluation_loss_vs_iterations": c["val_loss"]},
    })


def run_cli(capsys, *argv):
    """``tfcompat compare ARGV...`` in process: (exit code, stdout, stderr)."""
    rc = cli_main(["compare", *map(str, argv)])
    out, err = capsys.readouterr()
    return rc, out, err


# -- MNIST in the IDX format of the TF1 tutorials -----------------------------------------------

def _write_idx(path, array):
    import gzip

    magic = 2051 if array.ndim == 3 else 2049
    with gzip.open(path, "wb") as f:
        f.write(struct.pack(">" + "I" * (1 + array.ndim), magic, *array.shape))
        f.write(np.ascontiguousarray(array, dtype=np.uint8).tobytes())


def write_mnist_idx(directory, n_train=600, n_test=100, seed=0):
    """The four MNIST ``.gz`` files TF1's ``read_data_sets`` reads, in ``directory``; returns (images, labels).

    Each class gets a bright bar at its own rows over faint noise, so a small net
    learns it in a few dozen steps. Both results are dicts keyed ``train``/``t10k``.
    """
    rng = np.random.RandomState(seed)
    directory = pathlib.Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    images, labels = {}, {}
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        y = rng.randint(0, 10, n)
        x = rng.randint(0, 60, (n, 28, 28))
        for i, c in enumerate(y):
            x[i, 3 + 2 * c:5 + 2 * c, 4:24] = 255
        _write_idx(directory / f"{prefix}-images-idx3-ubyte.gz", x)
        _write_idx(directory / f"{prefix}-labels-idx1-ubyte.gz", y)
        images[prefix], labels[prefix] = x.astype(np.uint8), y.astype(np.uint8)
    return images, labels

# -- a process in which TensorFlow is not installed ------------------------------------------

# pkg_resources too: tensorboard 2.16's server imports it and setuptools 81+ lacks it; the reading side must not need it.
BLOCKED = ("tensorflow", "tf_keras", "tensorflow_cpu", "tensorflow_io", "tensorflow_io_gcs_filesystem", "pkg_resources")


class _PathFinderWithoutTensorFlow(importlib.machinery.PathFinder):
    """The path finder of ``sys.meta_path``, for which TensorFlow (and tf-keras) are not installed.

    ``import tensorflow`` raises ModuleNotFoundError, ``importlib.util.find_spec("tensorflow")`` is None and
    ``importlib.metadata`` lists no TensorFlow distribution, as in an environment without it. A subclass of
    PathFinder, so finders placed before "the path finder" (tfcompat's module rule) still find it.
    """

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            return None
        return super().find_spec(name, path, target)

    @classmethod
    def find_distributions(cls, *args, **kwargs):
        for dist in super().find_distributions(*args, **kwargs):
            name = (dist.metadata["Name"] or "").lower().replace("-", "_")
            if name not in BLOCKED and not name.startswith("tensorflow"):
                yield dist


def block_tensorflow():
    """From now on TensorFlow is not installed for this process, as far as imports can tell.

    Call it first thing in a subprocess (or set ``TFCOMPAT_BLOCK_TF=1`` for pytest: tests/conftest.py calls it),
    before anything imported TensorFlow.
    """
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
    if loaded:
        raise RuntimeError(f"TensorFlow is already imported: {loaded[:3]}")
    sys.meta_path[:] = [_PathFinderWithoutTensorFlow if f is importlib.machinery.PathFinder else f
                        for f in sys.meta_path]
    sys.path_importer_cache.clear()


def no_tf_env(**extra):
    """Environment of a subprocess that starts with :func:`block_tensorflow` (``-c`` scripts run from ROOT)."""
    env = dict(os.environ, **extra)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


NO_TF_PRELUDE = "from tests.support import block_tensorflow\nblock_tensorflow()\n"
