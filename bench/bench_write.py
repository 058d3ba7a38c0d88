"""The 2018 logging pattern: ``s = sess.run(merged, feed_dict); writer.add_summary(s, step)``.

Measures tfcompat.v1 against TensorFlow's own ``tf.compat.v1`` path in a private
graph (``with g.as_default():`` + ``tf.compat.v1.Session`` + TF's ``FileWriter``),
in alternating rounds in one process, and prints medians and the ratio. Then
checks both logs hold identical tags, steps and values (read back with
TensorBoard's EventAccumulator).

Usage: python bench/bench_write.py [--steps 2000] [--rounds 5] [--scalars 5]
"""

import argparse
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
    t0 = time.perf_counter()
    writer = tf.summary.FileWriter(logdir)
    for step in range(steps):
        s = sess.run(merged, feed_dict=dict(zip(phs, _values(step, n))))
        writer.add_summary(s, step)
    writer.close()
    dt = time.perf_counter() - t0
    sess.close()
    return dt


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
        t0 = time.perf_counter()
        writer = tf.compat.v1.summary.FileWriter(logdir)
        for step in range(steps):
            s = sess.run(merged, feed_dict=dict(zip(phs, _values(step, n))))
            writer.add_summary(s, step)
        writer.close()
        dt = time.perf_counter() - t0
        sess.close()
    return dt


def read_scalars(logdir):
    from tensorboard.backend.event_processing import event_accumulator

    acc = event_accumulator.EventAccumulator(logdir, size_guidance={event_accumulator.SCALARS: 0})
    acc.Reload()
    return {tag: [(e.step, e.value) for e in acc.Scalars(tag)] for tag in sorted(acc.Tags()["scalars"])}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--scalars", type=int, default=5)
    args = p.parse_args(argv)
    n = args.scalars
    run_ours(n, 50, tempfile.mkdtemp())  # warm up: imports, plan cache
    run_tf(n, 50, tempfile.mkdtemp())
    ours, theirs, dirs = [], [], None
    for r in range(args.rounds):
        d_ours, d_tf = tempfile.mkdtemp(prefix="ours"), tempfile.mkdtemp(prefix="tf")
        for name in (("ours", "tf") if r % 2 == 0 else ("tf", "ours")):
            if name == "ours":
                ours.append(args.steps * n / run_ours(n, args.steps, d_ours))
            else:
                theirs.append(args.steps * n / run_tf(n, args.steps, d_tf))
        dirs = (d_ours, d_tf)
    m_ours, m_tf = statistics.median(ours), statistics.median(theirs)
    print(f"steps/round={args.steps} scalars/step={n} rounds={args.rounds}")
    print("tfcompat.v1  scalars/s per round:", " ".join(f"{x:,.0f}" for x in ours))
    print("tf.compat.v1 scalars/s per round:", " ".join(f"{x:,.0f}" for x in theirs))
    print(f"median: tfcompat.v1 {m_ours:,.0f} scalars/s, tf.compat.v1 {m_tf:,.0f} scalars/s, ratio {m_ours / m_tf:.1f}x")
    a, b = read_scalars(dirs[0]), read_scalars(dirs[1])
    same = a == b and len(a) == n and all(len(v) == args.steps for v in a.values())
    print(f"identical tags/steps/values: {same} ({len(a)} tags, {sum(len(v) for v in a.values())} points)")
    if not same:
        print("tags ours:", list(a)[:5], "tags tf:", list(b)[:5])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
