"""``tfcompat check``: a static scan for TF1 / Keras 2 calls that TF 2.21 + Keras 3 breaks.

Mirrors what ``tf_upgrade_v2`` reports, plus what it misses (``tf.summary.scalar``
on a placeholder, ``K.get_session``, ``optimizer.lr``, ``lr=``, ``logs['acc']``,
the Keras 2.1 TensorBoard arguments, ``trace_export(profiler_outdir=)``).

Nothing here imports TensorFlow: the scan reads the code with :mod:`ast`, and
notebooks with :mod:`json`.
"""

import ast
from collections.abc import Iterable

from tfcompat._names import (
    CONTRIB_PROVIDED,
    CONTRIB_REPLACED_BY,
    CONTRIB_RNN_PROVIDED,
    KERAS2_BACKEND,
    KERAS2_MODULES,
    KERAS2_OPTIMIZERS,
    TENSORBOARD_21_ATTRIBUTES,
    TF012_KEPT_IN_1X,
    TF012_SUMMARY_NAMES,
    TF1_SUMMARY_KEYWORDS,
    TF2_SUMMARY_STEP_SLOT,
)
from tfcompat.check import _rules as R
from tfcompat.check import _scan_tf2
from tfcompat.check._finding import Finding
from tfcompat.check._provided import module_exists, provides
from tfcompat.check._scan_keras import KerasChecks, str_const
from tfcompat.check._scan_tf012 import Tf012Checks, tf012_pass
from tfcompat.check._sources import clean, era_comment, parse

__all__ = ["scan_source", "scan_module", "verdict_of"]


# -- the scanner --

