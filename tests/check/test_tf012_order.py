"""check: which modules are TF 0.12 code, decided once per module from its source (tf.concat/tf.split order)."""

import json
import subprocess
import sys
import textwrap

import pytest

from tfcompat.check import Overrides, classify_file, classify_source, scan_paths, scan_source
from tfcompat.check._scan import scan_module


def _src(body):
    return "import tensorflow as tf\n" + textwrap.dedent(body)


def _order_findings(source):
    return [(f.line, f.api) for f in scan_source(source)[0] if f.kind == "tf012_order"]


def test_a_call_only_012_can_mean_makes_the_module_012_and_reports_every_reordered_call():
    source = _src("""
        x = tf.placeholder(tf.float32, [None, 4])
        parts = tf.split(0, 2, x)
        y = tf.concat(axis_var, tensors)
    """)
    assert _order_findings(source) == [(4, "tf.split(split_dim, num_split, value)"),
                                       (5, "tf.concat(concat_dim, values)")]
    decision = classify_source(source)
    assert decision.legacy and decision.tf012 == (4, "tf.split(split_dim, num_split, value)")
    assert decision.describe() == ("2018 (line 3: tf.placeholder), TF 0.12 argument order "
                                   "(line 4: tf.split(split_dim, num_split, value))")


def test_each_kind_of_012_evidence():
    for call in ("tf.concat(1, [a, b])", "tf.concat(-1, xs)", "tf.concat(d, [a, b])", "tf.concat(d, [t for t in ts])",
                 "tf.concat(concat_dim=1, values=xs)", "tf.split(0, n, x)", "tf.split(split_dim=0, num_split=2, value=x)"):
        assert len(_order_findings(_src(call))) == 1, call


def test_a_name_tf_1_0_removed_makes_the_module_012():
    source = _src("""
        tf.scalar_summary("loss", loss)
        y = tf.concat(dim, tensors)
    """)
    assert _order_findings(source) == [(4, "tf.concat(concat_dim, values)")]
    assert "line 3: tf.scalar_summary" in scan_source(source)[0][-1].how


@pytest.mark.parametrize("newer", [
    # a call only TF 1.x's order can mean
    "tf.concat([a, b], 1)", "tf.concat(xs, axis=1)", "tf.split(x, 2, 1)", "tf.split(x, [1, 3], d)",
    "tf.split(x, num_or_size_splits=2, axis=1)", "tf.split(x, 2)",
    # a namespace TF 1.0 added
    "tf.layers.dense(x, 3)", "tf.data.Dataset", "tf.losses.mean_squared_error(a, b)", "tf.metrics.accuracy(a, b)",
    "tf.compat.v1.concat([a, b], 1)", "tf.estimator.Estimator"])
def test_anything_only_1x_can_mean_keeps_the_module_1x(newer):
    # e.g. a TF 1.x module with a 0.12 fallback (try: tf.summary.scalar except: tf.scalar_summary)
    source = _src(f"""
        tf.scalar_summary("loss", loss)
        y = tf.concat(1, [a, b])
        z = {newer}
    """)
    assert _order_findings(source) == []
    decision = classify_source(source)
    assert decision.legacy and decision.tf012 is None


def test_names_tf_1x_kept_and_modules_without_evidence_are_not_012():
    assert _order_findings(_src("tf.initialize_all_variables()\ny = tf.concat(d, xs)")) == []
    assert _order_findings(_src("x = tf.placeholder(tf.float32)\ny = tf.concat(d, xs)")) == []
    assert "removed in TF 2.0 (TF 1.x kept it" in scan_source(_src("tf.initialize_all_variables()"))[0][0].tf221
    assert classify_source(_src("y = tf.concat(1, [a, b])\n") + "# tfcompat: modern\n").tf012 is None


