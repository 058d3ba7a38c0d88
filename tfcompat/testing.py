"""pytest helpers: assert that new logs match golden old ones.

Keep the 2018 logs in your repository and check the ported code against them::

    from tfcompat.testing import assert_logs_match

    def test_port_logs_like_2018(tmp_path):
        train(log_dir=tmp_path)  # the TF2 / Keras 3 code
        assert_logs_match("tests/golden/2018-logs", tmp_path, preset="keras2018-to-keras3", rtol=1e-4)

Nothing here imports TensorFlow or Keras.
"""

from tfcompat._errors import InvalidArgumentError
from tfcompat.logs._compare import (
    DEFAULT_ATOL,
    DEFAULT_RTOL,
    ComparisonResult,
    Patterns,
    Scalars,
    TagMapLike,
    compare_logs,
    compare_scalars,
)

__all__ = ["assert_logs_match", "assert_scalars_match"]

_MAX_ROWS = 20


def _fail(result, max_rows):
    __tracebackhide__ = True
    message = "logs differ\n" + result.format(max_rows=max_rows, show_equal=False)
    raise AssertionError(message)


def assert_logs_match(old: Scalars, new: Scalars, *, rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL,
                      tag_map: TagMapLike = None, preset: str | None = None, tags: Patterns = None,
                      align: str = "step", partial: bool = False, strict: bool = False, skip_damaged: bool = False,
                      max_rows: int = _MAX_ROWS) -> ComparisonResult:
    """Asserts that the scalars of log directory ``new`` match those of ``old``.

    The test-suite form of ``tfcompat compare OLD NEW``; the arguments are those
    of :func:`tfcompat.logs.compare_logs`.

    Args:
        old: the golden log directory (or a ``{(run, tag): series}`` dict).
        new: the log directory the code under test wrote.
        rtol, atol, tag_map, preset, tags, align, partial, strict, skip_damaged:
            see :func:`tfcompat.logs.compare_logs`.
        max_rows: at most this many differing tags in the failure message.

    Returns:
        The :class:`ComparisonResult` (equal), for further checks.

    Raises:
        AssertionError: listing the missing tags and, per differing tag, the
            worst difference with its step and both values.
        tfcompat.LogReadError: a directory cannot be read or holds no scalars.
    """
    __tracebackhide__ = True
    result = compare_logs(old, new, rtol=rtol, atol=atol, tag_map=tag_map, preset=preset, tags=tags,
                          align=align, partial=partial, strict=strict, skip_damaged=skip_damaged)
    if not result.equal:
        _fail(result, max_rows)
    return result


def assert_scalars_match(old: dict, new: dict, *, rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL,
                         tag_map: TagMapLike = None, preset: str | None = None, tags: Patterns = None,
                         align: str = "step", partial: bool = False, strict: bool = False,
                         max_rows: int = _MAX_ROWS) -> ComparisonResult:
    """Asserts that in-memory scalars match: ``{tag or (run, tag): values}`` dicts.

    Values may be :class:`~tfcompat.logs.ScalarSeries`, ``{step: value}`` dicts
    or plain sequences (steps 0, 1, ...), e.g.
    ``assert_scalars_match({"loss": [1.0, 0.5]}, read_scalars(logdir), tag_map={"loss": "train:epoch_loss"})``.

    Raises:
        AssertionError: as :func:`assert_logs_match`.
    """
    __tracebackhide__ = True
    for name, value in (("old", old), ("new", new)):
        if not isinstance(value, dict):
            raise InvalidArgumentError(
                f"`{name}` must be a dict of scalars (use assert_logs_match for directories). "
                f"Received: {name}={value!r}"
            )
    result = compare_scalars(old, new, rtol=rtol, atol=atol, tag_map=tag_map, preset=preset, tags=tags,
                             align=align, partial=partial, strict=strict)
    if not result.equal:
        _fail(result, max_rows)
    return result
