"""``tfcompat check`` over the legacy corpus against ``tf_upgrade_v2`` (the peer TF ships), in one run.

Times, as whole fresh processes (imports included), alternating the order each round:

* ``tfcompat check tests/run/corpus --json`` (a static scan: no TensorFlow import; the process is
  also checked not to load it);
* ``tf_upgrade_v2 --intree tests/run/corpus --outtree TMP`` (TF 2's own upgrade script, which imports
  TensorFlow and rewrites every file), when installed.

Prints medians and the ratio (peer / tfcompat), the files scanned and the findings per verdict.

Usage: python bench/bench_check.py [--rounds 5] [--tree tests/run/corpus]
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

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PROBE = (
    "import contextlib, io, json, sys\n"
    "from tfcompat.cli import main\n"
    "buf = io.StringIO()\n"
    "with contextlib.redirect_stdout(buf): main(['check', '--json', sys.argv[1]])\n"
    "report = json.loads(buf.getvalue())\n"
    "print(json.dumps({'files': len(report['files']), 'verdicts': report['summary']['files'],\n"
    "                  'tf': 'tensorflow' in sys.modules, 'keras': 'keras' in sys.modules}))\n"
)


def _time(cmd, **kw):
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return time.perf_counter() - start, proc


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tree", default=os.path.join(ROOT, "tests", "run", "corpus"))
    args = parser.parse_args()
    upgrade = shutil.which("tf_upgrade_v2") or os.path.join(os.path.dirname(sys.executable), "tf_upgrade_v2")
    have_peer = os.path.exists(upgrade)
    ours, theirs, facts = [], [], None
    for r in range(args.rounds):
        order = ("ours", "peer") if r % 2 == 0 else ("peer", "ours")
        for who in order:
            if who == "ours":
                seconds, proc = _time([sys.executable, "-c", PROBE, args.tree], cwd=ROOT)
                if proc.returncode != 0:
                    raise SystemExit(proc.stderr)
                facts = json.loads(proc.stdout.strip().splitlines()[-1])
                ours.append(seconds)
            elif have_peer:
                out = tempfile.mkdtemp(prefix="tf_upgrade_v2-")
                shutil.rmtree(out)
                seconds, proc = _time([upgrade, "--intree", args.tree, "--outtree", out, "--reportfile",
                                       os.path.join(tempfile.gettempdir(), "tf_upgrade_v2_report.txt")])
                shutil.rmtree(out, ignore_errors=True)
                theirs.append(seconds)
    print(f"tree: {args.tree}  files: {facts['files']}  verdicts: {facts['verdicts']}")
    print(f"tfcompat check loaded tensorflow: {facts['tf']}, keras: {facts['keras']}")
    print(f"tfcompat check --json   median {statistics.median(ours):.3f} s  (rounds {args.rounds})")
    if theirs:
        ratio = statistics.median(theirs) / statistics.median(ours)
        print(f"tf_upgrade_v2           median {statistics.median(theirs):.3f} s  -> {ratio:.1f}x tfcompat's time")
    else:
        print("tf_upgrade_v2 not installed: no peer measured")


if __name__ == "__main__":
    main()
