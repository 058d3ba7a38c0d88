"""The value types the reader returns."""

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from tfcompat._errors import MissingDependencyError
from tfcompat.logs._common import json_float

if TYPE_CHECKING:  # pandas is optional: imported when called
    import pandas

__all__ = ["ScalarSeries", "json_float"]


class ScalarSeries:
    """One scalar tag of one run: parallel numpy arrays in file order.

    Attributes:
        step: int64 array of global steps.
        wall_time: float64 array of seconds since the epoch.
        value: float64 array of values (NaN and inf kept as written).

    From ``read_scalars``, ``step`` and ``wall_time`` are read-only: the tags of a
    run logged in the same events share one array (no copy per tag); ``.copy()``
    them to modify.
    """

    __slots__ = ("step", "wall_time", "value")

    def __init__(self, step: ArrayLike, wall_time: ArrayLike, value: ArrayLike) -> None:
        self.step = np.asarray(step, dtype=np.int64)
        self.wall_time = np.asarray(wall_time, dtype=np.float64)
        self.value = np.asarray(value, dtype=np.float64)
        if not (len(self.step) == len(self.wall_time) == len(self.value)):
            raise ValueError(
                "`step`, `wall_time` and `value` must have one length. Received: lengths "
                f"{len(self.step)}, {len(self.wall_time)}, {len(self.value)}"
            )

    @classmethod
    def _trusted(cls, step, wall_time, value):
        """A series of arrays already of the right dtypes and one length (the reader's own): no checks."""
        s = cls.__new__(cls)
        s.step, s.wall_time, s.value = step, wall_time, value
        return s

    def __len__(self):
        return len(self.step)

    def __eq__(self, other):
        if not isinstance(other, ScalarSeries):
            return NotImplemented
        return (
            np.array_equal(self.step, other.step)
            and np.array_equal(self.wall_time, other.wall_time)
            and np.array_equal(self.value, other.value, equal_nan=True)
        )

    __hash__ = None

    def __repr__(self):
        if len(self):
            return (
                f"ScalarSeries(n={len(self)}, steps={int(self.step[0])}..{int(self.step[-1])}, "
                f"last={float(self.value[-1]):.6g})"
            )
        return "ScalarSeries(n=0)"

    def to_pandas(self) -> "pandas.DataFrame":
        """A ``pandas.DataFrame`` with columns step, wall_time, value (needs pandas)."""
        try:
            import pandas as pd
        except ImportError as e:
            raise MissingDependencyError("to_pandas() needs pandas: pip install pandas") from e
        return pd.DataFrame({"step": self.step, "wall_time": self.wall_time, "value": self.value})
