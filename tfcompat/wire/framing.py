"""Finding TFRecords in a buffer: the header walk and the search for the next valid record.

Mirrors how TensorFlow's ``RecordReader`` reads an event file (12-byte header:
uint64 length and the masked CRC32C of those 8 bytes; the data; the masked
CRC32C of the data), without one Python step per record where records repeat:

* :func:`walk` follows the length fields from record to record, checking each
  header's CRC; a run of records of one length (their headers are then
  byte-identical) is recognised with one numpy comparison of evenly spaced bytes.
* :func:`find_record` searches forward for the next whole valid record after
  damage, in time linear in the bytes searched: all-zero stretches (a crash, a
  sparse file) are passed at memory speed, and the header CRC is computed only
  where the length field could be one (its high 33 bits zero).

A length field is never used to allocate: it is compared with the bytes there
are first. Data CRCs are checked by the caller, in bulk (:mod:`tfcompat.wire.checksum`).
"""

import struct
from array import array

from tfcompat.wire import crc as _crc

__all__ = ["HEADER_SIZE", "FOOTER_SIZE", "MAX_RECORD_LENGTH", "walk", "find_record", "Walk"]

HEADER_SIZE = 12
FOOTER_SIZE = 4
# A protobuf message cannot exceed 2 GiB: a longer record is damage, not a file still being written.
MAX_RECORD_LENGTH = (1 << 31) - 1

_unpack_hdr = struct.Struct("<QI").unpack_from
_header_crcs = {}  # length -> masked CRC of its 8 bytes (lengths repeat: a dict hit per record)

# walk() outcomes
END = "end"  # every byte up to `end` is whole records
MORE = "more"  # the record at `stop` continues past `end` but within `limit`: read more
PAST_LIMIT = "past_limit"  # the record at `stop` has a valid header whose length runs past `limit`
SHORT = "short"  # fewer than 12 bytes left before `limit`
DAMAGED = "damaged"  # the header at `stop` is wrong (its CRC, or an impossible length)


def header_crc(n):
    good = _header_crcs.get(n)
    if good is None:
        good = _crc.masked_crc32c(struct.pack("<Q", n))
        if len(_header_crcs) < 1 << 16 and n <= MAX_RECORD_LENGTH:
            _header_crcs[n] = good
    return good


class Walk:
    """What :func:`walk` found: records ``offsets``/``lengths`` (data offset and length, int lists
    or arrays), where it stopped and why (``status``), and ``info``: the damage reason, or the
    bytes the record at ``stop`` needs (MORE, PAST_LIMIT)."""

    __slots__ = ("offsets", "lengths", "stop", "status", "info")

    def __init__(self, offsets, lengths, stop, status, info):
        self.offsets, self.lengths, self.stop, self.status, self.info = offsets, lengths, stop, status, info


def walk(mv, pos, end, limit, runs=True):
    """Walks whole records of ``mv[pos:end]`` whose headers are valid.

    Args:
        mv: memoryview (format "B") of the buffer.
        pos, end: the bytes to walk.
        limit: where the file ends, in ``mv`` coordinates (>= end; larger when
            more of the file can still be read).
        runs: recognise runs of equal-length records with numpy (False: one
            step per record, no numpy: for a few records).

    Returns:
        :class:`Walk`; ``offsets``/``lengths`` are numpy int64 arrays when runs
        were found with numpy, else ``array('q')``.
    """
    offs = array("q")
    lens = array("q")
    parts = []  # (offsets, lengths) pieces when numpy runs are spliced in
    prev_n = -1
    repeats = 0
    cooldown = 0 if runs else -1  # never 0 again: no run is looked for
    unpack = _unpack_hdr
    crcs = _header_crcs
    while True:
        if end - pos < HEADER_SIZE:
            if pos == end and end == limit:
                status, info = END, None
            elif limit - pos < HEADER_SIZE:
                status, info = SHORT, None
            else:
                status, info = (END, None) if pos == end else (MORE, HEADER_SIZE)
            break
        n, hcrc = unpack(mv, pos)
        good = crcs.get(n)
        if good is None:
            good = header_crc(n)
        if good != hcrc:
            status, info = DAMAGED, "length CRC mismatch"
            break
        if n > MAX_RECORD_LENGTH:
            status, info = DAMAGED, f"impossible record length {n}"
            break
        need = HEADER_SIZE + n + FOOTER_SIZE
        if pos + need > end:
            status, info = (MORE if pos + need <= limit else PAST_LIMIT), need
            break
        offs.append(pos + HEADER_SIZE)
        lens.append(n)
        pos += need
        if n == prev_n:
            repeats += 1
            if repeats >= 8 and not cooldown and end - pos >= 64 * need:
                got = _stride_run(mv, pos, end, need)
                if got:
                    parts.append((offs, lens))
                    parts.append(_run_arrays(pos, got, n))
                    offs, lens = array("q"), array("q")
                    pos += got * need
                if got < 64:
                    cooldown = 64  # lengths vary here: walk a while before trying again
            elif cooldown:
                cooldown -= 1
        else:
            prev_n, repeats = n, 0
            if cooldown:
                cooldown -= 1
    if parts:
        import numpy as np

        parts.append((offs, lens))
        offs = np.concatenate([np.asarray(p[0], dtype=np.int64) for p in parts])
        lens = np.concatenate([np.asarray(p[1], dtype=np.int64) for p in parts])
    return Walk(offs, lens, pos, status, info)


def _run_arrays(pos, count, n):
    import numpy as np

    offs = pos + HEADER_SIZE + np.arange(count, dtype=np.int64) * (n + HEADER_SIZE + FOOTER_SIZE)
    return offs, np.full(count, n, dtype=np.int64)


