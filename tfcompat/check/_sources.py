"""Reading what ``tfcompat check`` scans: .py files, notebook code cells, tutorial snippets.

Snippets copied from blog posts mix Python with shell lines and IPython magics;
those lines are blanked (line numbers kept) and reported, never silently lost.
"""

import ast
import json
import os
import pathlib
import re

from tfcompat._errors import InvalidArgumentError

__all__ = ["clean", "parse", "notebook_cells", "iter_files", "era_comment", "ERA_WORDS"]

_MAGIC = re.compile(r"^\s*[%!?]")
# `# tfcompat: WORD` in a file: legacy (2018 code), modern (today's), tf012 / tf1 (2018 code, and which argument
# order of TF 0.12 / TF 1.x its tf.concat, tf.split... take)
ERA_WORDS = ("legacy", "modern", "tf012", "tf1")
_ERA_COMMENT = re.compile(r"^[ \t]*#[ \t]*tfcompat:[ \t]*(" + "|".join(ERA_WORDS) + r")[ \t]*$", re.M)


def era_comment(source):
    """``(word, line)`` of the first ``# tfcompat: WORD`` line of ``source`` (see :data:`ERA_WORDS`), or None."""
    found = _ERA_COMMENT.search(source)
    return None if found is None else (found.group(1), source.count("\n", 0, found.start()) + 1)
_MAX_SYNTAX_RETRIES = 50


def clean(source):
    """Blanks IPython magics and shell escapes, keeping line numbers."""
    return "\n".join("" if _MAGIC.match(line) else line for line in source.splitlines())


def parse(source):
    """Parses, blanking lines that do not parse (prose or shell in a snippet); returns (tree, skipped)."""
    lines = clean(source).splitlines()
    skipped = []
    for _ in range(_MAX_SYNTAX_RETRIES):
        try:
            return ast.parse("\n".join(lines)), skipped
        except SyntaxError as e:
            lineno = e.lineno or 0
            if not 1 <= lineno <= len(lines) or not lines[lineno - 1].strip():
                # The error is reported past the damage (an unclosed bracket): drop the last non-blank line above.
                lineno = min(max(lineno, 1), len(lines))
                while lineno > 0 and not lines[lineno - 1].strip():
                    lineno -= 1
                if lineno == 0:
                    return None, skipped
            skipped.append(lineno)
            lines[lineno - 1] = ""
    return None, skipped


def notebook_cells(path):
    try:
        nb = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as e:
        raise InvalidArgumentError(f"`PATH` is not a readable notebook: {e}. Received: PATH={str(path)!r}") from e
    cells = nb.get("cells", []) if isinstance(nb, dict) else []
    if not isinstance(cells, list):
        raise InvalidArgumentError(
            f"`PATH` is not a notebook: its \"cells\" must be a list, not {type(cells).__name__}. "
            f"Received: PATH={str(path)!r}")
    code = [c for c in cells if isinstance(c, dict) and c.get("cell_type") == "code"]
    for index, cell in enumerate(code):
        src = cell.get("source", "")
        if isinstance(src, list) and not all(isinstance(line, str) for line in src):
            raise InvalidArgumentError(
                f"`PATH` is not a notebook: code cell {index} has a \"source\" that is not text. Received: PATH={str(path)!r}")
        yield index, "".join(src) if isinstance(src, list) else str(src)


def iter_files(paths):
    for raw in paths:
        path = pathlib.Path(raw)
        if not path.exists():
            raise InvalidArgumentError(f"`PATH` does not exist. Received: PATH={str(raw)!r}")
        if path.is_file():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("__pycache__", "node_modules"))
            for name in sorted(files):
                if name.endswith((".py", ".ipynb")):
                    yield pathlib.Path(root) / name
