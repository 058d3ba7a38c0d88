"""``tfcompat check``'s Keras findings: Keras 1 layer arguments, the 2.1 TensorBoard, ``monitor='val_acc'``, ``logs['acc']``.

A mixin of the scanner (``_scan._Scanner``): the methods use its ``_add``,
``_text`` and ``resolve``. Nothing here imports TensorFlow or Keras.
"""

import ast
import re

from tfcompat._names import KERAS1_LAYER_KEYWORDS, KERAS2_LAYER_ALIASES, KERAS3_TENSORBOARD_ARGS
from tfcompat.check import _rules as R
from tfcompat.check import _scan_tf2
from tfcompat.check._provided import provides

__all__ = ["KerasChecks", "str_const"]


class KerasChecks:
    """The scanner's checks of Keras 2 calls whose meaning Keras 3 changed."""

    def _check_keras1_layer_arguments(self, node, name, keywords):
        cls = KERAS2_LAYER_ALIASES.get(name, name)
        table = KERAS1_LAYER_KEYWORDS.get(cls)
        if not table:
            return
        legacy = [k for k in table if k in keywords]
        ints = [a for a in node.args[1:] if isinstance(a, ast.Constant) and type(a.value) is int]
        if cls in ("Conv2D", "Conv2DTranspose", "SeparableConv2D", "ConvLSTM2D", "Conv3D") and \
                len(ints) == len(node.args) - 1 == (3 if cls == "Conv3D" else 2):
            legacy.insert(0, "nb_row" if cls != "Conv3D" else "kernel_dim1")  # Keras 1's Conv2D(n, rows, cols)
            detail = (f"silently wrong: Keras 3 reads {name}(filters, {', '.join(['k'] * len(ints))}) as (filters, "
                      f"kernel_size, strides{', padding' if len(ints) == 3 else ''})")
        elif legacy:
            detail = f"ValueError: Unrecognized keyword arguments passed to {name}: {{'{legacy[0]}': ...}}"
        if legacy:
            new = table[legacy[0]] or "(dropped)"
            # tfcompat.keras.layers converts them as Keras 2.2 did (a 2018 module's keras.layers under `run`).
            self._add(node.func, f"keras.layers.{name}({', '.join(k + '=' for k in legacy)})", "keras1_layer_kwarg",
                      R.WORKS_WITH_IMPORTS, cls=name, keyword=legacy[0], new=new, detail=detail)

    def _logs_status(self):
        # A 2018 module's callbacks (tfcompat.keras.callbacks) hand Keras 2 log keys to the code they call.
        return R.WORKS_WITH_IMPORTS

    def _metric_like(self, node):
        text = self._text(node).lower()
        return bool(re.search(r"loss|acc|metric|mean|auc|precision|recall", text))

    def _check_tensorboard(self, node, keywords):
        status = R.WORKS_WITH_IMPORTS if provides("keras/callbacks", "TensorBoard", {"TensorBoard"}) else R.NEEDS_RUN
        legacy_kw = sorted(keywords & R.TB21_ONLY_KEYWORDS)
        if legacy_kw:
            self._add(node.func, f"keras.callbacks.TensorBoard({', '.join(k + '=' for k in legacy_kw)})",
                      "tb21_keywords", status, name=legacy_kw[0])
        if len(node.args) >= 3:
            keras3 = KERAS3_TENSORBOARD_ARGS
            shifted = [
                f"{R.TB21_POSITIONAL[i]} -> {keras3[i]}" if i < len(keras3) else f"{R.TB21_POSITIONAL[i]} -> (none)"
                for i in range(2, min(len(node.args), len(R.TB21_POSITIONAL)))
            ]
            self._add(node.func, "keras.callbacks.TensorBoard(positional 2.1 arguments)", "tb21_positional",
                      status, detail=", ".join(shifted))
        elif not legacy_kw:
            _scan_tf2.check_tensorboard(self, node)

    def _check_monitoring_callback(self, node, cls):
        slot = R.MONITORING_CALLBACKS[cls]
        monitor = [k.value for k in node.keywords if k.arg == "monitor"] or node.args[slot:slot + 1]
        key = str_const(monitor[0]) if monitor else None
        filepath = [k.value for k in node.keywords if k.arg == "filepath"] or node.args[:1]
        texts = [n.value for n in ast.walk(filepath[0]) if str_const(n) is not None] if cls == "ModelCheckpoint" \
            and filepath else []
        if key not in R.LEGACY_LOG_KEYS:
            # `val_acc` before `acc`: it contains it
            key = next((k for k in sorted(R.LEGACY_LOG_KEYS, reverse=True) for t in texts if "{" + k in t), None)
        if key is not None:
            status = R.WORKS_WITH_IMPORTS if provides("keras/callbacks", cls, {cls}) else R.NEEDS_RUN
            self._add(node.func, f"keras.callbacks.{cls}({key!r})", "callback_monitor_acc", status, cls=cls, key=key)
        if texts and texts[-1].endswith((".h5", ".hdf5")) and not texts[-1].endswith(".weights.h5"):
            # tfcompat.keras.callbacks.ModelCheckpoint writes Keras 2's HDF5 to any name.
            status_checkpoint = R.WORKS_WITH_IMPORTS if provides("keras/callbacks", cls, {cls}) else R.BROKEN
            self._add(node.func, f"keras.callbacks.{cls}(filepath='....{texts[-1].rsplit('.', 1)[-1]}')",
                      "checkpoint_h5", status_checkpoint)

    def visit_Subscript(self, node):
        key = node.slice
        if isinstance(key, ast.Index):  # Python 3.8
            key = key.value
        value = str_const(key)
        if value in R.LEGACY_LOG_KEYS and not isinstance(node.ctx, ast.Store):
            self._add(node, f"logs[{value!r}]", "logs_acc", self._logs_status(), key=value)
        self.generic_visit(node)


def str_const(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None
