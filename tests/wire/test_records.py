"""TFRecord framing: decoding half of tfcompat.wire.records (CRCs, truncation, damage, resync)."""

import io
import struct
import tracemalloc

import pytest

from tfcompat import DamagedRecordError, LogReadError
from tfcompat.wire.crc import _crc32c_py, _masked_crc32c_py, bad_data_crcs, crc32c, masked_crc32c
from tfcompat.wire.records import (
    HEADER_SIZE,
    encode_record,
    frame_records,
    iter_records,
)

PAYLOADS = [b"", b"a", b"hello world" * 3, bytes(range(256)) * 2, b"\x00" * 200]


def _file(payloads=PAYLOADS):
    return b"".join(encode_record(p) for p in payloads)


def _offsets(payloads=PAYLOADS):
    offs, o = [], 0
    for p in payloads:
        offs.append(o)
        o += len(p) + 16
    return offs


def test_pure_python_crc_matches_compiled_and_known_vectors():
    # RFC 3720 B.4 test vectors for CRC32C
    assert _crc32c_py(b"\x00" * 32) == 0x8A9136AA
    assert _crc32c_py(b"\xff" * 32) == 0x62A8AB43
    assert _crc32c_py(bytes(range(32))) == 0x46DD794E
    for p in PAYLOADS + [b"123456789"]:
        assert _crc32c_py(p) == crc32c(p)
        assert _masked_crc32c_py(p) == masked_crc32c(p)


def test_round_trip_bytes_file_object_and_path(tmp_path):
    data = _file()
    path = tmp_path / "events.out.tfevents.1"
    path.write_bytes(data)
    for source in (data, bytearray(data), memoryview(data), io.BytesIO(data), str(path)):
        got = list(iter_records(source))
        assert [d for _, d in got] == PAYLOADS
        assert [o for o, _ in got] == _offsets()


def test_zero_byte_file_has_no_records():
    f = frame_records(b"")
    assert len(f.offsets) == 0 and f.truncated is None and f.skipped == []


def test_every_truncation_ends_quietly_and_is_reported():
    for cut in range(1, len(_file())):
        data = _file()[:cut]
        f = frame_records(data, "x")
        complete = [o for o, p in zip(_offsets(), PAYLOADS) if o + len(p) + 16 <= cut]
        assert [o - HEADER_SIZE for o in f.offsets] == complete
        if len(complete) < len(PAYLOADS) and cut not in _offsets():
            assert f.truncated == (_offsets()[len(complete)], cut - _offsets()[len(complete)])
        else:
            assert f.truncated is None


def test_every_flipped_byte_raises_naming_file_and_record_offset():
    for pos in range(len(_file())):
        data = bytearray(_file())
        data[pos] ^= 0x10
        record_start = max(o for o in _offsets() if o <= pos)
        with pytest.raises(DamagedRecordError) as ei:
            frame_records(bytes(data), "some/events.file")
        e = ei.value
        assert isinstance(e, LogReadError)
        assert e.path == "some/events.file" and e.offset == record_start, pos
        assert "some/events.file" in str(e) and f"offset {record_start}" in str(e)


def test_skip_damaged_resyncs_and_reports_every_flipped_byte():
    starts = _offsets()
    for pos in range(len(_file())):
        data = bytearray(_file())
        data[pos] ^= 0x01
        k = max(i for i, o in enumerate(starts) if o <= pos)
        f = frame_records(bytes(data), "x", skip_damaged=True)
        got = [bytes(data[o : o + n]) for o, n in zip(f.offsets, f.lengths)]
        assert got == PAYLOADS[:k] + PAYLOADS[k + 1 :], pos
        assert len(f.skipped) == 1 and f.skipped[0][0] == starts[k]
        assert f.skipped[0][1] == len(PAYLOADS[k]) + 16


def test_giant_length_never_allocates_it():
    header = struct.pack("<Q", (1 << 62))
    data = header + struct.pack("<I", masked_crc32c(header)) + b"x" * 100
    tracemalloc.start()
    try:
        with pytest.raises(DamagedRecordError, match="impossible record length"):
            frame_records(data, "big")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20
    # a length the file cannot hold yet (valid CRC) is a file still being written
    header = struct.pack("<Q", 1 << 30)
    data = _file() + header + struct.pack("<I", masked_crc32c(header)) + b"partial"
    f = frame_records(data, "growing")
    assert len(f.offsets) == len(PAYLOADS) and f.truncated == (len(_file()), 19)


