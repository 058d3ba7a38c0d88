"""Issue 14 soak test: a writer process and a reader process (`inspect` in a loop) on one growing log dir.

The reader must never call a file that is only growing damaged, and its memory must stay flat.
Duration: ``TFCOMPAT_SOAK_SECONDS``, 60 s by default (CI runs it so); ``TFCOMPAT_SOAK_SECONDS=10`` for a quick look.
"""

import json
import os
import statistics
import subprocess
import sys

import pytest

SECONDS = float(os.environ.get("TFCOMPAT_SOAK_SECONDS", "60"))

WRITER = r"""
import sys, time
from tfcompat.wire.encode import scalar_value_bytes, summary_bytes, tag_prefix
from tfcompat.wire.event_writer import EventFileWriter
logdir, seconds = sys.argv[1], float(sys.argv[2])
tags = [tag_prefix(t) for t in ("loss", "acc", "lr")]
end = time.monotonic() + seconds
step = 0
with EventFileWriter(logdir, max_queue=7, flush_secs=0.05) as w:
    while time.monotonic() < end:
        w.add_summary_bytes(summary_bytes([scalar_value_bytes(p, step * 0.5) for p in tags]), step)
        step += 1
        if step % 50 == 0:
            time.sleep(0.005)
print(step)
"""

READER = r"""
import json, sys, time
from tfcompat.logs import inspect
logdir, seconds = sys.argv[1], float(sys.argv[2])
def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20
end = time.monotonic() + seconds
rounds = []
while time.monotonic() < end:
    try:
        report = inspect(logdir)
    except Exception as e:  # the log dir may not exist during the first milliseconds
        if "not found" in str(e):
            time.sleep(0.01)
            continue
        raise
    files = [f for r in report["runs"] for f in r["files"]]
    bad = [f for f in files if f["status"] not in ("ok", "truncated")]
    count = sum(r["count"] for run in report["runs"] for r in run["tags"])
    rounds.append({"bad": bad, "rss": rss_mb(), "count": count})
print(json.dumps(rounds))
"""


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads RSS from /proc")
def test_inspect_in_a_loop_on_a_growing_log_dir(tmp_path):
    logdir = tmp_path / "logs"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(logdir), str(SECONDS)], stdout=subprocess.PIPE,
                              text=True)
    reader = subprocess.run([sys.executable, "-c", READER, str(logdir), str(SECONDS)], capture_output=True,
                            text=True, timeout=SECONDS + 120)
    written = int(writer.communicate(timeout=60)[0])
    assert writer.returncode == 0 and reader.returncode == 0, reader.stderr
    rounds = json.loads(reader.stdout)
    assert len(rounds) >= 10 and written > 1000
    assert [r["bad"] for r in rounds if r["bad"]] == []  # a file that only grows is never damaged
    counts = [r["count"] for r in rounds]
    assert counts == sorted(counts) and counts[-1] > counts[0]  # it saw the file grow, never shrink
    tenth = max(1, len(rounds) // 10)
    early = statistics.median(r["rss"] for r in rounds[tenth : 2 * tenth + 1])
    late = statistics.median(r["rss"] for r in rounds[-tenth:])
    # Flat: no growth beyond that of the data. A scan holds each point's step, wall time and value (24 bytes) while
    # it reads; 64 bytes a point allows for numpy's temporaries. A leak grows with the rounds, not the points.
    points = statistics.median(r["count"] for r in rounds[-tenth:]) - statistics.median(
        r["count"] for r in rounds[tenth : 2 * tenth + 1])
    assert late - early < 25 + 64 * points / 2**20, (early, late, points)
