"""``tfcompat check``'s TF 0.12 argument order: ``tf.concat(1, [a, b])``, ``tf.split(0, n_steps, x)``, ``tf.nn.nce_loss``.

TF 1.0 reordered the arguments of the functions in
:data:`tfcompat._names.TF012_ARGUMENT_ORDER`. Which order a module means is decided
once for the module, from its source: it is TF 0.12 code when one of those calls
can only be 0.12's (an int literal where 1.x takes the tensors, a list display
where 1.x takes the axis, a 0.12 keyword) or when it uses a name TF 1.0 removed
(``tf.scalar_summary``, ``tf.mul``...), and no call there can only be 1.x's. In a
TF 0.12 module every such call that the two read differently is reported, and ``tfcompat run`` gives the module
:mod:`tfcompat.v1.tf012`. A mixin of the scanner (``_scan._Scanner``).
"""

import ast

from tfcompat._names import TF012_ARGUMENT_ORDER, TF012_KEPT_IN_1X
from tfcompat.check import _rules as R

__all__ = ["Tf012Checks", "TF012_ORDER"]

TF012_ORDER = "tf012_order"  # the finding kind
_OLD, _NEW, _UNKNOWN = "0.12", "1.x", None


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
        if args and _int_literal(args[0]) or len(args) > 1 and _sequence_display(args[1]):
            votes.add(_OLD)
        if args and _sequence_display(args[0]) or len(args) > 1 and _int_literal(args[1]):
            votes.add(_NEW)
    elif name == "split":  # 0.12 (split_dim, num_split, value); 1.x (value, num_or_size_splits, axis)
        if args and _int_literal(args[0]):
            votes.add(_OLD)
        if len(args) > 1 and _sequence_display(args[1]) or len(args) > 2 and _int_literal(args[2]) \
                and not _int_literal(args[0]):
            votes.add(_NEW)
        if len(args) == 2 and not keys & {"split_dim", "num_split", "value"}:
            votes.add(_NEW)  # too few for 0.12's three: 1.x's `tf.split(x, 2)` (axis 0 by default)
    return votes.pop() if len(votes) == 1 else _UNKNOWN


class Tf012Checks:
    """Collects the reordered calls while the scanner walks (in ``reordered``, a list the scanner sets up);
    :meth:`finish_tf012` reports them for a 0.12 module."""

    def _note_reordered_call(self, node, canonical):
        name = canonical[len("tensorflow."):]
        if canonical.startswith("tensorflow.") and name in TF012_ARGUMENT_ORDER:
            self.reordered.append((node, name, _order_of(name, node)))

    def finish_tf012(self):
        """Adds a finding per reordered call when the module is TF 0.12 code (see the module docstring)."""
        calls = self.reordered
        if not calls or any(order == _NEW for _, _, order in calls):
            return
        evidence = [(n.lineno, f"tf.{name}(...)") for n, name, order in calls if order == _OLD]
        evidence += [(f.line, f.api) for f in self.findings
                     if f.kind == "tf012" and f.api[len("tf."):] not in TF012_KEPT_IN_1X]
        if not evidence:
            return
        line, api = min(evidence)
        for node, name, _ in calls:
            if not _differs(name, node):
                continue  # e.g. every argument by a keyword both versions have
            old, _, _, required = TF012_ARGUMENT_ORDER[name]
            params = ", ".join(old[:required])
            self._add(node.func, f"tf.{name}({params})", TF012_ORDER, R.WORKS_WITH_IMPORTS, name=name, old=params,
                      why=f"line {line}: {api}")