def test_overrides_keep_the_sources_argument_order(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(_src("y = tf.concat(1, [a, b])\n"))
    decided = classify_file(str(path), overrides=Overrides(legacy=["m.py"]))
    assert decided.by == "flag" and decided.tf012 == (2, "tf.concat(concat_dim, values)")
    assert classify_file(str(path), overrides=Overrides(modern=["m.py"])).tf012 is None
    path.write_text("# tfcompat: legacy\n" + _src("y = tf.split(0, 2, x)\n"))
    assert classify_file(str(path)).tf012 == (3, "tf.split(split_dim, num_split, value)")


def test_the_report_and_the_cli_say_it(tmp_path):
    (tmp_path / "rnn.py").write_text(_src("xs = tf.split(0, 4, x)\n"))
    entry = scan_paths([tmp_path])["files"][0]
    assert entry["tf012"] == [2, "tf.split(split_dim, num_split, value)"]
    # the call that made the module 2018 code is the one that made it 0.12 code: said once
    assert entry["decision"] == "2018 (line 2: tf.split(split_dim, num_split, value)), TF 0.12 argument order"
    out = subprocess.run([sys.executable, "-m", "tfcompat", "check", str(tmp_path)], capture_output=True, text=True)
    assert "rnn.py: 2018 (line 2: tf.split(split_dim, num_split, value)), TF 0.12 argument order:" in out.stdout
    assert "import tfcompat.v1.tf012 as tf" in out.stdout
    js = subprocess.run([sys.executable, "-m", "tfcompat", "check", "--json", str(tmp_path)], capture_output=True,
                        text=True)
    assert json.loads(js.stdout)["files"][0]["tf012"] == [2, "tf.split(split_dim, num_split, value)"]


def test_sampled_losses_follow_the_module_and_only_calls_read_differently_are_reported():
    source = _src("""
        tf.scalar_summary("loss", loss)
        a = tf.nn.nce_loss(w, b, embed, labels, 64, vocabulary_size)
        b = tf.nn.sampled_softmax_loss(weights=w, biases=b, inputs=x, labels=y, num_sampled=8, num_classes=100)
        c = tf.nn.nce_loss(w, b)
    """)
    assert _order_findings(source) == [(4, "tf.nn.nce_loss(weights, biases, inputs, labels, num_sampled, num_classes)")]
    assert _order_findings(_src("a = tf.nn.nce_loss(w, b, embed, labels, 64, n)")) == []  # no 0.12 evidence


def test_a_notebook_is_decided_as_one_module(tmp_path):
    cells = ['import tensorflow as tf\ntf.scalar_summary("loss", loss)', "y = tf.concat(d, xs)",
             "z = tf.concat(1, [a, b])"]
    nb = {"cells": [{"cell_type": "code", "source": c} for c in cells], "metadata": {}, "nbformat": 4,
          "nbformat_minor": 4}
    (tmp_path / "old.ipynb").write_text(json.dumps(nb))
    entry = scan_paths([tmp_path])["files"][0]
    # cell 0's removed name makes every cell's call 0.12's
    assert [(f.cell, f.line) for f in entry["findings"] if f.kind == "tf012_order"] == [(1, 1), (2, 1)]
    nb["cells"].append({"cell_type": "code", "source": "w = tf.concat([a, b], 1)"})  # only 1.x can mean this one
    (tmp_path / "old.ipynb").write_text(json.dumps(nb))
    entry = scan_paths([tmp_path])["files"][0]
    assert entry["tf012"] is None and not [f for f in entry["findings"] if f.kind == "tf012_order"]


def test_version_fallbacks_are_no_evidence():
    fallback = _src("""
        try:
            scalar = tf.summary.scalar
        except AttributeError:
            scalar = tf.scalar_summary
        h = tf.concat(values, axis)
    """)
    assert _order_findings(fallback) == [] and classify_source(fallback).tf012 is None


def test_comments_decide_the_argument_order_too(tmp_path):
    forced = "# tfcompat: tf012\n" + _src("y = tf.concat(d, xs)\n")
    decision = classify_source(forced)
    assert decision.legacy and decision.tf012 == (1, "# tfcompat: tf012")
    assert decision.describe() == ("2018 (line 1: # tfcompat: tf012), TF 0.12 argument order "
                                   "(line 1: # tfcompat: tf012)")
    assert _order_findings(forced) == [(3, "tf.concat(concat_dim, values)")]
    kept = "# tfcompat: tf1\n" + _src("tf.scalar_summary('a', b)\ny = tf.concat(1, [a, b])\n")
    assert classify_source(kept).legacy and classify_source(kept).tf012 is None and _order_findings(kept) == []
    # a module decided today's runs with the real tensorflow: no 0.12 finding in its report
    (tmp_path / "m.py").write_text("# tfcompat: modern\n" + _src("tf.scalar_summary('a', b)\ny = tf.concat(1, [a, b])\n"))
    entry = scan_paths([tmp_path])["files"][0]
    assert entry["era"] == "today" and not [f for f in entry["findings"] if f.kind == "tf012_order"]


def test_scan_module_returns_the_evidence_and_skipped_lines_per_cell():
    findings, skipped, tf012 = scan_module([(0, "import tensorflow as tf\n$ pip install x"),
                                            (1, "xs = tf.split(0, 2, x)")], "nb.ipynb")
    assert skipped == {0: [2]} and tf012 == (1, "tf.split(split_dim, num_split, value)")
    assert [(f.cell, f.kind) for f in findings] == [(1, "tf012_order")]


def test_012_rnn_loops_are_012_names_and_make_the_module_2018():
    source = ("import tensorflow as tf\nfrom tensorflow.python.ops import rnn, rnn_cell\n"
              "outs, _ = rnn.rnn(rnn_cell.GRUCell(4), xs, dtype=tf.float32)\n"
              "both = tf.nn.bidirectional_rnn(fw, bw, xs, dtype=tf.float32)\n")
    found = [(f.line, f.api, f.tf221, f.how) for f in scan_source(source)[0] if f.kind == "tf012"]
    assert found == [
        (3, "tf.python.ops.rnn.rnn", "AttributeError: 'python.ops.rnn.rnn' was removed in TF 1.0 (renamed "
         "tf.nn.static_rnn)", "tfcompat.v1 answers it as tf.nn.static_rnn"),
        (4, "tf.nn.bidirectional_rnn", "AttributeError: 'nn.bidirectional_rnn' was removed in TF 1.0 (renamed "
         "tf.nn.static_bidirectional_rnn)", "tfcompat.v1 answers it as tf.nn.static_bidirectional_rnn")]
    assert classify_source(source).legacy
    summary = [f.how for f in scan_source("import tensorflow as tf\ntf.scalar_summary('a', b)\n")[0]]
    assert summary == ["tfcompat.v1 answers it as tf.summary.scalar (summaries keep TF 0.12's exact tag names)"]
