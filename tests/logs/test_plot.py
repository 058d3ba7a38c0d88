"""``--plot``: PNG/SVG through matplotlib, self-contained HTML without it."""

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from tests.support import curves, run_cli, write_2018, write_k3
from tfcompat import InvalidArgumentError, MissingDependencyError
from tfcompat.logs._compare import compare_logs
from tfcompat.logs._plot import plot_comparison


@pytest.fixture
def matplotlib_installed():
    pytest.importorskip("matplotlib", reason="matplotlib not installed (PNG/SVG plots): pip install 'tfcompat[plot]'")


@pytest.fixture
def differing_logs(tmp_path):
    c = curves()
    old = write_2018(tmp_path / "old", c)
    c2 = dict(c, loss=c["loss"] * 1.01, val_acc=c["val_acc"].copy())
    c2["val_acc"][1] = float("nan")
    new = write_k3(tmp_path / "new", c2)
    return old, new


def test_png_from_cli(capsys, tmp_path, differing_logs, matplotlib_installed):
    out_png = tmp_path / "diff.png"
    rc, out, _ = run_cli(capsys, *differing_logs, "--preset", "2018", "--plot", out_png)
    assert rc == 1 and f"plot: {out_png}" in out
    data = out_png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 800 and height >= 300 and len(data) > 20_000  # two panels, not an empty canvas


