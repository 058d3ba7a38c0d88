"""``tfcompat check``: a static scan for TF1 / Keras 2 code that TF 2.21 + Keras 3 breaks.

Mirrors what ``tf_upgrade_v2`` reports, plus the calls it leaves alone. Reads code
with :mod:`ast` (notebooks with :mod:`json`); never imports TensorFlow or Keras.
"""

from tfcompat.check._classify import LEGACY, TODAY, Decision, Overrides, classify_file, classify_source
from tfcompat.check._finding import Finding
from tfcompat.check._report import scan_paths
from tfcompat.check._rules import BROKEN, DIFFERS, NEEDS_RUN, STATUSES, UNAFFECTED, VERDICTS, WORKS_WITH_IMPORTS
from tfcompat.check._scan import scan_source, verdict_of

__all__ = [
    "Finding", "scan_source", "scan_paths", "STATUSES", "WORKS_WITH_IMPORTS", "NEEDS_RUN", "BROKEN", "DIFFERS",
    "LEGACY", "TODAY", "Decision", "Overrides", "classify_source", "classify_file", "UNAFFECTED", "VERDICTS",
    "verdict_of",
]
