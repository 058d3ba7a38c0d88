"""``tfcompat check``'s TF 0.12 argument order: ``tf.concat(1, [a, b])``, ``tf.split(0, n_steps, x)``, ``tf.nn.nce_loss``.

TF 1.0 reordered the arguments of the functions in
:data:`tfcompat._names.TF012_ARGUMENT_ORDER`. Which order a module means is decided
once for the whole module (all cells of a notebook), from its source: it is TF 0.12
code when one of those calls can only be 0.12's (an int literal where 1.x takes the
tensors, a list display where 1.x takes the axis, a 0.12 keyword) or when it uses a
name TF 1.0 removed (``tf.scalar_summary``, ``tf.mul``...; not inside a ``try``
that has a fallback), and nothing there can only be 1.x's (such a call, or a
namespace TF 1.0 added: ``tf.layers``, ``tf.data``...). A ``# tfcompat: tf012`` or
``# tfcompat: tf1`` line decides instead. In a TF 0.12 module every such call the
two versions read differently is reported, and ``tfcompat run`` gives the module
:mod:`tfcompat.v1.tf012`. :class:`Tf012Checks` is a mixin of the scanner
(``_scan._Scanner``); :func:`tf012_pass` decides over the scanners of one module.
"""

import ast

from tfcompat._names import TF012_ARGUMENT_ORDER, TF012_KEPT_IN_1X, TF1X_ONLY_NAMESPACES
from tfcompat.check import _rules as R

__all__ = ["Tf012Checks", "TF012_ORDER", "tf012_pass", "tf012_api"]

TF012_ORDER = "tf012_order"  # the finding kind
_OLD, _NEW, _UNKNOWN = "0.12", "1.x", None


def tf012_api(name):
    """``tf.concat(concat_dim, values)``: a reordered function with TF 0.12's required parameters."""
    old, _, _, required = TF012_ARGUMENT_ORDER[name]
    return f"tf.{name}({', '.join(old[:required])})"


def _int_literal(node):
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) is int


def _sequence_display(node):
    return isinstance(node, (ast.List, ast.Tuple, ast.ListComp))


def _differs(name, node):
    """Whether TF 0.12 and TF 1.x read the call at ``node`` differently (a positional slot or keyword that moved)."""
    old, new, renamed, _ = TF012_ARGUMENT_ORDER[name]
    keys = {k.arg for k in node.keywords if k.arg}
    slots = len(node.args) if not any(isinstance(a, ast.Starred) for a in node.args) else len(old)
    return bool(keys & set(renamed)) or any(old[i] != new[i] for i in range(min(slots, len(old))))


def _order_of(name, node):
    """Which argument order ``tf.<name>(...)`` at ``node`` can only be: 0.12's, 1.x's, or either (None)."""
    renamed = TF012_ARGUMENT_ORDER[name][2]
    keys = {k.arg for k in node.keywords if k.arg}
    args = node.args
    votes = set()
    if keys & set(renamed):
        votes.add(_OLD)
    if keys & set(renamed.values()):
        votes.add(_NEW)
    if any(isinstance(a, ast.Starred) for a in args) or any(k.arg is None for k in node.keywords):
        return _OLD if votes == {_OLD} else _NEW if votes == {_NEW} else _UNKNOWN
    if name == "concat":  # 0.12 (concat_dim, values); 1.x (values, axis)
        if (args and _int_literal(args[0])) or (len(args) > 1 and _sequence_display(args[1])):
            votes.add(_OLD)
        if (args and _sequence_display(args[0])) or (len(args) > 1 and _int_literal(args[1])):
            votes.add(_NEW)
    elif name == "split":  # 0.12 (split_dim, num_split, value); 1.x (value, num_or_size_splits, axis)
        if args and _int_literal(args[0]):
            votes.add(_OLD)
        if (len(args) > 1 and _sequence_display(args[1])) or (
                len(args) > 2 and _int_literal(args[2]) and not _int_literal(args[0])):
            votes.add(_NEW)
        if len(args) == 2 and not keys & {"split_dim", "num_split", "value"}:
            votes.add(_NEW)  # too few for 0.12's three: 1.x's `tf.split(x, 2)` (axis 0 by default)
    return votes.pop() if len(votes) == 1 else _UNKNOWN


class Tf012Checks:
    """Collects what says TF 0.12 or TF 1.x while the scanner walks, in lists the scanner sets up:
    ``reordered`` (call, name, order), ``tf012_names`` and ``tf1x_names`` ((line, api))."""

    def _note_reordered_call(self, node, canonical):
        name = canonical[len("tensorflow."):]
        if canonical.startswith("tensorflow.") and name in TF012_ARGUMENT_ORDER:
            self.reordered.append((node, name, _order_of(name, node)))

    def _note_tf_name(self, node, rest):
        """``tf.<rest>``: a name TF 1.0 removed, or one of a namespace TF 1.0 added."""
        head = rest.split(".")[0]
        if rest.startswith("compat.v1") or head in TF1X_ONLY_NAMESPACES:
            self.tf1x_names.append((node.lineno, f"tf.{head}" if head != "compat" else "tf.compat.v1"))
        elif head not in TF012_KEPT_IN_1X and rest in R.TF012_NAMES and not self._in_fallback(node):
            self.tf012_names.append((node.lineno, f"tf.{rest}"))

    def _in_fallback(self, node):
        """Whether ``node`` is in a ``try`` statement with a handler (code that tries one version, then the other)."""
        parent = getattr(node, "_tfc_parent", None)
        while parent is not None:
            if isinstance(parent, ast.Try) and parent.handlers:
                return True
            parent = getattr(parent, "_tfc_parent", None)
        return False


def tf012_pass(scanners, comment=None):
    """Decides whether the module whose cells ``scanners`` walked is TF 0.12 code; if it is, adds a finding per
    reordered call the two versions read differently, and returns the evidence ``(line, api)``; else None.

    ``comment``: the file's ``(word, line)`` from :func:`tfcompat.check._sources.era_comment`.
    """
    calls = [(sc, call) for sc in scanners for call in sc.reordered]
    word = comment[0] if comment else None
    if word == "tf1":
        return None
    if word == "tf012":
        evidence = (comment[1], "# tfcompat: tf012")
    else:
        if not calls or any(order == _NEW for _, (_, _, order) in calls) or any(sc.tf1x_names for sc in scanners):
            return None
        found = [(n.lineno, tf012_api(name)) for _, (n, name, order) in calls if order == _OLD]
        found += [item for sc in scanners for item in sc.tf012_names]
        if not found:
            return None
        evidence = min(found)
    for sc, (node, name, _) in calls:
        if _differs(name, node):  # not a call made with keywords both versions have
            old, _, _, required = TF012_ARGUMENT_ORDER[name]
            sc._add(node.func, tf012_api(name), TF012_ORDER, R.WORKS_WITH_IMPORTS, name=name,
                    old=", ".join(old[:required]), why=f"line {evidence[0]}: {evidence[1]}")
    return evidence