def test_garbage_after_valid_records_is_damage_not_truncation():
    data = _file() + b"\xff" * 40
    with pytest.raises(DamagedRecordError) as ei:
        frame_records(data, "g")
    assert ei.value.offset == len(_file())
    f = frame_records(data, "g", skip_damaged=True)
    assert len(f.offsets) == len(PAYLOADS) and f.skipped == [(len(_file()), 40, "length CRC mismatch")]


def test_text_file_object_is_rejected_clearly():
    with pytest.raises(TypeError, match="binary mode"):
        list(iter_records(io.StringIO("abc")))


def test_long_runs_of_equal_records_damage_and_truncation_inside_the_run():
    # equal lengths take the bulk (numpy) path of the framing walk
    payloads = [bytes([i % 251]) * 30 for i in range(300)]
    data = _file(payloads)
    starts = _offsets(payloads)
    f = frame_records(data)
    assert [o - HEADER_SIZE for o in f.offsets] == starts and list(f.lengths) == [30] * 300
    for k, delta in ((150, 3), (151, 12 + 5), (299, 0)):  # length field, data, last header
        bad = bytearray(data)
        bad[starts[k] + delta] ^= 0x40
        with pytest.raises(DamagedRecordError) as ei:
            frame_records(bytes(bad), "run")
        assert ei.value.offset == starts[k]
        f = frame_records(bytes(bad), "run", skip_damaged=True)
        assert [o - HEADER_SIZE for o in f.offsets] == starts[:k] + starts[k + 1 :]
        assert [s[0] for s in f.skipped] == [starts[k]]
    for cut in (starts[200] + 7, starts[200] + 40, len(data) - 1):
        f = frame_records(data[:cut])
        whole = [o for o in starts if o + 46 <= cut]
        assert [o - HEADER_SIZE for o in f.offsets] == whole
        assert f.truncated == (whole[-1] + 46, cut - whole[-1] - 46)


def test_resync_across_a_zero_filled_block():
    # a crash can leave a block of zeros in the middle of a file
    data = _file() + b"\x00" * 300_000 + _file()
    with pytest.raises(DamagedRecordError) as ei:
        frame_records(data, "z")
    assert ei.value.offset == len(_file())
    f = frame_records(data, "z", skip_damaged=True)
    assert len(f.offsets) == 2 * len(PAYLOADS)
    assert f.skipped == [(len(_file()), 300_000, "length CRC mismatch")]


def test_framing_with_the_pure_python_crc(monkeypatch):
    # no compiled crc32c: record-by-record checks in pure Python, the bulk check through numpy lanes
    import tfcompat.wire.crc as crc

    monkeypatch.setattr(crc, "crc32c", _crc32c_py)
    monkeypatch.setattr(crc, "IMPLEMENTATION", "python")
    data = bytearray(_file())
    assert list(iter_records(bytes(data))) == list(zip(_offsets(), PAYLOADS))
    data[_offsets()[2] + 14] ^= 1
    with pytest.raises(DamagedRecordError, match="data CRC mismatch"):
        frame_records(bytes(data))
    many = [bytes([i % 7]) * (i % 50) for i in range(400)]  # enough records for the bulk path
    bad = bytearray(_file(many))
    bad[_offsets(many)[333] + 12] ^= 4
    with pytest.raises(DamagedRecordError) as ei:
        frame_records(bytes(bad), "x")
    assert ei.value.offset == _offsets(many)[333]


