"""``tf.train.import_meta_graph`` whose ``Saver`` restores in the legacy graph, as TF 1.x's did.

TF builds the ``Saver`` it returns itself, so it is TF's class, not the
legacy-graph subclass that ``tfcompat.v1.train.Saver`` is: its ``restore``,
called outside any graph context (eager stays on under tfcompat), took TF 2's
eager path and failed with "No variables to save". The returned object is
made an instance of that subclass (TF's class with methods entering the
legacy graph), so ``saver.restore(sess, path)`` and ``saver.save(...)`` run
the saver's ops in ``sess`` as in TF1.
"""

from tfcompat._lazy_tf import internal
from tfcompat.v1 import _graph

__all__ = ["import_meta_graph"]


def import_meta_graph(meta_graph_or_file, clear_devices=False, import_scope=None, **kwargs):
    """Mirrors ``tf.train.import_meta_graph(meta_graph_or_file, clear_devices=False, import_scope=None, **kwargs)``.

    Returns:
        The ``Saver`` of the meta graph (None when it has neither a saver nor
        variables), saving and restoring in the legacy graph.
    """
    saver_lib = internal("tensorflow.python.training.saver")
    build = _graph.wrap("import_meta_graph", saver_lib.import_meta_graph)
    saver = build(meta_graph_or_file, clear_devices=clear_devices, import_scope=import_scope, **kwargs)
    if type(saver) is saver_lib.Saver:
        saver.__class__ = _graph.wrap("Saver", saver_lib.Saver)
    return saver