class _Scanner(KerasChecks, Tf012Checks, ast.NodeVisitor):
    def __init__(self, tree, source, file, cell):
        self.tree, self.source, self.file, self.cell = tree, source, file, cell
        self.findings = []
        self.reordered, self.tf012_names, self.tf1x_names = [], [], []  # what says TF 0.12 or 1.x (Tf012Checks)
        self._seen = set()
        self.aliases = {}
        self.assigned = set()
        self.optimizer_names = set()
        self.graph_mode = False
        self.sets_default_step = False
        self.uses_tf2_writer = False
        self.makes_tensorboard = False
        self.builds_tf1_graph = False
        self.tfcompat_optimizers = False
        self.tfcompat_callbacks = False
        self._nodes = list(ast.walk(tree))  # walked once; the passes below reuse it
        for node in self._nodes:
            for child in ast.iter_child_nodes(node):
                child._tfc_parent = node
        self._lines = None
        self._collect_bindings()

    # bindings: imports (anywhere in the file), optimizer variables, global switches
    def _collect_bindings(self):
        for node in self._nodes:
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.asname:
                        self.aliases[a.asname] = R.normalize(a.name)
                    else:
                        top = a.name.split(".")[0]
                        self.aliases[top] = R.normalize(top)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                module = R.normalize(node.module)
                for a in node.names:
                    if a.name != "*":
                        self.aliases[a.asname or a.name] = R.normalize(f"{module}.{a.name}")
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    if isinstance(t, ast.Name):
                        self.assigned.add(t.id)
        modules = set(self.aliases.values())
        self.tfcompat_optimizers = any(m.startswith("tfcompat.keras.optimizers") for m in modules)
        self.tfcompat_callbacks = any(m.startswith("tfcompat.keras.callbacks") for m in modules)
        for node in self._nodes:
            if isinstance(node, ast.Call):
                c = self.resolve(node.func) or ""
                if c.split(".")[-1] in ("disable_eager_execution", "disable_v2_behavior") and c.startswith("tensorflow"):
                    self.graph_mode = True
                if c == "tensorflow.summary.experimental.set_step":
                    self.sets_default_step = True
                if c == "tensorflow.summary.create_file_writer" or (
                        isinstance(node.func, ast.Attribute) and node.func.attr == "as_default"
                        and any(k.arg == "step" for k in node.keywords)):
                    # TF 2 summaries: the writer's default step applies to calls without step=.
                    self.uses_tf2_writer = True
                if c.split(".")[-1] in _TF1_GRAPH_MARKERS and c.startswith("tensorflow."):
                    self.builds_tf1_graph = True
                if c == "keras.callbacks.TensorBoard":
                    self.makes_tensorboard = True
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and self._is_optimizer_ctor(node.value):
                for t in node.targets:
                    if isinstance(t, ast.Name):
                        self.optimizer_names.add(t.id)
                    elif isinstance(t, ast.Attribute):
                        self.optimizer_names.add(t.attr)

    def _is_optimizer_ctor(self, call):
        c = self.resolve(call.func) or ""
        parts = c.split(".")
        return (c.startswith("keras.optimizers.") and parts[-1] in R.KERAS_OPTIMIZERS) or (
            c.startswith("tensorflow.train.") and parts[-1].endswith("Optimizer")
        )

    def resolve(self, node):
        """Dotted canonical name of a Name/Attribute chain, or None."""
        if isinstance(node, ast.Name):
            if node.id in self.aliases:
                return self.aliases[node.id]
            if node.id in R.IMPLICIT_ALIASES and node.id not in self.assigned:
                return R.IMPLICIT_ALIASES[node.id]
            return None
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value)
            return R.normalize(f"{base}.{node.attr}") if base else None
        return None

    def _text(self, node, limit=100):
        """The source of ``node``, on one line. (``ast.get_source_segment`` splits the whole source per call:
        quadratic in the file size; the lines are split once here.)"""
        if self._lines is None:
            self._lines = [line.encode("utf-8") for line in self.source.splitlines(keepends=True)]
        first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
        if first >= len(self._lines):
            return ""
        if first == last:
            raw = self._lines[first][node.col_offset:node.end_col_offset]
        else:
            raw = b"".join([self._lines[first][node.col_offset:]] + self._lines[first + 1:last]
                           + [self._lines[last][:node.end_col_offset]])
        text = " ".join(raw.decode("utf-8", "replace").split())
        return text if len(text) <= limit else text[: limit - 3] + "..."

    def _add(self, node, api, kind, status, **fmt):
        key = (node.lineno, node.col_offset, kind, api)
        if key in self._seen:
            return
        self._seen.add(key)
        tf221, how = R.MESSAGES[kind]
        call = node
        parent = getattr(node, "_tfc_parent", None)
        if isinstance(parent, ast.Call) and parent.func is node:
            call = parent
        self.findings.append(
            Finding(self.file, self.cell, node.lineno, node.col_offset, self._text(call), api, kind,
                    tf221.format(api=api, **fmt), status, how.format(api=api, **fmt))
        )

    # -- names --

    def _check_name(self, node, canonical):
        if canonical.startswith(R.TFCOMPAT_PREFIX):
            return
        if canonical == "tensorflow.contrib" or canonical.startswith("tensorflow.contrib."):
            self._check_contrib(node, canonical[len("tensorflow.contrib."):])
            return
        if canonical.startswith("tensorflow.compat.v1."):
            self._check_compat_v1(node, canonical[len("tensorflow.compat.v1."):])
            return
        if canonical.startswith("tensorflow."):
            self._check_tf_name(node, canonical[len("tensorflow."):])
        elif canonical == "keras.utils.np_utils" or canonical.startswith("keras.utils.np_utils."):
            self._add(node, "keras.utils.np_utils", "np_utils", self._np_utils_status())
        elif canonical.startswith("keras.backend."):
            name = canonical.split(".")[2]
            if name in R.KERAS3_BACKEND or name not in KERAS2_BACKEND:
                return  # Keras 3 has it, or it never was Keras 2's (a typo is not a migration)
            # tfcompat.keras.backend has every function of Keras 2.2.4's backend (its upstream tests pass).
            self._add(node, f"K.{name}", "backend_removed", R.WORKS_WITH_IMPORTS, name=name)

    def _check_contrib(self, node, rest):
        """``tf.contrib.<part>``: tfcompat.v1.contrib provides the TensorBoard-era parts; the rest were replaced."""
        part = rest.split(".")[0]
        if not part:
            return  # bare `tf.contrib`: the part it reaches decides
        name = rest.split(".")[1] if part == "rnn" and "." in rest else ""
        if name and name not in CONTRIB_RNN_PROVIDED:
            # tfcompat.v1.contrib.rnn has the core cells, not the cells contrib alone had: RemovedAPIError there.
            how = (f"tfcompat.v1.contrib.rnn does not provide tf.contrib.rnn.{name} (it raises RemovedAPIError): "
                   f"it provides {', '.join(CONTRIB_RNN_PROVIDED)}; use one of those cells or keras.layers' RNNs")
            self._add(node, f"tf.contrib.rnn.{name}", "contrib", R.BROKEN, part=part, how=how)
        elif part in CONTRIB_PROVIDED:
            how = (f"tfcompat.v1.contrib.{part} provides it (`import tfcompat.v1 as tf`); `tfcompat run` maps "
                   f"tensorflow.contrib.{part} onto it")
            self._add(node, f"tf.contrib.{part}", "contrib", R.WORKS_WITH_IMPORTS, part=part, how=how)
        else:
            replaced = CONTRIB_REPLACED_BY.get(part, "no drop-in replacement")
            how = f"tfcompat does not provide tf.contrib.{part}: it was replaced by {replaced}"
            self._add(node, f"tf.contrib.{part}", "contrib", R.BROKEN, part=part, how=how)

    def _check_tf_name(self, node, rest):
        self._note_tf_name(node, rest)
        parts = rest.split(".")
        head = parts[0]
        for legacy, successor in R.TF012_NAMES.items():
            if rest == legacy or rest.startswith(legacy + "."):
                removed = "TF 2.0 (TF 1.x kept it, deprecated)" if legacy in TF012_KEPT_IN_1X else "TF 1.0"
                note = " (summaries keep TF 0.12's exact tag names)" if legacy in TF012_SUMMARY_NAMES else ""
                self._add(node, f"tf.{legacy}", "tf012", R.WORKS_WITH_IMPORTS, name=legacy, successor=successor,
                          removed=removed, note=note)
                return
        if head in ("disable_eager_execution", "disable_v2_behavior"):
            self._add(node, f"tf.{head}", "eager_switch", R.WORKS_WITH_IMPORTS)
            return
        if head == "layers":
            self._add(node, "tf.layers", "v1_layers", R.WORKS_WITH_IMPORTS)
            return
        if head in ("summary", "train") and len(parts) > 1:
            table = R.V1_ONLY_SUMMARY if head == "summary" else R.V1_ONLY_TRAIN
            promised = R.PROMISED_V1_SUMMARY if head == "summary" else R.PROMISED_V1_TRAIN
            if parts[1] in table:
                self._v1(node, f"{head}.{parts[1]}", f"v1/{head}", parts[1], promised)
            return
        if head in R.V1_ONLY_SUB and len(parts) > 1:
            # tf.losses.sparse_softmax_cross_entropy, tf.nn.dynamic_rnn, tf.metrics.accuracy...
            if parts[1] in R.V1_ONLY_SUB[head]:
                self._v1(node, f"{head}.{parts[1]}", f"v1/{head}", parts[1], frozenset())
            return
        if head in R.V1_ONLY_TOP:
            self._v1(node, head, "v1", head, R.PROMISED_V1)

    def _v1(self, node, name, relpath, short, promised):
        # tfcompat.v1 is tf.compat.v1 built in its private graph: every name of it (tests/check pins it).
        module = "tensorflow" if relpath == "v1" else "tensorflow." + relpath.split("/")[1]
        self._add(node, f"tf.{name}", "v1_removed", R.WORKS_WITH_IMPORTS, name=name, module=module, short=short)

    def _check_compat_v1(self, node, rest):
        self._note_tf_name(node, "compat.v1." + rest)
        head = rest.split(".")[0]
        if head in ("disable_eager_execution", "disable_v2_behavior"):
            self._add(node, f"tf.compat.v1.{head}", "eager_switch", R.WORKS_WITH_IMPORTS)
        elif head == "layers":
            self._add(node, "tf.compat.v1.layers", "v1_layers", R.WORKS_WITH_IMPORTS)
        elif not self.graph_mode:
            name = ".".join(rest.split(".")[:2]) if head in ("summary", "train") else head
            if name in R.COMPAT_V1_GRAPH_ONLY:
                self._add(node, f"tf.compat.v1.{name}", "compat_v1_eager", R.WORKS_WITH_IMPORTS, name=name)

    def visit_Import(self, node):
        for a in node.names:
            name = R.normalize(a.name)
            if name == "tensorflow.contrib" or name.startswith("tensorflow.contrib."):
                self._check_contrib(node, name[len("tensorflow.contrib."):])
            elif name.startswith("keras.utils.np_utils"):
                self._add(node, "keras.utils.np_utils", "np_utils", self._np_utils_status())
            else:
                self._check_keras2_module(node, name)

    @staticmethod
    def _np_utils_status():
        return R.WORKS_WITH_IMPORTS if module_exists("keras/utils/np_utils") else R.NEEDS_RUN

    @staticmethod
    def _keras2_models_status():
        """Keras 2 ``Model`` methods and arguments: tfcompat.keras.models' Sequential/Model have them."""
        return R.WORKS_WITH_IMPORTS if provides("keras/models", "Sequential", {"Sequential"}) else R.NEEDS_RUN

    def _check_keras2_module(self, node, module):
        """``keras.layers.core`` & co.: Keras 2 module paths that Keras 3 removed."""
        for path in KERAS2_MODULES:
            if path == "keras.utils.np_utils":
                continue  # its own rule (np_utils): the real keras gains it under `tfcompat run`
            if module == path or module.startswith(path + "."):
                short = path[len("keras."):]
                status = R.WORKS_WITH_IMPORTS if module_exists(f"keras/{short.replace('.', '/')}") else R.BROKEN
                self._add(node, path, "keras2_module", status, name=path, short=short)
                return True
        return False

    def visit_ClassDef(self, node):
        """``class MyBoard(keras.callbacks.TensorBoard)`` using Keras 2.1/2.2 attributes or arguments."""
        if any(self.resolve(b) == "keras.callbacks.TensorBoard" for b in node.bases):
            used = set()
            for sub in ast.walk(node):
                if (isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "self"
                        and sub.attr in TENSORBOARD_21_ATTRIBUTES):
                    used.add(f"self.{sub.attr}")
                elif isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr == "__init__":
                    used.update(f"{k.arg}=" for k in sub.keywords if k.arg in R.TB21_ONLY_KEYWORDS)
                elif isinstance(sub, ast.FunctionDef) and sub.name in ("on_batch_end", "on_batch_begin"):
                    used.add(f"{sub.name}()")
            if used:
                self._add(node, f"class {node.name}(TensorBoard)", "tb21_subclass", R.WORKS_WITH_IMPORTS,
                          detail=", ".join(sorted(used)))
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        _scan_tf2.check_function_def(self, node)
        self.generic_visit(node)

    def visit_Assign(self, node):
        _scan_tf2.check_call_assignment(self, node)
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        if not node.module or node.level:
            return
        module = R.normalize(node.module)
        if module == "tensorflow.contrib":  # from tensorflow.contrib import rnn, layers
            for a in node.names:
                self._check_contrib(node, a.name if a.name != "*" else "")
            return
        if module == "tensorflow.contrib.rnn":  # from tensorflow.contrib.rnn import LSTMCell, LSTMBlockCell
            for a in node.names:
                self._check_contrib(node, "rnn." + a.name if a.name != "*" else "rnn")
            return
        if module.startswith("tensorflow.contrib."):
            self._check_contrib(node, module[len("tensorflow.contrib."):])
            return
        if self._check_keras2_module(node, module) or any(
                self._check_keras2_module(node, f"{module}.{a.name}") for a in node.names):
            return
        for a in node.names:
            if a.name != "*":
                self._check_name(node, R.normalize(f"{module}.{a.name}"))

    def visit_Attribute(self, node):
        parent = getattr(node, "_tfc_parent", None)
        if not isinstance(parent, ast.Attribute):
            canonical = self.resolve(node)
            if canonical:
                self._check_name(node, canonical)
        if node.attr == "lr" and self._optimizer_like(node.value):
            cls = "Optimizer"
            # tfcompat's Keras 2 surface gives every optimizer `lr` from its first use (issue 9).
            status = R.WORKS_WITH_IMPORTS
            if isinstance(node.ctx, ast.Store):
                self._add(node, ".lr", "optimizer_lr_write", status, cls=cls)
            else:
                self._add(node, ".lr", "optimizer_lr_read", status, cls=cls)
        if node.attr == "decay" and not isinstance(node.ctx, ast.Store) and self._optimizer_like(node.value):
            self._add(node, ".decay", "optimizer_decay_attr", R.WORKS_WITH_IMPORTS)
        if (node.attr == "writer" and self.makes_tensorboard and isinstance(node.value, ast.Name)
                and node.value.id != "self"):
            self._add(node, f"{node.value.id}.writer", "tb21_writer", R.WORKS_WITH_IMPORTS)
        if node.attr == "item" and isinstance(parent, ast.Call) and parent.func is node and self._logs_value(node.value):
            self._add(node, ".item()", "logs_numpy", R.WORKS_WITH_IMPORTS)
        self.generic_visit(node)

    @staticmethod
    def _logs_value(node):
        """``logs[...]`` / ``logs.get(...)``: a value of a Keras callback's logs."""
        if isinstance(node, ast.Subscript):
            return isinstance(node.value, ast.Name) and node.value.id == "logs"
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "logs")

    def _optimizer_like(self, node):
        if isinstance(node, ast.Attribute):
            return node.attr in ("optimizer", "opt", "optim") or node.attr in self.optimizer_names
        if isinstance(node, ast.Name):
            return node.id in self.optimizer_names or node.id in ("optimizer", "opt", "optim")
        if isinstance(node, ast.Call):
            return self._is_optimizer_ctor(node)
        return False

    # -- calls --

    def visit_Call(self, node):
        canonical = self.resolve(node.func) or ""
        keywords = {k.arg for k in node.keywords if k.arg}
        if canonical.startswith("tensorflow.summary.") and canonical.count(".") == 2:
            self._check_summary_call(node, canonical.split(".")[-1], keywords)
        if canonical == "tensorflow.summary.trace_export":
            outdir = [k.value for k in node.keywords if k.arg == "profiler_outdir"]
            if len(node.args) >= 3:
                outdir.append(node.args[2])
            if outdir and not (isinstance(outdir[0], ast.Constant) and outdir[0].value is None):
                self._add(node.func, "tf.summary.trace_export(profiler_outdir=)", "trace_export_outdir", R.NEEDS_RUN)
        parts = canonical.split(".")
        if canonical.startswith("keras.optimizers.") and parts[-1] in R.KERAS_OPTIMIZERS:
            short = parts[-1]
            # Keras 2.2's optimizers took lr=/decay= (tfcompat.keras.optimizers has them); Keras 3's newer ones
            # (AdamW, Lion...) never did, in any version.
            status = R.WORKS_WITH_IMPORTS if short in KERAS2_OPTIMIZERS else R.BROKEN
            if "lr" in keywords:
                self._add(node.func, f"keras.optimizers.{short}(lr=)", "optimizer_lr_kwarg", status, short=short)
            if "decay" in keywords:
                self._add(node.func, f"keras.optimizers.{short}(decay=)", "optimizer_decay_kwarg", status,
                          short=short)
        if canonical == "keras.callbacks.TensorBoard":
            self._check_tensorboard(node, keywords)
        if canonical.startswith("keras.layers."):
            self._check_keras1_layer_arguments(node, parts[-1], keywords)
        if canonical.startswith("keras.callbacks.") and parts[-1] in R.MONITORING_CALLBACKS:
            self._check_monitoring_callback(node, parts[-1])
        if canonical.startswith("tensorflow.") and not canonical.startswith("tensorflow.compat."):
            self._check_v1_signature(node, canonical, keywords)
            self._note_reordered_call(node, canonical)
        if isinstance(node.func, ast.Attribute):
            attr = node.func.attr
            if attr == "fit" and "nb_epoch" in keywords and not canonical.startswith("tensorflow"):
                self._add(node.func, "Model.fit(nb_epoch=)", "fit_nb_epoch", self._keras2_models_status())
            successor = R.LEGACY_MODEL_METHODS.get(attr)
            if successor and not canonical.startswith(("tensorflow", "keras.")):
                self._add(node.func, f"Model.{attr}", "model_generator_method", self._keras2_models_status(), cls="Model",
                          name=attr, successor=successor)
            if attr == "get" and node.args and str_const(node.args[0]) in R.LEGACY_LOG_KEYS:
                key = str_const(node.args[0])
                self._add(node, f"logs.get({key!r})", "logs_acc", self._logs_status(), key=key)
            if attr == "reset_states" and not node.args and self._metric_like(node.func.value):
                self._add(node.func, "Metric.reset_states", "metric_reset_states", R.NEEDS_RUN)
        self.generic_visit(node)

    def _check_summary_call(self, node, name, keywords):
        if name not in R.SHARED_SUMMARY_OPS:
            return
        step_slot = TF2_SUMMARY_STEP_SLOT[name]
        if keywords & TF1_SUMMARY_KEYWORDS:
            tf1 = True
        elif "step" in keywords:
            tf1 = False
        elif len(node.args) > step_slot:
            arg = node.args[step_slot]
            tf1 = isinstance(arg, (ast.List, ast.Tuple)) or (isinstance(arg, ast.Constant) and arg.value is None)
            if not tf1 and name in ("image", "audio") and self.builds_tf1_graph:
                # TF1 image(name, tensor, max_outputs) / audio(name, tensor, sample_rate, max_outputs):
                # the same slot as TF2's step. A file that builds a TF1 graph means max_outputs.
                tf1 = True
        else:
            tf1 = not (self.sets_default_step or self.uses_tf2_writer)
        if tf1:
            short = name
            self._add(node.func, f"tf.summary.{name}", "v1_summary_shadowed",
                      R.WORKS_WITH_IMPORTS if provides("v1/summary", name, R.PROMISED_V1_SUMMARY) else R.NEEDS_RUN,
                      name=f"tf.summary.{name}", short=short)

    def _check_v1_signature(self, node, canonical, keywords):
        """TF1 keywords (``reduction_indices=``, ``keep_prob=``...) of names TF2 kept with another signature."""
        name = canonical.split(".")[-1]
        for keyword in R.V1_KEYWORDS.get(name, ()):
            if keyword in keywords:
                self._add(node.func, f"{R.display(canonical)}({keyword}=)", "v1_keyword", R.WORKS_WITH_IMPORTS,
                          name=name, keyword=keyword)
        if name == "dropout" and len(node.args) >= 2 and "keep_prob" not in keywords:
            self._add(node.func, "tf.nn.dropout(x, keep_prob)", "dropout_keep_prob", R.WORKS_WITH_IMPORTS)


