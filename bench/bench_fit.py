"""Per-batch TensorBoard logging cost during Keras 3 ``fit``: tfcompat vs the alternatives.

Runs, in ONE process and alternating round by round (this machine is noisy):

* ``none``        no callback;
* ``floor``       a do-nothing async-safe per-batch callback: the least any
                  per-batch callback costs under Keras 3's async dispatch;
* ``keras3_tb``   Keras 3 ``TensorBoard(update_freq='batch')``;
* ``lambda_sess`` the 2018 way: a ``LambdaCallback`` running a TF1 session
                  (placeholder + summary op + FileWriter) every batch;
* ``tfcompat``    ``tfcompat.TensorboardKeras(update_freq='batch')``.

Model: MLP 64-64-10, batch 32. Prints per-config median ms/step over the rounds
and the ratios to ``floor`` and ``none``. The goal: tfcompat <= 1.05 x floor.

Usage:  python bench/bench_fit.py [--rounds 15] [--steps 300] [--configs none,floor,tfcompat]
        KERAS_BACKEND=jax python bench/bench_fit.py ...   (JAX backend; TensorFlow still installed)
"""

import argparse
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402


def build(keras, seed):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input((32,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(keras.optimizers.SGD(0.01), "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def make_callbacks(name, keras, tf, logdir):
    if name == "none":
        return []
    if name == "floor":

        class Floor(keras.callbacks.Callback):
            async_safe = True

            def on_train_batch_end(self, batch, logs=None):
                pass

        return [Floor()]
    if name == "keras3_tb":
        return [keras.callbacks.TensorBoard(log_dir=logdir, update_freq="batch", write_graph=False)]
    if name == "lambda_sess":
        graph = tf.Graph()
        with graph.as_default():
            loss_ph = tf.compat.v1.placeholder(tf.float32, ())
            acc_ph = tf.compat.v1.placeholder(tf.float32, ())
            tf.compat.v1.summary.scalar("train/loss", loss_ph)
            tf.compat.v1.summary.scalar("train/acc", acc_ph)
            merged = tf.compat.v1.summary.merge_all()
            writer = tf.compat.v1.summary.FileWriter(logdir)
        sess = tf.compat.v1.Session(graph=graph)
        step = [0]

        def on_batch_end(batch, logs):
            step[0] += 1
            s = sess.run(merged, {loss_ph: logs["loss"], acc_ph: logs["accuracy"]})
            writer.add_summary(s, step[0])

        return [keras.callbacks.LambdaCallback(on_batch_end=on_batch_end, on_train_end=lambda logs: writer.flush())]
    if name == "tfcompat":
        import tfcompat

        return [_timed(tfcompat.TensorboardKeras(log_dir=logdir, update_freq="batch"))]
    raise ValueError(name)


SELF_TIME = [0.0]  # seconds spent inside TensorboardKeras hooks (all rounds)


def _timed(cb):
    """Wraps the callback's hooks to add their own run time to SELF_TIME (noise-free cost)."""
    for hook in ("on_train_begin", "on_epoch_begin", "on_train_batch_begin", "on_train_batch_end",
                 "on_epoch_end", "on_train_end"):
        fn = getattr(cb, hook)

        def wrapper(*args, _fn=fn, **kwargs):
            t0 = time.perf_counter()
            try:
                return _fn(*args, **kwargs)
            finally:
                SELF_TIME[0] += time.perf_counter() - t0

        setattr(cb, hook, wrapper)
    return cb


CONFIGS = ("none", "floor", "keras3_tb", "lambda_sess", "tfcompat")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--steps", type=int, default=300, help="batches per timed fit")
    parser.add_argument("--configs", default=",".join(CONFIGS))
    args = parser.parse_args(argv)
    configs = args.configs.split(",")

    import keras
    import tensorflow as tf

    rs = np.random.RandomState(0)
    n = args.steps * 32
    x = rs.randn(n, 32).astype("float32")
    y = rs.randint(0, 10, n).astype("int32")
    root = tempfile.mkdtemp(prefix="bench_fit_")
    models = {c: build(keras, 1) for c in configs}
    # Warm up: trace and compile every model's train function once.
    for c in configs:
        models[c].fit(x[:320], y[:320], batch_size=32, epochs=1, verbose=0,
                      callbacks=make_callbacks(c, keras, tf, os.path.join(root, c, "warm")))
    SELF_TIME[0] = 0.0
    times = {c: [] for c in configs}
    cpu = {c: [] for c in configs}
    tcpu = {c: [] for c in configs}
    for r in range(args.rounds):
        order = configs if r % 2 == 0 else list(reversed(configs))
        for c in order:
            cbs = make_callbacks(c, keras, tf, os.path.join(root, c, f"r{r}"))
            t0, c0, m0 = time.perf_counter(), time.process_time(), time.thread_time()
            models[c].fit(x, y, batch_size=32, epochs=1, verbose=0, shuffle=False, callbacks=cbs)
            times[c].append((time.perf_counter() - t0) / args.steps * 1e3)
            cpu[c].append((time.process_time() - c0) / args.steps * 1e3)
            tcpu[c].append((time.thread_time() - m0) / args.steps * 1e3)
    med = {c: statistics.median(v) for c, v in times.items()}
    med_cpu = {c: statistics.median(v) for c, v in cpu.items()}
    med_tcpu = {c: statistics.median(v) for c, v in tcpu.items()}
    print(f"tensorflow {tf.__version__}, keras {keras.__version__} ({keras.backend.backend()} backend), "
          f"load average {os.getloadavg()[0]:.1f}, {args.rounds} alternating rounds x "
          f"{args.steps} steps, MLP 64-64-10, batch 32, cpus={os.cpu_count()}")
    print("wall = elapsed ms/step; cpu = process CPU ms/step (all threads; less sensitive to other processes);")
    print("paired = median over rounds of (config / floor) measured in the same round.")
    print("min = fastest round (least disturbed by other processes); main = CPU time of the training")
    print("thread (where Keras runs callbacks on the TF backend), the least noisy measure of callback work.")
    print(f"{'config':<12} {'wall':>7} {'vs floor':>9} {'vs none':>8} {'paired':>7} {'min':>7} {'min/floor':>9}"
          f" {'cpu':>7} {'cpu/floor':>9} {'main':>7} {'main/floor':>10}   wall per round")
    for c in configs:
        vs_floor = med[c] / med["floor"] if "floor" in med else float("nan")
        vs_none = med[c] / med["none"] if "none" in med else float("nan")
        paired = (statistics.median(a / b for a, b in zip(times[c], times["floor"]))
                  if "floor" in med else float("nan"))
        cpu_floor = med_cpu[c] / med_cpu["floor"] if "floor" in med_cpu else float("nan")
        rounds = " ".join(f"{t:.2f}" for t in times[c])
        best = min(times[c])
        best_floor = best / min(times["floor"]) if "floor" in med else float("nan")
        main_floor = med_tcpu[c] / med_tcpu["floor"] if "floor" in med_tcpu else float("nan")
        print(f"{c:<12} {med[c]:>7.3f} {vs_floor:>9.3f} {vs_none:>8.3f} {paired:>7.3f} {best:>7.3f} {best_floor:>9.3f}"
              f" {med_cpu[c]:>7.3f} {cpu_floor:>9.3f} {med_tcpu[c]:>7.3f} {main_floor:>10.3f}   {rounds}")
    if "tfcompat" in med:
        per_step_us = SELF_TIME[0] / (args.rounds * args.steps) * 1e6
        print(f"tfcompat hooks' own time: {per_step_us:.1f} us/step "
              f"(= {per_step_us / 1e3 / min(times['tfcompat']) * 100:.2f}% of the fastest tfcompat step)")
    if "tfcompat" in med and "floor" in med:
        for label, ratio in (("median wall", med["tfcompat"] / med["floor"]),
                             ("paired median", statistics.median(
                                 a / b for a, b in zip(times["tfcompat"], times["floor"]))),
                             ("min wall", min(times["tfcompat"]) / min(times["floor"])),
                             ("median training-thread CPU", med_tcpu["tfcompat"] / med_tcpu["floor"])):
            verdict = "OK" if ratio <= 1.05 else "OVER"
            print(f"tfcompat / floor ({label}) = {ratio:.3f} (goal <= 1.05): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
