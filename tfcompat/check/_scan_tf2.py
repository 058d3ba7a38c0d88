"""The scan's rules for TF 2.0-2.15 code that Keras 3 treats differently (``tfcompat check``).

Mirrors what tf.keras 2 did with two TF 2.x patterns, read with :mod:`ast` (no TensorFlow):

* ``@tf.function`` on a Keras layer's or model's ``call`` (or ``model.call =
  tf.function(model.call)``): Keras 3 no longer trains it; ``tfcompat run`` does
  (``tf_function_call``, needs_run);
* ``tf.keras.callbacks.TensorBoard`` (reached through ``tensorflow``, the TF 2.x
  spelling): Keras 3's callback writes other histogram names, no training graph
  and ``epoch_learning_rate``; tfcompat leaves it so (``keras3_tensorboard_logs``,
  differs). ``keras.callbacks.TensorBoard`` after ``import keras`` may be Keras 3
  code and is not reported, nor is any TensorBoard in a 2018 module, which gets
  Keras 2.1's class (see :func:`drop_today_only`).
"""

import ast

from tfcompat.check import _rules as R

__all__ = ["check_function_def", "check_call_assignment", "check_tensorboard", "drop_today_only"]


def _is_tf_function(scanner, node):
    target = node.func if isinstance(node, ast.Call) else node
    return scanner.resolve(target) == "tensorflow.function"


def _keras_or_unknown_base(scanner, cls):
    """True unless every base of ``cls`` resolves to a name outside Keras (``tf.Module``...)."""
    if not cls.bases:
        return False
    for base in cls.bases:
        resolved = scanner.resolve(base)
        if resolved is None or resolved.startswith("keras."):
            return True
    return False


def check_function_def(scanner, node):
    """``@tf.function`` on ``def call`` of a class that derives from a Keras layer or model (or an unknown base)."""
    parent = getattr(node, "_tfc_parent", None)
    if node.name != "call" or not isinstance(parent, ast.ClassDef) or not _keras_or_unknown_base(scanner, parent):
        return
    for decorator in node.decorator_list:
        if _is_tf_function(scanner, decorator):
            scanner._add(decorator, "@tf.function def call", "tf_function_call", R.NEEDS_RUN)


def check_call_assignment(scanner, node):
    """``model.call = tf.function(model.call)`` (the TF 2.x speed-up of an existing model)."""
    if not (isinstance(node.value, ast.Call) and _is_tf_function(scanner, node.value)):
        return
    if any(isinstance(t, ast.Attribute) and t.attr == "call" for t in node.targets):
        scanner._add(node.value.func, "model.call = tf.function(model.call)", "tf_function_call", R.NEEDS_RUN)


def _through_tensorflow(scanner, func):
    """True when the name ``func`` starts with was bound from ``tensorflow`` (``tf.keras...``, ``from
    tensorflow.keras.callbacks import TensorBoard``), or is the implicit ``tf`` of a snippet."""
    root = func
    while isinstance(root, ast.Attribute):
        root = root.value
    if not isinstance(root, ast.Name):
        return False
    for node in ast.walk(scanner.tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if (a.asname or a.name.split(".")[0]) == root.id:
                    return a.name.split(".")[0] == "tensorflow"
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if any((a.asname or a.name) == root.id for a in node.names):
                return node.module.split(".")[0] == "tensorflow"
    return R.IMPLICIT_ALIASES.get(root.id) == "tensorflow" and root.id not in scanner.assigned


def check_tensorboard(scanner, node):
    """Keras 3's ``TensorBoard(...)`` reached as ``tf.keras``, called with its own (TF 2) arguments."""
    if _through_tensorflow(scanner, node.func):
        scanner._add(node.func, "tf.keras.callbacks.TensorBoard", "keras3_tensorboard_logs", R.DIFFERS)


def drop_today_only(findings):
    """``findings`` without the kinds that only apply to today's modules, if the module is 2018 code."""
    if any(f.kind not in R.TF2_KINDS for f in findings):
        return [f for f in findings if f.kind not in R.TODAY_ONLY_KINDS]
    return findings
