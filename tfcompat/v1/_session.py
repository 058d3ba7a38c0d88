"""``tf.Session`` / ``tf.InteractiveSession`` running the legacy graph in an eager TF 2 process.

A :class:`Session` wraps a real ``tf.compat.v1.Session`` on the legacy graph
(or on the graph it was given). ``run`` adds what legacy code relied on:

* fetches of scalar summaries fed from placeholders are answered in Python
  (:mod:`tfcompat.v1._fastpath`), byte-identical to TF's output;
* Keras 3 / eager objects among fetches (a Keras variable, an eager tensor, a
  Python number) are returned as their current value, and eager tensors or
  Keras variables fed as values are converted to numpy;
* misuse gets an error that names the culprit: a missing feed, a string fed
  to a float placeholder, a fetch from another graph, a ``None`` fetch left by
  ``summary.merge_all()`` finding no summaries.
"""

import re
import threading
import weakref
from collections.abc import Mapping

import numpy as np

from tfcompat._errors import GraphError, InvalidArgumentError
from tfcompat._lazy_tf import import_tf, internal
from tfcompat.v1 import _fastpath, _graph

__all__ = [
    "Session",
    "InteractiveSession",
    "get_default_session",
    "get_default_session_or_create",
    "note_empty_merge_all",
    "reset_default_graph",
    "describe",
    "none_fetch_error",
]

_local = threading.local()
_shared = {"session": None}
_empty_merges = weakref.WeakKeyDictionary()  # graph -> collection key merge_all found empty
_PLAN_CACHE_MAX = 4096


def _stack():
    s = getattr(_local, "stack", None)
    if s is None:
        s = _local.stack = []
    return s


def get_default_session():
    """Mirrors ``tf.get_default_session()``: the innermost ``Session`` entered (or an ``InteractiveSession``)."""
    s = _stack()
    return s[-1] if s else None


def get_default_session_or_create():
    """The session Keras 2's ``K.get_session()`` returned: the default one, else a shared one on the legacy graph.

    Variables of the legacy graph not yet initialized are initialized, as
    Keras 2 did. ``reset_default_graph()``/``clear_session()`` drop the shared session.
    """
    sess = get_default_session()
    if sess is None:
        sess = _shared["session"]
        if sess is None or sess._closed or sess.graph is not _graph.legacy_graph():
            sess = _shared["session"] = Session(graph=_graph.legacy_graph())
    sess._initialize_new_variables()
    return sess


def reset_default_graph():
    """Mirrors ``tf.reset_default_graph()`` (and Keras 2's ``clear_session``): a fresh legacy graph, no shared session."""
    _graph.reset_legacy_graph()
    sess, _shared["session"] = _shared["session"], None
    if sess is not None:
        sess.close()


def note_empty_merge_all(graph, key):
    """Remembers that ``summary.merge_all(key)`` found nothing in ``graph`` (for the error on ``run(None)``).

    ``key=None``: the last ``merge_all`` found summaries; forget the earlier empty one.
    """
    if key is None:
        _empty_merges.pop(graph, None)
    else:
        _empty_merges[graph] = key


def none_fetch_error(graph, where):
    key = _empty_merges.get(graph)
    if key is None:
        return GraphError(f"{where} is None; a fetch must be a tensor, an operation or a tensor name.")
    return GraphError(
        f"{where} is None because summary.merge_all() found no summaries in collection {key!r} of "
        f"graph {graph!r} when it was called. Summaries are expected there from tf.summary.scalar/"
        "histogram/image/... called through `tfcompat.v1` (i.e. tf.compat.v1.summary.*) in that same "
        "graph, BEFORE merge_all(). Typical causes: TF2's tf.summary.scalar was used (it writes eagerly "
        "to a default writer and never joins the collection), or the summaries were created in another "
        "graph (inside another `with tf.Graph().as_default():` or before reset_default_graph())."
    )


def describe(x):
    text = repr(x)
    return text if len(text) <= 120 else text[:117] + "..."


class _DefaultContext:
    """``with sess.as_default():`` for our stack and the real session's (``Tensor.eval()``)."""

    def __init__(self, session, enter_graph):
        self._session = session
        self._enter_graph = enter_graph
        self._contexts = []

    def __enter__(self):
        real = self._session.real
        contexts = [real.as_default()]
        if self._enter_graph:
            contexts.append(self._session.graph.as_default())
        for c in contexts:
            c.__enter__()
            self._contexts.append(c)
        _stack().append(self._session)
        return self._session

    def __exit__(self, *exc):
        stack = _stack()
        if stack and stack[-1] is self._session:
            stack.pop()
        while self._contexts:
            self._contexts.pop().__exit__(*exc)
        return False


