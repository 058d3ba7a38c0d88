"""Issue 14, reading side: hostile and damaged files never hang, never read whole, never lose data silently."""

import io
import json
import os
import struct
import subprocess
import sys
import warnings

import pytest

from tests.support import file_version, frame, simple, write
from tfcompat import DamagedRecordError, InvalidArgumentError
from tfcompat.cli._main import main as cli_main
from tfcompat.logs import NotAnEventFileError, inspect, read_events, read_histograms, read_scalars
from tfcompat.wire.crc import masked_crc32c
from tfcompat.wire.records import frame_records

GOOD = [file_version()] + [simple(s, {"loss": float(s)}) for s in range(5)]


def _torn(n=1000, present=100):
    """A record whose (CRC-valid) length says ``n`` bytes but only ``present`` follow."""
    header = struct.pack("<Q", n)
    return header + struct.pack("<I", masked_crc32c(header)) + b"y" * present


def _child(code, timeout=120):
    """Runs ``code`` in a fresh interpreter; returns (stdout, its peak RSS in MB).

    VmHWM, not ru_maxrss: the latter survives exec, so it would report the forking
    test process's own size.
    """
    probe = code + ("\nwith open('/proc/self/status') as f:\n"
                    "    print('RSS', [int(x.split()[1]) / 1024 for x in f if x.startswith('VmHWM:')][0])\n")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    return lines[:-1], float(lines[-1].split()[1])


