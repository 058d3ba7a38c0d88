"""tfcompat.v1.summary: TF1 tags, the fast path's bytes, FileWriter output read back by TensorBoard."""

import glob
import os

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tensorboard.compat.proto import summary_pb2 as tb_summary_pb2

import tfcompat.v1 as tf
from tests.support import read_back
from tfcompat import GraphError, InvalidArgumentError, WriterError

pytestmark = [pytest.mark.tf, pytest.mark.usefixtures("fresh_graph")]


def _events(logdir):
    (path,) = glob.glob(os.path.join(str(logdir), "events.out.tfevents.*"))
    return list(tf.train.summary_iterator(path))


def test_tags_follow_tf1_name_scopes_and_suffixes():
    x = tf.placeholder(tf.float32, name="x")
    imgs = tf.placeholder(tf.float32, [None, 4, 4, 1], name="imgs")
    with tf.name_scope("train"):
        tf.summary.scalar("loss", x)
        tf.summary.scalar("loss", x)
    tf.summary.scalar("loss", x)
    tf.summary.histogram("weights", imgs)
    tf.summary.image("digits", imgs, max_outputs=2)
    tf.summary.audio("sound", tf.zeros([1, 8]), sample_rate=8000)
    tf.summary.text("note", tf.constant("hello"))
    tf.summary.tensor_summary("raw", tf.constant([1.0, 2.0]))
    merged = tf.summary.merge_all()
    with tf.Session() as sess:
        out = sess.run(merged, {x: 1.0, imgs: np.zeros([2, 4, 4, 1], "float32")})
    tags = [v.tag for v in tf.Summary.FromString(out).value]
    assert tags == ["train/loss", "train/loss_1", "loss", "weights", "digits/image/0", "digits/image/1",
                    "sound/audio/0", "note", "raw"]


def test_fast_path_returns_tf1_bytes_in_merge_order():
    a = tf.placeholder(tf.float32, name="a")
    b = tf.placeholder(tf.float64, name="b")
    c = tf.placeholder(tf.int32, name="c")
    with tf.name_scope("metrics"):
        tf.summary.scalar("acc", a)
        tf.summary.scalar("lr", b)
    tf.summary.scalar("epoch", c)
    tf.summary.scalar("fixed", tf.constant(2.5))
    merged = tf.summary.merge_all()
    feed = {a: 0.1, b: 1e-3, c: 7}
    with tf.Session() as sess:
        ours = sess.run(merged, feed)
        real = sess.real.run(merged, feed)  # TF's own session on the same graph
    assert ours == real
    summary = tf.Summary.FromString(ours)
    assert [(v.tag, v.simple_value) for v in summary.value] == [
        ("metrics/acc", pytest.approx(0.1)), ("metrics/lr", pytest.approx(1e-3)), ("epoch", 7.0), ("fixed", 2.5)]


_floats = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.floats(-1e40, 1e40),
                    st.floats(-1e-37, 1e-37),  # float32 subnormals: TF's kernels flush them
                    st.integers(-2**31, 2**31 - 1), st.booleans())


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")  # TF's own cast of huge values
@settings(max_examples=60, deadline=None)
@given(values=st.lists(_floats, min_size=3, max_size=3), as_numpy=st.booleans())
@example(values=[0.0, False, 2049], as_numpy=False)  # found by the oldest cell: TF 2.16 refuses it, TF 2.21 rounds
def test_fast_path_is_byte_identical_to_tf(values, as_numpy):
    g = _fast_graph()
    feed = {}
    for ph, v in zip(g["phs"], values):
        if as_numpy and not isinstance(v, bool):
            v = np.float64(v) if isinstance(v, float) else np.int64(v)
        feed[ph] = v
    # Ints a float placeholder cannot hold exactly (2049 in float16) are refused by TF 2.16 and rounded by TF 2.21:
    # whichever this TensorFlow does, tfcompat's Session must do the same.
    assert _outcome(g["sess"].run, g["merged"], feed) == _outcome(g["sess"].real.run, g["merged"], feed)


def _outcome(run, fetch, feed):
    try:
        return run(fetch, feed)
    except TypeError as e:
        return TypeError, str(e)


_FAST = {}


