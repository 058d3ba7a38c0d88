"""``tf.summary.FileWriter`` and ``FileWriterCache`` on tfcompat's one event writer.

TF 2 refuses ``tf.compat.v1.summary.FileWriter`` while eager is on. This one
writes what TF1's wrote (file ``events.out.tfevents.<ts>.<host>``, the graph
event with ``graph_def`` then ``meta_graph_def``, summaries as given, metadata
kept only on a tag's first value) through
:class:`tfcompat.wire.event_writer.EventFileWriter`.
"""

import threading
import time

from tensorboard.compat.proto import event_pb2, summary_pb2

from tfcompat import _fs
from tfcompat._errors import InvalidArgumentError
from tfcompat._lazy_tf import internal
from tfcompat.v1 import _graph
from tfcompat.v1._fastpath import PlainSummaryBytes
from tfcompat.v1._session import describe, none_fetch_error
from tfcompat.wire.encode import event_bytes

__all__ = ["FileWriter", "FileWriterCache"]



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
        session: accepted for TF1 compatibility; events are written directly,
            with the same content TF1's session-based writer produced.
    """

    def __init__(self, logdir, graph=None, max_queue=10, flush_secs=120, graph_def=None,
                 filename_suffix=None, session=None):
        given_graph_def, meta = None, None
        if graph is not None or graph_def is not None:
            # Checked before the event file exists: a bad graph leaves no file and no writer thread.
            given_graph_def = self._graph_def_of(graph, graph_def)
            meta = self._meta_graph_of(given_graph_def)
        self._writer = _fs.open_event_writer(logdir, max_queue=max_queue, flush_secs=flush_secs,
                                             filename_suffix=filename_suffix or "")
        self._seen_tags = set()
        self._run_tags = set()
        if given_graph_def is not None:
            self._add(event_pb2.Event(graph_def=given_graph_def.SerializeToString()), None)
            self.add_meta_graph(meta)

    # -- events ------------------------------------------------------------

    def add_summary(self, summary, global_step=None):
        """Mirrors ``FileWriter.add_summary(summary, global_step=None)``.

        Args:
            summary: a ``Summary`` proto (TF's, tensorboard's or tensorboardX's)
                or its serialized bytes, as returned by ``sess.run(merged)``.
            global_step: int step recorded with it.
        """
        step = self._check_step(global_step)
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
            raise InvalidArgumentError(f"`event` must be an Event proto. Received: event={describe(event)}")
        self._writer.add_event(event)

    def _add(self, event, global_step):
        event.wall_time = time.time()
        step = self._check_step(global_step)
        if step:
            event.step = step
        self._writer.add_event(event)

    def add_session_log(self, session_log, global_step=None):
        """Mirrors ``FileWriter.add_session_log(session_log, global_step=None)``."""
        _check_proto("session_log", session_log, "SessionLog")
        event = event_pb2.Event()
        event.session_log.ParseFromString(session_log.SerializeToString())
        self._add(event, global_step)

    def add_graph(self, graph, global_step=None, graph_def=None):
        """Mirrors ``FileWriter.add_graph(graph, global_step=None, graph_def=None)``."""
        data = self._graph_def_of(graph, graph_def).SerializeToString()
        self._add(event_pb2.Event(graph_def=data), global_step)

    @staticmethod
    def _graph_def_of(graph, graph_def):
        if graph is not None and graph_def is not None:
            raise InvalidArgumentError("Please pass only `graph` or `graph_def` (deprecated), but not both.")
        if graph is not None and hasattr(graph, "as_graph_def"):
            return graph.as_graph_def(add_shapes=True)
        gd = graph if graph is not None else graph_def
        if not hasattr(gd, "SerializeToString"):
            raise InvalidArgumentError(f"`graph` must be a tf.Graph or a GraphDef. Received: graph={describe(gd)}")
        return gd

    def add_meta_graph(self, meta_graph_def, global_step=None):
        """Mirrors ``FileWriter.add_meta_graph(meta_graph_def, global_step=None)``."""
        if not hasattr(meta_graph_def, "SerializeToString"):
            raise InvalidArgumentError(
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
        self._writer.flush()

    def close(self):
        """Mirrors ``FileWriter.close()``."""
        self._writer.close()

    def reopen(self):
        """Mirrors ``FileWriter.reopen()``: after ``close()``, continues in a new event file."""
        self._writer.reopen()

    @property
    def event_file_path(self):
        """Path of the current event file (tfcompat addition)."""
        return self._writer.path

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"<tfcompat.v1.summary.FileWriter {self._writer.path!r}>"


def _check_proto(arg, value, kind):
    if type(value).__name__ != kind or not hasattr(value, "SerializeToString"):
        raise InvalidArgumentError(f"`{arg}` must be a {kind} proto. Received: {arg}={describe(value)}")


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
