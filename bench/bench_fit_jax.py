"""Per-batch logging cost of ``tfcompat.TensorboardKeras`` during Keras 3 ``fit`` on the JAX backend, no TensorFlow.

Runs, in ONE process and alternating round by round (the machine is noisy):

* ``none``     no callback;
* ``floor``    a do-nothing async-safe per-batch callback (the least any per-batch callback costs; Keras 3
               dispatches async-safe batch hooks to a thread pool on JAX);
* ``tfcompat`` ``TensorboardKeras(update_freq='batch')`` (every batch's loss and accuracy to an event file).

Keras 3's own ``TensorBoard`` needs TensorFlow and cannot run here. Model: MLP 64-64-10, batch 32. Prints the
median ms/step of each config over the rounds and the ratios to ``floor``; checks that every batch was written.

Usage:  KERAS_BACKEND=jax python bench/bench_fit_jax.py [--rounds 15] [--steps 300]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time

os.environ["KERAS_BACKEND"] = "jax"

import numpy as np  # noqa: E402

CONFIGS = ("none", "floor", "tfcompat")


def build(keras, seed):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((32,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.01), "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def callbacks(name, keras, logdir):
    if name == "none":
        return []
    if name == "floor":
        class Floor(keras.callbacks.Callback):
            async_safe = True

            def on_train_batch_end(self, batch, logs=None):
                pass

        return [Floor()]
    import tfcompat

    return [tfcompat.TensorboardKeras(log_dir=logdir, update_freq="batch", write_lr=False)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--steps", type=int, default=300, help="batches per timed fit")
    args = parser.parse_args(argv)
    import keras

    from tfcompat.logs import read_scalars

    if keras.backend.backend() != "jax":
        sys.exit(f"needs KERAS_BACKEND=jax; got {keras.backend.backend()!r}")
    rs = np.random.RandomState(0)
    x = rs.randn(args.steps * 32, 32).astype("float32")
    y = rs.randint(0, 10, len(x)).astype("int32")
    models = {name: build(keras, 0) for name in CONFIGS}
    for name, model in models.items():  # compile and warm up outside the timing
        model.fit(x[:64], y[:64], batch_size=32, epochs=1, verbose=0, callbacks=callbacks(name, keras, tempfile.mkdtemp()))
    times = {name: [] for name in CONFIGS}
    for r in range(args.rounds):
        order = CONFIGS if r % 2 == 0 else CONFIGS[::-1]
        for name in order:
            logdir = tempfile.mkdtemp(prefix=f"bench-jax-{name}-")
            cbs = callbacks(name, keras, logdir)
            t0 = time.perf_counter()
            models[name].fit(x, y, batch_size=32, epochs=1, verbose=0, callbacks=cbs)
            times[name].append((time.perf_counter() - t0) * 1000 / args.steps)
            if name == "tfcompat" and r == 0:
                steps = read_scalars(logdir)[(".", "batch/loss")].step.tolist()
                assert steps == list(range(1, args.steps + 1)), steps[:5]
    med = {name: statistics.median(v) for name, v in times.items()}
    print(f"keras {keras.__version__} on jax, TensorFlow loaded: {'tensorflow' in sys.modules}; "
          f"{args.rounds} rounds x {args.steps} steps, load average {os.getloadavg()[0]:.1f}")
    for name in CONFIGS:
        spread = f"{min(times[name]):.3f}-{max(times[name]):.3f}"
        print(f"  {name:9s} {med[name]:.3f} ms/step median (range {spread})  x{med[name] / med['floor']:.3f} floor")
    paired = statistics.median(t / f for t, f in zip(times["tfcompat"], times["floor"]))
    print(f"tfcompat / floor: median of medians {med['tfcompat'] / med['floor']:.3f}, paired median {paired:.3f}")


if __name__ == "__main__":
    main()