def _fast_graph():
    if "sess" not in _FAST:
        g = tf.Graph()
        with g.as_default():
            phs = [tf.placeholder(dt, name=f"p{i}") for i, dt in enumerate((tf.float32, tf.float64, tf.float16))]
            for i, ph in enumerate(phs):
                tf.summary.scalar(f"s{i}", ph)
            merged = tf.summary.merge_all()
        _FAST.update(phs=phs, merged=merged, sess=tf.Session(graph=g))
    return _FAST


@pytest.mark.parametrize("value", [2.19e-45, -1e-40, 1.1754943508222875e-38, 1.1754943157898259e-38,
                                   1.1754942807573643e-38, 3.5e38, 1e300, -1e300, 16777217.0])
def test_fast_path_matches_tf_at_float32_edges(value):
    g = _fast_graph()
    for feed in ({g["phs"][0]: value, g["phs"][1]: value, g["phs"][2]: 0.0},
                 {g["phs"][0]: np.float64(value), g["phs"][1]: np.array(value), g["phs"][2]: 1}):
        with np.errstate(over="ignore"):
            assert g["sess"].run(g["merged"], feed) == g["sess"].real.run(g["merged"], feed)


def test_fast_path_rejects_a_non_scalar_feed_with_a_clear_error():
    x = tf.placeholder(tf.float32, name="loss_in")
    s = tf.summary.scalar("loss", x)
    with tf.Session() as sess:
        with pytest.raises(InvalidArgumentError, match=r"loss_in.*shape \(3,\)"):
            sess.run(s, {x: [1.0, 2.0, 3.0]})


_HISTO_GRAPH = {}


def _histo_graph():
    if "sess" not in _HISTO_GRAPH:
        g = tf.Graph()
        with g.as_default():
            phs = {
                "f32_any": tf.placeholder(tf.float32, None, name="f32_any"),
                "f64_rows": tf.placeholder(tf.float64, [None, 3], name="f64_rows"),
                "i32": tf.placeholder(tf.int32, [None], name="i32"),
                "f16": tf.placeholder(tf.float16, [4], name="f16"),
                "loss": tf.placeholder(tf.float32, name="loss"),
            }
            with tf.name_scope("layer"):
                for name in ("f32_any", "f64_rows", "i32", "f16"):
                    tf.summary.histogram(name, phs[name])
            tf.summary.scalar("loss", phs["loss"])
            merged = tf.summary.merge_all()
        _HISTO_GRAPH.update(phs=phs, merged=merged, sess=tf.Session(graph=g))
    return _HISTO_GRAPH


_arrays = st.lists(st.one_of(st.floats(-1e30, 1e30), st.sampled_from([0.0, -0.0, 1e-12, 1e-40, 1e25])),
                   min_size=0, max_size=30)


@settings(max_examples=40, deadline=None)
@given(a=_arrays, b=st.lists(st.floats(-1e300, 1e300), min_size=0, max_size=30), c=st.lists(st.integers(-10**6, 10**6)),
       d=st.lists(st.floats(-6e4, 6e4), min_size=4, max_size=4), loss=st.floats(-1e6, 1e6))
