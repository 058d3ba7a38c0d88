"""Which process writes summaries under ``tf.distribute`` (pure Python, reads ``TF_CONFIG``)."""

import json
import os

__all__ = ["is_chief"]


def is_chief():
    """True when this process should write summaries under ``tf.distribute``.

    Mirrors Keras 2's ``_chief_worker_only`` rule from ``TF_CONFIG``: no cluster,
    task ``chief``, or ``worker`` 0 when the cluster has no ``chief``. Other
    workers, parameter servers and evaluators write nothing.
    """
    raw = os.environ.get("TF_CONFIG")
    if not raw:
        return True
    try:
        config = json.loads(raw)
    except ValueError:
        return True
    cluster = config.get("cluster") or {}
    task = config.get("task") or {}
    if not cluster or not task:
        return True
    kind, index = task.get("type"), int(task.get("index", 0))
    if kind == "chief":
        return True
    if kind == "worker":
        return "chief" not in cluster and index == 0
    return False
