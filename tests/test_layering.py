"""The arrows between tfcompat's parts, checked from the source (``ast``) and in fresh processes.

Parts: ``wire`` (event-file bytes, TF-free) <- ``logs`` / ``check`` (reading side, TF-free) and ``v1`` /
``keras`` (writing side) <- ``run`` (the only code that changes ``tensorflow``/``keras``) <- ``cli``.
"""

import ast
import json
import subprocess
import sys

import pytest

from tests.support import ROOT, file_version, simple, write

PACKAGE = ROOT / "tfcompat"
STDLIB = set(sys.stdlib_module_names)
TF_NAMES = ("tensorflow", "keras", "tf_keras")


def _name_of(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name_of(p): p for p in sorted(PACKAGE.rglob("*.py"))}
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _targets(node, module):
    """(imported module, imported name or None) of an import statement in ``module``."""
    if isinstance(node, ast.Import):
        return [(alias.name, None) for alias in node.names]
    base = node.module or ""
    if node.level:
        parts = module.split(".")
        if not MODULES[module].name == "__init__.py":
            parts = parts[:-1]
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join(parts + ([base] if base else []))
    result = []
    for alias in node.names:
        full = f"{base}.{alias.name}"
        result.append((full, None) if full in MODULES else (base, alias.name))
    return result


def _function_nodes(tree):
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]


def _imports(module, *, top_level_only=False):
    """Every (line, imported module, name) of ``module``; top-level ones only if asked."""
    tree = TREES[module]
    inside = set()
    for fn in _function_nodes(tree):
        inside.update(id(n) for n in ast.walk(fn) if isinstance(n, (ast.Import, ast.ImportFrom)))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and not (top_level_only and id(node) in inside):
            found.extend((node.lineno, target, name) for target, name in _targets(node, module))
    return found


def _part(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _top(target):
    return target.split(".")[0]


def test_the_tree_has_the_five_parts_and_their_layers():
    for part in ("wire", "v1", "keras", "run", "check", "logs", "cli"):
        assert f"tfcompat.{part}" in MODULES, part
    loose = sorted(m for m in MODULES if m.count(".") == 1 and not _part(m).startswith("_")
                   and f"{m}" not in {f"tfcompat.{p}" for p in ("wire", "v1", "keras", "run", "check", "logs", "cli")})
    assert loose == ["tfcompat.testing"], loose


def test_wire_imports_only_the_standard_library_numpy_protos_and_errors():
    allowed = {"numpy", "tfcompat._errors"}
    bad = []
    for module in (m for m in MODULES if _part(m) == "wire"):
        for line, target, _ in _imports(module):
            ok = (_top(target) in STDLIB or target in allowed or target.startswith("tfcompat.wire")
                  or target.startswith("tensorboard.compat.proto") or target.startswith("google.protobuf")
                  or target in ("crc32c", "google_crc32c"))  # optional CRC32C accelerators, pure fallback beside
            if not ok:
                bad.append(f"{module}:{line} imports {target}")
    assert not bad, bad


@pytest.mark.parametrize("part", ["logs", "check"])
def test_reading_side_never_imports_tensorflow_keras_or_the_writing_side(part):
    forbidden = TF_NAMES + ("tfcompat.v1", "tfcompat.keras", "tfcompat.run", "tfcompat.cli", "tensorboard.backend")
    bad = [f"{m}:{line} imports {t}" for m in MODULES if _part(m) == part
           for line, t, _ in _imports(m) if t.startswith(forbidden) or _top(t) in TF_NAMES]
    assert not bad, bad


def test_nothing_imports_the_command_line_but_main():
    bad = [f"{m}:{line}" for m in MODULES if _part(m) != "cli" and m != "tfcompat.__main__"
           for line, t, _ in _imports(m) if t.startswith("tfcompat.cli")]
    assert not bad, bad


def test_tensorflow_and_keras_are_imported_only_through_lazy_tf():
    bad = [f"{m}:{line} imports {t}" for m in MODULES if m != "tfcompat._lazy_tf"
           for line, t, _ in _imports(m) if _top(t) in TF_NAMES]
    assert not bad, bad


def test_no_module_imports_another_modules_private_name():
    bad = []
    for module in MODULES:
        aliases = {}
        for node in ast.walk(TREES[module]):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias, (target, name) in zip(node.names, _targets(node, module)):
                    if name and name.startswith("_") and not name.startswith("__") and target != module:
                        bad.append(f"{module}:{node.lineno} imports {target}.{name}")
                    bound = alias.asname or alias.name
                    full = target if name is None else f"{target}.{name}"
                    if full in MODULES and "." not in bound:
                        aliases[bound] = full
        for node in ast.walk(TREES[module]):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in aliases and node.attr.startswith("_")
                    and not node.attr.startswith("__") and f"{aliases[node.value.id]}.{node.attr}" not in MODULES):
                bad.append(f"{module}:{node.lineno} reads {aliases[node.value.id]}.{node.attr}")
    assert not bad, bad


def _imports_numpy(node):
    return isinstance(node, ast.Import) and any(a.name == "numpy" for a in node.names)


