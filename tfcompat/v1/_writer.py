"""``tf.summary.FileWriter`` and ``FileWriterCache`` on tfcompat's one event writer.

TF 2 refuses ``tf.compat.v1.summary.FileWriter`` while eager is on. This one
writes what TF1's wrote (file ``events.out.tfevents.<ts>.<host>.<pid>.<n>``: TF1's name plus the
process id and a counter, so two writers never share a name; the graph
event with ``graph_def`` then ``meta_graph_def``, a graph's plugin assets under
``<logdir>/plugins/<plugin>/``, summaries as given, metadata kept only on a
tag's first value) through :class:`tfcompat.wire.event_writer.EventFileWriter`.

Two TF1 details kept on purpose: after ``close()`` every add and flush warns
and drops its event until ``reopen()``; ``FileWriter(session=sess)`` writes
through the session's summary-writer resource, as TF1 did, so all writers of
one (session, logdir) -- ``tf.contrib.summary`` writers run in that session
included -- share one event file.
"""

import threading
import time
import warnings

from tensorboard.compat.proto import event_pb2, summary_pb2

from tfcompat import _fs
from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import internal
from tfcompat.v1 import _graph
from tfcompat.v1._fastpath import PlainSummaryBytes
from tfcompat.v1._session import describe, none_fetch_error
from tfcompat.wire.encode import event_bytes

__all__ = ["FileWriter", "FileWriterCache"]

# add_graph writes a graph's plugin assets to <logdir>/plugins/<plugin_name>/<asset> (TF1's layout).
_PLUGINS_DIR = "plugins"


class _WrongTypeError(InvalidArgumentError, TypeError):
    """An argument of the wrong type (a non-graph ``graph``, a non-proto ``event``...): TF1 raised TypeError."""


