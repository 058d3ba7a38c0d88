"""Checks both CRCs of many TFRecords with one pass over their bytes (TensorFlow's RecordReader checks them one by one).

Why one pass suffices. Let ``r(X)`` be the CRC32C of ``X`` without its pre- and
post-conditioning: a linear map over GF(2), and ``r(A + w) == 0`` exactly when
the 4 little-endian bytes ``w`` appended to ``A`` equal ``r(A)``. In a copy of a
block of back-to-back records, each stored checksum (masked CRC32C of the 8
length bytes, and of the data) is replaced by the ``r`` value it claims
(``unmask(stored) ^ zeros_crc(n)``). Every record is then a piece whose ``r`` is
0 when, and only when, its checksum is right, and by linearity the whole block's
``r`` is the sum of its pieces' ``r``, each multiplied by a power of x (never 0
modulo the CRC polynomial). So:

* every record right => the block checks to 0, exactly as the record-by-record check;
* exactly one record wrong => the block does not check to 0, exactly as well;
* several wrong ones cancel only for one error pattern in 2**32, and a failing
  block is re-checked record by record, so each bad record and its offset are
  found as TensorFlow would find them.

numpy is imported on first use, so importing the framing (as the writer does) stays numpy-free.

The block's CRC is one call of the compiled crc32c when it is installed (gigabytes
per second), otherwise a lane-parallel numpy computation; both give ``r``.
"""

from tfcompat.wire import crc as _crc
from tfcompat.wire.crc import MASK_DELTA, zeros_crc

__all__ = ["bad_records", "raw_crc_numpy"]

HEADER_SIZE = 12
FOOTER_SIZE = 4
_BLOCK = 1 << 20  # bytes per checked block: a failing block is re-checked record by record


def _unmask(stored):
    import numpy as np

    rot = stored - np.uint32(MASK_DELTA)  # uint32 arithmetic wraps
    return (rot >> np.uint32(17)) | (rot << np.uint32(15))


def _zeros_crcs(lens):
    """zeros_crc of each length (computed once per distinct length)."""
    import numpy as np

    top = int(lens.max())
    if top <= 1 << 16:  # the usual case: a lookup table indexed by length
        present = np.flatnonzero(np.bincount(lens, minlength=top + 1))
        table = np.zeros(top + 1, dtype=np.uint32)
        table[present] = [zeros_crc(int(n)) for n in present.tolist()]
        return table[lens]
    uniq, inverse = np.unique(lens, return_inverse=True)
    table = np.array([zeros_crc(int(n)) for n in uniq.tolist()], dtype=np.uint32)
    return table[inverse]


