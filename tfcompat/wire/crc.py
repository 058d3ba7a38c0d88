"""Masked CRC32C as TFRecord framing uses it (TensorFlow's ``crc32c::Mask``/``Value``/``Extend``).

A compiled crc32c (the ``crc32c`` or ``google-crc32c`` package) is used when it
is installed; otherwise a table-driven pure-Python fallback computes the same
values (slowly). ``IMPLEMENTATION`` says which one is active.

Also the GF(2) arithmetic of the CRC (:func:`zeros_crc`, as zlib's
``crc32_combine`` does it): :mod:`tfcompat.wire.checksum` checks many records
with one pass over their bytes thanks to it.
"""

import os
import struct

__all__ = ["crc32c", "crc32c_extend", "masked_crc32c", "bad_data_crcs", "unmask", "zeros_crc", "IMPLEMENTATION", "TABLE"]

MASK_DELTA = 0xA282EAD8
_POLY = 0x82F63B78  # Castagnoli, bit-reflected


def _make_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ _POLY if c & 1 else c >> 1
        table.append(c)
    return tuple(table)


TABLE = _make_table()


def _crc32c_py(data, crc=0):
    """CRC32C (Castagnoli) of ``data`` in pure Python, continuing from ``crc``."""
    table = TABLE
    crc ^= 0xFFFFFFFF
    for b in bytes(data):
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def _load_crc32c_extension():
    """The compiled function of the ``crc32c`` package, loaded without running the package's ``__init__``.

    ``import crc32c`` calls ``importlib.metadata.version()``, which costs 20-150 ms at
    start-up (more than reading a small log directory); the extension module itself
    loads in well under a millisecond. Falls back to the plain import when the
    package's layout differs.
    """
    import importlib.machinery
    import importlib.util

    spec = importlib.util.find_spec("crc32c")  # locates the package without executing it
    if spec is None:
        raise ImportError("crc32c")
    for folder in spec.submodule_search_locations or ():
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, "_crc32c" + suffix)
            if os.path.isfile(path):
                loader = importlib.machinery.ExtensionFileLoader("crc32c._crc32c", path)
                module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
                loader.exec_module(module)
                return module.crc32c
    from crc32c import crc32c as fn

    return fn


try:  # the fastest: SSE4.2/ARMv8 hardware CRC, buffer protocol, no copy
    _crc32c_c = crc32c = _load_crc32c_extension()  # the compiled function itself: no Python frame per call

    def crc32c_extend(crc, data):
        """CRC32C of the bytes whose CRC is ``crc`` followed by ``data``."""
        return _crc32c_c(data, crc)

    IMPLEMENTATION = "crc32c"
except (ImportError, ValueError):  # pragma: no cover - depends on the environment
    _crc32c_c = None
    try:
        import google_crc32c as _g

        def crc32c(data):
            return _g.value(bytes(data))

        def crc32c_extend(crc, data):
            return _g.extend(crc, bytes(data))

        IMPLEMENTATION = "google-crc32c"
    except ImportError:
        crc32c = _crc32c_py

        def crc32c_extend(crc, data):
            return _crc32c_py(data, crc)

        IMPLEMENTATION = "python"


def masked_crc32c(data):
    """Masked CRC32C of ``data``: the checksum TFRecord stores."""
    x = crc32c(data)
    return (((x >> 15) | (x << 17)) + MASK_DELTA) & 0xFFFFFFFF


_unpack_u32 = struct.Struct("<I").unpack_from


def bad_data_crcs(buf, offsets, lengths):
    """Indices of the records whose stored data CRC (the 4 bytes after each record's data) is wrong.

    One crc32c call per record: for a few records (``checksum.bad_records`` checks long runs at once).
    """
    bad = []
    for k, (off, n) in enumerate(zip(offsets, lengths)):
        x = crc32c(buf[off : off + n])  # compared masked, as stored
        if (((x >> 15) | (x << 17)) + MASK_DELTA) & 0xFFFFFFFF != _unpack_u32(buf, off + n)[0]:
            bad.append(k)
    return bad


def _masked_crc32c_py(data):
    x = _crc32c_py(data)
    return (((x >> 15) | (x << 17)) + MASK_DELTA) & 0xFFFFFFFF


def unmask(masked):
    """Inverse of the masking: the plain CRC32C a stored checksum stands for."""
    rot = (masked - MASK_DELTA) & 0xFFFFFFFF
    return ((rot >> 17) | (rot << 15)) & 0xFFFFFFFF


# -- GF(2) arithmetic modulo the CRC polynomial (bit-reflected, as zlib's crc32_combine) --

def multmodp(a, b):
    """``a * b`` modulo the polynomial; bit 31 stands for x^0."""
    m = 1 << 31
    p = 0
    while True:
        if a & m:
            p ^= b
            if not a & (m - 1):
                return p
        m >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1


def _powers():
    out = [1 << 30]  # x^1
    for _ in range(31):
        out.append(multmodp(out[-1], out[-1]))
    return tuple(out)


_X2N = _powers()  # x^(2^k)


def x8nmodp(n):
    """x^(8n) modulo the polynomial: what appending n bytes does to a CRC."""
    p = 1 << 31
    k = 3
    while n:
        if n & 1:
            p = multmodp(_X2N[k & 31], p)
        n >>= 1
        k += 1
    return p


_ZEROS = {}


def zeros_crc(n):
    """CRC32C of ``n`` zero bytes, in O(log n) without touching them (cached)."""
    c = _ZEROS.get(n)
    if c is None:
        c = multmodp(x8nmodp(n), 0xFFFFFFFF) ^ 0xFFFFFFFF
        if len(_ZEROS) < 4096:
            _ZEROS[n] = c
    return c
