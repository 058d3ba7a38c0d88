"""Reading speed and memory of tfcompat.logs against its peers, measured in one run.

Generates a 1,000,000-scalar event file (200,000 TF1 events x 5 tags, ~22 MB)
with tfcompat's EventFileWriter in a temporary directory, then times each
reader as a whole fresh process (imports included), alternating the order
every round, and prints medians, peak RSS and ratios:

* tfcompat ``read_scalars`` (CRCs checked)
* TensorBoard ``EventAccumulator`` (size_guidance 0 = keep all)
* ``tbparse.SummaryReader(...).scalars`` (if installed)
* ``tf.compat.v1.train.summary_iterator`` (if TensorFlow is installed)

Then ``tfcompat inspect`` vs ``tensorboard --inspect`` on a small folder, and
the import time of ``tfcompat.logs``.

Usage: python bench/bench_read.py [--rounds 3] [--events 200000] [--skip tbparse,tf]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PEERS = {
    "tfcompat": (
        "from tfcompat.logs import read_scalars\n"
        "r = read_scalars(D)\n"
        "print(sum(len(s) for s in r.values()))\n"
    ),
    "EventAccumulator": (
        "from tensorboard.backend.event_processing import event_accumulator as ea\n"
        "a = ea.EventAccumulator(D, size_guidance={'scalars': 0})\n"
        "a.Reload()\n"
        "print(sum(len(a.Scalars(t)) for t in a.Tags()['scalars']))\n"
    ),
    "tbparse": (
        "from tbparse import SummaryReader\n"
        "print(len(SummaryReader(D).scalars))\n"
    ),
    "tf summary_iterator": (
        "import os, tensorflow as tf\n"
        "n = 0\n"
        "for f in sorted(os.listdir(D)):\n"
        "    for e in tf.compat.v1.train.summary_iterator(os.path.join(D, f)):\n"
        "        n += len(e.summary.value)\n"
        "print(n)\n"
    ),
}

ENV = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONWARNINGS="ignore")


def run_child(argv):
    """(wall seconds, peak RSS MB, stdout) of one child process, its own rusage via wait4."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stdout.close()
    if p.returncode != 0:
        raise RuntimeError(f"{argv[:3]} exited with {p.returncode}")
    return dt, ru.ru_maxrss / 1024.0, out.decode().strip()


def generate(logdir, n_events):
    import random

    from tfcompat.wire.encode import scalar_value_bytes, summary_bytes, tag_prefix
    from tfcompat.wire.event_writer import EventFileWriter

    rng = random.Random(0)
    prefixes = [tag_prefix(t) for t in ("loss", "accuracy", "val_loss", "val_accuracy", "lr")]
    with EventFileWriter(logdir, max_queue=1000) as w:
        for step in range(n_events):
            w.add_summary_bytes(summary_bytes([scalar_value_bytes(p, rng.random()) for p in prefixes]), step,
                                wall_time=1.6e9 + step * 0.01)


def available(name):
    mod = {"tbparse": "tbparse", "tf summary_iterator": "tensorflow", "EventAccumulator": "tensorboard"}.get(name)
    if mod is None:
        return True
    import importlib.util

    return importlib.util.find_spec(mod) is not None


def bench_big(tmp, rounds, n_events, skip):
    logdir = os.path.join(tmp, "big")
    t0 = time.perf_counter()
    generate(logdir, n_events)
    size = sum(os.path.getsize(os.path.join(logdir, f)) for f in os.listdir(logdir))
    print(f"generated {n_events * 5:,} scalars ({n_events:,} events x 5 tags), {size / 1e6:.1f} MB "
          f"in {time.perf_counter() - t0:.1f} s")
    names = [n for n in PEERS if n not in skip and available(n)]
    times = {n: [] for n in names}
    rss = {n: [] for n in names}
    for r in range(rounds):
        order = names if r % 2 == 0 else names[::-1]
        for name in order:
            code = f"D = {logdir!r}\n" + PEERS[name]
            dt, mb, out = run_child([sys.executable, "-c", code])
            if out.splitlines()[-1] != str(n_events * 5):
                raise RuntimeError(f"{name} read {out!r} scalars, expected {n_events * 5}")
            times[name].append(dt)
            rss[name].append(mb)
            print(f"  round {r + 1} {name:20s} {dt:7.2f} s  {mb:7.0f} MB", flush=True)
    base = statistics.median(times["tfcompat"])
    print(f"\nread {n_events * 5:,} scalars, whole process, median of {rounds} (alternating order):")
    print(f"  {'reader':20s} {'median s':>9s} {'min s':>7s} {'peak RSS MB':>12s} {'x slower than tfcompat':>24s}")
    for name in names:
        med = statistics.median(times[name])
        print(f"  {name:20s} {med:9.2f} {min(times[name]):7.2f} {max(rss[name]):12.0f} {med / base:24.1f}")


def small_folder(tmp):
    from tfcompat.wire.encode import scalar_value_bytes, summary_bytes, tag_prefix
    from tfcompat.wire.event_writer import EventFileWriter

    logdir = os.path.join(tmp, "small")
    for run in ("train", "validation"):
        with EventFileWriter(os.path.join(logdir, run)) as w:
            p = [tag_prefix("loss"), tag_prefix("acc")]
            for step in range(100):
                w.add_summary_bytes(summary_bytes([scalar_value_bytes(x, step * 0.01) for x in p]), step)
    return logdir


def bench_inspect(tmp, rounds):
    logdir = small_folder(tmp)
    cmds = {"tfcompat inspect": [sys.executable, "-m", "tfcompat", "inspect", logdir]}
    tb = shutil.which("tensorboard")
    if tb:
        cmds["tensorboard --inspect"] = [tb, "--inspect", "--logdir", logdir]
    times = {k: [] for k in cmds}
    for r in range(max(rounds, 5)):
        for name in (list(cmds) if r % 2 == 0 else list(cmds)[::-1]):
            times[name].append(run_child(cmds[name])[0])
    base = statistics.median(times["tfcompat inspect"])
    print(f"\ninspect a small folder (2 runs x 200 scalars), whole process, median of {len(times['tfcompat inspect'])}:")
    for name, ts in times.items():
        print(f"  {name:22s} median {statistics.median(ts):6.2f} s  min {min(ts):6.2f} s  "
              f"({statistics.median(ts) / base:.1f}x)")


def bench_import(rounds):
    n = max(15, rounds * 5)
    bare, imp = [], []
    for _ in range(n):
        bare.append(run_child([sys.executable, "-c", "pass"])[0])
        imp.append(run_child([sys.executable, "-c", "import tfcompat.logs"])[0])
    print(f"\nimport tfcompat.logs: {statistics.median(imp) - statistics.median(bare):.3f} s over a bare "
          f"interpreter ({statistics.median(bare):.3f} s), median of {n}; "
          f"best {min(imp) - min(bare):.3f} s over {min(bare):.3f} s")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--skip", default="", help="comma-separated readers to skip: tbparse, tf, EventAccumulator")
    args = ap.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if "tf" in skip:
        skip.add("tf summary_iterator")
    tmp = tempfile.mkdtemp(prefix="tfcompat-bench-read-")
    try:
        bench_big(tmp, args.rounds, args.events, skip)
        bench_inspect(tmp, args.rounds)
        bench_import(args.rounds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