def test_fast_path_histograms_of_fed_placeholders_are_byte_identical_to_tf(a, b, c, d, loss):
    g = _histo_graph()
    phs = g["phs"]
    rows = np.array(b[: len(b) // 3 * 3], dtype=np.float64).reshape(-1, 3)
    feed = {phs["f32_any"]: np.array(a).reshape(-1, 1) if len(a) % 2 else a, phs["f64_rows"]: rows,
            phs["i32"]: c, phs["f16"]: d, phs["loss"]: loss}
    with np.errstate(over="ignore"):
        assert g["sess"].run(g["merged"], feed) == g["sess"].real.run(g["merged"], feed)


def test_fast_path_histograms_never_call_tensorflow(tmp_path):
    g = _histo_graph()
    phs = g["phs"]

    class NoTF:
        def run(self, *args, **kwargs):
            raise AssertionError("the fast path called TensorFlow")

    sess = tf.Session(graph=g["sess"].graph)
    real, sess.real = sess.real, NoTF()
    try:
        feed = {phs["f32_any"]: np.random.randn(100), phs["f64_rows"]: np.ones((2, 3)), phs["i32"]: [1, 2],
                phs["f16"]: [1, 2, 3, 4], phs["loss"]: 0.5}
        out = sess.run(g["merged"], feed)
    finally:
        sess.real = real
    assert out == g["sess"].real.run(g["merged"], feed)
    sess.close()


def test_fast_path_histogram_errors_name_the_placeholder():
    g = _histo_graph()
    phs = g["phs"]
    ok = {phs["f32_any"]: [1.0], phs["f64_rows"]: np.ones((1, 3)), phs["i32"]: [1], phs["f16"]: [1, 2, 3, 4],
          phs["loss"]: 1.0}
    with pytest.raises(InvalidArgumentError, match=r"Cannot feed value of shape \(2, 2\) for Tensor 'f64_rows:0'"):
        g["sess"].run(g["merged"], {**ok, phs["f64_rows"]: np.ones((2, 2))})
    with pytest.raises(InvalidArgumentError, match=r"Nan in summary histogram for: layer/f32_any.*f32_any"):
        g["sess"].run(g["merged"], {**ok, phs["f32_any"]: [1.0, float("nan")]})
    with pytest.raises(InvalidArgumentError, match=r"'i32:0' cannot be converted to int32"):
        g["sess"].run(g["merged"], {**ok, phs["i32"]: ["a"]})


def test_filewriter_histograms_of_fed_values_read_back_as_tf_writes_them(tmp_path):
    g = _histo_graph()
    phs = g["phs"]
    feed = {phs["f32_any"]: np.linspace(-3, 3, 50), phs["f64_rows"]: np.ones((2, 3)), phs["i32"]: [5, 6],
            phs["f16"]: [1, 2, 3, 4], phs["loss"]: 0.5}
    for name, run in (("ours", g["sess"].run), ("tf", g["sess"].real.run)):
        writer = tf.summary.FileWriter(str(tmp_path / name))
        writer.add_summary(run(g["merged"], feed), 7)
        writer.close()
    ours, theirs = read_back(tmp_path / "ours"), read_back(tmp_path / "tf")
    assert sorted(ours.Tags()["histograms"]) == sorted(theirs.Tags()["histograms"]) == [
        "layer/f16", "layer/f32_any", "layer/f64_rows", "layer/i32"]
    for tag in ours.Tags()["histograms"]:
        assert ours.Histograms(tag)[0].histogram_value == theirs.Histograms(tag)[0].histogram_value


@pytest.mark.parametrize("dtype", ["float32", "float64", "int32"])
def test_fast_path_refuses_none_instead_of_writing_nan(tmp_path, dtype):
    x = tf.placeholder(getattr(tf, dtype), name="val_loss_in")
    merged = tf.summary.merge([tf.summary.scalar("val_loss", x), tf.summary.scalar("fixed", tf.constant(1.0))])
    writer = tf.summary.FileWriter(str(tmp_path))
    with tf.Session() as sess:
        with pytest.raises(InvalidArgumentError, match=r"'val_loss_in:0'.*is None.*Received: feed_dict\[val_loss_in\]=None"):
            writer.add_summary(sess.run(merged, {x: None}), 1)
        writer.add_summary(sess.run(merged, {x: 2}), 2)
    writer.close()
    assert [(e.step, e.value) for e in read_back(tmp_path).Scalars("val_loss")] == [(2, 2.0)]


def test_filewriter_writes_tf1_file_graph_and_simple_values(tmp_path):
    x = tf.placeholder(tf.float32, name="x")
    with tf.name_scope("train"):
        tf.summary.scalar("loss", x)
    merged = tf.summary.merge_all()
    with tf.Session() as sess:
        writer = tf.summary.FileWriter(str(tmp_path), sess.graph, filename_suffix=".tfc")
        for step in range(5):
            writer.add_summary(sess.run(merged, {x: 1.0 / (step + 1)}), step)
        writer.close()
    (name,) = os.listdir(tmp_path)
    assert name.startswith("events.out.tfevents.") and name.endswith(".tfc")
    events = _events(tmp_path)
    assert events[0].file_version == "brain.Event:2"
    assert events[1].HasField("graph_def") and events[2].HasField("meta_graph_def")
    graph_def = tf.GraphDef.FromString(events[1].graph_def)
    assert "train/loss" in {n.name for n in graph_def.node}
    assert events[3].summary.value[0].WhichOneof("value") == "simple_value"
    acc = read_back(tmp_path)
    assert acc.Tags()["graph"] and acc.Tags()["meta_graph"]
    loss = acc.Scalars("train/loss")
    assert [e.step for e in loss] == [0, 1, 2, 3, 4]
    assert [e.value for e in loss] == pytest.approx([1.0, 0.5, 1 / 3, 0.25, 0.2])


def test_add_summary_accepts_tf_and_tensorboard_protos_and_bytes(tmp_path):
    with tf.summary.FileWriter(str(tmp_path)) as writer:
        writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag="tf_proto", simple_value=1.0)]), 1)
        writer.add_summary(tb_summary_pb2.Summary(value=[tb_summary_pb2.Summary.Value(tag="tb_proto", simple_value=2.0)]), 2)
        writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag="raw", simple_value=3.0)]).SerializeToString(), 3)
        try:
            from tensorboardX.proto import summary_pb2 as tbx_summary_pb2
        except ImportError:
            tbx_summary_pb2 = None
        if tbx_summary_pb2 is not None:
            writer.add_summary(tbx_summary_pb2.Summary(value=[tbx_summary_pb2.Summary.Value(tag="tbx", simple_value=4.0)]), 4)
    acc = read_back(tmp_path)
    assert {t: [(e.step, e.value) for e in acc.Scalars(t)] for t in ("tf_proto", "tb_proto", "raw")} == {
        "tf_proto": [(1, 1.0)], "tb_proto": [(2, 2.0)], "raw": [(3, 3.0)]}