def test_svg_is_xml_with_the_differing_tags_as_text(capsys, tmp_path, differing_logs, matplotlib_installed):
    out_svg = tmp_path / "diff.svg"
    rc, _, _ = run_cli(capsys, *differing_logs, "--preset", "2018", "--plot", out_svg, "--json")
    assert rc == 1
    root = ET.parse(out_svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    titles = [t for t in texts if t.startswith(("DIFF  ", "ok  "))]
    # Every compared tag, the differing ones first and marked.
    assert titles == [
        "DIFF  val/acc \u2192 validation:epoch_accuracy", "DIFF  train/loss \u2192 train:epoch_loss",
        "ok  lr \u2192 train:epoch_learning_rate", "ok  train/acc \u2192 train:epoch_accuracy",
        "ok  val/loss \u2192 validation:epoch_loss"]
    assert texts[texts.index(titles[0]) + 1] == "1 of 4 values differ"  # the title's second line: why
    assert texts[texts.index(titles[-1]) + 1] == "equal within tolerance"
    assert texts.count("step") == 5  # the x axis of every panel is the step
    assert "2 of 5 tags differ (marked DIFF, drawn first)" in " ".join(texts)
    # Steps are integers: no tick between two steps.
    ticks = [t.text for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("id", "").startswith("xtick_")
             for t in g.iter("{http://www.w3.org/2000/svg}text")]
    assert ticks and all(re.fullmatch(r"\d+", t) for t in ticks), ticks


def test_html_is_one_self_contained_file(capsys, tmp_path, differing_logs):
    out_html = tmp_path / "diff.html"
    rc, out, _ = run_cli(capsys, *differing_logs, "--preset", "2018", "--plot", out_html)
    assert rc == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diff.html", "new", "old"]
    text = out_html.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?://|//cdn|\bsrc=|<link\b|@import|url\(", text)
    cards = re.findall(r'<div class="(card[^"]*)"><h2>(.*?)</h2>', text)
    assert cards == [("card", "DIFF val/acc \u2192 validation:epoch_accuracy"),
                     ("card", "DIFF train/loss \u2192 train:epoch_loss"),
                     ("card ok", "ok lr \u2192 train:epoch_learning_rate"),
                     ("card ok", "ok train/acc \u2192 train:epoch_accuracy"),
                     ("card ok", "ok val/loss \u2192 validation:epoch_loss")]
    assert text.count("<svg ") == 10  # curves + difference strip per pair
    x_ticks = re.findall(r'<text x="[\d.]+" y="[\d.]+" text-anchor="middle">([^<]*)</text>', text)
    assert x_ticks.count("step") == 10
    x_ticks = [t for t in x_ticks if t != "step"]
    assert x_ticks and all(re.fullmatch(r"\d+", t) for t in x_ticks), x_ticks  # integer steps
    blobs = [json.loads(b.replace("<\\/", "</")) for b in re.findall(r'<script type="application/json">(.*?)</script>', text)]
    assert len(blobs) == 5
    val_acc = {p[0]: p[1:] for p in blobs[0]["pts"]}
    assert val_acc[1][1] == "nan" and isinstance(val_acc[1][0], float)
    assert "<details><summary>full report</summary>" in text and "DIFFERENT: 2 of 5 tags differ" in text


def test_html_escapes_tag_names_and_shows_all_pairs_when_equal(tmp_path):
    old = {"a<b>&c": [1.0, 2.0], ("run x", "</script>"): [3.0, 4.0]}
    r = compare_logs(old, dict(old))
    out = plot_comparison(r, tmp_path / "eq.html")
    text = (tmp_path / "eq.html").read_text()
    assert out == tmp_path / "eq.html"
    assert "all 2 tags equal within tolerance" in text
    assert "a&lt;b&gt;&amp;c" in text and "<b>" not in text
    # two JSON blobs and the hover script: the tag named </script> never closes one
    assert text.count("</script>") == 3 and "run x:&lt;/script&gt;" in text


def test_html_thins_long_series_but_keeps_the_worst_point(tmp_path):
    x = np.linspace(0, 1, 50_001)
    new = x.copy()
    new[12_345] += 1.0
    r = compare_logs({"long": x}, {"long": new})
    plot_comparison(r, tmp_path / "long.html")
    text = (tmp_path / "long.html").read_text()
    blob = json.loads(re.search(r'<script type="application/json">(.*?)</script>', text).group(1))
    steps = [p[0] for p in blob["pts"]]
    assert len(steps) <= 2002 and 12_345 in steps
    assert len(text) < 1_000_000


def test_format_override_and_bad_arguments(tmp_path):
    r = compare_logs({"a": [1.0]}, {"a": [2.0]})
    plot_comparison(r, tmp_path / "plot.out", format="html")
    assert (tmp_path / "plot.out").read_text().lstrip().lower().startswith("<!doctype html")
    with pytest.raises(InvalidArgumentError, match=r"`format` must be 'png', 'svg' or 'html'. Received: format='pdf'"):
        plot_comparison(r, tmp_path / "x.png", format="pdf")
    with pytest.raises(InvalidArgumentError, match=r"Received: plot='.*x.jpeg'"):
        plot_comparison(r, tmp_path / "x.jpeg")
    with pytest.raises(InvalidArgumentError, match=r"`max_pairs` must be a positive int. Received: max_pairs=0"):
        plot_comparison(r, tmp_path / "x.html", max_pairs=0)


def test_png_without_matplotlib_says_html_needs_nothing(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    r = compare_logs({"a": [1.0]}, {"a": [2.0]})
    with pytest.raises(MissingDependencyError, match=r"needs matplotlib.*\.html plot needs nothing"):
        plot_comparison(r, tmp_path / "x.png")
    plot_comparison(r, tmp_path / "x.html")
    assert (tmp_path / "x.html").stat().st_size > 1000


_NODE_DOM_STUB = r"""
const fs = require('fs');
const html = fs.readFileSync(process.argv[2], 'utf8');
const js = html.match(/<script>([\s\S]*?)<\/script><\/body>/)[1];
const blobs = [...html.matchAll(/<script type="application\/json">([\s\S]*?)<\/script>/g)].map(m => m[1]);
const cards = blobs.map(b => {
  const listeners = {}, tip = {style: {}, textContent: ''};
  const cur = {attrs: {}, style: {}, setAttribute(k, v) { this.attrs[k] = v; }};
  const svg = {addEventListener(t, f) { listeners[t] = f; }, querySelector() { return cur; },
               getBoundingClientRect() { return {left: 0, top: 0, width: 560}; }};
  const el = {querySelector(sel) { return {script: {textContent: b}, '.main svg': svg, '.tip': tip}[sel]; },
              getBoundingClientRect() { return {left: 0, top: 0}; }};
  return {el, listeners, tip, cur, data: JSON.parse(b)};
});
global.document = {querySelectorAll() { return cards.map(c => c.el); }};
eval(js);
const c = cards[0], step = Number(process.argv[3]);
c.listeners.mousemove({clientX: c.data.ml + (step - c.data.x0) * c.data.sx + 1, clientY: 40});
console.log(JSON.stringify({tip: c.tip.textContent, shown: c.tip.style.display, x: c.cur.attrs.x1}));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the page's script")
def test_html_hover_script_shows_step_and_both_values(tmp_path):
    r = compare_logs({"loss": [1.0, 0.5, 0.25]}, {"loss": [1.0, 0.75, 0.25]})
    plot_comparison(r, tmp_path / "p.html")
    (tmp_path / "dom.js").write_text(_NODE_DOM_STUB)
    out = subprocess.run(["node", str(tmp_path / "dom.js"), str(tmp_path / "p.html"), "1"],
                         capture_output=True, text=True, check=True).stdout
    res = json.loads(out)
    assert res["tip"] == "step 1\nold 0.5\nnew 0.75" and res["shown"] == "block"


@pytest.mark.parametrize("name", ["p.html", "p.svg"])
def test_unwritable_plot_path_is_a_read_write_error_exit_2_not_a_traceback(capsys, tmp_path, differing_logs, name):
    if name.endswith(".svg"):
        pytest.importorskip("matplotlib", reason="matplotlib not installed (PNG/SVG plots): pip install 'tfcompat[plot]'")
    old, new = differing_logs
    dest = tmp_path / "no such dir" / name
    rc, _, err = run_cli(capsys, old, new, "--preset", "2018", "--plot", str(dest))
    assert rc == 2 and "Cannot write the plot file" in err and str(dest) in err