# -- files that are not regular files ----------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_an_event_file_is_refused_at_once(tmp_path, capsys):
    run = tmp_path / "run"
    run.mkdir()
    os.mkfifo(run / "events.out.tfevents.1.h")  # no writer: opening it for reading would block forever
    with pytest.raises(NotAnEventFileError, match=r"it is a FIFO, not a regular file. Received: path='.*tfevents.1.h'"):
        read_scalars(run)
    with pytest.raises(NotAnEventFileError, match="FIFO"):
        list(read_events(str(run / "events.out.tfevents.1.h")))
    write(tmp_path / "good" / "events.out.tfevents.1.h", GOOD)
    assert cli_main(["inspect", str(tmp_path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    files = {f["path"].split("/")[-2]: f for r in report["runs"] for f in r["files"]}
    assert files["run"]["status"] == "not an event file" and "FIFO" in files["run"]["error"]
    assert files["good"]["status"] == "ok" and report["not_event_files"] == 1


def test_a_link_to_dev_zero_is_refused_not_read_until_memory_error(tmp_path, capsys):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    (tmp_path / "events.out.tfevents.1.h").symlink_to("/dev/zero")
    with pytest.raises(NotAnEventFileError, match="character device"):
        read_scalars(tmp_path)
    assert cli_main(["inspect", str(tmp_path)]) == 1
    assert "NOT AN EVENT FILE" in capsys.readouterr().out


def test_a_text_mode_file_object_is_a_clear_error(tmp_path):
    path = write(tmp_path / "events.out.tfevents.1.h", GOOD)
    with open(path) as f, pytest.raises(TypeError, match=r"`source` must be opened in binary mode \('rb'\)"):
        list(read_events(f))
    with open(path, "rb") as f:
        assert len(list(read_events(f))) == len(GOOD)


@pytest.mark.parametrize("call", [
    lambda d: read_scalars(d, skip_damaged="no"),
    lambda d: list(read_events(str(d / "events.out.tfevents.1.h"), skip_damaged="no")),
    lambda d: read_histograms(d, skip_damaged="no"),
    lambda d: inspect(d, verify="no"),
])
def test_skip_damaged_must_be_a_bool(tmp_path, call):
    write(tmp_path / "events.out.tfevents.1.h", GOOD)
    with pytest.raises(InvalidArgumentError, match=r"must be True or False. Received: (skip_damaged|verify)='no'"):
        call(tmp_path)


# -- a length past the end of the file --------------------------------------------------------

def test_a_length_past_eof_with_records_after_it_is_damage_not_a_growing_tail(tmp_path):
    good = frame(GOOD)
    data = good + _torn() + good
    with pytest.raises(DamagedRecordError, match=r"record length 1000 runs past the end of the file, "
                                                 r"and valid records follow at byte"):
        frame_records(data, "f")
    f = frame_records(data, "f", skip_damaged=True)
    assert len(f.offsets) == 2 * len(GOOD) and f.truncated is None
    assert f.skipped == [(len(good), 112, "record length 1000 runs past the end of the file")]
    # read_scalars: nothing after the torn record is lost; inspect calls it damage, not "still being written"
    write(tmp_path / "events.out.tfevents.1.h", [], raw=data)
    with pytest.raises(DamagedRecordError):
        read_scalars(tmp_path)
    with pytest.warns(RuntimeWarning, match="runs past the end of the file"):
        got = read_scalars(tmp_path, skip_damaged=True)
    assert len(got[(".", "loss")]) == 10
    report = inspect(tmp_path)
    row = report["runs"][0]["files"][0]
    assert row["status"] == "damaged" and row["truncated"] is None and report["damaged_files"] == 1


def test_only_the_newest_file_of_a_run_can_be_still_being_written(tmp_path, capsys):
    run = tmp_path / "run"
    write(run / "events.out.tfevents.1.h", [], raw=frame(GOOD) + _torn())  # cut by a crash...
    write(run / "events.out.tfevents.2.h", [], raw=frame(GOOD) + _torn())  # ...and the one being written now
    with pytest.warns(RuntimeWarning, match=r"tfevents.1.h: 112 bytes at offset \d+ ignored: .*no longer written"):
        got = read_scalars(run)
    assert len(got[(".", "loss")]) == 10
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the newest file alone is quiet
        read_scalars(run / "events.out.tfevents.2.h")
    assert cli_main(["inspect", str(run), "--json"]) == 1
    files = json.loads(capsys.readouterr().out)["runs"][0]["files"]
    assert [f["status"] for f in files] == ["damaged", "truncated"]
    assert "no longer written" in files[0]["damaged"][0]["reason"]
    assert files[1]["truncated"] == {"offset": len(frame(GOOD)), "bytes": 112}


# -- inspect's exit status ------------------------------------------------------------------

def test_inspect_exit_status(tmp_path, capsys):
    write(tmp_path / "a" / "events.out.tfevents.1.h", GOOD)
    write(tmp_path / "a" / "events.out.tfevents.2.h", [], raw=frame(GOOD)[:-5])  # newest file, being written
    assert cli_main(["inspect", str(tmp_path)]) == 0
    write(tmp_path / "b" / "events.out.tfevents.1.h", [], raw=b"this is a text file, not TFRecords\n" * 3)
    assert cli_main(["inspect", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "NOT AN EVENT FILE" in out and out.rstrip().endswith("1 not event file(s)")
    assert cli_main(["inspect", str(tmp_path / "missing")]) == 2
    assert cli_main(["inspect", "--help"]) == 0
    help_text = capsys.readouterr().out
    assert "exit status:" in help_text and "1  a file is damaged" in help_text


# -- bounded memory and linear time on huge files ---------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the peak RSS from /proc")
def test_a_2gb_sparse_file_reads_in_bounded_memory(tmp_path):
    # created sparse: costs no disk. Today's reader read it whole (2.1 GB) and resynced for > 300 s.
    run = tmp_path / "run"
    run.mkdir()
    path = run / "events.out.tfevents.1.h"
    with open(path, "wb") as f:
        f.write(frame(GOOD))
        f.truncate(2 << 30)
        f.seek((2 << 30) - len(frame(GOOD)))
        f.write(frame(GOOD))
    code = f"""
import warnings
from tfcompat.logs import read_scalars
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    got = read_scalars({str(run)!r}, skip_damaged=True)
print(len(got[(".", "loss")]), [str(x.message) for x in w])
"""
    out, rss = _child(code, timeout=300)  # a hang guard: the bench measures the time (a few seconds)
    assert out[0].startswith("10 ") and "skipped damaged records" in out[0]
    assert rss < 200, rss
    r = subprocess.run([sys.executable, "-m", "tfcompat", "inspect", str(run), "--json"], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    row = json.loads(r.stdout)["runs"][0]["files"][0]
    assert row["status"] == "damaged" and row["damaged"][0]["offset"] == len(frame(GOOD))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the peak RSS from /proc")
def test_a_huge_file_whose_first_header_is_bad_is_not_read_whole(tmp_path):
    path = tmp_path / "events.out.tfevents.1.h"
    with open(path, "wb") as f:
        f.write(b"\xff" * 64)
        f.truncate(1 << 30)
    out, rss = _child(f"""
from tfcompat.logs import read_scalars
try:
    read_scalars({str(tmp_path)!r})
except Exception as e:
    print(type(e).__name__, e.offset)
""")
    assert out == ["DamagedRecordError 0"] and rss < 200, (out, rss)


def test_bytes_and_file_objects_still_read(tmp_path):
    data = frame(GOOD)
    assert [o for o, _ in read_events(io.BytesIO(data))] == [o for o, _ in read_events(data)]


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the peak RSS from /proc")
def test_memory_stays_below_the_largest_file_whatever_the_log_dir_size(tmp_path):
    # 4 runs x 24 MB (1 MB image records and scalars): a reader that holds files whole, or
    # several at once, needs a multiple of 24 MB; a streaming one a window and a record
    from tfcompat.wire.encode import event_bytes, scalar_value_bytes, summary_bytes, tag_prefix, varint
    from tfcompat.wire.records import encode_record

    def field(key, payload):
        return key + varint(len(payload)) + payload

    image = b"\x08\x01\x10\x01" + field(b"\x22", os.urandom(1 << 20))  # Summary.Image, 1 MB of bytes
    framed = field(b"\x0a", tag_prefix("img") + field(b"\x22", image))  # a Summary.value
    for run in range(4):
        (tmp_path / f"r{run}").mkdir()
        with open(tmp_path / f"r{run}" / "events.out.tfevents.1.h", "wb") as f:
            for step in range(24):
                f.write(encode_record(event_bytes(1.0 + step, step, summary_bytes(
                    [framed, scalar_value_bytes(tag_prefix("loss"), step / 3)]))))
    largest = max(os.path.getsize(tmp_path / f"r{r}" / "events.out.tfevents.1.h") for r in range(4))
    out, peak = _child(f"""
from tfcompat.logs import read_scalars, read_images
read_scalars({str(tmp_path / "r0")!r})  # everything imported and warmed up
with open('/proc/self/status') as f:
    print([int(x.split()[1]) / 1024 for x in f if x.startswith('VmRSS:')][0])
got = read_scalars({str(tmp_path)!r}, workers=1)
print(sum(len(s) for s in got.values()))
""")
    base, points = float(out[0]), int(out[1])
    assert points == 4 * 24
    assert peak - base < 1.5 * largest / 2**20, (base, peak, largest)