class Session(_graph.SessionBase):
    """Mirrors ``tf.Session(target='', graph=None, config=None)`` on the legacy graph.

    Args:
        target: execution engine to connect to (as TF1).
        graph: the ``tf.Graph`` to run; defaults to the default graph (the
            legacy graph unless inside ``with g.as_default():``).
        config: a ``tf.ConfigProto``.
    """

    def __init__(self, target="", graph=None, config=None):
        tf = import_tf()
        if graph is None:
            graph = _graph.current_graph()
        elif not isinstance(graph, tf.Graph):
            raise InvalidArgumentError(f"`graph` must be a tf.Graph. Received: graph={describe(graph)}")
        self._graph = graph
        # TF's class itself, not the tf.compat.v1 name (tfcompat.patch() may re-bind that to us).
        self.real = internal("tensorflow.python.client.session").Session(target, graph=graph, config=config)
        self._closed = False
        self._plans = {}
        self._initialized_vars = set()
        self._context = None
        self._tf = tf

    # -- TF1 surface -------------------------------------------------------

    @property
    def graph(self):
        return self._graph

    @property
    def graph_def(self):
        return self.real.graph_def

    @property
    def sess_str(self):
        return self.real.sess_str

    def __getattr__(self, name):  # list_devices, partial_run, make_callable, ...
        if name.startswith("__") or name == "real":
            raise AttributeError(name)
        return getattr(self.real, name)

    def as_default(self):
        """Mirrors ``Session.as_default()``: makes this the default session (``Tensor.eval()`` uses it)."""
        return _DefaultContext(self, enter_graph=False)

    def __enter__(self):
        # TF1 also made the session's graph the default inside the block. For
        # the legacy graph that is already where tfcompat builds, and leaving
        # eager on keeps Keras working; a user graph is entered as TF1 did.
        self._context = _DefaultContext(self, enter_graph=self._graph is not _graph.legacy_graph_if_any())
        return self._context.__enter__()

    def __exit__(self, *exc):
        context, self._context = self._context, None
        try:
            if context is not None:
                context.__exit__(*exc)
        finally:
            self.close()
        return False

    def close(self):
        """Mirrors ``Session.close()``."""
        if not self._closed:
            self._closed = True
            self._plans.clear()
            self.real.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def __repr__(self):
        return f"<tfcompat.v1.Session graph={self._graph!r}{' (closed)' if self._closed else ''}>"

    # -- run ---------------------------------------------------------------

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """Mirrors ``Session.run(fetches, feed_dict=None, options=None, run_metadata=None)``."""
        if options is None and run_metadata is None and not self._closed and (
                feed_dict is None or type(feed_dict) is dict):
            plan = self._plan_for(fetches)
            if plan is not None:
                if plan.__class__ is list:
                    feeds = _fastpath.feeds_by_id(feed_dict, plan)
                    if feeds is not None:
                        out = [p.build(feeds) for p in plan]
                        return tuple(out) if isinstance(fetches, tuple) else out
                else:
                    out = plan.run(feed_dict)
                    if out is not None:
                        return out
        return self._run_in_tf(fetches, feed_dict, options, run_metadata)

    def _plan_for(self, fetches):
        key = id(fetches)
        hit = self._plans.get(key)
        if hit is not None and hit[0] is fetches:
            return hit[1]
        cls = type(fetches)
        if cls is list or cls is tuple:
            if not fetches or len(fetches) > 16:
                return None
            plans = [self._plan_for(f) for f in fetches]
            return plans if all(p is not None and p.__class__ is not list for p in plans) else None
        plan = None
        if cls.__name__ == "SymbolicTensor" and self._graph_is_mine(fetches):
            plan = _fastpath.build_plan(fetches)
        if len(self._plans) >= _PLAN_CACHE_MAX:
            self._plans.clear()
        self._plans[key] = (fetches, plan)
        return plan

    def _graph_is_mine(self, obj):
        return _graph.graph_of(obj) is self._graph

    def _run_in_tf(self, fetches, feed_dict, options, run_metadata):
        tf = self._tf
        graph_leaves = []
        eager_found = [False]
        template = self._split(fetches, graph_leaves, eager_found)
        feeds = self._convert_feeds(feed_dict) if feed_dict else feed_dict
        target = fetches
        if eager_found[0]:
            if not graph_leaves:
                return _fill(template, [])
            target = graph_leaves
        try:
            result = self.real.run(target, feeds, options, run_metadata)
        except tf.errors.InvalidArgumentError as e:
            m = re.search(r"You must feed a value for placeholder tensor '([^']+)' with dtype (\w+)", e.message)
            if m:
                raise GraphError(
                    f"Missing feed: placeholder {m.group(1)!r} (dtype {m.group(2)}) is needed to compute "
                    f"`fetches` but has no value in `feed_dict`. Add it: feed_dict={{{m.group(1)}: value, ...}}."
                ) from e
            raise
        return _fill(template, result) if eager_found[0] else result

    def _split(self, fetches, graph_leaves, eager_found, where="`fetches`"):
        """A template of ``fetches`` with graph leaves numbered and eager leaves evaluated."""
        if isinstance(fetches, (list, tuple)) and not hasattr(fetches, "op"):
            items = [self._split(f, graph_leaves, eager_found, f"{where}[{i}]") for i, f in enumerate(fetches)]
            return ("seq", type(fetches), items)
        if isinstance(fetches, Mapping):
            items = [(k, self._split(v, graph_leaves, eager_found, f"{where}[{k!r}]")) for k, v in fetches.items()]
            return ("map", type(fetches), items)
        if fetches is None:
            raise none_fetch_error(self._graph, where)
        graph = _graph.graph_of(fetches)
        if graph is not None:
            if graph is not self._graph:
                raise GraphError(
                    f"{where} {describe(fetches)} belongs to graph {graph!r}, but this session runs "
                    f"graph {self._graph!r}. Build it in the session's graph (tfcompat.v1 builds in "
                    "tf.get_default_graph() unless inside `with other_graph.as_default():`), or run it "
                    "with a Session on its own graph."
                )
        elif not isinstance(fetches, (str, bytes)):
            value = _eager_value(fetches)
            if value is not _NOT_EAGER:
                eager_found[0] = True
                return ("value", value)
        graph_leaves.append(fetches)
        return ("leaf", len(graph_leaves) - 1)

    def _convert_feeds(self, feed_dict):
        if not isinstance(feed_dict, Mapping):
            raise InvalidArgumentError(
                f"`feed_dict` must be a dict of placeholder -> value. Received: feed_dict={describe(feed_dict)}"
            )
        out = {}
        for key, value in feed_dict.items():
            if type(key) is int and key in (0, 1):
                # K.learning_phase() is a Python int under Keras 3 (tfcompat.keras.backend); Keras 2
                # code feeds it ({..., K.learning_phase(): 0}) and no legacy-graph op reads it.
                continue
            graph = _graph.graph_of(key)
            if graph is not None and graph is not self._graph:
                raise GraphError(
                    f"`feed_dict` key {describe(key)} belongs to graph {graph!r}, but this session runs "
                    f"graph {self._graph!r}."
                )
            if hasattr(value, "numpy") and not isinstance(value, np.ndarray):
                value = value.numpy()
            dtype = getattr(key, "dtype", None)
            if (graph is not None and type(key).__name__ == "SymbolicTensor"
                    and (dtype.is_floating or dtype.is_integer or dtype.is_bool)):
                if isinstance(value, int) and not _fastpath.python_int_fits(value, dtype.as_numpy_dtype):
                    if not dtype.is_floating:
                        raise _fastpath.int_out_of_range(key, value)
                    out[key] = value  # 70000 in float16: TF 2.16 (as TF1) refuses it, TF 2.21 rounds; TF decides
                    continue
                try:
                    value = np.asarray(value, dtype=dtype.as_numpy_dtype)
                except (TypeError, ValueError, OverflowError, NotImplementedError) as e:  # NotImplemented: graph tensor
                    raise InvalidArgumentError(
                        f"`feed_dict` value for {key.name!r} cannot be converted to {dtype.name} ({e}). "
                        f"Received: feed_dict[{key.name}]={value!r:.200}"
                    ) from None
            out[key] = value
        return out

    def _initialize_new_variables(self):
        """Initializes global variables of this graph this session has not seen initialized (Keras 2's get_session)."""
        tf = self._tf
        variables = self._graph.get_collection(tf.compat.v1.GraphKeys.GLOBAL_VARIABLES)
        new = [v for v in variables if id(v) not in self._initialized_vars]
        if not new:
            return
        with self._graph.as_default():
            flags = self.real.run([tf.compat.v1.is_variable_initialized(v) for v in new])
            todo = [v.initializer for v, ok in zip(new, flags) if not ok]
        if todo:
            self.real.run(todo)
        self._initialized_vars.update(id(v) for v in new)


