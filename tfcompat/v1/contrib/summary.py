"""Mirrors TF 1.x's ``tf.contrib.summary`` in graph mode: resource writers, recording conditions, summary ops.

TF 2.21 still carries these functions (``summary_ops_v2``); graph code only
needs them built in its graph. ``create_file_writer`` returns a writer whose
``as_default()`` / ``flush()`` / ``close()`` / ``init()`` build in the graph
the writer lives in, so a 2018 script's

    writer = tf.contrib.summary.create_file_writer(logdir)
    with writer.as_default(), tf.contrib.summary.always_record_summaries():
        tf.contrib.summary.scalar('loss', loss)
    ...
    tf.contrib.summary.initialize(graph=tf.get_default_graph(), session=sess)
    sess.run(tf.contrib.summary.all_summary_ops(), feed_dict=...)

writes what TF 1.x wrote (TF's own C++ event writer, ``.v2`` file suffix,
``simple_value`` scalars at the global step).
"""

import functools

from tfcompat._errors import InvalidArgumentError, RemovedAPIError
from tfcompat._lazy_tf import internal
from tfcompat.v1._graph import current_graph
from tfcompat.v1._session import get_default_session

__all__ = [
    "SummaryWriter", "create_file_writer", "create_summary_file_writer", "always_record_summaries",
    "never_record_summaries", "record_summaries_every_n_global_steps", "should_record_summaries",
    "scalar", "histogram", "image", "audio", "generic", "graph", "import_event", "flush", "eval_dir",
    "all_summary_ops", "summary_writer_initializer_op", "initialize", "create_db_writer",
]


def _ops():
    return internal("tensorflow.python.ops.summary_ops_v2")


def _in_graph(fn):
    @functools.wraps(fn)
    def building(*args, **kwargs):
        with current_graph().as_default():
            return fn(*args, **kwargs)

    return building


class _InGraph:
    """Enters ``graph`` around the ``__enter__`` and ``__exit__`` of a TF context manager (not its body)."""

    def __init__(self, graph, context):
        self._graph = graph
        self._context = context

    def __enter__(self):
        with self._graph.as_default():
            return self._context.__enter__()

    def __exit__(self, *exc):
        with self._graph.as_default():
            return self._context.__exit__(*exc)


class SummaryWriter:
    """Mirrors TF 1.x's ``tf.contrib.summary.SummaryWriter`` (a resource writer in a graph)."""

    def __init__(self, writer, graph):
        self._writer = writer
        self._graph = graph

    def as_default(self):
        """Mirrors ``SummaryWriter.as_default()``: summary ops built in the block write here."""
        return _InGraph(self._graph, self._writer.as_default())

    def set_as_default(self):
        """Mirrors ``SummaryWriter.set_as_default()``."""
        self.as_default().__enter__()

    def init(self):
        """Mirrors ``SummaryWriter.init()``: the op that opens the event file."""
        with self._graph.as_default():
            return self._writer.init()

    def flush(self):
        """Mirrors ``SummaryWriter.flush()``: the op that flushes the event file."""
        with self._graph.as_default():
            return self._writer.flush()

    def close(self):
        """Mirrors ``SummaryWriter.close()``: the op that flushes and closes the event file."""
        with self._graph.as_default():
            return self._writer.close()

    def __getattr__(self, name):  # the rest of TF's writer (``_resource``, which 2018 code passed to flush())
        if name == "_writer":
            raise AttributeError(name)
        return getattr(self._writer, name)

    def __repr__(self):
        return f"<tfcompat.v1.contrib.summary.SummaryWriter in {self._graph!r}>"


class _NoopWriter(SummaryWriter):
    def __init__(self):
        super().__init__(None, None)

    def as_default(self):
        import contextlib

        return contextlib.nullcontext(self)

    def set_as_default(self):
        pass

    def init(self):
        return None

    def flush(self):
        return None

    def close(self):
        return None


def create_file_writer(logdir, max_queue=None, flush_millis=None, filename_suffix=None, name=None):
    """Mirrors ``tf.contrib.summary.create_file_writer(logdir, max_queue=None, flush_millis=None, filename_suffix=None, ...)``.

    ``logdir=None`` gives a writer that writes nothing (as TF1). The event file
    is opened by ``initialize()`` / ``summary_writer_initializer_op()``.
    """
    if logdir is None:
        return _NoopWriter()
    if not isinstance(logdir, (str, bytes)) and not hasattr(logdir, "__fspath__"):
        raise InvalidArgumentError(f"`logdir` must be a path. Received: logdir={logdir!r}")
    import os

    graph = current_graph()
    with graph.as_default():
        writer = _ops().create_file_writer(os.fspath(logdir), max_queue=max_queue, flush_millis=flush_millis,
                                           filename_suffix=filename_suffix, name=name)
    return SummaryWriter(writer, graph)


