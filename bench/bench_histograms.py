"""TF1 histograms: tfcompat against TensorFlow's own path, in one process, rotating rounds (medians).

Two workloads:

* ``graph``: 2018 graph code, ``tf.summary.histogram`` of fed placeholders merged with a
  scalar, ``s = sess.run(merged, feed_dict); writer.add_summary(s, step)``: tfcompat.v1
  against ``tf.compat.v1`` in a private graph (Session + TF's FileWriter). Then checks both
  logs hold the same histograms (EventAccumulator).
* ``callback``: a Keras model's weight histograms written at the end of an epoch:
  ``TensorboardKeras(histogram_freq=1)`` and the Keras 2.1 ``TensorBoard(histogram_freq=1)``
  of tfcompat against Keras 3's own ``keras.callbacks.TensorBoard(histogram_freq=1)`` (TF2
  histograms through ``tf.summary``), each calling ``on_epoch_end`` on the same model.

Prints histograms/s per round, medians and the speedups (median of per-round ratios; the
goal is >= 5x).

Usage: python bench/bench_histograms.py [--rounds 7] [--values 1000] [--histograms 4] [--steps 300]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402


def _arrays(step, k, n):
    rs = np.random.RandomState(step)
    return [(rs.randn(n) * (0.1 + i)).astype(np.float32) for i in range(k)]


def _graph_ours(k, n, steps, logdir):
    import tfcompat.v1 as tf

    graph = tf.Graph()
    with graph.as_default():
        phs = [tf.placeholder(tf.float32, [None], name=f"w{i}") for i in range(k)]
        loss = tf.placeholder(tf.float32, name="loss")
        with tf.name_scope("layers"):
            for i, ph in enumerate(phs):
                tf.summary.histogram(f"weights_{i}", ph)
        tf.summary.scalar("loss", loss)
        merged = tf.summary.merge_all()
    sess = tf.Session(graph=graph)
    data = [_arrays(step, k, n) for step in range(steps)]
    t0, c0 = time.perf_counter(), time.process_time()
    writer = tf.summary.FileWriter(logdir)
    for step in range(steps):
        feed = dict(zip(phs, data[step]))
        feed[loss] = 1.0 / (step + 1)
        writer.add_summary(sess.run(merged, feed_dict=feed), step)
    writer.close()
    dt = (time.perf_counter() - t0, time.process_time() - c0)
    sess.close()
    return dt


def _graph_tf(k, n, steps, logdir):
    import tensorflow as tf

    graph = tf.Graph()
    with graph.as_default():
        phs = [tf.compat.v1.placeholder(tf.float32, [None], name=f"w{i}") for i in range(k)]
        loss = tf.compat.v1.placeholder(tf.float32, name="loss")
        with tf.compat.v1.name_scope("layers"):
            for i, ph in enumerate(phs):
                tf.compat.v1.summary.histogram(f"weights_{i}", ph)
        tf.compat.v1.summary.scalar("loss", loss)
        merged = tf.compat.v1.summary.merge_all()
        sess = tf.compat.v1.Session(graph=graph)
        data = [_arrays(step, k, n) for step in range(steps)]
        t0, c0 = time.perf_counter(), time.process_time()
        writer = tf.compat.v1.summary.FileWriter(logdir)
        for step in range(steps):
            feed = dict(zip(phs, data[step]))
            feed[loss] = 1.0 / (step + 1)
            writer.add_summary(sess.run(merged, feed_dict=feed), step)
        writer.close()
        dt = (time.perf_counter() - t0, time.process_time() - c0)
        sess.close()
    return dt


def _model(keras):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10)])
    model.compile("sgd", "mse")
    return model


def _callback(name, keras, logdir):
    if name == "TensorboardKeras":
        import tfcompat

        return tfcompat.TensorboardKeras(log_dir=logdir, histogram_freq=1, write_lr=False)
    if name == "TensorBoard 2.1":
        from tfcompat.keras.callbacks import TensorBoard

        return TensorBoard(log_dir=logdir, histogram_freq=1, write_graph=False)
    return keras.callbacks.TensorBoard(log_dir=logdir, histogram_freq=1, write_graph=False)


def _callback_epochs(name, model, keras, epochs, logdir):
    cb = _callback(name, keras, logdir)
    cb.set_model(model)
    # fit hands Keras 2 callbacks its validation arrays; the 2.1 TensorBoard refuses histograms without them
    # (Keras 2.2's rule) and also writes each layer's output histogram from them.
    rng = np.random.default_rng(0)
    cb.validation_data = [rng.random((32, 784), dtype=np.float32), rng.random((32, 10), dtype=np.float32),
                          np.ones(32, np.float32)]
    cb.set_params({"epochs": epochs, "steps": 1, "verbose": 0})
    cb.on_train_begin()
    t0, c0 = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the 2.1 TensorBoard says once that it has no validation data
        for epoch in range(epochs):
            cb.on_epoch_begin(epoch)
            cb.on_epoch_end(epoch, {"loss": 1.0 / (epoch + 1)})
    cb.on_train_end()
    return time.perf_counter() - t0, time.process_time() - c0


def _histograms_in(logdir):
    from tensorboard.backend.event_processing import event_accumulator as ea

    acc = ea.EventAccumulator(logdir, size_guidance={ea.HISTOGRAMS: 0})
    acc.Reload()
    return {tag: [(e.step, e.histogram_value) for e in acc.Histograms(tag)] for tag in acc.Tags()["histograms"]}


def _histogram_count(logdir):
    from tfcompat.logs import read_histograms

    return sum(len(series) for series in read_histograms(logdir).values())


def _report(title, unit, rates, cpu, ours, peer):
    print(f"\n{title}")
    for name, values in rates.items():
        print(f"  {name:18s} {unit} per round:", " ".join(f"{x:,.0f}" for x in values))
    print("  median:", ", ".join(f"{name} {statistics.median(v):,.0f}" for name, v in rates.items()))
    for name in ours:
        paired = statistics.median(o / p for o, p in zip(rates[name], rates[peer]))
        paired_cpu = statistics.median(p / o for o, p in zip(cpu[name], cpu[peer]))
        print(f"  {name} vs {peer}: {paired:.1f}x faster in wall time, {paired_cpu:.1f}x in process CPU time "
              "(medians of per-round ratios; goal >= 5x)")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--values", type=int, default=1000, help="values per histogram (graph workload)")
    p.add_argument("--histograms", type=int, default=4, help="histograms per step (graph workload)")
    p.add_argument("--steps", type=int, default=300, help="steps per round (graph workload)")
    p.add_argument("--epochs", type=int, default=20, help="epochs per round (callback workload)")
    args = p.parse_args(argv)
    k, n = args.histograms, args.values
    print(f"load average {os.getloadavg()[0]:.1f}; rounds={args.rounds}")

    runners = {"tfcompat.v1": _graph_ours, "tf.compat.v1": _graph_tf}
    for run in runners.values():
        run(k, n, 5, tempfile.mkdtemp())  # warm up
    rates = {name: [] for name in runners}
    cpu = {name: [] for name in runners}
    dirs = {}
    for r in range(args.rounds):
        for name in (list(runners) if r % 2 == 0 else list(runners)[::-1]):
            dirs[name] = tempfile.mkdtemp()
            wall, cpu_s = runners[name](k, n, args.steps, dirs[name])
            rates[name].append(args.steps * k / wall)
            cpu[name].append(cpu_s)
    _report(f"graph: {k} histograms of {n} fed values + 1 scalar per step, {args.steps} steps", "histograms/s",
            rates, cpu, ["tfcompat.v1"], "tf.compat.v1")
    same = _histograms_in(dirs["tfcompat.v1"]) == _histograms_in(dirs["tf.compat.v1"])
    print(f"  histograms identical to tf.compat.v1's (EventAccumulator): {same}")

    import keras

    model = _model(keras)
    names = ["TensorboardKeras", "TensorBoard 2.1", "keras3 TensorBoard"]
    per_epoch = {}
    for name in names:
        warm = tempfile.mkdtemp()
        _callback_epochs(name, model, keras, 2, warm)  # warm up
        per_epoch[name] = _histogram_count(warm) / 2  # the 2.1 TensorBoard adds layer outputs
    crates = {name: [] for name in names}
    ccpu = {name: [] for name in names}
    for r in range(args.rounds):
        for name in names[r % 3:] + names[: r % 3]:
            wall, cpu_s = _callback_epochs(name, model, keras, args.epochs, tempfile.mkdtemp())
            crates[name].append(args.epochs * per_epoch[name] / wall)
            ccpu[name].append(cpu_s)
    sizes = [int(np.prod(w.shape)) for layer in model.layers for w in layer.weights]
    counts = ", ".join(f"{name} {n:g}" for name, n in per_epoch.items())
    _report(f"callback: histograms at epoch end, MLP 784-128-64-10 (weights of {sizes} values; "
            f"histograms per epoch: {counts})",
            "histograms/s", crates, ccpu, ["TensorboardKeras", "TensorBoard 2.1"], "keras3 TensorBoard")
    print(f"load average at the end {os.getloadavg()[0]:.1f} (2 cores)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
