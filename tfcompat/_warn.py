"""Warnings that point at the user's line, as Keras 2 / TF1 deprecation warnings did.

A warning raised deep inside tfcompat (or inside Keras or TensorFlow calling
back into tfcompat, as ``fit`` calls a callback) names the first frame outside
those packages: on Python 3.12+ through ``warnings.warn(skip_file_prefixes=)``,
on 3.10/3.11 by counting the frames to skip. Only the standard library is used.
"""

import os
import sys
import warnings

__all__ = ["warn_at_user", "internal_prefixes"]

_OWN_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
_LIBRARIES = ("keras", "tensorflow", "tf_keras")


def internal_prefixes() -> tuple:
    """Directories whose frames are not the user's: tfcompat's, and Keras's and TensorFlow's when loaded."""
    prefixes = [_OWN_DIR]
    for name in _LIBRARIES:
        path = getattr(sys.modules.get(name), "__file__", None)
        if path:
            prefixes.append(os.path.dirname(os.path.abspath(path)) + os.sep)
    return tuple(prefixes)


def _is_importlib(filename):
    return filename.startswith("<frozen importlib") or "importlib/_bootstrap" in filename.replace(os.sep, "/")


def warn_at_user(message, category=UserWarning) -> None:
    """``warnings.warn(message, category)`` attributed to the nearest caller outside tfcompat, Keras and TF."""
    prefixes = internal_prefixes()
    if sys.version_info >= (3, 12):
        warnings.warn(message, category, skip_file_prefixes=prefixes)
        return
    frame, level = sys._getframe(1), 2  # stacklevel 2: our caller
    while frame is not None:
        filename = os.path.abspath(frame.f_code.co_filename) if not frame.f_code.co_filename.startswith("<") \
            else frame.f_code.co_filename
        if _is_importlib(filename):  # warnings.warn does not count these either
            frame = frame.f_back
            continue
        if not filename.startswith(prefixes):
            break
        frame, level = frame.f_back, level + 1
    warnings.warn(message, category, stacklevel=level - 1 if frame is None else level)
