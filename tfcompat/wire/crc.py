"""Masked CRC32C as TFRecord framing uses it.

A compiled crc32c (the ``crc32c`` or ``google-crc32c`` package) is used when it
is installed; otherwise a table-driven pure-Python fallback computes the same
values (slowly). ``IMPLEMENTATION`` says which one is active.
"""

__all__ = ["crc32c", "masked_crc32c", "IMPLEMENTATION"]

MASK_DELTA = 0xA282EAD8
_POLY = 0x82F63B78


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
    """CRC32C (Castagnoli) of ``data`` in pure Python."""
    table = TABLE
    crc ^= 0xFFFFFFFF
    for b in bytes(data):
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


try:  # the fastest: SSE4.2/ARMv8 hardware CRC
    from crc32c import crc32c as _crc32c_c

    def crc32c(data):
        return _crc32c_c(data)

    IMPLEMENTATION = "crc32c"
except ImportError:  # pragma: no cover - depends on the environment
    try:
        import google_crc32c as _g

        def crc32c(data):
            return _g.value(bytes(data))

        IMPLEMENTATION = "google-crc32c"
    except ImportError:
        crc32c = _crc32c_py
        IMPLEMENTATION = "python"


def masked_crc32c(data):
    """Masked CRC32C of ``data``: the checksum TFRecord stores."""
    x = crc32c(data)
    return (((x >> 15) | (x << 17)) + MASK_DELTA) & 0xFFFFFFFF


def _masked_crc32c_py(data):
    x = _crc32c_py(data)
    return (((x >> 15) | (x << 17)) + MASK_DELTA) & 0xFFFFFFFF