def test_add_summary_rejects_garbage_and_none(tmp_path):
    with tf.summary.FileWriter(str(tmp_path)) as writer:
        with pytest.raises(InvalidArgumentError, match="summary="):
            writer.add_summary("loss=1", 0)
        with pytest.raises(InvalidArgumentError, match="global_step="):
            writer.add_summary(tf.Summary(), global_step="ten")
        assert tf.summary.merge_all() is None
        with pytest.raises(GraphError, match="merge_all"):
            writer.add_summary(tf.summary.merge_all(), 0)


def test_plugin_metadata_kept_on_first_value_only_as_tf1(tmp_path):
    t = tf.placeholder(tf.string, name="t")
    s = tf.summary.text("note", t)
    with tf.Session() as sess, tf.summary.FileWriter(str(tmp_path)) as writer:
        for step in range(3):
            writer.add_summary(sess.run(s, {t: f"step {step}"}), step)
    values = [e.summary.value[0] for e in _events(tmp_path) if e.HasField("summary")]
    assert [v.HasField("metadata") for v in values] == [True, False, False]
    assert [e.step for e in read_back(tmp_path).Tensors("note")] == [0, 1, 2]


def test_session_log_run_metadata_event_and_graph(tmp_path):
    writer = tf.summary.FileWriter(str(tmp_path))
    writer.add_session_log(tf.SessionLog(status=tf.SessionLog.START), 0)
    writer.add_run_metadata(tf.RunMetadata(), "step_5", 5)
    with pytest.raises(InvalidArgumentError, match="step_5"):
        writer.add_run_metadata(tf.RunMetadata(), "step_5", 6)
    writer.add_event(tf.Event(wall_time=123.0, step=9, file_version="custom"))
    writer.add_graph(tf.get_default_graph())
    assert writer.get_logdir() == str(tmp_path)
    writer.close()
    events = _events(tmp_path)[1:]
    assert events[0].session_log.status == tf.SessionLog.START
    assert (events[1].tagged_run_metadata.tag, events[1].step) == ("step_5", 5)
    assert (events[2].wall_time, events[2].step) == (123.0, 9)
    assert events[3].HasField("graph_def")


def test_flush_puts_data_on_disk_and_closed_writer_warns_and_drops(tmp_path):
    writer = tf.summary.FileWriter(str(tmp_path), max_queue=1000, flush_secs=1000)
    writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag="a", simple_value=1.0)]), 1)
    writer.flush()
    assert [e.step for e in read_back(tmp_path).Scalars("a")] == [1]
    writer.close()
    with pytest.warns(UserWarning, match="closed FileWriter.*reopen"):  # TF1: a warning, the event dropped
        writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag="a", simple_value=9.0)]), 9)
    writer.reopen()
    writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag="a", simple_value=2.0)]), 2)
    writer.close()
    assert len(glob.glob(os.path.join(str(tmp_path), "events.out.tfevents.*"))) == 2
    assert [e.step for e in read_back(tmp_path).Scalars("a")] == [1, 2]


