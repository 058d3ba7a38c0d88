"""Python's ``repr`` of whole numpy columns (float64, int64) as ASCII bytes, without a Python object per value.

``repr(float)`` costs 0.5-1.1 us a value on the doubles logs hold (a float32 widened to float64 needs
17 digits, which takes CPython's dtoa into its bignum path): most of exporting a million rows. Here the
shortest round-trip digits come from the Schubfach algorithm (R. Giulietti, "The Schubfach way to render
doubles", 2020; the algorithm of Java 19's ``Double.toString``) in uint64 numpy arithmetic: the shortest
decimal inside the double's rounding interval, the one closest to it when several are. That is what
CPython's ``float_repr`` (dtoa mode 0) prints; the layout (``0.0001``, ``1e-05``, ``1e+16``, ``-0.0``,
``nan``, ``inf``) follows ``float_repr_style == 'short'`` exactly, and tests compare both on every kind of
double.

A column becomes a matrix of ``uint8`` (one row per value: its text, then ``PAD``), laid out by one gather
from a per-layout template; :func:`texts` turns it into bytes objects (numpy makes them, no Python loop).
"""

import numpy as np

__all__ = ["PAD", "float_text", "int_text", "texts"]

PAD = 0  # after each row's text: numpy's 'S' type strips trailing NULs

_U64 = np.uint64
_M32 = _U64(0xFFFFFFFF)
_M63 = _U64((1 << 63) - 1)
_T_MASK = (1 << 52) - 1
_C_MIN = 1 << 52
_Q_MIN = -1074
_K_MIN, _K_MAX = -324, 292
_POW10 = np.array([10**i for i in range(20)], dtype=_U64)


def _flog2pow10(e):
    return (e * 913_124_641_741) >> 38  # floor(e * log2(10)) for |e| <= 5456721 (exact ints or int64 arrays)


def _g_table():
    """g(k) = floor(10**-k * 2**(125 - flog2pow10(-k))) + 1, split as g1 * 2**63 + g0 (both below 2**63)."""
    g1, g0 = [], []
    for k in range(_K_MIN, _K_MAX + 1):
        shift = 125 - _flog2pow10(-k)
        if k > 0:
            g = (1 << shift) // 10**k + 1
        else:
            g = ((10**-k << shift) if shift >= 0 else (10**-k >> -shift)) + 1
        g1.append(g >> 63)
        g0.append(g & ((1 << 63) - 1))
    return np.array(g1, dtype=_U64), np.array(g0, dtype=_U64)


_G = None


def _halves(a):
    return a & _M32, a >> _U64(32)


def _mulhi(a, b):
    """High 64 bits of the 128-bit products a * b, both given as (low, high) 32-bit halves in uint64."""
    a_lo, a_hi = a
    b_lo, b_hi = b
    # in place where it can: fewer arrays alive, a smaller working set, measurably faster
    mid = a_lo * b_lo
    mid >>= _U64(32)
    hi_lo = a_hi * b_lo
    lo_hi = a_lo * b_hi
    mid += hi_lo & _M32
    mid += lo_hi & _M32
    mid >>= _U64(32)
    hi_lo >>= _U64(32)
    lo_hi >>= _U64(32)
    high = a_hi * b_hi
    high += hi_lo
    high += lo_hi
    high += mid
    return high


def _odd(x1, y0, y1):
    """Schubfach's round-to-odd product of g and cp, the bits above 2**127, from its parts:
    x1 = high(g0 * cp), y0 = low(g1 * cp), y1 = high(g1 * cp)."""
    z = (y0 >> _U64(1)) + x1
    return (y1 + (z >> _U64(63))) | (((z & _M63) + _M63) >> _U64(63))


def _shifted(g, sh):
    """(low, high) 64-bit words of g * 2**sh (1 <= sh < 64)."""
    return g << sh, g >> (_U64(64) - sh)