class _Fields:
    """The 4-byte checksum fields of the records in a scratch copy: read and written as uint32.

    Records come mostly in runs of equal length laid back to back (the same tags
    every step), whose fields are evenly spaced: those are strided views of the
    scratch. The others are reached by their position, grouped by position % 4 so
    that each group is one gather from a uint32 view.
    """

    def __init__(self, scratch, offsets, lengths, lo):
        import numpy as np

        self.scratch = scratch
        n = len(offsets)
        cont = np.zeros(n, dtype=bool)
        cont[1:] = (lengths[1:] == lengths[:-1]) & (offsets[1:] == offsets[:-1] + lengths[:-1] + 16)
        first = np.flatnonzero(~cont)
        counts = np.diff(np.append(first, n))
        long_runs = counts >= _MIN_RUN
        self.runs = [(int(a), int(c), int(offsets[a]) - lo, int(lengths[a]))
                     for a, c in zip(first[long_runs].tolist(), counts[long_runs].tolist())]
        in_run = np.zeros(n, dtype=bool)
        for a, c, _, _ in self.runs:
            in_run[a : a + c] = True
        self.rest = np.flatnonzero(~in_run)
        self.rest_data = offsets[self.rest] - lo
        self.rest_len = lengths[self.rest]
        self._views = [scratch[k : k + 4 * ((len(scratch) - k) // 4)].view("<u4") for k in range(4)]

    def _strided(self, pos, count, stride):
        import numpy as np

        return np.ndarray(shape=(count,), dtype="<u4", buffer=self.scratch, offset=pos, strides=(stride,))

    def _classes(self, pos):
        import numpy as np

        al = pos & 3
        out = []
        for k in range(4):
            sel = np.flatnonzero(al == k)
            if len(sel):
                out.append((k, sel, (pos[sel] - k) >> 2))
        return out

    def get(self, which, n):
        """uint32 array of the header (which=0) or data (which=1) checksum field of every record."""
        import numpy as np

        out = np.empty(n, dtype=np.uint32)
        for a, c, off, length in self.runs:
            out[a : a + c] = self._strided(off - 4 if which == 0 else off + length, c, length + 16)
        if len(self.rest):
            pos = self.rest_data - 4 if which == 0 else self.rest_data + self.rest_len
            for k, sel, idx in self._classes(pos):
                out[self.rest[sel]] = self._views[k][idx]
        return out

    def put(self, which, values):
        for a, c, off, length in self.runs:
            self._strided(off - 4 if which == 0 else off + length, c, length + 16)[:] = values[a : a + c]
        if len(self.rest):
            pos = self.rest_data - 4 if which == 0 else self.rest_data + self.rest_len
            for k, sel, idx in self._classes(pos):
                self._views[k][idx] = values[self.rest[sel]]


_MIN_RUN = 256  # shorter runs (the files of a batch of small runs) are cheaper gathered than viewed one by one


def _blocks(starts, ends):
    """(first, last+1) record indices of runs of back-to-back records of about _BLOCK bytes."""
    import numpy as np

    n = len(starts)
    cut = np.zeros(n, dtype=bool)
    cut[0] = True
    cut[1:] = (starts[1:] != ends[:-1]) | (starts[1:] // _BLOCK != starts[:-1] // _BLOCK)
    first = np.flatnonzero(cut)
    return first.tolist(), np.append(first[1:], n).tolist()


def _record_ok(mv, off, n):
    """The record-by-record check (both CRCs), for a block that failed."""
    c = _crc.crc32c
    h = int.from_bytes(mv[off - 4 : off], "little")
    d = int.from_bytes(mv[off + n : off + n + 4], "little")
    return c(mv[off - HEADER_SIZE : off - 4]) == _crc.unmask(h) and c(mv[off : off + n]) == _crc.unmask(d)


def bad_records(buf, offsets, lengths, in_place=False):
    """Indices (sorted int64 array) of the records whose length CRC or data CRC is wrong.

    Args:
        buf: bytes-like holding the records.
        offsets: int64 array, offset in ``buf`` of each record's data (after its 12-byte header).
        lengths: int64 array, each record's data length; records lie wholly inside ``buf``.
        in_place: ``buf`` is writable and private: the checksum fields are rewritten
            there and restored afterwards, instead of in a copy.
    """
    import numpy as np

    n = len(offsets)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    mv = memoryview(buf).cast("B")
    offsets = np.asarray(offsets, dtype=np.int64)
    lengths = np.asarray(lengths, dtype=np.int64)
    starts = offsets - HEADER_SIZE
    ends = offsets + lengths + FOOTER_SIZE
    lo, hi = int(starts[0]), int(ends[-1])
    scratch = np.frombuffer(mv, dtype=np.uint8)[lo:hi]
    if not in_place:
        scratch = scratch.copy()
    fields = _Fields(scratch, offsets, lengths, lo)
    stored_h, stored_d = fields.get(0, n), fields.get(1, n)
    bad = []
    try:
        fields.put(0, _unmask(stored_h) ^ np.uint32(zeros_crc(8)))
        fields.put(1, _unmask(stored_d) ^ _zeros_crcs(lengths))
        compiled = _crc.crc32c if _crc.IMPLEMENTATION != "python" else None
        failed = []
        for a, b in zip(*_blocks(starts, ends)):
            s, e = int(starts[a]) - lo, int(ends[b - 1]) - lo
            block = scratch[s:e]
            if not (compiled(block) == zeros_crc(e - s) if compiled is not None else raw_crc_numpy(block) == 0):
                failed.append((a, b))
    finally:
        if in_place:
            fields.put(0, stored_h)
            fields.put(1, stored_d)
    for a, b in failed:
        bad.extend(k for k in range(a, b) if not _record_ok(mv, int(offsets[k]), int(lengths[k])))
    return np.array(bad, dtype=np.int64)


# -- the numpy path, when no compiled crc32c is installed --------------------------------

_LANES = 1 << 14
_TABLE = []


def _table():
    import numpy as np

    if not _TABLE:
        _TABLE.append(np.array(_crc.TABLE, dtype=np.uint32))
    return _TABLE[0]


def _mult_const(a, b):
    """``a * b`` modulo the polynomial for a constant ``a`` and a uint32 array ``b`` (crc.multmodp, vectorised)."""
    import numpy as np

    poly = np.uint32(0x82F63B78)
    one = np.uint32(1)
    p = np.zeros_like(b)
    b = b.copy()
    m = 1 << 31
    while True:
        if a & m:
            p ^= b
            if not a & (m - 1):
                return p
        m >>= 1
        b = (b >> one) ^ np.where(b & one, poly, np.uint32(0))


def raw_crc_numpy(block):
    """``r(block)``: CRC32C without pre- or post-conditioning, computed in lanes with numpy.

    The block (uint8 array) is cut into equal lanes (zeros prepended: they do not
    change ``r``), every lane advances one byte per step, and the lanes are then
    combined pairwise: ``r(A + B) = r(A) * x^(8 len B) + r(B)``.
    """
    import numpy as np

    n = len(block)
    if n == 0:
        return 0
    lanes = min(_LANES, 1 << max(0, (n // 64).bit_length() - 1))
    width = -(-n // lanes)
    padded = np.zeros(lanes * width, dtype=np.uint8)
    padded[lanes * width - n :] = block
    cols = padded.reshape(lanes, width)
    table = _table()
    c = np.zeros(lanes, dtype=np.uint32)
    mask = np.uint32(0xFF)
    eight = np.uint32(8)
    for j in range(width):
        c = table[(c ^ cols[:, j]) & mask] ^ (c >> eight)
    seg = width
    while len(c) > 1:
        c = _mult_const(_crc.x8nmodp(seg), c[0::2]) ^ c[1::2]
        seg *= 2
    return int(c[0])