def test_unwritable_logdir_is_named(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(WriterError, match="logdir="):
        tf.summary.FileWriter(str(blocker / "logs"))


def test_filewritercache_returns_one_writer_per_logdir(tmp_path):
    w1 = tf.summary.FileWriterCache.get(str(tmp_path))
    assert tf.summary.FileWriterCache.get(str(tmp_path)) is w1
    tf.summary.FileWriterCache.clear()
    with pytest.warns(UserWarning, match="closed FileWriter"):
        w1.add_summary(tf.Summary(), 0)
    assert tf.summary.FileWriterCache.get(str(tmp_path)) is not w1
    tf.summary.FileWriterCache.clear()


def test_summary_iterator_reads_what_was_written(tmp_path):
    with tf.summary.FileWriter(str(tmp_path)) as writer:
        writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag="x", simple_value=0.5)]), 3)
    events = _events(tmp_path)
    assert isinstance(events[1], tf.Event)
    assert (events[1].step, events[1].summary.value[0].tag, events[1].summary.value[0].simple_value) == (3, "x", 0.5)


def test_explicit_merge_protos_and_compat_v1_alias():
    a = tf.placeholder(tf.float32, name="a")
    s1 = tf.summary.scalar("first", a)
    s2 = tf.summary.scalar("second", a * 2)  # not a placeholder: runs in TF
    tf.summary.scalar("unmerged", a)
    merged = tf.summary.merge([s2, s1])
    with tf.compat.v1.Session() as sess:
        assert isinstance(sess, tf.Session)
        out = tf.Summary.FromString(sess.run(merged, {a: 1.5}))
    assert [(v.tag, v.simple_value) for v in out.value] == [("second", 3.0), ("first", 1.5)]
    assert tf.HistogramProto(min=0.0).min == 0.0
    assert tf.Event(step=3).step == 3
    assert tf.compat.v1 is tf


def test_fast_path_refuses_the_feeds_tf_refuses_even_when_unread():
    loss = tf.placeholder(tf.float32, name="loss_in")
    x = tf.placeholder(tf.float32, [3], name="x")
    s = tf.summary.scalar("loss", loss)
    other = tf.Graph()
    with other.as_default():
        foreign = tf.placeholder(tf.float32, name="foreign")
    with tf.Session() as sess:
        with pytest.raises(GraphError, match="foreign"):
            sess.run(s, {loss: 1.0, foreign: 2.0})
        with pytest.raises(ValueError, match=r"shape \(1,\)"):
            sess.run(s, {loss: 1.0, x: [1.0]})
        with pytest.raises(TypeError, match="loss_in"):  # an op name is no feed key in TF
            sess.run(s, {"loss_in": 1.0})
        with pytest.raises(TypeError, match="nope"):
            sess.run(s, {loss: 1.0, "nope:0": 1.0})
        # the tensor name is a feed key, and the fast path's bytes are still TF's
        assert sess.run(s, {"loss_in:0": 0.5}) == sess.real.run(s, {"loss_in:0": 0.5})


def test_int_feed_out_of_range_names_the_placeholder_on_both_paths():
    step = tf.placeholder(tf.int32, name="step_in")
    s = tf.summary.scalar("step", step)
    doubled = step * 2
    with tf.Session() as sess:
        with pytest.raises(InvalidArgumentError, match=r"step_in.*int32.*1099511627776"):
            sess.run(s, {step: 2**40})  # fast path
        with pytest.raises(InvalidArgumentError, match=r"step_in.*int32.*1099511627776"):
            sess.run(doubled, {step: 2**40})  # through TF


