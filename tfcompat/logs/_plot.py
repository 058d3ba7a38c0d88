"""``tfcompat compare --plot``: old and new curves overlaid, one panel per compared tag.

Every compared pair is drawn, the differing ones first (worst first) and marked
``DIFF`` in red, the equal ones marked ``ok``, so the curves that matched are
seen beside those that did not. The x axis is the step, with integer ticks.

PNG and SVG are drawn with matplotlib, imported only here and only then (no
pyplot, so no global backend is chosen for the caller). HTML needs nothing: one
self-contained file with inline SVG drawn here and a few lines of JavaScript for
the hover read-out; no external reference, so it can be attached to a CI run.
"""

import html
import json
import math
import os

import numpy as np

from tfcompat._errors import InvalidArgumentError, LogReadError, MissingDependencyError
from tfcompat.logs._comparison import key_str as _key

__all__ = ["plot_comparison", "plot_format_of", "PLOT_FORMATS"]

PLOT_FORMATS = {".png": "png", ".svg": "svg", ".html": "html", ".htm": "html"}
_MAX_POINTS = 2000  # per curve in the HTML; more are thinned (the worst point is kept)
_OLD_COLOR, _NEW_COLOR, _BAD_COLOR, _OK_COLOR = "#1f77b4", "#ff7f0e", "#d62728", "#2a7a2a"


def plot_format_of(path, format=None):
    """``"png"``, ``"svg"`` or ``"html"`` for ``path`` (or the explicit ``format``).

    Raises:
        InvalidArgumentError: naming the path when the extension is unknown.
    """
    if format is not None:
        if format not in ("png", "svg", "html"):
            raise InvalidArgumentError(f"`format` must be 'png', 'svg' or 'html'. Received: format={format!r}")
        return format
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in PLOT_FORMATS:
        raise InvalidArgumentError(
            f"`plot` must be a file name ending in .png, .svg or .html. Received: plot={os.fspath(path)!r}"
        )
    return PLOT_FORMATS[ext]


def _title(pair):
    old, new = _key(pair.old_key), _key(pair.new_key)
    return old if old == new else f"{old} \u2192 {new}"


def _mark(pair):
    return "DIFF" if pair.different else "ok"


def _chosen_pairs(result, max_pairs):
    differing = result.different
    pairs = differing + [p for p in result.pairs if p.equal]
    if differing:
        heading = f"{len(differing)} of {len(result.pairs)} tags differ (marked DIFF, drawn first)"
    else:
        heading = f"all {len(pairs)} tags equal within tolerance"
    if len(pairs) > max_pairs:
        heading += f" (first {max_pairs} shown)"
        pairs = pairs[:max_pairs]
    return pairs, heading


def plot_comparison(result, path, *, format=None, max_pairs=24):
    """Writes a plot of ``result`` (a :class:`ComparisonResult`) to ``path``.

    Every compared pair is drawn, the differing ones first (worst first) and
    marked DIFF: old solid, new dashed, the worst point marked; below each, the
    difference new - old. The x axis is the step.

    Args:
        result: what :func:`compare_logs` returned.
        path: output file; ``.png``/``.svg`` need matplotlib, ``.html`` nothing.
        format: ``"png"``, ``"svg"`` or ``"html"`` to override the extension.
        max_pairs: at most this many panels.

    Returns:
        ``path``.
    """
    fmt = plot_format_of(path, format)
    if isinstance(max_pairs, bool) or not isinstance(max_pairs, int) or max_pairs < 1:
        raise InvalidArgumentError(f"`max_pairs` must be a positive int. Received: max_pairs={max_pairs!r}")
    pairs, heading = _chosen_pairs(result, max_pairs)
    try:
        if fmt == "html":
            text = _html(result, pairs, heading)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            _matplotlib(result, pairs, heading, path, fmt)
    except OSError as e:  # exit 2 on the command line, not a traceback read as "different"
        raise LogReadError(f"Cannot write the plot file. Received: plot={os.fspath(path)!r} ({e})") from e
    return path


# -- matplotlib (PNG, SVG) ----------------------------------------------------