create_summary_file_writer = create_file_writer


def create_db_writer(*args, **kwargs):
    """``tf.contrib.summary.create_db_writer`` (the SQLite writer): removed from TensorFlow in 2.0."""
    raise RemovedAPIError("tf.contrib.summary.create_db_writer (the SQLite summary writer) was removed in "
                          "TF 2.0 and has no replacement; use tf.contrib.summary.create_file_writer.")


def always_record_summaries():
    """Mirrors ``tf.contrib.summary.always_record_summaries()``: a block where summary ops always write."""
    return _ops().always_record_summaries()


def never_record_summaries():
    """Mirrors ``tf.contrib.summary.never_record_summaries()``."""
    return _ops().never_record_summaries()


@_in_graph
def record_summaries_every_n_global_steps(n, global_step=None):
    """Mirrors ``tf.contrib.summary.record_summaries_every_n_global_steps(n, global_step=None)``.

    Summary ops built in the block write when ``global_step % n == 0`` at run time.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n <= 0:
        raise InvalidArgumentError(f"`n` must be a positive int. Received: n={n!r}")
    return _ops().record_summaries_every_n_global_steps(n, global_step)


@_in_graph
def should_record_summaries():
    """Mirrors ``tf.contrib.summary.should_record_summaries()``: the bool tensor of the current condition."""
    return _ops()._legacy_contrib_should_record_summaries()


@_in_graph
def scalar(name, tensor, family=None, step=None):
    """Mirrors ``tf.contrib.summary.scalar(name, tensor, family=None, step=None)`` (step: the global step)."""
    return _ops().scalar(name, tensor, family=family, step=step)


@_in_graph
def histogram(name, tensor, family=None, step=None):
    """Mirrors ``tf.contrib.summary.histogram(name, tensor, family=None, step=None)``."""
    return _ops().histogram(name, tensor, family=family, step=step)


@_in_graph
def image(name, tensor, bad_color=None, max_images=3, family=None, step=None):
    """Mirrors ``tf.contrib.summary.image(name, tensor, bad_color=None, max_images=3, family=None, step=None)``."""
    return _ops().image(name, tensor, bad_color=bad_color, max_images=max_images, family=family, step=step)


@_in_graph
def audio(name, tensor, sample_rate, max_outputs, family=None, step=None):
    """Mirrors ``tf.contrib.summary.audio(name, tensor, sample_rate, max_outputs, family=None, step=None)``."""
    return _ops().audio(name, tensor, sample_rate, max_outputs, family=family, step=step)


@_in_graph
def generic(name, tensor, metadata=None, family=None, step=None):
    """Mirrors ``tf.contrib.summary.generic(name, tensor, metadata=None, family=None, step=None)``."""
    return _ops().generic(name, tensor, metadata=metadata, family=family, step=step)


@_in_graph
def graph(param, step=None, name=None):
    """Mirrors ``tf.contrib.summary.graph(param, step=None, name=None)``: writes a ``GraphDef``."""
    return _ops().graph_v1(param, step=step, name=name)


@_in_graph
def import_event(tensor, name=None):
    """Mirrors ``tf.contrib.summary.import_event(tensor, name=None)``."""
    return _ops().import_event(tensor, name=name)


@_in_graph
def flush(writer=None, name=None):
    """Mirrors ``tf.contrib.summary.flush(writer=None, name=None)``."""
    if isinstance(writer, SummaryWriter):
        writer = writer._writer
    return _ops().legacy_raw_flush(writer=writer, name=name)


def eval_dir(model_dir, name=None):
    """Mirrors ``tf.contrib.summary.eval_dir(model_dir, name=None)``: ``<model_dir>/eval[_<name>]``."""
    import os

    return os.path.join(model_dir, "eval" if not name else "eval_" + name)


@_in_graph
def all_summary_ops():
    """Mirrors ``tf.contrib.summary.all_summary_ops()``: the summary ops of the default graph."""
    return _ops().all_v2_summary_ops()


@_in_graph
def summary_writer_initializer_op():
    """Mirrors ``tf.contrib.summary.summary_writer_initializer_op()``: the ops opening every writer's file."""
    return _ops().summary_writer_initializer_op()


@_in_graph
def initialize(graph=None, session=None):
    """Mirrors ``tf.contrib.summary.initialize(graph=None, session=None)``.

    Opens the default writer's event file and, given a ``graph`` (or
    ``GraphDef``), writes it at step 0. ``session`` defaults to the default session.

    Raises:
        RuntimeError: no ``writer.as_default()`` block is active.
        ValueError: no session given and none is the default.
    """
    if session is None:  # else TF's own default session (a plain tf.Session's, or the one behind ours)
        session = get_default_session()
    return _ops().initialize(graph=graph, session=session)