@pytest.mark.parametrize("dtype, value", [("int32", 2**40), ("int8", -129), ("uint8", -1)])
def test_a_python_int_out_of_an_int_dtype_is_refused_on_both_paths(dtype, value):
    """Every TF refuses these; numpy 1.x wrapped them silently (2**40 -> 0 in int32), numpy 2 raises."""
    ph = tf.placeholder(getattr(tf, dtype), name="v_in")
    s = tf.summary.scalar("v", ph)
    doubled = ph + ph
    with tf.Session() as sess:
        with pytest.raises(InvalidArgumentError, match=rf"v_in:0.*{dtype}.*Received: .*={value}"):
            sess.run(s, {ph: value})  # fast path
        with pytest.raises(InvalidArgumentError, match=rf"v_in:0.*{dtype}.*Received: .*={value}"):
            sess.run(doubled, {ph: value})  # through TF
        with pytest.raises(TypeError):  # what TF's own Session raises for it, too
            sess.run(s, {ph: value})
        assert sess.run(s, {ph: 7}) == sess.real.run(s, {ph: 7})  # ints that fit are fine


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")  # TF 2.21's own cast to inf
@pytest.mark.parametrize("value", [70000, 2049])
def test_a_python_int_a_float16_cannot_hold_does_what_this_tensorflow_does(value):
    """TF 2.16 (and TF1) refuse 70000 or 2049 for a float16 placeholder, TF 2.21 rounds them (inf, 2048):
    the fast path and the graph path both leave it to the installed TensorFlow."""
    ph = tf.placeholder(tf.float16, name="h_in")
    s = tf.summary.scalar("h", ph)
    with tf.Session() as sess:
        try:
            expected = sess.real.run(s, {ph: value})
        except TypeError as e:
            with pytest.raises(TypeError, match=str(value)):
                sess.run(s, {ph: value})
            with pytest.raises(TypeError, match=str(value)):
                sess.run(ph + ph, {ph: value})
            assert "not compatible" in str(e)
        else:
            assert sess.run(s, {ph: value}) == expected


def test_feeding_keras2_learning_phase_key_is_accepted():
    from tfcompat.keras import backend as K

    loss = tf.placeholder(tf.float32, name="loss_in")
    s = tf.summary.scalar("loss", loss)
    doubled = loss * 2
    with tf.Session() as sess:
        phase = K.learning_phase()
        assert tf.Summary.FromString(sess.run(s, {loss: 0.25, phase: 0})).value[0].simple_value == 0.25
        out, twice = sess.run([s, doubled], {loss: 0.25, phase: 0})
        assert twice == 0.5 and tf.Summary.FromString(out).value[0].simple_value == 0.25


def test_writer_bad_step_session_log_and_run_metadata_are_named(tmp_path):
    step_var = tf.Variable(3, name="gstep")
    with tf.summary.FileWriter(str(tmp_path)) as writer:
        with pytest.raises(InvalidArgumentError, match=r"global_step=.*gstep"):
            writer.add_summary(tf.Summary(), step_var)  # a graph variable: TF1 needed sess.run too
        with pytest.raises(InvalidArgumentError, match=r"global_step=18446744073709551616"):
            writer.add_summary(tf.Summary(), 2**64)  # would be written as a corrupt varint
        with pytest.raises(InvalidArgumentError, match=r"session_log='start'"):
            writer.add_session_log("start", 1)
        with pytest.raises(InvalidArgumentError, match=r"run_metadata=None"):
            writer.add_run_metadata(None, "step_1", 1)
        writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag="a", simple_value=1.0)]), -(2**63))
    assert [e.step for e in read_back(tmp_path).Scalars("a")] == [-(2**63)]


@pytest.mark.parametrize("kind", ["graph", "tf_graph_def", "graph_def_keyword", "tensorboard_graph_def"])
def test_filewriter_graph_argument_kinds_write_graph_and_meta_graph(tmp_path, kind):
    from tensorboard.compat.proto import graph_pb2 as tb_graph_pb2

    tf.placeholder(tf.float32, name="x_in")
    g = tf.get_default_graph()
    kwargs = {
        "graph": {"graph": g},
        "tf_graph_def": {"graph": g.as_graph_def()},
        "graph_def_keyword": {"graph_def": g.as_graph_def()},
        "tensorboard_graph_def": {"graph": tb_graph_pb2.GraphDef.FromString(g.as_graph_def().SerializeToString())},
    }[kind]
    tf.summary.FileWriter(str(tmp_path), **kwargs).close()
    events = _events(tmp_path)
    assert [e.WhichOneof("what") for e in events] == ["file_version", "graph_def", "meta_graph_def"]
    assert "x_in" in [n.name for n in tf.GraphDef.FromString(events[1].graph_def).node]


def test_filewriter_bad_graph_leaves_no_event_file(tmp_path):
    with pytest.raises(InvalidArgumentError, match=r"graph='g'"):
        tf.summary.FileWriter(str(tmp_path / "run"), graph="g")
    assert not glob.glob(os.path.join(str(tmp_path), "run", "events.out.tfevents.*"))
