"""``tfcompat compare`` against the do-it-yourself peer, measured in one run.

Generates a 2018-layout TF1 log (one run: train/loss, train/acc, val/loss,
val/acc, lr; simple_value) and the same values in the Keras 3 layout (runs
train/ and validation/, epoch_* float tensors + plugin 'scalars'), then times,
as whole fresh processes (imports included), alternating the order each round:

* ``tfcompat compare OLD NEW --preset 2018`` (exit status 0 expected)
* the peer: TensorBoard ``EventAccumulator`` per run, a hand-written name map,
  then ``numpy.isclose`` on the common steps (what people write today)
* ``tbparse.SummaryReader`` on both folders + the same map and pandas merge (if installed)

Prints medians and ratios (peer / tfcompat).

Usage: python bench/bench_compare.py [--rounds 5] [--steps 20000] [--skip tbparse]
"""

import argparse
import importlib.util
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time

MAP = {
    ".:train/loss": ("train", "epoch_loss"), ".:train/acc": ("train", "epoch_accuracy"),
    ".:val/loss": ("validation", "epoch_loss"), ".:val/acc": ("validation", "epoch_accuracy"),
    ".:lr": ("train", "epoch_learning_rate"),
}

PEERS = {
    "tfcompat compare": None,  # the CLI itself
    "EventAccumulator+numpy": (
        "import os, numpy as np\n"
        "from tensorboard.backend.event_processing import event_accumulator as ea\n"
        "def load(d, run, tensors):\n"
        "    a = ea.EventAccumulator(os.path.join(d, run), size_guidance={'scalars': 0, 'tensors': 0})\n"
        "    a.Reload()\n"
        "    out = {}\n"
        "    if tensors:\n"
        "        for t in a.Tags()['tensors']:\n"
        "            ev = a.Tensors(t)\n"
        "            vals = [np.frombuffer(e.tensor_proto.tensor_content, '<f4')[0] for e in ev]\n"
        "            out[t] = (np.array([e.step for e in ev]), np.array(vals, float))\n"
        "    else:\n"
        "        for t in a.Tags()['scalars']:\n"
        "            ev = a.Scalars(t)\n"
        "            out[t] = (np.array([e.step for e in ev]), np.array([e.value for e in ev], float))\n"
        "    return out\n"
        "old = load(OLD, '.', False)\n"
        "new = {r: load(NEW, r, True) for r in ('train', 'validation')}\n"
        "bad = 0\n"
        "for k, (run, tag) in MAP.items():\n"
        "    so, vo = old[k[2:]]; sn, vn = new[run][tag]\n"
        "    c, i, j = np.intersect1d(so, sn, return_indices=True)\n"
        "    bad += int((~np.isclose(vn[j], vo[i], rtol=1e-6, atol=0, equal_nan=True)).sum())\n"
        "print(bad)\n"
    ),
    "tbparse+pandas": (
        "import pandas as pd\n"
        "from tbparse import SummaryReader\n"
        "o = SummaryReader(OLD, extra_columns={'dir_name'}).scalars\n"
        "n = SummaryReader(NEW, extra_columns={'dir_name'}).tensors  # TF2 scalars are tensors to tbparse\n"
        "o['key'] = o['tag'].map(lambda t: MAP.get('.:' + t))\n"
        "n['key'] = list(zip(n['dir_name'], n['tag']))\n"
        "m = o.dropna(subset=['key']).merge(n, on=['key', 'step'], suffixes=('_o', '_n'))\n"
        "d = (m['value_n'] - m['value_o']).abs() > 1e-6 * m['value_o'].abs()\n"
        "print(int(d.sum()))\n"
    ),
}

ENV = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONWARNINGS="ignore")


def write_logs(root, steps):
    """The same curves in the 2018 layout (OLD) and the Keras 3 layout (NEW)."""
    import numpy as np
    from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, tensor_shape_pb2, types_pb2

    from tfcompat.wire.encode import scalar_value_bytes, summary_bytes, tag_prefix
    from tfcompat.wire.event_writer import EventFileWriter

    rng = np.random.default_rng(0)
    loss = np.exp(-np.arange(steps) / steps * 5) + rng.uniform(0, 0.01, steps)
    curves = {"train/loss": loss, "train/acc": 1 - loss / 2, "val/loss": loss * 1.1,
              "val/acc": 1 - loss / 1.8, "lr": np.full(steps, 0.01)}
    old = os.path.join(root, "old")
    with EventFileWriter(old, max_queue=1000) as w:
        prefixes = {t: tag_prefix(t) for t in curves}
        for i in range(steps):
            w.add_summary_bytes(summary_bytes([scalar_value_bytes(prefixes[t], float(v[i])) for t, v in curves.items()]),
                                i, wall_time=1.5e9 + i)
    new = os.path.join(root, "new")
    meta = summary_pb2.SummaryMetadata(plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars"))
    shape = tensor_shape_pb2.TensorShapeProto()
    for run in ("train", "validation"):
        with EventFileWriter(os.path.join(new, run), max_queue=1000, style="tf2") as w:
            for old_key, (r, tag) in MAP.items():
                if r != run:
                    continue
                values = curves[old_key[2:]]
                for i in range(steps):
                    t = tensor_pb2.TensorProto(dtype=types_pb2.DT_FLOAT, tensor_shape=shape,
                                               tensor_content=struct.pack("<f", float(values[i])))
                    v = summary_pb2.Summary.Value(tag=tag, tensor=t, metadata=meta)
                    w.add_event(event_pb2.Event(wall_time=1.5e9 + i, step=i, summary=summary_pb2.Summary(value=[v])))
    return old, new


def run_child(argv):
    t0 = time.perf_counter()
    p = subprocess.run(argv, capture_output=True, text=True, env=ENV)
    return time.perf_counter() - t0, p.returncode, p.stdout.strip().splitlines()[-1:] or [""]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--steps", type=int, default=20000)
    ap.add_argument("--skip", default="", help="comma-separated peers to skip: tbparse,EventAccumulator")
    args = ap.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    peers = [p for p in PEERS if not any(s in p for s in skip)]
    if "tbparse+pandas" in peers and importlib.util.find_spec("tbparse") is None:
        peers.remove("tbparse+pandas")
    root = tempfile.mkdtemp(prefix="bench_compare_")
    try:
        old, new = write_logs(root, args.steps)
        print(f"{args.steps} steps x 5 tags per side ({args.steps * 5} scalars each), {args.rounds} rounds")
        times = {p: [] for p in peers}
        for r in range(args.rounds):
            order = peers if r % 2 == 0 else peers[::-1]
            for p in order:
                if PEERS[p] is None:
                    argv = [sys.executable, "-m", "tfcompat", "compare", old, new, "--preset", "2018", "-q"]
                else:
                    code = f"OLD, NEW, MAP = {old!r}, {new!r}, {MAP!r}\n" + PEERS[p]
                    argv = [sys.executable, "-c", code]
                dt, rc, last = run_child(argv)
                times[p].append(dt)
                if r == 0:
                    print(f"  {p}: exit {rc}, last line {last[0]!r}")
        base = statistics.median(times["tfcompat compare"])
        for p in peers:
            med = statistics.median(times[p])
            print(f"{p:24s} median {med:7.3f} s   ratio vs tfcompat {med / base:5.2f}x   (all: "
                  + ", ".join(f"{t:.2f}" for t in times[p]) + ")")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