def _matplotlib(result, pairs, heading, path, fmt):
    try:
        import matplotlib
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator
    except ImportError as e:
        raise MissingDependencyError(
            f"--plot {fmt.upper()} needs matplotlib (pip install matplotlib); an .html plot needs nothing"
        ) from e
    n = max(1, len(pairs))
    ncols = min(3, n)
    nrows = math.ceil(n / ncols)
    # svg.fonttype none keeps tag names as text (searchable, smaller files).
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "tfcompat"}):
        fig = Figure(figsize=(5.2 * ncols, 4.0 * nrows + 0.6), layout="constrained")
        fig.suptitle(f"tfcompat compare: {heading}\nold: {result.old_label}   new: {result.new_label}", fontsize=9)
        # Row by row, made here: matplotlib 3.5's fig.subfigures made them column by column, which is the order
        # they are drawn in (an SVG's text order: the differing tags first, as the text report lists them).
        grid = fig.add_gridspec(nrows, ncols, left=0, right=1, bottom=0, top=1)
        subfigs = [fig.add_subfigure(grid[i // ncols, i % ncols]) for i in range(nrows * ncols)]
        for sf, pair in zip(subfigs, pairs):
            _matplotlib_pair(sf, pair, MaxNLocator(integer=True))
        if not pairs:
            fig.text(0.5, 0.5, "no matched tags", ha="center")
        fig.savefig(path, format=fmt, dpi=100, metadata={"Date": None} if fmt == "svg" else None)


def _matplotlib_pair(sf, pair, step_locator):
    ax, dx = sf.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    ax.plot(pair.old.step, pair.old.value, "-", color=_OLD_COLOR, lw=1.6, label="old")
    ax.plot(pair.new.step, pair.new.value, "--", color=_NEW_COLOR, lw=1.4, label="new")
    if pair.different and pair.worst_step is not None:
        ax.plot([pair.worst_step], [pair.worst_old], "o", mfc="none", color=_BAD_COLOR, ms=8)
        ax.plot([pair.worst_new_step], [pair.worst_new], "x", color=_BAD_COLOR, ms=8, label="worst")
    color = _BAD_COLOR if pair.different else _OK_COLOR
    ax.set_title(f"{_mark(pair)}  {_title(pair)}\n{_wrap(pair.reason or 'equal within tolerance', 60)}",
                 fontsize=9, color=color)
    if pair.different:
        for spine in ax.spines.values():
            spine.set_edgecolor(_BAD_COLOR)
    ax.grid(True, alpha=0.3)
    ax.tick_params(labelsize=7)
    ax.legend(fontsize=7)
    # The difference strip shows what the overlay hides: a 1e-3 offset is invisible on a loss curve.
    with np.errstate(invalid="ignore"):
        diff = pair.aligned_new - pair.aligned_old
    dx.axhline(0.0, color="#999", lw=0.8)
    dx.plot(pair.aligned_step, diff, ".-", color=_BAD_COLOR, lw=1, ms=3)
    one_nan = np.isnan(diff) & ~(np.isnan(pair.aligned_old) & np.isnan(pair.aligned_new))
    if one_nan.any():
        dx.plot(pair.aligned_step[one_nan], np.zeros(int(one_nan.sum())), "x", color=_BAD_COLOR,
                label="NaN on one side")
        dx.legend(fontsize=6)
    dx.set_ylabel("new \u2212 old", fontsize=7)
    dx.tick_params(labelsize=7)
    dx.grid(True, alpha=0.3)
    dx.set_xlabel("step", fontsize=7)
    dx.xaxis.set_major_locator(step_locator)  # steps are integers: no 0.5 ticks


def _wrap(text, width):
    words, lines, cur = text.split(" "), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    lines.append(cur)
    return "\n".join(lines)


# -- self-contained HTML --------------------------------------------------------

_W, _H = 560, 280
_ML, _MR, _MT, _MB = 64, 12, 12, 34

_CSS = """
body{font:13px system-ui,sans-serif;margin:16px;color:#222;background:#fff}
h1{font-size:16px;margin:0 0 4px} .meta{color:#555;margin:0 0 12px}
.grid{display:flex;flex-wrap:wrap;gap:14px}
.card{border:1px solid #ddd;border-radius:6px;padding:8px;position:relative}
.card h2{font-size:13px;margin:0 0 2px;font-family:monospace;color:#d62728} .why{color:#a33;margin:0 0 4px;font-size:12px}
.card:not(.ok){border-color:#d62728} .ok h2{color:#2a7a2a}
.ok .why{color:#383}
svg text{font:10px sans-serif;fill:#444} .tip{position:absolute;pointer-events:none;background:#fffe;
border:1px solid #999;padding:3px 6px;font:11px monospace;display:none;white-space:pre}
pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:11px}
.legend span{display:inline-block;margin-right:12px} .sw{display:inline-block;width:18px;height:3px;
vertical-align:middle;margin-right:4px}
"""

_JS = """
document.querySelectorAll('.card').forEach(function(card){
  var d=JSON.parse(card.querySelector('script').textContent), svg=card.querySelector('.main svg'),
      tip=card.querySelector('.tip'), cur=svg.querySelector('.cursor');
  svg.addEventListener('mousemove',function(e){
    var r=svg.getBoundingClientRect(), x=(e.clientX-r.left)*d.w/r.width;
    var s=d.x0+(x-d.ml)/d.sx, best=null, bd=Infinity;
    d.pts.forEach(function(p){var dd=Math.abs(p[0]-s); if(dd<bd){bd=dd;best=p;}});
    if(!best){return;}
    var px=d.ml+(best[0]-d.x0)*d.sx;
    cur.setAttribute('x1',px);cur.setAttribute('x2',px);cur.style.display='';
    tip.textContent='step '+best[0]+'\\nold '+best[1]+'\\nnew '+best[2];
    tip.style.left=(e.clientX-card.getBoundingClientRect().left+12)+'px';
    tip.style.top=(e.clientY-card.getBoundingClientRect().top+12)+'px';tip.style.display='block';
  });
  svg.addEventListener('mouseleave',function(){tip.style.display='none';cur.style.display='none';});
});
"""


def _nice_ticks(lo, hi, n=5, integer=False):
    """Round tick values covering [lo, hi]; with ``integer``, a whole-number spacing (steps)."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return [0.0, 1.0]
    if hi <= lo:
        pad = abs(lo) * 0.05 or 0.5
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if (hi - lo) / (m * mag) <= n)
    if integer:
        step = max(1, round(step)) if step >= 1 else 1
    first = math.floor(lo / step) * step
    ticks, t = [], first
    while t < hi + step * 0.999:
        ticks.append(round(t / step) * step)
        t += step
    return ticks


def _thin(steps, keep_step):
    if len(steps) <= _MAX_POINTS:
        return np.arange(len(steps))
    idx = np.unique(np.linspace(0, len(steps) - 1, _MAX_POINTS).astype(np.int64))
    if keep_step is not None:
        w = np.searchsorted(steps, keep_step)
        idx = np.unique(np.append(idx, min(w, len(steps) - 1)))
    return idx


def _paths(steps, values, fx, fy):
    """SVG path data; non-finite values break the line."""
    out, pen = [], False
    for s, v in zip(steps.tolist(), values.tolist()):
        if not math.isfinite(v):
            pen = False
            continue
        out.append(f"{'L' if pen else 'M'}{fx(s):.1f},{fy(v):.1f}")
        pen = True
    return "".join(out)


def _chart(x0, x1, lines, marks, height, xlabel, ylabel=None, zero_line=False):
    """One inline SVG chart. lines: (steps, values, color, dashed); marks: (step, value, shape)."""
    ys = np.concatenate([v for _, v, _, _ in lines] + [np.zeros(1) if zero_line else np.zeros(0)])
    ys = ys[np.isfinite(ys)]
    yt = _nice_ticks(float(ys.min()), float(ys.max()), 5 if height > 150 else 2) if len(ys) else [0.0, 1.0]
    y0, y1 = yt[0], yt[-1]
    pw, ph = _W - _ML - _MR, height - _MT - _MB
    sx, sy = pw / (x1 - x0), ph / (y1 - y0)

    def fx(s):
        return _ML + (s - x0) * sx

    def fy(v):
        return _MT + (y1 - v) * sy

    parts = [f'<svg viewBox="0 0 {_W} {height}" width="{_W}" height="{height}" role="img">']
    for t in yt:
        y = fy(t)
        parts.append(f'<line x1="{_ML}" x2="{_W - _MR}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>')
        parts.append(f'<text x="{_ML - 4}" y="{y + 3:.1f}" text-anchor="end">{t:.4g}</text>')
    for t in _nice_ticks(x0, x1, 6, integer=True):
        if x0 <= t <= x1:
            x = fx(t)
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{_MT}" y2="{height - _MB}" stroke="#f3f3f3"/>')
            parts.append(f'<text x="{x:.1f}" y="{height - _MB + 13}" text-anchor="middle">{t:.6g}</text>')
    parts.append(f'<text x="{_ML + pw / 2:.0f}" y="{height - 4}" text-anchor="middle">{html.escape(xlabel)}</text>')
    if ylabel:
        parts.append(
            f'<text transform="translate(12,{_MT + ph / 2:.0f}) rotate(-90)" text-anchor="middle">'
            f"{html.escape(ylabel)}</text>"
        )
    parts.append(f'<rect x="{_ML}" y="{_MT}" width="{pw}" height="{ph}" fill="none" stroke="#bbb"/>')
    if zero_line:
        parts.append(f'<line x1="{_ML}" x2="{_W - _MR}" y1="{fy(0.0):.1f}" y2="{fy(0.0):.1f}" stroke="#999"/>')
    for steps, values, color, dashed in lines:
        dash = ' stroke-dasharray="5,3"' if dashed else ""
        parts.append(f'<path d="{_paths(steps, values, fx, fy)}" fill="none" stroke="{color}" stroke-width="1.6"{dash}/>')
    for s, v, shape in marks:
        if not math.isfinite(v):
            continue
        x, y = fx(s), fy(v)
        if shape == "o":
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="none" stroke="{_BAD_COLOR}"/>')
        else:
            parts.append(
                f'<path d="M{x - 4:.1f},{y - 4:.1f}L{x + 4:.1f},{y + 4:.1f}M{x - 4:.1f},{y + 4:.1f}'
                f'L{x + 4:.1f},{y - 4:.1f}" stroke="{_BAD_COLOR}" stroke-width="1.5"/>'
            )
    parts.append(
        f'<line class="cursor" x1="0" x2="0" y1="{_MT}" y2="{height - _MB}" stroke="#888" style="display:none"/>'
    )
    parts.append("</svg>")
    return "".join(parts), sx


def _panel(pair):
    oi = _thin(pair.old.step, pair.worst_step)
    ni = _thin(pair.new.step, pair.worst_new_step)
    os_, ov = pair.old.step[oi], pair.old.value[oi]
    ns, nv = pair.new.step[ni], pair.new.value[ni]
    xs = np.concatenate([os_, ns]).astype(np.float64)
    x0, x1 = (float(xs.min()), float(xs.max())) if len(xs) else (0.0, 1.0)
    if x1 <= x0:
        x0, x1 = x0 - 1, x1 + 1
    marks = []
    if pair.different and pair.worst_step is not None:
        marks = [(pair.worst_step, pair.worst_old, "o"), (pair.worst_new_step, pair.worst_new, "x")]
    main, sx = _chart(x0, x1, [(os_, ov, _OLD_COLOR, False), (ns, nv, _NEW_COLOR, True)], marks, _H, "step")
    di = _thin(pair.aligned_step, pair.worst_step)
    with np.errstate(invalid="ignore"):
        diff = (pair.aligned_new - pair.aligned_old)[di]
    # the difference strip shows what the overlay hides (a 1e-3 offset on a loss curve)
    strip, _ = _chart(x0, x1, [(pair.aligned_step[di], diff, _BAD_COLOR, False)], [], 110, "step",
                      "new \u2212 old", zero_line=True)
    # Hover data: every step of either side with both values (null where absent).
    old_map = dict(zip(os_.tolist(), ov.tolist()))
    new_map = dict(zip(ns.tolist(), nv.tolist()))
    pts = [[s, _js_num(old_map.get(s)), _js_num(new_map.get(s))] for s in sorted(set(old_map) | set(new_map))]
    data = {"w": _W, "ml": _ML, "x0": x0, "sx": sx, "pts": pts}
    blob = json.dumps(data, separators=(",", ":")).replace("</", "<\\/")
    cls = "card ok" if pair.equal else "card"
    return (
        f'<div class="{cls}"><h2>{_mark(pair)} {html.escape(_title(pair))}</h2>'
        f'<p class="why">{html.escape(pair.reason or "equal within tolerance")}'
        f'{html.escape(" — worst " + pair.worst_text()) if pair.different else ""}</p>'
        f'<div class="main">{main}</div>{strip}'
        f'<div class="tip"></div><script type="application/json">{blob}</script></div>'
    )


def _js_num(v):
    if v is None:
        return None
    if math.isfinite(v):
        return float(f"{v:.9g}")
    return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")


def _html(result, pairs, heading):
    legend = (
        f'<p class="legend"><span><i class="sw" style="background:{_OLD_COLOR}"></i>old</span>'
        f'<span><i class="sw" style="background:{_NEW_COLOR}"></i>new (dashed)</span>'
        f'<span style="color:{_BAD_COLOR}">o / x worst point old / new</span></p>'
    )
    body = "".join(_panel(p) for p in pairs) or "<p>no matched tags</p>"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>tfcompat compare: {html.escape(heading)}</title><style>{_CSS}</style></head><body>"
        f"<h1>tfcompat compare: {html.escape(heading)}</h1>"
        f'<p class="meta">old: {html.escape(str(result.old_label))}<br>new: {html.escape(str(result.new_label))}</p>'
        f"{legend}<div class=\"grid\">{body}</div>"
        f"<details><summary>full report</summary><pre>{html.escape(result.format())}</pre></details>"
        f"<script>{_JS}</script></body></html>\n"
    )
