"""``tfcompat run`` and ``tfcompat.patch()``: the only code that changes ``tensorflow`` and ``keras``.

Mirrors the 2018 environment for unmodified code: each user module is classified
once, from its source (2018 or today), and a 2018 module's ``tensorflow`` and
``keras`` are tfcompat's surfaces (:mod:`tfcompat.v1`, :mod:`tfcompat.keras`);
the real packages only gain names they lack entirely. See :func:`run_path`,
:func:`run_module` and :func:`patch`. Importing this package changes nothing and
imports neither TensorFlow nor Keras.
"""

from tfcompat.run._module_rule import legacy_module
from tfcompat.run._patch import is_patched, patch, patched, unpatch
from tfcompat.run._runner import run_module, run_path

__all__ = ["patch", "unpatch", "patched", "is_patched", "run_path", "run_module", "legacy_module"]
