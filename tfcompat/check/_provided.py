"""What tfcompat's own modules provide, read from their source files (so ``check`` stays TensorFlow-free).

A finding's status follows what tfcompat really has: ``works_with_imports`` when
the tfcompat module declares the name (its ``__all__``, or any name when it has
a module ``__getattr__``), or when the module file exists.
"""

import ast
import pathlib

__all__ = ["declared_names", "declared_has", "module_exists", "provides"]

_PROVIDED_CACHE = {}


def declared_names(relpath):
    """``__all__`` of a tfcompat module file (None if absent), or "*" if it has ``__getattr__``."""
    if relpath in _PROVIDED_CACHE:
        return _PROVIDED_CACHE[relpath]
    base = pathlib.Path(__file__).resolve().parent.parent  # the tfcompat package
    result = None
    for candidate in (base / f"{relpath}.py", base / relpath / "__init__.py"):
        if not candidate.is_file():
            continue
        try:
            tree = ast.parse(candidate.read_text(encoding="utf-8"))
        except (SyntaxError, OSError, UnicodeDecodeError):
            break
        names = None
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == "__getattr__":
                names = "*"
                break
            if isinstance(node, (ast.Assign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                    try:
                        value = ast.literal_eval(node.value)
                    except ValueError:
                        continue
                    names = set(names or ()) | set(value)
        result = names
        break
    _PROVIDED_CACHE[relpath] = result
    return result


def module_exists(relpath):
    """True when tfcompat has the module ``relpath`` (``keras/layers/core``), read from the package files."""
    base = pathlib.Path(__file__).resolve().parent.parent
    return (base / f"{relpath}.py").is_file() or (base / relpath / "__init__.py").is_file()


def provides(relpath, name, promised):
    """True when tfcompat's ``relpath`` module declares ``name`` (``promised`` decides when the file is absent)."""
    declared = declared_names(relpath)
    if declared is None:
        return name in promised
    return declared == "*" or name in declared


def declared_has(relpath, name):
    """True/"*" when the tfcompat module's ``__all__`` names ``name`` (or it has ``__getattr__``)."""
    declared = declared_names(relpath)
    if declared == "*":
        return "*"
    return bool(declared) and name in declared