def _shortest(bits):
    """(f, e) of finite nonzero doubles given as uint64 bits, |x| ~ f * 10**e with f shortest (<= 17 digits)."""
    global _G
    if _G is None:
        _G = _g_table()
    t = bits & _U64(_T_MASK)
    bq = ((bits >> _U64(52)) & _U64(0x7FF)).astype(np.int64)
    normal = bq != 0
    every_normal = bool(normal.all())  # subnormals are rare: their branches are skipped when absent
    c = t | _U64(_C_MIN) if every_normal else np.where(normal, t | _U64(_C_MIN), t)
    q = bq - 1075 if every_normal else np.where(normal, bq - 1075, _Q_MIN)
    # Java scales the two smallest subnormals by 10 (its toString prints two digits at least) and so
    # gives 4.9e-324; Python's shortest is 5e-324 and 1e-323: set below.
    tiny = ~normal & (t < _U64(3))

    out = c & _U64(1)
    cb = c << _U64(2)
    regular = (c != _U64(_C_MIN)) | (q == _Q_MIN)
    # floor(log10(2**q)), or floor(log10(3/4 * 2**q)) at the bottom of a binade (its interval is lopsided)
    every_regular = bool(regular.all())
    k = (q * 661_971_961_083 + (0 if every_regular else np.where(regular, 0, -274_743_187_321))) >> 41
    h = (q + _flog2pow10(-k) + 2).astype(_U64)
    g1, g0 = _G[0][k - _K_MIN], _G[1][k - _K_MIN]
    cp = cb << h
    cph = _halves(cp)
    x0, x1 = g0 * cp, _mulhi(_halves(g0), cph)
    y0, y1 = g1 * cp, _mulhi(_halves(g1), cph)
    vb = _odd(x1, y0, y1)
    # g * (cb + 2) << h and g * cbl << h differ from g * cp by g * 2**sh: exact 128-bit sums and
    # differences of the words above, where Schubfach multiplies twice more
    lo0, hi0 = _shifted(g0, h + _U64(1))
    lo1, hi1 = _shifted(g1, h + _U64(1))
    x0r, y0r = x0 + lo0, y0 + lo1
    vbr = _odd(x1 + hi0 + (x0r < x0), y0r, y1 + hi1 + (y0r < y0))
    if not every_regular:  # the bottom of a binade: cbl = cb - 1
        sh = h + regular
        lo0, hi0 = _shifted(g0, sh)
        lo1, hi1 = _shifted(g1, sh)
    vbl = _odd(x1 - hi0 - (x0 < lo0), y0 - lo1, y1 - hi1 - (y0 < lo1))
    del x0, x1, y0, y1, lo0, hi0, lo1, hi1, x0r, y0r, cp, cph, g0, g1  # a smaller working set: faster

    s = vb >> _U64(2)
    sp10 = s // _U64(10) * _U64(10)
    tp10 = sp10 + _U64(10)
    upin = vbl + out <= sp10 << _U64(2)
    wpin = (tp10 << _U64(2)) + out <= vbr
    # one digit fewer fits the interval (Java asks s >= 100 as it prints two digits at least; the only
    # doubles with s < 100 are subnormals with a few significant bits, all checked by the tests)
    ten = (s >= _U64(10)) & (upin != wpin)
    t1 = s + _U64(1)
    uin = vbl + out <= s << _U64(2)
    win = (t1 << _U64(2)) + out <= vbr
    one = uin != win  # exactly one of s, s + 1 is inside
    cmp = (vb - ((s + t1) << _U64(1))).view(np.int64)
    closer_s = (cmp < 0) | ((cmp == 0) & ((s & _U64(1)) == _U64(0)))
    # selected with arithmetic: np.where is several times slower on masks that vary at random
    take_t = ~((one & uin) | (~one & closer_s))
    f = s + take_t.astype(_U64)
    f += (sp10 + (~upin).astype(_U64) * _U64(10) - f) * ten.astype(_U64)
    e = k

    # doubles that are integers below 2**53 print as that integer (Schubfach's fast path, section 8.3)
    small = np.flatnonzero((q < 0) & (q > -53) & normal)
    if len(small):
        mq = (-q[small]).astype(_U64)
        fi = c[small] >> mq
        hit = (fi << mq) == c[small]
        f[small[hit]] = fi[hit]
        e[small[hit]] = 0
    if not every_normal and bool(tiny.any()):
        f[tiny] = np.where(t[tiny] == _U64(1), _U64(5), _U64(1))
        e[tiny] = np.where(t[tiny] == _U64(1), -324, -323)
    z = np.flatnonzero(f == f // _U64(10) * _U64(10))  # about 1 in 10 ends in a zero: strip those only
    if len(z):
        fz, ez = f[z], e[z]
        for p in (16, 8, 4, 2, 1):  # at most 16 trailing zeros
            q = fz // _POW10[p]
            hit = q * _POW10[p] == fz
            fz = np.where(hit, q, fz)
            ez = ez + hit * p
        f[z], e[z] = fz, ez
    return f, e


def _ndigits(u):
    """Number of decimal digits of each uint64 (1 for 0)."""
    if not len(u):
        return np.ones(0, dtype=np.int64)
    low, high = len(str(int(u.min()))), len(str(int(u.max())))
    nd = np.full(len(u), low, dtype=np.int64)
    for p in _POW10[low:high]:  # only the powers of ten between the smallest and the largest
        nd += u >= p
    return nd


_PAIRS = np.frombuffer(b"".join(b"%02d" % i for i in range(100)), dtype=np.uint16)


def _digits(u, width):
    """ASCII digits of uint64 ``u``, right-aligned and zero-padded to ``width`` (18 or 20) columns."""
    pairs = width // 2
    out = np.empty((len(u), pairs), dtype=np.uint16)
    # pairs above the largest value's digits are "00": steps below 10**8 need 4 of 10
    used = min(pairs, (len(str(int(u.max()))) + 1) // 2) if len(u) else 0
    out[:, : pairs - used] = _PAIRS[0]
    hi = u // _U64(10**8)
    lo = (u - hi * _U64(10**8)).astype(np.uint32)
    top = (hi // _U64(10**8)).astype(np.uint32)
    mid = (hi - top.astype(_U64) * _U64(10**8)).astype(np.uint32)
    col = pairs
    hundred = np.uint32(100)
    for part, n in ((lo, 4), (mid, 4), (top, pairs - 8)):
        for _ in range(n):
            if col == pairs - used:
                break
            col -= 1
            q = part // hundred
            out[:, col] = _PAIRS[part - q * hundred]
            part = q
    return out.view(np.uint8).reshape(len(u), width)


# Source columns a float's template picks from: 18 digits, 3 exponent digits, constants, PAD.
_FD, _FE = 18, 3
_CONST = b'-0.e+nafi"'
_C = {ch: _FD + _FE + i for i, ch in enumerate(_CONST.decode())}
_C_PAD = _FD + _FE + len(_CONST)
_SRC = _C_PAD + 1
_W = 24  # '-1.2345678901234567e-308'
_NKEY = 24  # per (neg, n): 20 places of the decimal point (-3..16) and 4 exponent forms; specials use n = 0


def _render(neg, n, code, json):
    """Source columns of Python's repr for one layout: sign, n digits, where the point goes."""
    z, dot = _C["0"], _C["."]
    if n == 0:  # code 0: zero, 1: inf, 2: nan
        cols = [_C[ch] for ch in ("0.0", "inf", "nan")[code]]
        if neg and code != 2:  # repr(-nan) is 'nan'
            cols = [_C["-"]] + cols
        if json and code:  # strict JSON has no NaN/Infinity: the strings json_float gives json.dumps
            cols = [_C['"']] + cols + [_C['"']]
        return cols
    digit = [_FD - n + i for i in range(n)]
    if code < 20:  # positional, as float_repr_style 'short' writes 1e-4 <= |x| < 1e16
        decpt = code - 3
        if decpt <= 0:
            cols = [z, dot] + [z] * -decpt + digit
        elif decpt < n:
            cols = digit[:decpt] + [dot] + digit[decpt:]
        else:
            cols = digit + [z] * (decpt - n) + [dot, z]
    else:  # d[.ddd]e-XX / e+XXX: at least two exponent digits
        minus, three = code - 20 < 2, (code - 20) % 2 == 1
        cols = digit[:1] + ([dot] + digit[1:] if n > 1 else [])
        cols += [_C["e"], _C["-" if minus else "+"]] + [_FD + i for i in range(0 if three else 1, _FE)]
    return ([_C["-"]] if neg else []) + cols


_TEMPLATES = {}


def _templates(json):
    """Index matrix of every float layout key, built once per spelling of nan/inf."""
    if json not in _TEMPLATES:
        idx = np.full((2 * 18 * _NKEY, _W), _C_PAD, dtype=np.intp)
        for neg in (0, 1):
            for n in range(18):
                for code in range(_NKEY if n else 3):
                    cols = _render(neg, n, code, json)
                    idx[(neg * 18 + n) * _NKEY + code, : len(cols)] = cols
        _TEMPLATES[json] = idx
    return _TEMPLATES[json]


def _gather(src, templates, key, pad):
    """Row r of the result is ``src[r, templates[key[r]]]``.

    The rows are sorted by layout (a radix sort of small ints) and each layout's block of rows is
    copied as a few column slices (its runs of consecutive source columns): about a fifth of the time
    of one flat take of every byte, which stays for blocks of many layouts.
    """
    m, width = src.shape
    order = np.argsort(key.astype(np.uint16), kind="stable")
    ordered = key[order]
    edges = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    if len(edges) > _MAX_LAYOUTS:
        flat = templates[key]  # templates are intp: no conversion of the index matrix
        flat += (np.arange(m, dtype=np.intp) * width)[:, None]
        return src.ravel().take(flat)
    # rows move as opaque items ('V' dtype): a memcpy each, several times faster than 2-D fancy indexing
    rows = src.view(f"V{width}").ravel().take(order).view(np.uint8).reshape(m, width)
    out = np.zeros((m, templates.shape[1]), dtype=np.uint8)  # PAD is 0
    bounds = [0, *edges.tolist(), m]
    for a, b in zip(bounds, bounds[1:]):
        for at, col, n in _runs(templates, int(ordered[a]), pad):
            out[a:b, at : at + n] = rows[a:b, col : col + n]
    back = np.empty_like(order)
    back[order] = np.arange(m)
    return out.view(f"V{out.shape[1]}").ravel().take(back).view(np.uint8).reshape(m, -1)


_MAX_LAYOUTS = 48
_RUNS = {}


def _runs(templates, k, pad):
    """(output column, source column, length) of the runs of consecutive source columns of a layout,
    the ``pad`` column left out."""
    key = (id(templates), k)
    held = _RUNS.get(key)
    if held is not None and held[0] is templates:  # an id is only unique while its object lives
        return held[1]
    if len(_RUNS) > 1 << 16:
        _RUNS.clear()
    runs = []
    for at, col in enumerate(templates[k].tolist()):
        if col == pad:
            continue
        if runs and runs[-1][0] + runs[-1][2] == at and runs[-1][1] + runs[-1][2] == col:
            runs[-1][2] += 1
        else:
            runs.append([at, col, 1])
    runs = [tuple(r) for r in runs]
    _RUNS[key] = (templates, runs)
    return runs


_SUFFIXED = {}


def _suffixed(templates, pad, suffix):
    """``templates`` with the columns ``pad + 1 ...`` (where the caller puts ``suffix``) after each text."""
    key = (id(templates), pad, suffix)
    if key not in _SUFFIXED:
        if len(_SUFFIXED) > 64:  # one suffix a (run, tag): keep the recent ones only
            _SUFFIXED.clear()
        k, w = templates.shape
        out = np.full((k, w + len(suffix)), pad, dtype=np.intp)
        out[:, :w] = templates
        ends = (templates != pad).sum(axis=1)
        out[np.arange(k)[:, None], ends[:, None] + np.arange(len(suffix))] = pad + 1 + np.arange(len(suffix))
        _SUFFIXED[key] = (templates, out)  # templates held: its id stays its own
    return _SUFFIXED[key][1]


_STEP = 8192  # values per numpy pass: temporaries of 64 KiB stay in cache (65536 at once run 2-3x slower)


def _in_steps(fn, x, width, *args):
    out = np.empty((len(x), width + len(args[-1])), dtype=np.uint8)
    for a in range(0, len(x), _STEP):
        out[a : a + _STEP] = fn(x[a : a + _STEP], *args)
    return out


def float_text(x, json=False, suffix=b""):
    """``repr`` of each float64 of ``x`` then ``suffix``: a (len(x), 24 + len(suffix)) uint8 matrix, each
    row's text then PAD.

    With ``json``, NaN and infinities are the JSON strings ``"nan"``, ``"inf"``, ``"-inf"``
    (what ``json_float`` gives json.dumps); otherwise their repr.
    """
    return _in_steps(_float_step, np.ascontiguousarray(x, dtype=np.float64).view(_U64), _W, bool(json), suffix)


def _float_step(bits, json, suffix):
    m = len(bits)
    neg = (bits >> _U64(63)).astype(np.int64)
    mag = bits & _M63
    nonzero = (mag != _U64(0)) & (mag < _U64(0x7FF0000000000000))
    src = np.empty((m, _SRC + len(suffix)), dtype=np.uint8)
    src[:, _FD + _FE :] = np.frombuffer(_CONST + bytes([PAD]) + suffix, dtype=np.uint8)
    every = bool(nonzero.all())
    if every:
        key = neg * (18 * _NKEY)
        sub = slice(None)
    else:  # zeros, infinities, NaN: n = 0 and their code
        special = np.where(mag == _U64(0), 0, np.where(mag == _U64(0x7FF0000000000000), 1, 2))
        key = neg * (18 * _NKEY) + np.where(nonzero, 0, special)
        sub = np.flatnonzero(nonzero)
    if every or len(sub):
        f, e = _shortest(mag[sub])
        nd = _ndigits(f)
        decpt = e + nd
        positional = (decpt > -4) & (decpt <= 16)
        key[sub] += nd * _NKEY + decpt + 3
        src[sub, :_FD] = _digits(f, _FD)
        if not positional.all():  # 1e-05, 1e+16: the exponent's digits and form
            ex = np.flatnonzero(~positional)
            exp = decpt[ex] - 1
            a = np.abs(exp)
            at = ex if every else sub[ex]
            key[at] += 20 + np.where(exp < 0, 0, 2) + (a >= 100) - (decpt[ex] + 3)
            src[at, _FD : _FD + _FE] = np.stack([a // 100, a // 10 % 10, a % 10], axis=1) + ord("0")
    templates = _templates(json)
    return _gather(src, _suffixed(templates, _C_PAD, suffix) if suffix else templates, key, _C_PAD)


_INT_TEMPLATES = np.full((2 * 21, 20), 21, dtype=np.intp)  # source: 20 digits, '-', PAD
for _neg in (0, 1):
    for _n in range(1, 21 - _neg):
        _INT_TEMPLATES[_neg * 21 + _n, : _n + _neg] = [20] * _neg + list(range(20 - _n, 20))


def int_text(x, suffix=b""):
    """``str`` of each int64 of ``x`` then ``suffix``: a (len(x), 20 + len(suffix)) uint8 matrix, each row's
    text then PAD."""
    return _in_steps(_int_step, np.ascontiguousarray(x, dtype=np.int64), 20, suffix)


def _int_step(x, suffix):
    neg = x < 0
    u = x.view(_U64)
    if neg.any():
        u = np.where(neg, ~u + _U64(1), u)  # two's complement magnitude: 2**63 fits a uint64
    src = np.empty((len(x), 22 + len(suffix)), dtype=np.uint8)
    src[:, :20] = _digits(u, 20)
    src[:, 20:] = np.frombuffer(b"-" + bytes([PAD]) + suffix, dtype=np.uint8)
    templates = _suffixed(_INT_TEMPLATES, 21, suffix) if suffix else _INT_TEMPLATES
    return _gather(src, templates, neg * 21 + _ndigits(u), 21)


def texts(matrix):
    """The rows of a text matrix (:func:`float_text`, :func:`int_text`) as a list of bytes, PAD dropped:
    numpy's fixed-width bytes type drops trailing NULs as it makes each bytes object."""
    return matrix.view(f"S{matrix.shape[1]}").ravel().tolist()