def _stride_run(mv, pos, end, stride):
    """How many records of the same length follow back to back from ``pos`` (their headers equal the previous one's).

    Event files are mostly runs of equal-length records (the same tags every
    step); equal lengths have byte-identical 12-byte headers, so a run is found
    with a comparison of evenly spaced bytes, growing the stretch looked at 4x at a time.
    """
    import numpy as np

    template8, template4 = struct.unpack_from("<QI", mv, pos - stride)
    total = 0
    k = 64
    while True:
        k = min(k, (end - pos) // stride)
        if k <= 0:
            return total
        lo = np.ndarray((k,), dtype="<u8", buffer=mv, offset=pos, strides=(stride,))
        hi = np.ndarray((k,), dtype="<u4", buffer=mv, offset=pos + 8, strides=(stride,))
        same = (lo == template8) & (hi == template4)
        m = k if same.all() else int(np.argmin(same))
        total += m
        pos += m * stride
        if m < k:
            return total
        k = min(k * 4, 1 << 20)


# -- the search for the next valid record -----------------------------------------------

FOUND = "found"
NONE = "none"
_SMALL = 4096  # searched in pure Python below this many bytes
_CHUNK = 1 << 20


def _valid_at(mv, q, end, limit):
    """FOUND if a whole valid record starts at ``q``; MORE if its header is valid but it needs bytes
    past ``end`` (within ``limit``); None otherwise."""
    if end - q < HEADER_SIZE:
        return MORE if limit - q >= HEADER_SIZE else None
    n, hcrc = _unpack_hdr(mv, q)
    if n > MAX_RECORD_LENGTH or header_crc(n) != hcrc:
        return None
    stop = q + HEADER_SIZE + n
    if stop + FOOTER_SIZE > limit:
        return None  # runs past the end of the file: not a record to resume from
    if stop + FOOTER_SIZE > end:
        return MORE
    stored = int.from_bytes(mv[stop : stop + FOOTER_SIZE], "little")
    return FOUND if _crc.crc32c(mv[q + HEADER_SIZE : stop]) == _crc.unmask(stored) else None


def find_record(mv, pos, end, limit):
    """The first offset in ``[pos, end)`` where a whole valid record (both CRCs right) starts.

    Returns:
        ``(FOUND, q)``; ``(MORE, q)``: nothing before ``q``, and deciding at ``q``
        needs bytes past ``end`` (read more, keep ``mv[q:]``); or ``(NONE, end)``
        when ``end == limit`` and no record starts in ``[pos, end)``.
    """
    q = pos
    while q < end:
        stop = min(end, q + _CHUNK)
        hit = _candidates(mv, q, stop, end)
        for c in hit:
            got = _valid_at(mv, c, end, limit)
            if got is not None:
                return got, c
        q = stop
    if end < limit:
        return MORE, max(pos, end - HEADER_SIZE + 1)
    return NONE, end


def _candidates(mv, start, stop, end):
    """Offsets in ``[start, stop)`` whose 12 bytes could be a header: a length below 2**31 and the CRC of it."""
    last = min(stop, end - HEADER_SIZE + 1)  # a header must fit before `end`
    if last <= start:
        return range(start, min(stop, end))  # too close to `end` to tell: let _valid_at ask for more
    if last - start < _SMALL:
        return [q for q in range(start, last) if mv[q + 4 : q + 8] == b"\0\0\0\0" and mv[q + 3] < 0x80
                ] + list(range(last, min(stop, end)))
    import numpy as np

    arr = np.frombuffer(mv, dtype=np.uint8)[start : last + HEADER_SIZE - 1]
    m = last - start
    whole = len(arr) // 8 * 8
    if not arr[:whole].view("<u8").any() and not arr[whole:].any():  # 8 bytes at a time: zeros pass at memory speed
        return range(last, min(stop, end))
    # A header has bytes 4..7 (the length's high half) zero, and is not 12 zero bytes (that is no
    # header either): word comparisons per alignment, booleans only, so a mostly-zero stretch
    # costs no index arrays.
    cand = []
    for k in range(4):
        w = arr[k : k + 4 * ((len(arr) - k) // 4)].view("<u4")  # words at k, k + 4, k + 8, ...
        if len(w) < 3:
            continue
        z = w == 0
        hit = z[1:-1] & ~(z[:-2] & z[2:])  # word j zero, word j - 1 or j + 1 not: a header at k + 4(j - 1)
        q = np.flatnonzero(hit) * 4 + k
        cand.append(q[q < m])
    q = np.sort(np.concatenate(cand)) if cand else np.zeros(0, dtype=np.int64)
    q = q[arr[q + 3] < 0x80]
    if len(q):
        q = q[_header_crc_ok(arr, q)]
    return (q + start).tolist() + list(range(last, min(stop, end)))


def _header_crc_ok(arr, q):
    """Whether the masked CRC of the 8 bytes at each of ``q`` equals the 4 bytes after them (vectorised)."""
    import numpy as np

    table = np.array(_crc.TABLE, dtype=np.uint32)
    c = np.full(len(q), 0xFFFFFFFF, dtype=np.uint32)
    for j in range(8):
        c = table[(c ^ arr[q + j]) & np.uint32(0xFF)] ^ (c >> np.uint32(8))
    c ^= np.uint32(0xFFFFFFFF)
    masked = ((c >> np.uint32(15)) | (c << np.uint32(17))) + np.uint32(_crc.MASK_DELTA)
    stored = (arr[q + 8].astype(np.uint32) | (arr[q + 9].astype(np.uint32) << np.uint32(8))
              | (arr[q + 10].astype(np.uint32) << np.uint32(16)) | (arr[q + 11].astype(np.uint32) << np.uint32(24)))
    return masked == stored
