"""The module rule of ``tfcompat run``: a 2018 module's ``tensorflow`` and ``keras`` are tfcompat's surfaces.

Mirrors a 2018 Python environment for the modules written then, and today's for
every other module. Each user module (the script, and each module it imports
that lives outside the standard library, site-packages and tfcompat) is
classified once, from its source, by :func:`tfcompat.check.classify_file`, the
scan ``tfcompat check`` runs. A 2018 module is executed with its own
``__builtins__`` whose ``__import__`` resolves

* ``tensorflow`` (also ``tensorflow.compat.v1``) to :mod:`tfcompat.v1`, and its
  submodules by attribute (``tensorflow.examples.tutorials.mnist``...);
* ``keras`` and ``tensorflow.keras`` to :mod:`tfcompat.keras` (``keras.layers.core``...);
* ``tensorflow.python.ops`` to :mod:`tfcompat.v1._python_ops`: TF1's ``rnn`` and
  ``rnn_cell`` (``from tensorflow.python.ops import rnn, rnn_cell``), TensorFlow's own
  other modules;
* ``importlib`` to a copy whose ``import_module`` resolves the same way.

A 2018 module that is TF 0.12 code (``Decision.tf012``: ``tf.concat(1, [a, b])``)
gets :mod:`tfcompat.v1.tf012` for ``tensorflow`` instead: TF 1.x's module with
0.12's argument order for the functions TF 1.0 reordered.

A name the surface lacks (``tensorflow.python.client.device_lib``) is the real
module. Every other module, Keras's and TensorBoard's own included, imports the
real, untouched packages. Nothing is decided per call or from the caller.
"""

import builtins
import importlib
import importlib.abc
import importlib.machinery
import os
import site
import sys
import sysconfig
import threading
import types

from tfcompat.check import Overrides, classify_file

__all__ = ["ModuleRule", "legacy_module", "is_user_file", "builtins_for", "LEGACY_BUILTINS", "TF012_BUILTINS"]

# Where a 2018 module's imports go: the first prefix that matches (so the longer ones come first).
_SURFACES = (
    ("tensorflow.compat.v1", "tfcompat.v1"),
    ("tensorflow.compat.v2", None),  # TF 1.15's preview of TF 2: the real tensorflow
    ("tensorflow.python.keras", "tfcompat.keras"),
    ("tensorflow.keras", "tfcompat.keras"),
    ("tensorflow.python.ops", "tfcompat.v1._python_ops"),  # `from tensorflow.python.ops import rnn, rnn_cell`
    ("tensorflow", "tfcompat.v1"),
    ("keras", "tfcompat.keras"),
)
# A TF 0.12 module's: the same, but `tensorflow` itself is TF 0.12's.
_SURFACES_012 = tuple((p, "tfcompat.v1.tf012" if p == "tensorflow" else s) for p, s in _SURFACES)
_ROOTS = frozenset(("tensorflow", "keras"))
_MISSING = object()


def legacy_module(name: str) -> object | None:
    """The object a 2018 module gets for ``import name`` / ``from name import ...``, or None for the real one."""
    return _resolve(name, _SURFACES)


def _walk(value, parts):
    for part in parts:
        value = getattr(value, part, _MISSING)
        if value is _MISSING:
            return None
    return value


def _resolve(name, surfaces):
    for prefix, surface in surfaces:
        if name == prefix or name.startswith(prefix + "."):
            if surface is None:
                return None
            return _walk(importlib.import_module(surface), name[len(prefix) + 1:].split(".") if name != prefix else ())
    return None