_NOT_EAGER = object()


def _eager_value(x):
    """The current value of an eager tensor / variable, Keras variable or Python number; else _NOT_EAGER."""
    if isinstance(x, (bool, int, float, complex, np.ndarray, np.generic)):
        return x
    numpy = getattr(x, "numpy", None)
    if callable(numpy):
        return numpy()
    return _NOT_EAGER


def _fill(template, results):
    kind = template[0]
    if kind == "leaf":
        return results[template[1]]
    if kind == "value":
        return template[1]
    if kind == "seq":
        cls, items = template[1], [_fill(t, results) for t in template[2]]
        if cls is list:
            return items
        if hasattr(cls, "_fields"):  # namedtuple
            return cls(*items)
        return cls(items)
    cls = template[1]
    pairs = [(k, _fill(t, results)) for k, t in template[2]]
    try:
        return cls(pairs)
    except TypeError:
        return dict(pairs)




class InteractiveSession(Session):
    """Mirrors ``tf.InteractiveSession``: a session that makes itself the default until closed.

    Unlike TF1 it does not make its graph the process default (that would turn
    eager off for Keras); tfcompat.v1 builds in the legacy graph anyway.
    """

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        self._interactive = _DefaultContext(self, enter_graph=False)
        self._interactive.__enter__()
        for c in self._interactive._contexts:
            if hasattr(c, "enforce_nesting"):
                c.enforce_nesting = False

    def close(self):
        if not self._closed:
            stack = _stack()
            if self in stack:
                stack.remove(self)
            for c in reversed(self._interactive._contexts):
                try:
                    c.__exit__(None, None, None)
                except Exception:  # out of nesting order: TF1 tolerated it here too
                    pass
            self._interactive._contexts.clear()
        super().close()
