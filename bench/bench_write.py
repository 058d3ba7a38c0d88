"""The 2018 logging pattern: ``s = sess.run(merged, feed_dict); writer.add_summary(s, step)``.

Measures, in rotating rounds in one process (medians; this machine is noisy):

* ``tfcompat.v1``: the pattern on tfcompat.v1 (placeholders, ``summary.scalar``,
  ``merge_all``, ``Session``, ``FileWriter``);
* ``floor``: a plain loop over tfcompat.wire.encode's byte builders
  (``scalar_value_bytes`` per value, ``summary_bytes``) into the same
  ``EventFileWriter`` with FileWriter's defaults: the least the pattern can cost;
* ``tf.compat.v1``: TensorFlow's own path in a private graph (``with
  g.as_default():`` + ``tf.compat.v1.Session`` + TF's ``FileWriter``);
* ``tensorboardX``: ``SummaryWriter.add_scalar`` per value, if it is installed.

Prints scalars/s per round, the medians, the path/floor time ratio (median of the
per-round ratios; the goal is <= 1.3) and the speedups over the peers; then
checks that all logs hold identical tags, steps and values (EventAccumulator).

Usage: python bench/bench_write.py [--steps 5000] [--rounds 7] [--scalars 5]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time

import numpy as np


def _values(step, n):
    # Mixed python floats and numpy scalars, as training loops feed them.
    base = 1.0 / (step + 1)
    return [base * (i + 1) if i % 2 == 0 else np.float32(base + i) for i in range(n)]


def build_ours(n):
    import tfcompat.v1 as tf

    tf.reset_default_graph()
    phs = []
    with tf.name_scope("train"):
        for i in range(n):
            ph = tf.placeholder(tf.float32, name=f"v{i}")
            tf.summary.scalar(f"metric_{i}", ph)
            phs.append(ph)
    merged = tf.summary.merge_all()
    sess = tf.Session()
    return tf, phs, merged, sess


def run_ours(n, steps, logdir):
    tf, phs, merged, sess = build_ours(n)
    t0, c0 = time.perf_counter(), time.process_time()
    writer = tf.summary.FileWriter(logdir)
    for step in range(steps):
        s = sess.run(merged, feed_dict=dict(zip(phs, _values(step, n))))
        writer.add_summary(s, step)
    writer.close()
    dt = (time.perf_counter() - t0, time.process_time() - c0)
    sess.close()
    return dt


def run_floor(n, steps, logdir):
    from tfcompat.wire.encode import scalar_value_bytes, summary_bytes, tag_prefix
    from tfcompat.wire.event_writer import EventFileWriter

    prefixes = [tag_prefix(f"train/metric_{i}") for i in range(n)]
    t0, c0 = time.perf_counter(), time.process_time()
    writer = EventFileWriter(logdir)
    for step in range(steps):
        summary = summary_bytes([scalar_value_bytes(p, v) for p, v in zip(prefixes, _values(step, n))])
        writer.add_summary_bytes(summary, step)
    writer.close()
    return time.perf_counter() - t0, time.process_time() - c0


def run_tbx(n, steps, logdir):
    from tensorboardX import SummaryWriter

    tags = [f"train/metric_{i}" for i in range(n)]
    t0, c0 = time.perf_counter(), time.process_time()
    writer = SummaryWriter(logdir)
    for step in range(steps):
        for tag, value in zip(tags, _values(step, n)):
            writer.add_scalar(tag, value, step)
    writer.close()
    return time.perf_counter() - t0, time.process_time() - c0


def run_tf(n, steps, logdir):
    import tensorflow as tf

    g = tf.Graph()
    with g.as_default():
        phs = []
        with tf.compat.v1.name_scope("train"):
            for i in range(n):
                ph = tf.compat.v1.placeholder(tf.float32, name=f"v{i}")
                tf.compat.v1.summary.scalar(f"metric_{i}", ph)
                phs.append(ph)
        merged = tf.compat.v1.summary.merge_all()
        sess = tf.compat.v1.Session(graph=g)
        t0, c0 = time.perf_counter(), time.process_time()
        writer = tf.compat.v1.summary.FileWriter(logdir)
        for step in range(steps):
            s = sess.run(merged, feed_dict=dict(zip(phs, _values(step, n))))
            writer.add_summary(s, step)
        writer.close()
        dt = (time.perf_counter() - t0, time.process_time() - c0)
        sess.close()
    return dt


def read_scalars(logdir):
    from tensorboard.backend.event_processing import event_accumulator

    acc = event_accumulator.EventAccumulator(logdir, size_guidance={event_accumulator.SCALARS: 0})
    acc.Reload()
    return {tag: [(e.step, e.value) for e in acc.Scalars(tag)] for tag in sorted(acc.Tags()["scalars"])}


RUNNERS = {"tfcompat.v1": run_ours, "floor": run_floor, "tf.compat.v1": run_tf, "tensorboardX": run_tbx}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=5000)
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--scalars", type=int, default=5)
    args = p.parse_args(argv)
    n = args.scalars
    names = list(RUNNERS)
    try:
        import tensorboardX  # noqa: F401
    except ImportError:
        names.remove("tensorboardX")
        print("tensorboardX is not installed: not measured")
    for name in names:
        RUNNERS[name](n, 50, tempfile.mkdtemp())  # warm up: imports, plan cache
    rates = {name: [] for name in names}
    cpu = {name: [] for name in names}  # process CPU seconds per timed loop: steadier than wall time when busy
    dirs = {}
    load = os.getloadavg()[0]
    for r in range(args.rounds):
        order = names[r % len(names):] + names[: r % len(names)]  # rotate: none always runs first
        for name in order:
            dirs[name] = tempfile.mkdtemp(prefix=name.replace(".", "_"))
            wall, cpu_s = RUNNERS[name](n, args.steps, dirs[name])
            rates[name].append(args.steps * n / wall)
            cpu[name].append(cpu_s)
    load = max(load, os.getloadavg()[0])
    print(f"steps/round={args.steps} scalars/step={n} rounds={args.rounds} load average up to {load:.1f} (2 cores)")
    for name in names:
        print(f"{name:13s} scalars/s per round:", " ".join(f"{x:,.0f}" for x in rates[name]))
    med = {name: statistics.median(v) for name, v in rates.items()}
    print("median scalars/s:", ", ".join(f"{name} {med[name]:,.0f}" for name in names))
    floor_ratio = statistics.median(f / o for o, f in zip(rates["tfcompat.v1"], rates["floor"]))
    cpu_ratio = statistics.median(o / f for o, f in zip(cpu["tfcompat.v1"], cpu["floor"]))
    print(f"tfcompat.v1 / floor: wall time {floor_ratio:.2f}, CPU time {cpu_ratio:.2f} "
          "(medians of per-round ratios; goal <= 1.3)")
    for peer in ("tf.compat.v1", "tensorboardX"):
        if peer in med:
            paired = statistics.median(o / t for o, t in zip(rates["tfcompat.v1"], rates[peer]))
            print(f"tfcompat.v1 vs {peer}: {paired:.1f}x faster (median of per-round ratios)")
    reference = read_scalars(dirs["tf.compat.v1"])
    ok = len(reference) == n and all(len(v) == args.steps for v in reference.values())
    for name in names:
        same = read_scalars(dirs[name]) == reference
        print(f"{name}: tags/steps/values identical to tf.compat.v1's: {same}")
        ok = ok and same
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
