"""What a resumed run must not write again: the last step of each scalar tag already in its log dir.

Keras 2's ``fit(initial_epoch=N)`` after a crash restarts from the last
checkpoint, but the interrupted run may have logged steps past it (per-batch
points up to the kill). TensorBoard would show both; a callback that resumes
reads these steps once and skips them.
"""

import os

from tfcompat import _fs
from tfcompat import logs as tf_logs

__all__ = ["last_steps"]


def last_steps(log_dir: str) -> dict:
    """``{(run, tag): last step}`` of the scalars in ``log_dir`` (run ``""``: the log dir itself).

    Empty for a URL (not read here) or a missing directory. A record cut short
    by the kill is skipped.

    Raises:
        LogReadError: ``log_dir`` cannot be read.
    """
    if _fs.is_url(log_dir) or not os.path.isdir(log_dir):
        return {}
    series = tf_logs.read_scalars(log_dir, skip_damaged=True, workers=1)
    return {("" if run == "." else run, tag): int(s.step.max()) for (run, tag), s in series.items() if len(s.step)}