class FileWriter:
    """Mirrors ``tf.summary.FileWriter(logdir, graph=None, max_queue=10, flush_secs=120, graph_def=None, ...)``.

    Args:
        logdir: directory for the event file (created if missing).
        graph: a ``tf.Graph`` (or ``GraphDef``) written as TF1 did, viewable in
            TensorBoard's Graphs tab.
        max_queue: events kept in memory before they are written.
        flush_secs: seconds between background writes.
        graph_def: deprecated TF1 spelling of ``graph``.
        filename_suffix: appended to the event file name.
        session: a ``tf.Session``: events go through that session's
            summary-writer resource for ``logdir`` (made on first use), so all
            writers of one (session, logdir) share one event file, named by
            TF's writer (``...<pid>.<n>.v2`` unless ``filename_suffix`` is given).
    """

    def __init__(self, logdir, graph=None, max_queue=10, flush_secs=120, graph_def=None,
                 filename_suffix=None, session=None):
        given_graph_def, meta = None, None
        if graph is not None or graph_def is not None:
            # Checked before the event file exists: a bad graph leaves no file and no writer thread.
            given_graph_def = self._graph_def_of(graph, graph_def)
            meta = self._meta_graph_of(given_graph_def)
        if session is None:
            self._writer = _fs.open_event_writer(logdir, max_queue=max_queue, flush_secs=flush_secs,
                                                 filename_suffix=filename_suffix or "")
        else:
            self._writer = _SessionEventWriter(session, logdir, max_queue, flush_secs, filename_suffix)
        self._closed = False
        self._seen_tags = set()
        self._run_tags = set()
        if given_graph_def is not None:
            self._write_plugin_assets(graph if graph is not None else graph_def)
            self._add(event_pb2.Event(graph_def=given_graph_def.SerializeToString()), None)
            self.add_meta_graph(meta)

    def _dropped_after_close(self, what):
        """True, after TF1's warning, when the writer is closed: the caller drops ``what``."""
        if not self._closed:
            return False
        warnings.warn(
            f"Attempting to use a closed FileWriter (logdir={self._writer.get_logdir()!r}): {what} was "
            "dropped, as TF1 did. Call reopen() to write again.",
            UserWarning,
            stacklevel=3,
        )
        return True

    # -- events ------------------------------------------------------------

    def add_summary(self, summary, global_step=None):
        """Mirrors ``FileWriter.add_summary(summary, global_step=None)``.

        Args:
            summary: a ``Summary`` proto (TF's, tensorboard's or tensorboardX's)
                or its serialized bytes, as returned by ``sess.run(merged)``.
            global_step: int step recorded with it.
        """
        step = self._check_step(global_step)
        if self._dropped_after_close("this summary"):
            return
        if type(summary) is PlainSummaryBytes:  # built by the fast path: no metadata to strip
            self._writer.add_event_bytes(event_bytes(time.time(), step, summary))
            return
        if isinstance(summary, (bytes, bytearray, memoryview)):
            data = bytes(summary)
            proto = self._parse(data, summary)  # TF1 parsed too: garbage fails here, not in TensorBoard
            # Without a 0x4a byte there is no Value.metadata (field 9) to strip: write as given.
            if b"\x4a" in data and self._strip_seen_metadata(proto):
                data = proto.SerializeToString()
        elif summary is None:
            raise none_fetch_error(_graph.current_graph(), "`summary`")
        elif hasattr(summary, "SerializeToString") and hasattr(summary, "value"):
            data = summary.SerializeToString()
            if any(v.HasField("metadata") for v in summary.value):
                proto = summary_pb2.Summary.FromString(data)
                if self._strip_seen_metadata(proto):
                    data = proto.SerializeToString()
        else:
            raise InvalidArgumentError(
                "`summary` must be a Summary proto or its serialized bytes (the result of "
                f"sess.run(merged)). Received: summary={describe(summary)}"
            )
        self._writer.add_event_bytes(event_bytes(time.time(), step, data))

    @staticmethod
    def _parse(data, original):
        try:
            return summary_pb2.Summary.FromString(data)
        except Exception as e:
            raise InvalidArgumentError(
                f"`summary` bytes are not a serialized Summary ({e}). Received: summary={describe(original)}"
            ) from None

    def _strip_seen_metadata(self, proto):
        # TF1 keeps plugin metadata only on the first value of each tag.
        changed = False
        for value in proto.value:
            if not value.HasField("metadata"):
                continue
            if value.tag in self._seen_tags:
                value.ClearField("metadata")
                changed = True
            else:
                self._seen_tags.add(value.tag)
        return changed

    def add_event(self, event):
        """Mirrors ``FileWriter.add_event(event)``: written as given."""
        if not hasattr(event, "SerializeToString"):
            raise _WrongTypeError(f"`event` must be an Event proto. Received: event={describe(event)}")
        if self._dropped_after_close("this event"):
            return
        self._writer.add_event(event)

    def _add(self, event, global_step):
        event.wall_time = time.time()
        step = self._check_step(global_step)
        if step:
            event.step = step
        if self._dropped_after_close(f"this {event.WhichOneof('what')} event"):
            return
        self._writer.add_event(event)

    def add_session_log(self, session_log, global_step=None):
        """Mirrors ``FileWriter.add_session_log(session_log, global_step=None)``."""
        _check_proto("session_log", session_log, "SessionLog")
        event = event_pb2.Event()
        event.session_log.ParseFromString(session_log.SerializeToString())
        self._add(event, global_step)

    def add_graph(self, graph, global_step=None, graph_def=None):
        """Mirrors ``FileWriter.add_graph(graph, global_step=None, graph_def=None)``.

        A ``tf.Graph``'s plugin assets (``PluginAsset`` objects plugins keep in
        the graph) are written to ``<logdir>/plugins/<plugin_name>/`` first.
        """
        data = self._graph_def_of(graph, graph_def).SerializeToString()
        self._write_plugin_assets(graph if graph is not None else graph_def)
        self._add(event_pb2.Event(graph_def=data), global_step)

    @staticmethod
    def _graph_def_of(graph, graph_def):
        if graph is not None and graph_def is not None:
            raise InvalidArgumentError("Please pass only `graph` or `graph_def` (deprecated), but not both.")
        gd = graph if graph is not None else graph_def
        if hasattr(gd, "as_graph_def"):  # a tf.Graph, also as graph_def= (TF1 took it there with a warning)
            return gd.as_graph_def(add_shapes=True)
        if not hasattr(gd, "SerializeToString"):
            raise _WrongTypeError(f"`graph` must be a tf.Graph or a GraphDef. Received: graph={describe(gd)}")
        return gd

    def _write_plugin_assets(self, graph):
        if not hasattr(graph, "get_collection"):  # a GraphDef carries no assets
            return
        plugin_asset = internal("tensorflow.python.summary.plugin_asset")
        plugins_dir = _fs.join(self._writer.get_logdir(), _PLUGINS_DIR)
        for container in plugin_asset.get_all_plugin_assets(graph):
            plugin_dir = _fs.join(plugins_dir, container.plugin_name)
            for name, content in container.assets().items():
                _fs.write_text(_fs.join(plugin_dir, name), content)

    def add_meta_graph(self, meta_graph_def, global_step=None):
        """Mirrors ``FileWriter.add_meta_graph(meta_graph_def, global_step=None)``."""
        if not hasattr(meta_graph_def, "SerializeToString"):
            raise _WrongTypeError(
                f"`meta_graph_def` must be a MetaGraphDef. Received: meta_graph_def={describe(meta_graph_def)}"
            )
        self._add(event_pb2.Event(meta_graph_def=meta_graph_def.SerializeToString()), global_step)

    def add_run_metadata(self, run_metadata, tag, global_step=None):
        """Mirrors ``FileWriter.add_run_metadata(run_metadata, tag, global_step=None)``."""
        _check_proto("run_metadata", run_metadata, "RunMetadata")
        if not isinstance(tag, str):
            raise InvalidArgumentError(f"`tag` must be a str. Received: tag={describe(tag)}")
        if tag in self._run_tags:
            raise InvalidArgumentError(
                f"The provided run_metadata has already been added for tag. Received: tag={tag!r}"
            )
        self._run_tags.add(tag)
        event = event_pb2.Event()
        event.tagged_run_metadata.tag = tag
        event.tagged_run_metadata.run_metadata = run_metadata.SerializeToString()
        self._add(event, global_step)

    @staticmethod
    def _meta_graph_of(graph_def):
        graph_pb2 = internal("tensorflow.core.framework.graph_pb2")
        meta_graph = internal("tensorflow.python.framework.meta_graph")
        if not isinstance(graph_def, graph_pb2.GraphDef):  # tensorboard's (or another runtime's) GraphDef
            try:
                graph_def = graph_pb2.GraphDef.FromString(graph_def.SerializeToString())
            except Exception as e:
                raise InvalidArgumentError(
                    f"`graph` must be a tf.Graph or a GraphDef ({e}). Received: graph={describe(graph_def)}"
                ) from None
        return meta_graph.create_meta_graph_def(graph_def=graph_def)

    @staticmethod
    def _check_step(global_step):
        if global_step is None:
            return 0
        try:
            step = int(global_step)
        except Exception:  # a graph tensor raises AttributeError/TypeError: run it first
            step = None
        if step is None or not -2**63 <= step < 2**63:
            raise InvalidArgumentError(
                "`global_step` must be an int64 number (run a step tensor with sess.run first). "
                f"Received: global_step={describe(global_step)}"
            )
        return step

    # -- lifecycle ---------------------------------------------------------

    def get_logdir(self):
        """Mirrors ``FileWriter.get_logdir()``."""
        return self._writer.get_logdir()

    def flush(self):
        """Mirrors ``FileWriter.flush()``: everything added so far is on disk after it."""
        if self._dropped_after_close("flush()"):
            return
        self._writer.flush()

    def close(self):
        """Mirrors ``FileWriter.close()``; later adds warn and are dropped until ``reopen()``."""
        self._writer.close()
        self._closed = True

    def reopen(self):
        """Mirrors ``FileWriter.reopen()``: after ``close()``, continues in a new event file."""
        self._writer.reopen()
        self._closed = False

    @property
    def event_file_path(self):
        """Path of the current event file (tfcompat addition); None for a ``session=`` writer (TF names it)."""
        return self._writer.path

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"<tfcompat.v1.summary.FileWriter {self._writer.path!r}>"


