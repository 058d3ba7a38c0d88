"""One legacy call found by ``tfcompat check`` (what ``tf_upgrade_v2`` would print as a report line)."""

__all__ = ["Finding"]


class Finding:
    """One legacy call found by the scan.

    Attributes:
        file: path of the scanned file.
        cell: notebook code-cell index (0-based among code cells), or None.
        line, col: 1-based line and 0-based column in the file (or cell).
        call: the source text of the call (shortened).
        api: the legacy API as the script spells it, e.g. ``tf.summary.FileWriter``.
        kind: the rule that matched (a key of ``tfcompat.check._rules.MESSAGES``).
        tf221: what TF 2.21 + Keras 3 does with it without tfcompat.
        status: works_with_imports | needs_run | broken.
        how: how tfcompat handles it, or why it cannot.
    """

    __slots__ = ("file", "cell", "line", "col", "call", "api", "kind", "tf221", "status", "how")

    def __init__(self, file: str, cell: int | None, line: int, col: int, call: str, api: str, kind: str,
                 tf221: str, status: str, how: str) -> None:
        self.file, self.cell, self.line, self.col = file, cell, line, col
        self.call, self.api, self.kind = call, api, kind
        self.tf221, self.status, self.how = tf221, status, how

    def location(self) -> str:
        cell = f":cell{self.cell}" if self.cell is not None else ""
        return f"{self.file}{cell}:{self.line}"

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}

    def __repr__(self):
        return f"Finding({self.location()} {self.api} {self.kind} {self.status})"