@pytest.mark.slow
def test_without_compiled_crc32c_the_pure_python_fallback_is_used_end_to_end(tmp_path):
    # A fresh process where neither crc32c nor google-crc32c can be imported:
    # the framing module must pick the fallback, write and read back, and still catch damage.
    import subprocess
    import sys

    probe = f"""
import sys
sys.modules["crc32c"] = None
sys.modules["google_crc32c"] = None
from tfcompat.wire import crc as _crc
assert _crc.IMPLEMENTATION == "python", _crc.IMPLEMENTATION
from tensorboard.compat.proto import event_pb2
from tfcompat.wire.records import encode_record
from tfcompat.logs import read_scalars
from tfcompat import DamagedRecordError
events = []
for step in range(40):  # enough equal-length records for the bulk (numpy) paths
    ev = event_pb2.Event(wall_time=1.0 + step, step=step)
    ev.summary.value.add(tag="loss", simple_value=1.0 / (step + 1))
    events.append(encode_record(ev.SerializeToString()))
data = b"".join(events)
path = {str(tmp_path / "events.out.tfevents.1.h")!r}
open(path, "wb").write(data)
s = read_scalars(path)[(".", "loss")]
assert s.step.tolist() == list(range(40)), s.step
start = sum(len(e) for e in events[:7])  # record 7 (record 0, step 0, is shorter)
bad = bytearray(data)
bad[start + 20] ^= 1  # a data byte
open(path, "wb").write(bytes(bad))
try:
    read_scalars(path)
except DamagedRecordError as e:
    assert e.offset == start and "data CRC mismatch" in str(e), e
else:
    raise SystemExit("damage not detected")
print("ok")
"""
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def _naive_bad(data):
    """Offsets of the records with a wrong CRC, checked one record at a time (the reference)."""
    import struct as _s

    bad, off = [], 0
    while off + 12 <= len(data):
        (n,) = _s.unpack_from("<Q", data, off)
        (data_crc,) = _s.unpack_from("<I", data, off + 12 + n)
        if masked_crc32c(data[off + 12 : off + 12 + n]) != data_crc:
            bad.append(off)
        off += n + 16
    return bad


@pytest.mark.parametrize("seed", range(6))
def test_the_bulk_crc_path_finds_every_bad_record_and_its_offset(seed):
    # Thousands of records (bulk path: one crc32c pass per block), runs of equal lengths and odd
    # ones, several data bytes or stored checksums flipped: exactly the records a record-by-record
    # check rejects are reported, at their offsets.
    import random

    rng = random.Random(seed)
    payloads = []
    while len(payloads) < 3000:
        if rng.random() < 0.5:
            payloads += [bytes(rng.randrange(256) for _ in range(rng.choice((20, 64, 100))))] * rng.randrange(1, 60)
        else:
            payloads.append(bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400))))
    data = bytearray(_file(payloads))
    starts = _offsets(payloads)
    hit = sorted(rng.sample(range(len(payloads)), rng.randrange(1, 12)))
    for k in hit:
        n = len(payloads[k])
        pos = starts[k] + 12 + rng.randrange(n + 4)  # a data byte or the stored data CRC
        data[pos] ^= 1 << rng.randrange(8)
    data = bytes(data)
    assert _naive_bad(data) == [starts[k] for k in hit]
    with pytest.raises(DamagedRecordError) as ei:
        frame_records(data, "x")
    assert ei.value.offset == starts[hit[0]]
    f = frame_records(data, "x", skip_damaged=True)
    assert [s[0] for s in f.skipped] == [starts[k] for k in hit]
    assert all(s[2] == "data CRC mismatch" for s in f.skipped)
    assert [o - HEADER_SIZE for o in f.offsets] == [o for k, o in enumerate(starts) if k not in hit]
    assert len(frame_records(data, "x", verify=False).offsets) == len(payloads)  # verify=False: length CRCs only


def test_bad_data_crcs_names_each_record_whose_data_no_longer_matches_its_crc():
    records = [encode_record(b"first"), encode_record(b"second"), encode_record(b"third")]
    buf = bytearray(b"".join(records))
    offsets, lengths, pos = [], [], 0
    for data, rec in zip((b"first", b"second", b"third"), records):
        offsets.append(pos + 12)  # after the length and its CRC
        lengths.append(len(data))
        pos += len(rec)
    assert bad_data_crcs(memoryview(bytes(buf)), offsets, lengths) == []
    buf[offsets[1]] ^= 1  # one bit of "second"
    buf[offsets[2] + lengths[2]] ^= 1  # one bit of "third"'s stored CRC
    assert bad_data_crcs(memoryview(bytes(buf)), offsets, lengths) == [1, 2]
