"""The error for a part of TF 1.x's ``tf.contrib`` that tfcompat does not provide: which name, and what replaced it."""

from tfcompat._errors import RemovedAPIError
from tfcompat._names import CONTRIB_REPLACED_BY

__all__ = ["removed"]


def removed(name, provided=""):
    """The error for a ``tf.contrib`` name tfcompat does not provide: which name, and what replaced it."""
    head = name.split(".")[1] if name.startswith("contrib.") else name
    replacement = CONTRIB_REPLACED_BY.get(head)
    text = f"tf.{name} is not available: tf.contrib was removed in TF 2.0"
    if replacement:
        text += f"; it was replaced by {replacement}"
    if provided:
        text += f". tfcompat provides only these parts of it: {provided}"
    return RemovedAPIError(text + ".")
