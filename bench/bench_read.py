"""Reading speed and memory of tfcompat.logs against TensorBoard's Rust data server and EventAccumulator, in one run.

Workloads (generated once into a temporary folder with tfcompat's byte builders):

* ``scalars_1m``  1,000,000 TF1 scalars: 200,000 events x 5 tags, one file (22 MB)
* ``scalars_10m`` 10,000,000 TF1 scalars: 2,000,000 events x 5 tags, one file (220 MB)
* ``runs_1000``   1,000 runs of one small file each (20 steps x 2 scalars)
* ``hist_10k``    10,000 TF1 histograms of 1,000 values each (10 tags x 1,000 steps)
* ``images_2k``   2,000 TF1 PNG images, 32x32 RGB (2 tags x 1,000 steps)

Peers, each a whole fresh process (imports included), in alternating order every round:

* ``tfcompat``: ``read_scalars`` / ``read_histograms`` / ``read_images`` with every CRC checked;
  ``tfcompat nv``: the same with ``verify=False`` (length CRCs only);
* ``rust``: TensorBoard's data server, ``--reload once``, sampling ``all``, polled over gRPC
  until every run and tag is listed at its last step (see bench/rustboard.py: the time to
  transfer the points to a client is not counted); by default it checksums nothing;
* ``EventAccumulator`` (size guidance 0: keep all), where it finishes in reasonable time.

The tfcompat child also reports the read alone (after its imports): the rest of its time is
the interpreter's and numpy's start-up, which no reading speed removes. Images are read without
numpy, so their child does not import it (their "read alone" includes tfcompat's own imports).

Beside them, the start-up any Python reader pays before reading a byte (measured in the same run): a
bare interpreter as the children start (``python -c pass``), the least a Python process costs
(``python -I -S -c pass``: no site, no path finders), and ``import numpy`` on top of the former.
The summary sets each workload's 2x target (half the server's median) against that floor.

Then ``tfcompat export`` of 1M rows (CSV and JSON, whole process and the writing alone, against
csv.writer, pandas ``to_csv`` and json.dump), and a cold ``tfcompat inspect`` of a small log dir.
Prints medians, min, peak RSS (VmHWM) and ratios (peer time / tfcompat time).

Usage: python bench/bench_read.py [--rounds 3] [--only scalars_1m,runs_1000,...] [--no-ea] [--keep DIR]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import logs_workloads as W  # noqa: E402 (bench/ holds the shared modules)
import rustboard  # noqa: E402

# Children run as an installed package does: with compiled bytecode (pip writes it at install). This
# sandbox sets PYTHONDONTWRITEBYTECODE, which would make every child compile tfcompat's sources
# again (tens of ms); the bytecode goes to a private cache, never into the source tree.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.update(TF_CPP_MIN_LOG_LEVEL="3", PYTHONWARNINGS="ignore",
           PYTHONPYCACHEPREFIX=os.path.join(tempfile.gettempdir(), "tfcompat-bench-pycache"))
HWM = ("\nwith open('/proc/self/status') as _f:\n"
       "    print('HWM', [int(x.split()[1]) for x in _f if x.startswith('VmHWM:')][0] / 1024)\n")

# the child also prints how long the read itself took (after its imports): the rest is start-up
READ = {
    "scalars": "from tfcompat.logs import read_scalars as f\nr = f(D, verify=V)\n",
    "histograms": "from tfcompat.logs import read_histograms as f\nr = f(D)\n",
    "images": "from tfcompat.logs import read_images as f\nr = f(D)\n",
}
TIMED = ("import time\n{numpy}_t0 = time.perf_counter()\n{read}"
         "print('READ', time.perf_counter() - _t0)\nprint(sum(len(s) for s in r.values()))\n")
# numpy is imported before the clock starts only where the result holds numpy arrays: images are read
# without it, and importing it anyway would charge them what they do not spend
NEEDS_NUMPY = {"scalars", "histograms"}
EA = {
    "scalars": ("from tensorboard.backend.event_processing import event_accumulator as ea\n"
                "a = ea.EventAccumulator(D, size_guidance={'scalars': 0})\na.Reload()\n"
                "print(sum(len(a.Scalars(t)) for t in a.Tags()['scalars']))\n"),
    "histograms": ("from tensorboard.backend.event_processing import event_accumulator as ea\n"
                   "a = ea.EventAccumulator(D, size_guidance={'histograms': 0})\na.Reload()\n"
                   "print(sum(len(a.Histograms(t)) for t in a.Tags()['histograms']))\n"),
    "images": ("from tensorboard.backend.event_processing import event_accumulator as ea\n"
               "a = ea.EventAccumulator(D, size_guidance={'images': 0})\na.Reload()\n"
               "print(sum(len(a.Images(t)) for t in a.Tags()['images']))\n"),
}

WORKLOADS = {
    "scalars_1m": lambda root: W.make_scalars(root, 200_000),
    "scalars_10m": lambda root: W.make_scalars(root, 2_000_000),
    "runs_1000": lambda root: W.make_runs(root, 1000),
    "hist_10k": lambda root: W.make_histograms(root, 10_000),
    "images_2k": lambda root: W.make_images(root, 2_000),
}
EA_OK = {"scalars_1m", "hist_10k", "images_2k"}  # EventAccumulator on 10M scalars takes minutes and GBs


def run_python(code, timeout=1800):
    """(wall seconds, peak RSS MB, stdout lines) of ``python -c code`` as a fresh process."""
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code + HWM], capture_output=True, text=True, env=ENV, timeout=timeout)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(f"child failed ({r.returncode}): {r.stderr[-2000:]}")
    lines = r.stdout.strip().splitlines()
    return dt, float(lines[-1].split()[1]), lines[:-1]


def peers_for(name, kind, logdir, expected, use_ea):
    code = TIMED.format(read=READ[kind], numpy="import numpy\n" if kind in NEEDS_NUMPY else "")
    out = {
        "tfcompat": lambda: run_python(f"D = {logdir!r}\nV = True\n" + code),
    }
    if kind == "scalars":
        out["tfcompat nv"] = lambda: run_python(f"D = {logdir!r}\nV = False\n" + code)
    out["rust"] = lambda: rustboard.load_time(logdir, expected) + ([str(expected["points"])],)
    if use_ea and name in EA_OK:
        out["EventAccumulator"] = lambda: run_python(f"D = {logdir!r}\n" + EA[kind])
    return out


def startup_floor(rounds):
    """Medians (s) of what a fresh Python process costs before it reads: as the children start, in the least
    a Python process can (isolated, no site), and with numpy imported (the scalar and histogram results)."""
    n = max(9, rounds * 3)
    code = {"interpreter": "pass", "import numpy": "import numpy"}
    times = {"interpreter": [], "interpreter -I -S": [], "import numpy": []}
    for _ in range(n):
        for name, c in code.items():
            times[name].append(run_python(c)[0])
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-I", "-S", "-c", "pass"], env=ENV, check=True)
        times["interpreter -I -S"].append(time.perf_counter() - t0)
    out = {k: statistics.median(v) for k, v in times.items()}
    print(f"\n== start-up before any read, median of {n}: " + ", ".join(f"{k} {v:.3f} s" for k, v in out.items()))
    return out


def bench_workload(name, root, rounds, use_ea):
    t0 = time.perf_counter()
    logdir, expected = WORKLOADS[name](root)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(logdir) for f in fs)
    print(f"\n== {name}: {expected['points']:,} {expected['kind']} points, {expected['runs']} run(s), "
          f"{size / 1e6:.1f} MB (ready in {time.perf_counter() - t0:.1f} s)", flush=True)
    peers = peers_for(name, expected["kind"], logdir, expected, use_ea)
    times = {p: [] for p in peers}
    rss = {p: [] for p in peers}
    reads = {p: [] for p in peers}
    for r in range(rounds):
        order = list(peers) if r % 2 == 0 else list(peers)[::-1]
        for p in order:
            dt, mb, out = peers[p]()
            if p != "rust" and out[-1] != str(expected["points"]):
                raise RuntimeError(f"{p} read {out[-1]} points, expected {expected['points']}")
            read = [float(line.split()[1]) for line in out if line.startswith("READ ")]
            reads[p] += read
            times[p].append(dt)
            rss[p].append(mb)
            note = f"  (the read itself {read[0]:.3f} s)" if read else ""
            print(f"  round {r + 1} {p:18s} {dt:7.3f} s {mb:8.0f} MB{note}", flush=True)
    base = statistics.median(times["tfcompat"])
    print(f"  {'peer':18s} {'median s':>9s} {'min s':>8s} {'peak MB':>8s} {'time / tfcompat':>16s}  read alone")
    for p in peers:
        med = statistics.median(times[p])
        alone = f"{statistics.median(reads[p]):9.3f}" if reads[p] else ""
        print(f"  {p:18s} {med:9.3f} {min(times[p]):8.3f} {max(rss[p]):8.0f} {med / base:16.2f}  {alone}")
    return expected["kind"], {p: (statistics.median(times[p]), max(rss[p]),
                                  statistics.median(reads[p]) if reads[p] else None) for p in peers}


# Exporting 1M rows, each peer a fresh process that reads with read_scalars and writes OUT: the
# peers write the same bytes tfcompat writes (csv.writer row by row with repr floats, json.dump of
# the whole list) or pandas' own CSV (to_csv, its float format).
EXPORT_READ = "import time\nfrom tfcompat.logs import read_scalars\nm = read_scalars(D)\n"
EXPORT_WRITERS = {
    # tfcompat as its CLI writes: the bytes of each block to the binary file
    "tfcompat --csv": ("from tfcompat.cli._export import csv_blocks\n"
                       "def write(f):\n    for b in csv_blocks(m): f.buffer.write(b)\n"),
    "csv.writer": (
        "import csv\n"
        "def write(f):\n"
        "    w = csv.writer(f, lineterminator='\\n')\n"
        "    w.writerow(('run', 'tag', 'step', 'wall_time', 'value'))\n"
        "    for (run, tag), s in m.items():\n"
        "        n = len(s)\n"
        "        w.writerows(zip([run] * n, [tag] * n, s.step.tolist(), map(repr, s.wall_time.tolist()),\n"
        "                        map(repr, s.value.tolist())))\n"),
    "pandas to_csv": ("from tfcompat.logs import scalars_to_pandas\n"
                      "def write(f): scalars_to_pandas(m).to_csv(f, index=False)\n"),
    "tfcompat --json": ("from tfcompat.cli._export import json_blocks\n"
                        "def write(f):\n    for b in json_blocks(m): f.buffer.write(b)\n"),
    "json.dump": (
        "import json\nfrom tfcompat.logs._series import json_float\n"
        "def write(f):\n"
        "    json.dump([{'run': r, 'tag': t, 'step': s.step.tolist(), 'wall_time': s.wall_time.tolist(),\n"
        "               'value': [json_float(v) for v in s.value.tolist()]} for (r, t), s in m.items()],\n"
        "              f, allow_nan=False)\n    f.write('\\n')\n"),
}
BASE = {"tfcompat --csv": "tfcompat --csv", "csv.writer": "tfcompat --csv", "pandas to_csv": "tfcompat --csv",
        "tfcompat --json": "tfcompat --json", "json.dump": "tfcompat --json"}


def bench_export(root, rounds):
    """Export of 1M rows: whole processes (tfcompat's CLI, and the peers reading with read_scalars and
    writing with the stdlib or pandas), then the writing alone in one process (median of the rounds)."""
    logdir, _ = W.make_scalars(root, 200_000)
    out = os.path.join(root, "export.out")
    whole = {
        "tfcompat --csv": f"from tfcompat.cli import main\nassert main(['export', {logdir!r}, '--csv', {out!r}]) == 0\n",
        "tfcompat --json": f"from tfcompat.cli import main\nassert main(['export', {logdir!r}, '--json', {out!r}]) == 0\n",
    }
    for name in ("csv.writer", "pandas to_csv", "json.dump"):
        whole[name] = (f"D = {logdir!r}\n" + EXPORT_READ + EXPORT_WRITERS[name]
                       + f"with open({out!r}, 'w', newline='', encoding='utf-8') as f:\n    write(f)\n")
    print(f"\n== export of 1,000,000 rows (run, tag, step, wall_time, value): whole process, {rounds} round(s)",
          flush=True)
    times = {p: [] for p in whole}
    for r in range(rounds):
        for p in (list(whole) if r % 2 == 0 else list(whole)[::-1]):
            times[p].append(run_python(whole[p])[0])
    _print_export(times)

    alone = f"D = {logdir!r}\nOUT = {out!r}\nROUNDS = {rounds}\n" + EXPORT_READ + "import json\nwriters = {}\n"
    for name, code in EXPORT_WRITERS.items():
        alone += code + f"writers[{name!r}] = write\n"
    alone += (
        "times = {p: [] for p in writers}\n"
        "for r in range(ROUNDS):\n"
        "    for p in (list(writers) if r % 2 == 0 else list(writers)[::-1]):\n"
        "        with open(OUT + '.' + p.replace(' ', '_'), 'w', newline='', encoding='utf-8') as f:\n"
        "            t0 = time.perf_counter()\n"
        "            writers[p](f)\n"
        "            f.flush()\n"
        "            times[p].append(time.perf_counter() - t0)\n"
        "def same(a, b):\n"
        "    with open(OUT + '.' + a.replace(' ', '_'), 'rb') as x, open(OUT + '.' + b.replace(' ', '_'), 'rb') as y:\n"
        "        return x.read() == y.read()\n"
        "print(json.dumps(times))\n"
        "print(json.dumps([same('tfcompat --csv', 'csv.writer'), same('tfcompat --json', 'json.dump')]))\n")
    print(f"  the writing alone (one process, the 1M rows already read), {rounds} round(s):", flush=True)
    lines = run_python(alone)[2]
    _print_export(json.loads(lines[0]))
    csv_same, json_same = json.loads(lines[1])
    print(f"  tfcompat's bytes identical to csv.writer's: {csv_same}; to json.dump's: {json_same}")


def _print_export(times):
    print(f"  {'writer':18s} {'median s':>9s} {'min s':>8s} {'time / tfcompat':>16s}")
    for p, ts in times.items():
        med = statistics.median(ts)
        ratio = med / statistics.median(times[BASE[p]])
        print(f"  {p:18s} {med:9.3f} {min(ts):8.3f} {ratio:15.2f}x")


def bench_inspect(root, rounds):
    logdir, _ = W.make_small(root)
    code = f"import sys\nfrom tfcompat.cli import main\nmain(['inspect', {logdir!r}])\n"
    bare, ts = [], []
    for _ in range(max(rounds, 7)):
        bare.append(run_python("pass")[0])
        ts.append(run_python(code)[0])
    tb = shutil.which("tensorboard") or shutil.which("tensorboard", path=os.path.dirname(sys.executable))
    print(f"\n== cold `tfcompat inspect` of a small log dir (2 runs x 200 scalars), whole process, median of {len(ts)}: "
          f"{statistics.median(ts):.3f} s (min {min(ts):.3f}); a bare interpreter: {statistics.median(bare):.3f} s")
    if tb:
        t = [time.perf_counter()]
        subprocess.run([tb, "--inspect", "--logdir", logdir], capture_output=True, env=ENV, timeout=600)
        print(f"  tensorboard --inspect, once: {time.perf_counter() - t[0]:.2f} s")


def bench_import(rounds):
    n = max(15, rounds * 5)
    bare, imp = [], []
    for _ in range(n):
        bare.append(run_python("pass")[0])
        imp.append(run_python("import tfcompat.logs")[0])
    print(f"\n== import tfcompat.logs: {statistics.median(imp) - statistics.median(bare):.3f} s over a bare interpreter "
          f"({statistics.median(bare):.3f} s), median of {n}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    extras = ["export", "inspect", "import"]
    ap.add_argument("--only", default=",".join(list(WORKLOADS) + extras),
                    help="comma-separated: " + ", ".join(list(WORKLOADS) + extras))
    ap.add_argument("--no-ea", action="store_true", help="skip EventAccumulator (slow)")
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (re-used by later runs)")
    args = ap.parse_args()
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    root = args.keep or tempfile.mkdtemp(prefix="tfcompat-bench-read-")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    try:
        summary = {}
        for name in only:
            if name in WORKLOADS:
                summary[name] = bench_workload(name, root, args.rounds, not args.no_ea)
        if "export" in only:
            bench_export(root, args.rounds)
        if "inspect" in only:
            bench_inspect(root, args.rounds)
        if "import" in only:
            bench_import(args.rounds)
        floor = startup_floor(args.rounds) if summary else None
        if summary:
            print("\nsummary (median s, peak MB; ratio = peer time / tfcompat time):")
            for name, (_, res) in summary.items():
                base = res["tfcompat"][0]
                cells = [f"{p} {t:.3f} s {mb:.0f} MB ({t / base:.2f}x)" + (f" [read alone {a:.3f} s]" if a else "")
                         for p, (t, mb, a) in res.items()]
                print(f"  {name:12s} " + " | ".join(cells))
            print("\n2x the Rust server (half its median) against the start-up floor of a Python process:")
            for name, (kind, res) in summary.items():
                target = res["rust"][0] / 2
                numpy = kind in NEEDS_NUMPY
                least = floor["interpreter -I -S"] + (floor["import numpy"] - floor["interpreter"] if numpy else 0)
                verdict = "below the floor: no Python reader can reach it" if target < least else "above the floor"
                print(f"  {name:12s} target {target:.3f} s; floor {least:.3f} s (isolated interpreter"
                      f"{' + import numpy' if numpy else ''}): {verdict}; tfcompat {res['tfcompat'][0]:.3f} s")
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
