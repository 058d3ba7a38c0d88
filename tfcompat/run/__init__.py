"""``tfcompat run`` and ``tfcompat.patch()``: the only code that changes ``tensorflow`` and ``keras``.

Mirrors the 2018 environment for an unmodified script: see :func:`run_path`,
:func:`run_module` and :func:`patch`. Importing this package changes nothing and
imports neither TensorFlow nor Keras.
"""

from tfcompat.run._patch import is_patched, patch, patched, unavailable, unpatch
from tfcompat.run._runner import run_module, run_path

__all__ = ["patch", "unpatch", "patched", "is_patched", "unavailable", "run_path", "run_module"]
