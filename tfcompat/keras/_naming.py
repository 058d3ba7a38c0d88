"""How ``TensorboardKeras`` names Keras log keys in TensorBoard (runs and tags).

Two layouts:

* ``"2018"`` (default): the 2018 ``TensorboardKeras`` blog post's names, all in
  one run: ``loss`` -> ``train/loss``, ``acc``/``accuracy`` -> ``train/acc``,
  ``val_loss`` -> ``val/loss``, ``val_acc``/``val_accuracy`` -> ``val/acc``, any
  other ``m`` -> ``train/m``, ``val_m`` -> ``val/m``, the learning rate -> ``lr``;
  per-batch values -> ``batch/<name>``.
* ``"keras3"``: what Keras 3's ``TensorBoard`` callback writes: ``train`` and
  ``validation`` sub-runs, ``epoch_<name>`` / ``batch_<name>`` tags, the learning
  rate as ``epoch_learning_rate`` in ``train``.

A ``rename`` mapping or callable overrides single keys. Pure Python, no TF.
"""

from tfcompat._errors import InvalidArgumentError
from tfcompat._names import keras2_log_key

__all__ = ["PRESETS", "Namer"]

PRESETS = ("2018", "keras3")

class Namer:
    """Maps a log key to ``(run, tag)``; ``run`` is ``""`` for the log dir itself.

    Args:
        preset: ``"2018"`` or ``"keras3"``.
        rename: None, a dict ``{log_key: tag}`` (a value of None drops the key), or
            a callable ``f(log_key) -> tag | (run, tag) | None`` (None drops it),
            called for every epoch-level key and for ``lr``; whatever it returns
            is used. Keys a dict does not list keep the preset's name.
    """

    def __init__(self, preset="2018", rename=None):
        if preset not in PRESETS:
            raise InvalidArgumentError(f"`preset` must be one of {PRESETS}. Received: preset={preset!r}")
        if rename is not None and not (isinstance(rename, dict) or callable(rename)):
            raise InvalidArgumentError(
                f"`rename` must be a dict or a callable. Received: rename={rename!r}"
            )
        if isinstance(rename, dict):
            for k, v in rename.items():
                if not isinstance(k, str) or not (v is None or isinstance(v, str) or _is_run_tag(v)):
                    raise InvalidArgumentError(
                        "`rename` must map log keys (str) to tags (str), (run, tag) pairs or None. "
                        f"Received: rename={{{k!r}: {v!r}}}"
                    )
        self.preset = preset
        self._rename = rename
        self._cache = {}

    def epoch(self, key):
        """``(run, tag)`` for an epoch-level log key, or None to skip it."""
        got = self._cache.get(("e", key))
        if got is None and ("e", key) not in self._cache:
            got = self._cache[("e", key)] = self._name(key, batch=False)
        return got

    def batch(self, key):
        """``(run, tag)`` for a per-batch log key, or None to skip it."""
        got = self._cache.get(("b", key))
        if got is None and ("b", key) not in self._cache:
            got = self._cache[("b", key)] = self._name(key, batch=True)
        return got

    def learning_rate(self, suffix=""):
        """``(run, tag)`` of the learning rate; ``suffix`` names one of several optimizers."""
        key = "lr" + (f"_{suffix}" if suffix else "")
        if self._rename is not None:
            custom = self._custom(key)
            if custom is not _UNSET:
                return custom
        if self.preset == "keras3":
            return ("train", "epoch_learning_rate" + (f"_{suffix}" if suffix else ""))
        return ("", "lr" + (f"/{suffix}" if suffix else ""))

    def _custom(self, key):
        rename = self._rename
        if isinstance(rename, dict):
            if key not in rename:
                return _UNSET
            value = rename[key]
        else:
            value = rename(key)
            if value is not None and not (isinstance(value, str) or _is_run_tag(value)):
                raise InvalidArgumentError(
                    "`rename` must return a tag (str), a (run, tag) pair or None. "
                    f"Received: rename({key!r})={value!r}"
                )
        if value is None:
            return None
        return tuple(value) if not isinstance(value, str) else (self._default_run(key), value)

    def _default_run(self, key):
        if self.preset == "keras3":
            return "validation" if key.startswith("val_") else "train"
        return ""

    def _name(self, key, batch):
        if self._rename is not None and not batch:
            custom = self._custom(key)
            if custom is not _UNSET:
                return custom
        if self.preset == "keras3":
            if batch:
                return ("train", f"batch_{key}")
            if key.startswith("val_"):
                return ("validation", f"epoch_{key[4:]}")
            return ("train", f"epoch_{key}")
        if batch:
            return ("", f"batch/{keras2_log_key(key)}")
        if key.startswith("val_"):
            return ("", f"val/{keras2_log_key(key[4:])}")
        return ("", f"train/{keras2_log_key(key)}")


class _Unset:
    def __repr__(self):
        return "<unset>"


_UNSET = _Unset()


def _is_run_tag(value):
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], str)
    )
