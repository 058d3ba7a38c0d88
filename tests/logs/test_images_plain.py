"""read_images without numpy (tfcompat.logs._images) gives what the numpy path gives, or hands over to it."""

import os
import subprocess
import sys

import numpy as np
import pytest
from tensorboard.compat.proto import event_pb2

from tests.support import (
    file_version,
    real_log_dirs,
    session_start,
    simple,
    string_tensor,
    tensor_event,
    write,
)
from tfcompat.logs import _images, read_images
from tfcompat.logs._values import read_images_numpy
from tfcompat.wire.encode import event_bytes, image_value_bytes, summary_bytes


def _image(step, tag="img", side=4, wall=None):
    rng = np.random.default_rng(step)
    pixels = rng.integers(0, 255, (side, side, 3), dtype=np.uint8)
    return event_bytes(step + 0.5 if wall is None else wall, step, summary_bytes([image_value_bytes(tag, pixels)]))


def _graph_event():
    return event_pb2.Event(wall_time=3.0, step=0, graph_def=b"\x0a\x00")


def _plain_answers(logdir, **kw):
    got = _images._plain(logdir, kw.get("runs"), kw.get("tags"))
    want = read_images_numpy(logdir, **kw)
    if got is not None:
        assert got == want
        assert [type(i.step) for v in got.values() for i in v] == [type(i.step) for v in want.values() for i in v]
    assert read_images(logdir, **kw) == want
    return got is not None


def test_tf1_images_scalars_and_graphs_are_read_without_numpy_as_with_it(tmp_path):
    write(tmp_path / "a" / "events.out.tfevents.1.x", [file_version(), _graph_event()]
          + [_image(s, side=3 + 70 * (s % 3)) for s in range(12)] + [simple(s, {"loss": s}) for s in range(12, 20)])
    write(tmp_path / "a" / "events.out.tfevents.2.y", [file_version()] + [_image(s, "other") for s in range(20, 25)])
    write(tmp_path / "b" / "events.out.tfevents.1.x", [file_version()] + [_image(s) for s in range(3)])
    write(tmp_path / "empty" / "events.out.tfevents.1.x", [], raw=b"")
    for kw in ({}, {"runs": "a"}, {"tags": ["other"]}, {"runs": ["b", "nope"], "tags": "img"}):
        assert _plain_answers(tmp_path, **kw), kw
    assert {i.height for i in read_images(tmp_path)[("a", "img")]} == {3, 73, 143}


@pytest.mark.parametrize("case", ["tf2_tensor", "restart", "backwards", "damaged", "truncated"])
def test_what_the_plain_path_does_not_cover_goes_to_the_numpy_path(tmp_path, case):
    path = tmp_path / "run" / "events.out.tfevents.1.a"
    evs = [file_version()] + [_image(s) for s in range(6)]
    if case == "tf2_tensor":
        evs.append(tensor_event(6, "t2", string_tensor([b"4", b"4", b"png-bytes"], [3]), plugin="images"))
    elif case == "restart":
        evs += [session_start(3), _image(3)]
    elif case == "backwards":  # no file version: an image step going back purges the later points of its tag
        evs = evs[1:] + [_image(2)]
    write(path, evs)
    if case in ("damaged", "truncated"):
        data = bytearray(path.read_bytes())
        if case == "damaged":
            data[80] ^= 0xFF
        else:
            data += data[:30]
        path.write_bytes(bytes(data))
    assert _images._plain(tmp_path, None, None) is None
    if case == "damaged":
        with pytest.warns(RuntimeWarning, match="skipped damaged records"):
            assert read_images(tmp_path, skip_damaged=True) == read_images_numpy(tmp_path, skip_damaged=True)
    else:
        assert read_images(tmp_path) == read_images_numpy(tmp_path)


def test_real_logs_read_alike(real_logs):
    answered = 0
    for run_dir in real_log_dirs():
        answered += _plain_answers(run_dir, runs=["."])
    assert answered


def test_reading_tf1_images_imports_no_numpy(tmp_path):
    write(tmp_path / "events.out.tfevents.1.x", [file_version()] + [_image(s) for s in range(50)])
    code = ("import sys\nfrom tfcompat.logs import read_images\nr = read_images(sys.argv[1])\n"
            "print(sum(map(len, r.values())), 'numpy' in sys.modules)\n")
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=120,
                       env={**os.environ})
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["50", "False"]