class _SerializedEvent:
    __slots__ = ("data",)

    def __init__(self, data):
        self.data = data

    def SerializeToString(self):
        return self.data


class _SessionEventWriter:
    """The event-writer calls :class:`FileWriter` makes, on TF's session-based writer (TF1's ``session=``).

    TF's own ``EventFileWriterV2`` builds in ``session.graph`` a summary-writer
    resource shared by name per logdir, and runs its ops in ``session``: the
    object TF1's ``FileWriter(session=)`` wrote through.
    """

    path = None

    def __init__(self, session, logdir, max_queue, flush_secs, filename_suffix):
        real = getattr(session, "real", session)  # tfcompat.v1.Session wraps TF's
        if not isinstance(real, internal("tensorflow.python.client.session").BaseSession):
            raise _WrongTypeError(f"`session` must be a tf.Session. Received: session={describe(session)}")
        writer_v2 = internal("tensorflow.python.summary.writer.event_file_writer_v2")
        self._v2 = writer_v2.EventFileWriterV2(real, logdir, max_queue, flush_secs, filename_suffix)

    def get_logdir(self):
        return self._v2.get_logdir()

    def add_event_bytes(self, data):
        self._v2.add_event(_SerializedEvent(bytes(data)))

    def add_event(self, event):
        self._v2.add_event(event)

    def flush(self):
        self._v2.flush()

    def close(self):
        self._v2.close()

    def reopen(self):
        self._v2.reopen()


def _check_proto(arg, value, kind):
    if type(value).__name__ != kind or not hasattr(value, "SerializeToString"):
        raise _WrongTypeError(f"`{arg}` must be a {kind} proto. Received: {arg}={describe(value)}")


class FileWriterCache:
    """Mirrors ``tf.summary.FileWriterCache``: one ``FileWriter`` per logdir."""

    _cache = {}
    _lock = threading.RLock()

    @staticmethod
    def get(logdir):
        """Returns the ``FileWriter`` of ``logdir``, made with the default graph on first use."""
        with FileWriterCache._lock:
            writer = FileWriterCache._cache.get(logdir)
            if writer is None:
                writer = FileWriterCache._cache[logdir] = FileWriter(logdir, graph=_graph.current_graph())
            return writer

    @staticmethod
    def clear():
        """Closes and forgets all cached writers."""
        with FileWriterCache._lock:
            writers = list(FileWriterCache._cache.values())
            FileWriterCache._cache.clear()
        for w in writers:
            w.close()