# Calls that only TF1 graph code makes: a file with one of them is TF1 code.
_TF1_GRAPH_MARKERS = frozenset(["placeholder", "Session", "InteractiveSession"])


# -- public entry points --

def scan_module(sources: Iterable[tuple[int | None, str]], file: str = "<string>",
                comment: tuple[str, int] | None = None) -> tuple[list[Finding], dict, tuple[int, str] | None]:
    """Scans one module given as its ``(cell, source)`` pieces (one, or a notebook's code cells in order).

    Returns (findings in cell then line order, ``{cell: skipped lines}``, the TF 0.12 evidence ``(line, api)``
    when the module is TF 0.12 code, else None; ``comment`` is the file's ``# tfcompat:`` line, see
    :func:`tfcompat.check._sources.era_comment`).
    """
    scanners, skipped = [], {}
    for cell, source in sources:
        tree, bad = parse(source)
        if bad:
            skipped[cell] = bad
        if tree is not None:
            scanner = _Scanner(tree, "\n".join(clean(source).splitlines()), file, cell)
            scanner.visit(tree)
            scanners.append(scanner)
    tf012 = tf012_pass(scanners, comment)
    findings = []
    for scanner in scanners:
        findings += sorted(_scan_tf2.drop_today_only(scanner.findings), key=lambda f: (f.line, f.col))
    return findings, skipped, tf012


def scan_source(source: str, file: str = "<string>", cell: int | None = None) -> tuple[list[Finding], list[int]]:
    """Scans one piece of Python source as a module of its own; returns (findings, skipped_lines)."""
    findings, skipped, _ = scan_module([(cell, source)], file, era_comment(source))
    return findings, skipped.get(cell, [])


def verdict_of(findings: Iterable[Finding]) -> str:
    """A file's verdict from its findings: the worst status (``broken`` > ``needs_run`` >
    ``works_with_imports``), ``unaffected`` when there is none."""
    worst = 0
    for f in findings:
        worst = max(worst, R.VERDICTS.index(f.status))
    return R.VERDICTS[worst]
