"""Log directories the read benchmarks share: generated once per temporary folder, TF-free.

Every file is built with tfcompat's record framing and byte builders (``tfcompat.wire``),
the same bytes TF1's ``FileWriter`` writes. Each ``make_*`` returns ``(logdir, expected)``:
``expected`` holds what a complete read must return (points per kind, runs, tags, last step).
"""

import os
import random
import struct

from tfcompat.wire.encode import (
    event_bytes,
    file_version_event_bytes,
    image_value_bytes,
    scalar_value_bytes,
    summary_bytes,
    tag_prefix,
)
from tfcompat.wire.histogram import histo_value_bytes
from tfcompat.wire.records import encode_record

T0 = 1.6e9
SCALAR_TAGS = ("loss", "accuracy", "val_loss", "val_accuracy", "lr")


def _write(path, records):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(encode_record(file_version_event_bytes(T0)))
        buf = []
        for data in records:
            buf.append(encode_record(data))
            if len(buf) >= 4096:
                f.write(b"".join(buf))
                buf = []
        f.write(b"".join(buf))
    return path


def _fname(root, run, k=1):
    return os.path.join(root, run, f"events.out.tfevents.{1700000000 + k}.bench")


def make_scalars(root, events, name=None, tags=SCALAR_TAGS):
    """One run, one file: ``events`` TF1 events of ``len(tags)`` simple_value scalars each."""
    logdir = os.path.join(root, name or f"scalars_{events}")
    rng = random.Random(0)
    prefixes = [tag_prefix(t) for t in tags]
    if not os.path.isdir(logdir):
        _write(_fname(logdir, "."), (
            event_bytes(T0 + s * 0.01, s, summary_bytes([scalar_value_bytes(p, rng.random()) for p in prefixes]))
            for s in range(events)))
    return logdir, {"kind": "scalars", "points": events * len(tags), "runs": 1, "tags": len(tags),
                    "max_step": events - 1}


def make_runs(root, runs=1000, steps=20, tags=("loss", "acc")):
    """``runs`` runs of one small file each (``steps`` events of ``len(tags)`` scalars)."""
    logdir = os.path.join(root, f"runs_{runs}")
    prefixes = [tag_prefix(t) for t in tags]
    if not os.path.isdir(logdir):
        for r in range(runs):
            _write(_fname(logdir, f"run{r:04d}"), (
                event_bytes(T0 + s, s, summary_bytes([scalar_value_bytes(p, (r + s) * 0.001) for p in prefixes]))
                for s in range(steps)))
    return logdir, {"kind": "scalars", "points": runs * steps * len(tags), "runs": runs, "tags": runs * len(tags),
                    "max_step": steps - 1}


def make_histograms(root, count=10000, values=1000, tags=10):
    """One run: ``count`` TF1 histograms (``tags`` tags), each summarising ``values`` normal samples."""
    import numpy as np

    logdir = os.path.join(root, f"histograms_{count}")
    steps = count // tags
    if not os.path.isdir(logdir):
        rng = np.random.default_rng(0)

        def records():
            for s in range(steps):
                vals = [histo_value_bytes(f"layer{t}/weights", rng.normal(t, 1.0 + s / steps, values).tolist())
                        for t in range(tags)]
                yield event_bytes(T0 + s, s, summary_bytes(vals))
        _write(_fname(logdir, "."), records())
    return logdir, {"kind": "histograms", "points": steps * tags, "runs": 1, "tags": tags, "max_step": steps - 1}


def make_images(root, count=2000, side=32, tags=2):
    """One run: ``count`` TF1 PNG image summaries (``side`` x ``side`` RGB, ``tags`` tags)."""
    import numpy as np

    logdir = os.path.join(root, f"images_{count}")
    steps = count // tags
    if not os.path.isdir(logdir):
        rng = np.random.default_rng(0)

        def records():
            for s in range(steps):
                vals = [image_value_bytes(f"input/image/{t}", rng.integers(0, 255, (side, side, 3), dtype=np.uint8))
                        for t in range(tags)]
                yield event_bytes(T0 + s, s, summary_bytes(vals))
        _write(_fname(logdir, "."), records())
    return logdir, {"kind": "images", "points": steps * tags, "runs": 1, "tags": tags, "max_step": steps - 1}


def make_small(root):
    """The small log dir of a cold ``tfcompat inspect``: 2 runs x 100 steps x 2 scalars."""
    logdir = os.path.join(root, "small")
    prefixes = [tag_prefix("loss"), tag_prefix("acc")]
    if not os.path.isdir(logdir):
        for run in ("train", "validation"):
            _write(_fname(logdir, run), (
                event_bytes(T0 + s, s, summary_bytes([scalar_value_bytes(p, s * 0.01) for p in prefixes]))
                for s in range(100)))
    return logdir, {"kind": "scalars", "points": 400, "runs": 2, "tags": 4, "max_step": 99}


def make_big_blobs(root, size=2 << 30, blob=2 << 20):
    """One 2 GB file: each step one ``blob``-byte image summary (random bytes) and 5 scalars."""
    logdir = os.path.join(root, "big_2gb")
    steps = size // (blob + 200)
    if not os.path.isdir(logdir):
        rng = random.Random(0)
        base = os.urandom(blob)
        prefixes = [tag_prefix(t) for t in SCALAR_TAGS]

        def records():
            for s in range(steps):
                raw = struct.pack("<Q", s) + base[8:]  # every image differs
                img = b"\x08\x01\x10\x01\x18\x03\x22" + _varint(len(raw)) + raw
                body = tag_prefix("blob/image/0") + b"\x22" + _varint(len(img)) + img
                value = b"\x0a" + _varint(len(body)) + body
                scalars = [scalar_value_bytes(p, rng.random()) for p in prefixes]
                yield event_bytes(T0 + s, s, summary_bytes([value] + scalars))
        _write(_fname(logdir, "."), records())
    return logdir, {"kind": "scalars", "points": steps * len(SCALAR_TAGS), "runs": 1, "tags": len(SCALAR_TAGS),
                    "max_step": steps - 1}


def make_sparse(root, size=2 << 30):
    """One 2 GB sparse file (no disk): a valid head, a hole of zeros (a crash), a valid tail."""
    logdir = os.path.join(root, "sparse_2gb")
    path = _fname(logdir, ".")
    prefix = tag_prefix("loss")

    def block(steps):
        return b"".join(encode_record(event_bytes(T0 + s, s, summary_bytes([scalar_value_bytes(prefix, s)])))
                        for s in steps)
    if not os.path.isdir(logdir):
        os.makedirs(logdir)
        head, tail = block(range(100)), block(range(100, 200))
        with open(path, "wb") as f:
            f.write(head)
            f.truncate(size)
            f.seek(size - len(tail))
            f.write(tail)
    return logdir, {"kind": "scalars", "points": 200, "runs": 1, "tags": 1, "max_step": 199}


def _varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)