def _loads_tensorflow_at_import():
    """Modules that import TensorFlow/Keras (``keras = import_keras()`` at top level) or numpy when imported,
    transitively: the ones a cold start (``tfcompat inspect`` of a small folder, ``import tfcompat``) must not pay
    for before it needs them."""
    direct = {m for m, tree in TREES.items() for node in tree.body
              if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                  and getattr(node.value.func, "id", "") in ("import_tf", "import_keras")) or _imports_numpy(node)}
    loads = set(direct)
    changed = True
    while changed:
        changed = False
        for module in MODULES:
            if module not in loads and any(t in loads for _, t, _ in _imports(module, top_level_only=True)):
                loads.add(module)
                changed = True
    return loads


def test_no_tfcompat_import_hides_inside_a_function():
    """Except one that loads TensorFlow/Keras/numpy lazily: a module that imports them when imported."""
    lazy_ok = _loads_tensorflow_at_import()
    bad = []
    for module in MODULES:
        top = {(line, t) for line, t, _ in _imports(module, top_level_only=True)}
        bad += [f"{module}:{line} imports {t}" for line, t, _ in _imports(module)
                if t.startswith("tfcompat") and (line, t) not in top and t not in lazy_ok]
    assert not bad, bad


def test_the_module_level_import_graph_has_no_cycles():
    graph = {}
    for module in MODULES:
        deps = set()
        for _, target, _ in _imports(module, top_level_only=True):
            while target and target not in MODULES:  # `from tfcompat.x import name`: the module x
                target = target.rpartition(".")[0]
            if target and target != module:
                deps.add(target)
        graph[module] = deps
    seen, stack, cycles = set(), [], []

    def visit(node):
        if node in stack:
            cycles.append(stack[stack.index(node):] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for dep in sorted(graph[node]):
            # a package importing its own submodules is how packages expose them, not a cycle
            if not dep.startswith(node + "."):
                visit(dep)
        stack.pop()

    for module in sorted(graph):
        visit(module)
    assert not cycles, cycles


def test_nothing_changes_another_module_at_import_time():
    """No top-level call statement, no assignment into an imported object, no registering decorator."""
    bad = []
    for module, tree in TREES.items():
        imported = {(alias.asname or alias.name).split(".")[0] for node in tree.body
                    if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            for target in targets:
                if isinstance(target, (ast.Attribute, ast.Subscript)):
                    root = target.value
                    while isinstance(root, (ast.Attribute, ast.Subscript)):
                        root = root.value
                    if isinstance(root, ast.Name) and root.id in imported:
                        bad.append(f"{module}:{node.lineno} assigns into {root.id}")
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and module != "tfcompat.__main__":
                bad.append(f"{module}:{node.lineno} calls {ast.unparse(node.value.func)}() at import time")
            for deco in getattr(node, "decorator_list", []):
                if "register" in ast.unparse(deco):
                    bad.append(f"{module}:{node.lineno} registers {node.name} at import time")
    assert not bad, bad


# -- in fresh processes: what importing and running the reading side loads -----------------------

PROBE = """
import json, sys
{body}
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras", "tf_keras")
             or m.startswith("tensorboard.backend"))
print(json.dumps(bad))
"""


def _run(body, tmp_path):
    r = subprocess.run([sys.executable, "-c", PROBE.format(body=body)], capture_output=True, text=True,
                       timeout=120, cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.fixture
def logdirs(tmp_path):
    for name in ("old", "new"):
        write(tmp_path / name / "run" / "events.out.tfevents.1.h",
              [file_version()] + [simple(s, {"loss": 1.0 / (s + 1)}) for s in range(5)])
    return tmp_path


@pytest.mark.slow
def test_import_tfcompat_logs_check_run_loads_no_tensorflow(tmp_path):
    assert _run("import tfcompat, tfcompat.logs, tfcompat.check, tfcompat.run, tfcompat.wire", tmp_path) == []


@pytest.mark.slow
def test_inspect_export_compare_check_load_no_tensorflow(logdirs):
    (logdirs / "legacy.py").write_text("import tensorflow as tf\nx = tf.placeholder(tf.float32)\n")
    body = (
        "from tfcompat.cli import main\n"
        f"assert main(['inspect', {str(logdirs / 'old')!r}]) == 0\n"
        f"assert main(['inspect', {str(logdirs / 'old')!r}, '--json']) == 0\n"
        f"assert main(['export', {str(logdirs / 'old')!r}, '--csv', '-']) == 0\n"
        f"assert main(['export', {str(logdirs / 'old')!r}, '--json', '-']) == 0\n"
        f"assert main(['compare', {str(logdirs / 'old')!r}, {str(logdirs / 'new')!r}]) in (0, 1)\n"
        f"assert main(['check', {str(logdirs / 'legacy.py')!r}]) in (0, 1)\n"
        f"import tfcompat.logs as L; L.read_histograms({str(logdirs)!r}); L.read_images({str(logdirs)!r})\n"
    )
    assert _run(body, logdirs) == []


@pytest.mark.slow
def test_tfcompat_testing_loads_no_tensorflow(tmp_path):
    assert _run("import tfcompat.testing", tmp_path) == []
