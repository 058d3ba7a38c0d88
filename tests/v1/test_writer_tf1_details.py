"""FileWriter details as TF 1.x had them: use after close, TypeError for a non-graph, plugin assets,
one file per (session, logdir), and summary_iterator picking up events appended after its end."""

import glob
import os
import warnings

import pytest

import tfcompat.v1 as tf
from tests.support import read_back
from tfcompat import InvalidArgumentError

pytestmark = [pytest.mark.tf, pytest.mark.usefixtures("fresh_graph")]


def _scalar(tag, value):
    return tf.Summary(value=[tf.Summary.Value(tag=tag, simple_value=value)])


def _event_files(logdir):
    return sorted(glob.glob(os.path.join(str(logdir), "events.out.tfevents.*")))


def test_every_add_after_close_warns_once_and_writes_nothing(tmp_path):
    writer = tf.summary.FileWriter(str(tmp_path))
    writer.add_summary(_scalar("kept", 1.0), 1)
    writer.close()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        writer.add_summary(_scalar("dropped", 2.0), 2)
        writer.add_session_log(tf.SessionLog(status=tf.SessionLog.START), 2)
        writer.add_graph(tf.Graph())
        writer.add_event(tf.Event(step=2))
        writer.add_run_metadata(tf.RunMetadata(), "run_2", 2)
        writer.flush()
    assert [w.category for w in caught] == [UserWarning] * 6
    assert all("reopen()" in str(w.message) for w in caught)
    acc = read_back(tmp_path)
    assert acc.Tags()["scalars"] == ["kept"] and not acc.Tags()["graph"]
    assert len(list(tf.train.summary_iterator(_event_files(tmp_path)[0]))) == 2  # file_version + "kept"


def test_reopen_after_close_writes_again_without_warning(tmp_path):
    writer = tf.summary.FileWriter(str(tmp_path))
    writer.close()
    writer.reopen()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        writer.add_summary(_scalar("a", 3.0), 3)
        writer.close()
    assert [(e.step, e.value) for e in read_back(tmp_path).Scalars("a")] == [(3, 3.0)]


@pytest.mark.parametrize("bad", ["string instead of graph", 3, object()])
def test_a_non_graph_graph_is_a_type_error_naming_it(tmp_path, bad):
    with pytest.raises(TypeError, match="`graph` must be a tf.Graph or a GraphDef") as info:
        tf.summary.FileWriter(str(tmp_path / "run"), bad)
    assert isinstance(info.value, InvalidArgumentError)  # also tfcompat's error for a bad argument
    assert not _event_files(tmp_path / "run")
    writer = tf.summary.FileWriter(str(tmp_path / "run2"))
    with pytest.raises(TypeError, match="graph="):
        writer.add_graph(bad)
    with pytest.raises(TypeError, match="meta_graph_def="):
        writer.add_meta_graph(bad)
    writer.close()


def test_graph_given_as_graph_def_keyword_is_accepted_as_tf1_did(tmp_path):
    g = tf.Graph()
    with g.as_default():
        tf.constant(1.0, name="one")
    tf.summary.FileWriter(str(tmp_path), graph_def=g).close()
    events = list(tf.train.summary_iterator(_event_files(tmp_path)[0]))
    assert [e.WhichOneof("what") for e in events] == ["file_version", "graph_def", "meta_graph_def"]
    assert "one" in [n.name for n in tf.GraphDef.FromString(events[1].graph_def).node]


def _graph_with_assets(assets):
    from tensorflow.python.summary import plugin_asset  # how TF 1.x plugins stored assets in a graph

    class _Asset(plugin_asset.PluginAsset):
        plugin_name = "my_plugin"

        def assets(self):
            return assets

    g = tf.Graph()
    with g.as_default():
        tf.constant(0, name="c")
        plugin_asset.get_plugin_asset(_Asset)
    return g


def test_add_graph_writes_the_graphs_plugin_assets(tmp_path):
    g = _graph_with_assets({"config.pbtxt": "a: 1\n", "names.tsv": "x\ty\n"})
    with tf.summary.FileWriter(str(tmp_path / "ctor"), g):  # the constructor's graph too
        pass
    writer = tf.summary.FileWriter(str(tmp_path / "add"))
    writer.add_graph(g, global_step=4)  # written at once, not at flush
    for run in ("ctor", "add"):
        plugin_dir = tmp_path / run / "plugins" / "my_plugin"
        assert sorted(os.listdir(plugin_dir)) == ["config.pbtxt", "names.tsv"]
        assert (plugin_dir / "config.pbtxt").read_text() == "a: 1\n"
    writer.close()
    assert read_back(tmp_path / "add").Tags()["graph"]


