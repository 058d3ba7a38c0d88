"""Reading a 2 GB event file: time and peak RSS of tfcompat against EventAccumulator, in one run.

Two files (generated once; ``--keep DIR`` re-uses them):

* ``blobs``: a real 2 GB file, 1,023 steps of a 2 MB image summary and 5 scalars each;
  read: every scalar (``read_scalars`` / ``EventAccumulator`` scalars);
* ``sparse``: a 2 GB sparse file (no disk): 100 valid events, a hole of zeros (what a
  crash can leave), 100 valid events; read: ``read_scalars(skip_damaged=True)`` and
  ``tfcompat inspect`` (issue 14: > 300 s and 2.1 GB before), EventAccumulator.

Each reader is a whole fresh process; peak RSS is its VmHWM. Usage:
python bench/bench_bigfile.py [--rounds 3] [--keep DIR] [--no-ea]
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import logs_workloads as W  # noqa: E402
from bench_read import run_python  # noqa: E402 (children run with bytecode, VmHWM as peak RSS)

CODE = {
    "tfcompat read_scalars": "from tfcompat.logs import read_scalars\n"
                             "print(sum(len(s) for s in read_scalars(D, skip_damaged=True).values()))\n",
    "tfcompat read_scalars nv": "from tfcompat.logs import read_scalars\n"
                                "print(sum(len(s) for s in read_scalars(D, skip_damaged=True, verify=False).values()))\n",
    "tfcompat inspect": "from tfcompat.cli import main\nrc = main(['inspect', D])\nprint(rc)\n",
    "EventAccumulator": ("from tensorboard.backend.event_processing import event_accumulator as ea\n"
                         "a = ea.EventAccumulator(D, size_guidance={'scalars': 0})\na.Reload()\n"
                         "print(sum(len(a.Scalars(t)) for t in a.Tags()['scalars']))\n"),
}


def bench(name, logdir, expected, rounds, peers):
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(logdir) for f in fs)
    print(f"\n== {name}: {size / 2**30:.2f} GiB, {expected['points']:,} scalars", flush=True)
    times = {p: [] for p in peers}
    rss = {p: [] for p in peers}
    outs = {}
    for r in range(rounds):
        for p in (peers if r % 2 == 0 else peers[::-1]):
            dt, mb, out = run_python(f"D = {logdir!r}\n" + CODE[p], timeout=3600)
            times[p].append(dt)
            rss[p].append(mb)
            outs[p] = out[-1] if out else ""
            print(f"  round {r + 1} {p:26s} {dt:8.2f} s {mb:8.0f} MB  -> {outs[p]}", flush=True)
    base = statistics.median(times[peers[0]])
    print(f"  {'reader':26s} {'median s':>9s} {'peak MB':>8s} {'time / ' + peers[0]:>30s}  read")
    for p in peers:
        med = statistics.median(times[p])
        print(f"  {p:26s} {med:9.2f} {max(rss[p]):8.0f} {med / base:30.2f}  {outs[p]}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--keep", metavar="DIR")
    ap.add_argument("--no-ea", action="store_true")
    ap.add_argument("--only", default="blobs,sparse")
    args = ap.parse_args()
    root = args.keep or tempfile.mkdtemp(prefix="tfcompat-bench-big-")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    try:
        ea = [] if args.no_ea else ["EventAccumulator"]
        if "blobs" in args.only:
            logdir, expected = W.make_big_blobs(root)
            bench("blobs", logdir, expected, args.rounds,
                  ["tfcompat read_scalars", "tfcompat read_scalars nv", "tfcompat inspect"] + ea)
        if "sparse" in args.only:
            logdir, expected = W.make_sparse(root)
            bench("sparse", logdir, expected, args.rounds, ["tfcompat read_scalars", "tfcompat inspect"] + ea)
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