def _builtins(surfaces):
    """A 2018 module's ``__builtins__``: ``__import__`` (and ``importlib.import_module``) resolve by ``surfaces``."""

    def import_module(name, package=None):
        """Mirrors ``importlib.import_module`` for a 2018 module: ``tensorflow``/``keras`` are tfcompat's."""
        if not name.startswith("."):
            target = _resolve(name, surfaces) if name.partition(".")[0] in _ROOTS else None
            if target is not None:
                return target
        return importlib.import_module(name, package)

    legacy_importlib = types.ModuleType("importlib", importlib.__doc__)
    legacy_importlib.__dict__.update({k: v for k, v in vars(importlib).items() if k not in ("__name__", "__doc__")},
                                     import_module=import_module)
    # submodules imported later (`import importlib.util` binds this copy as `importlib`)
    legacy_importlib.__getattr__ = lambda name: getattr(importlib, name)

    def legacy_import(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0:
            top = name.partition(".")[0]
            if top in _ROOTS:
                target = _resolve(name, surfaces)
                if target is not None:
                    if fromlist:
                        return target
                    # `import tensorflow.compat.v1 as tf` takes the top and walks the rest by attribute: the top
                    # surface only when that walk reaches the same module (`import tensorflow.python.ops.array_ops`
                    # walks TensorFlow's own packages)
                    surface = _resolve(top, surfaces)
                    if _walk(surface, name.split(".")[1:]) is target:
                        return surface
            elif top == "importlib":
                real = _REAL_IMPORT(name, globals, locals, fromlist, level)
                return legacy_importlib if real is importlib else real
        return _REAL_IMPORT(name, globals, locals, fromlist, level)

    return dict(vars(builtins), __import__=legacy_import)


_REAL_IMPORT = builtins.__import__
LEGACY_BUILTINS = _builtins(_SURFACES)
TF012_BUILTINS = _builtins(_SURFACES_012)


def builtins_for(decision) -> dict | None:
    """The ``__builtins__`` a module of ``decision`` (a :class:`tfcompat.check.Decision`) runs with; None: the real."""
    if not decision.legacy:
        return None
    return TF012_BUILTINS if decision.tf012 else LEGACY_BUILTINS


def _excluded_dirs():
    paths = sysconfig.get_paths()
    dirs = {paths.get(k) for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    try:
        dirs.update(site.getsitepackages())
    except AttributeError:  # some virtualenvs' site module
        pass
    user = getattr(site, "getusersitepackages", lambda: None)()
    dirs.update([user, os.path.dirname(os.path.dirname(os.path.abspath(__file__)))])  # tfcompat itself
    return tuple(os.path.realpath(d) + os.sep for d in dirs if d)


_EXCLUDED = []


def is_user_file(path):
    """True for a ``.py`` file outside the standard library, site-packages and tfcompat."""
    if not path or not path.endswith(".py"):
        return False
    if not _EXCLUDED:
        _EXCLUDED.append(_excluded_dirs())
    real = os.path.realpath(path)
    return not real.startswith(_EXCLUDED[0])


class _UserModuleLoader(importlib.machinery.SourceFileLoader):
    """Loads a user module, giving it 2018 builtins when its source says it is 2018 code."""

    rule = None  # set per ModuleRule by a subclass

    def exec_module(self, module):
        self.rule.prepare(module.__dict__, self.path)
        super().exec_module(module)


def _is_path_finder(finder):
    return isinstance(finder, type) and issubclass(finder, importlib.machinery.PathFinder)


class _NotifyingLoader:
    """Wraps the loader of ``tensorflow``/``keras``: tells the rule when the package has finished importing."""

    def __init__(self, loader, rule, name):
        self._loader, self._rule, self._name = loader, rule, name

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._rule.on_package_imported(self._name)

    def __getattr__(self, name):
        return getattr(self._loader, name)


class ModuleRule(importlib.abc.MetaPathFinder):
    """The meta path finder of ``tfcompat run``: classifies user modules as they are imported.

    Args:
        overrides: ``--legacy``/``--modern`` globs.
        explain: a callable receiving one line per decision (``--explain``), or None.
        on_package: ``on_package(name)`` is called once ``tensorflow`` / ``keras`` finished importing.
    """

    def __init__(self, overrides=None, explain=None, on_package=None):
        self.overrides = overrides or Overrides()
        self.explain = explain
        self.on_package = on_package
        self.decisions = {}
        self._lock = threading.Lock()
        self._loader_class = type("UserModuleLoader", (_UserModuleLoader,), {"rule": self})
        self._path_finder = importlib.machinery.PathFinder

    # -- deciding ------------------------------------------------------------------

    def decide(self, path, source=None):
        """The :class:`tfcompat.check.Decision` for the file ``path`` (made once per path)."""
        key = os.path.realpath(path)
        with self._lock:
            decision = self.decisions.get(key)
        if decision is None:
            decision = classify_file(path, source, self.overrides)
            with self._lock:
                self.decisions.setdefault(key, decision)
            if self.explain is not None:
                self.explain(f"{path}: {decision.describe()}")
        return decision

    def prepare(self, namespace, path, source=None):
        """Gives ``namespace`` (a module's globals, before its code runs) 2018 builtins if its file is 2018 code."""
        chosen = builtins_for(self.decide(path, source))
        if chosen is not None:
            namespace["__builtins__"] = chosen

    # -- finding -------------------------------------------------------------------

    def find_spec(self, fullname, path=None, target=None):
        spec = self._path_finder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None:
            return spec
        if fullname in _ROOTS and self.on_package is not None:
            spec.loader = _NotifyingLoader(spec.loader, self, fullname)
        elif (type(spec.loader) is importlib.machinery.SourceFileLoader and spec.origin
              and is_user_file(spec.origin)):
            spec.loader = self._loader_class(fullname, spec.origin)
        return spec

    def on_package_imported(self, name):
        if self.on_package is not None:
            self.on_package(name)

    def install(self):
        """Puts the rule just before ``PathFinder`` in ``sys.meta_path`` (it returns PathFinder's specs)."""
        meta = sys.meta_path
        if self in meta:
            return
        if not _EXCLUDED:
            # Now, not in find_spec: on Python 3.13 sysconfig.get_paths() imports _sysconfigdata lazily, and
            # doing that from inside find_spec re-enters it with sysconfig half set up (KeyError 'abi_thread').
            _EXCLUDED.append(_excluded_dirs())
        index = next((i for i, f in enumerate(meta) if _is_path_finder(f)), len(meta))
        # Specs come from the path finder this rule precedes (a subclass of PathFinder counts as it).
        self._path_finder = meta[index] if index < len(meta) else importlib.machinery.PathFinder
        meta.insert(index, self)

    def uninstall(self):
        while self in sys.meta_path:
            sys.meta_path.remove(self)