def test_session_writers_share_one_file_per_session_and_logdir(tmp_path):
    logdir, other_dir = str(tmp_path / "run"), str(tmp_path / "other")
    with tf.Session() as sess:
        w1 = tf.summary.FileWriter(logdir, session=sess)
        w1.add_summary(_scalar("one", 1.0), 1)
        w1.flush()
        w2 = tf.summary.FileWriter(logdir, session=sess)
        w2.add_summary(_scalar("two", 2.0), 2)
        w2.flush()
        tf.summary.FileWriter(other_dir, session=sess).add_summary(_scalar("three", 3.0), 3)
        with tf.Session() as other_sess:
            w4 = tf.summary.FileWriter(logdir, session=other_sess)
            w4.add_summary(_scalar("four", 4.0), 4)
            w4.flush()
        w1.add_summary(_scalar("five", 5.0), 5)
        w1.flush()
    files = _event_files(logdir)
    assert len(files) == 2
    tags = sorted([v.tag for e in tf.train.summary_iterator(f) for v in e.summary.value] for f in files)
    assert tags == [["four"], ["one", "two", "five"]]
    acc = read_back(logdir)
    assert {t: [(e.step, e.value) for e in acc.Scalars(t)] for t in ("one", "two", "four", "five")} == {
        "one": [(1, 1.0)], "two": [(2, 2.0)], "four": [(4, 4.0)], "five": [(5, 5.0)]}
    assert [e.step for e in read_back(other_dir).Scalars("three")] == [3]


def test_session_writer_shares_its_file_with_tf_summary_writers_in_that_session(tmp_path):
    from tensorflow.python.ops import summary_ops_v2  # what tf.contrib.summary was in TF 1.x

    logdir = str(tmp_path)
    g = tf.get_default_graph()
    with tf.Session() as sess:
        fw = tf.summary.FileWriter(logdir, graph=g, session=sess)
        fw.add_summary(_scalar("from_filewriter", 1.0), 1)
        with g.as_default():
            contrib = summary_ops_v2.create_file_writer(logdir)
            with summary_ops_v2.always_record_summaries(), contrib.as_default():
                op = summary_ops_v2.scalar("from_contrib", 2.0, step=2)
            init, flush = contrib.init(), contrib.flush()
        sess.run(init)
        sess.run(op)
        sess.run(flush)
        fw.close()
    (path,) = _event_files(logdir)
    assert path.endswith(".v2")  # the name TF's writer gives it, as TF1's session-based FileWriter
    acc = read_back(path)
    assert acc.Tags()["graph"] and acc.Tags()["meta_graph"]
    assert [(e.step, e.value) for e in acc.Scalars("from_filewriter")] == [(1, 1.0)]
    assert [(e.step, e.value) for e in acc.Scalars("from_contrib")] == [(2, 2.0)]


def test_session_writer_warns_after_close_and_refuses_a_non_session(tmp_path):
    with tf.Session() as sess:
        writer = tf.summary.FileWriter(str(tmp_path), session=sess)
        writer.close()
        with pytest.warns(UserWarning, match="closed FileWriter"):
            writer.add_summary(_scalar("late", 1.0), 1)
        assert writer.event_file_path is None
    with pytest.raises(TypeError, match="session="):
        tf.summary.FileWriter(str(tmp_path), session="sess")


def test_summary_iterator_picks_up_events_appended_after_its_end(tmp_path):
    with tf.summary.FileWriter(str(tmp_path)) as writer:
        writer.add_summary(_scalar("a", 1.0), 1)
        writer.flush()
        events = tf.train.summary_iterator(_event_files(tmp_path)[0])
        assert [e.step for e in events] == [0, 1]  # file_version, then step 1; then StopIteration
        assert list(events) == []
        writer.add_summary(_scalar("a", 2.0), 2)
        writer.add_summary(_scalar("a", 3.0), 3)
        writer.flush()
        assert [e.summary.value[0].simple_value for e in events] == [2.0, 3.0]
        assert next(events, None) is None


def test_summary_iterator_waits_for_a_record_still_being_written(tmp_path):
    from tfcompat.wire.records import encode_record

    path = tmp_path / "events.out.tfevents.1.host"
    first = encode_record(tf.Event(step=1).SerializeToString())
    second = encode_record(tf.Event(step=2).SerializeToString())
    path.write_bytes(first + second[:7])  # the writer is half-way through the second record
    events = tf.train.summary_iterator(str(path))
    assert [e.step for e in events] == [1]
    with open(path, "ab") as f:
        f.write(second[7:])
    assert [e.step for e in events] == [2]


def test_summary_iterator_on_a_missing_file_names_it(tmp_path):
    from tfcompat import LogReadError

    with pytest.raises(LogReadError, match="nope"):
        next(tf.train.summary_iterator(str(tmp_path / "nope")))
