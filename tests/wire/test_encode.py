"""Golden tests of the histogram / TF2 tensor / image builders in tfcompat.wire.encode.

References are the real producers: TF1's C++ histogram and image kernels (run in
a private graph) and tensorboard's own TF2 ``histogram_pb`` / ``scalar_pb``.
"""

import builtins
import io
import zlib

import numpy as np
import pytest
from tensorboard.compat.proto import event_pb2, summary_pb2
from tensorboard.plugins.histogram import summary_v2 as histogram_v2
from tensorboard.plugins.scalar import summary_v2 as scalar_v2
from tensorboard.util import tensor_util

from tfcompat import InvalidArgumentError
from tfcompat.wire import encode as pb

_RS = np.random.RandomState(0)
HISTO_CASES = {"normal": _RS.randn(100), "one_value": np.array([1.0]), "empty": np.zeros(0),
               "float32_weights": (_RS.randn(64, 10) * 0.1).astype(np.float32)}


@pytest.mark.parametrize("case", ["normal", "one_value", "empty", "float32_weights"])
def test_tf2_histogram_equals_tensorboard_histogram_pb(case):
    data = HISTO_CASES[case]
    mine = summary_pb2.Summary.FromString(pb.tf2_histogram_value_bytes("w", data))
    ref = histogram_v2.histogram_pb("w", data)
    assert mine.value[0].tag == "w"
    assert mine.value[0].metadata == ref.value[0].metadata
    got = tensor_util.make_ndarray(mine.value[0].tensor)
    want = tensor_util.make_ndarray(ref.value[0].tensor)
    assert got.dtype == want.dtype == np.float64
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("value", [0.0, 1.5, -2.25, float("nan"), float("inf"), 1e39, -1e300])
def test_tf1_scalar_equals_protobuf_simple_value(value):
    """Beyond float32's range a diverging loss is stored as +-inf (as protobuf/TF1), not an OverflowError."""
    mine = summary_pb2.Summary.FromString(pb.scalar_value_bytes(pb.tag_prefix("loss"), value))
    ref = summary_pb2.Summary()
    ref.value.add(tag="loss", simple_value=value)
    assert mine.value[0].tag == "loss"
    np.testing.assert_array_equal(mine.value[0].simple_value, ref.value[0].simple_value)


@pytest.mark.parametrize("value", [0.0, 1.5, -2.25, float("nan"), float("inf"), 1e39, -1e300])
@pytest.mark.filterwarnings("ignore:overflow encountered in cast:RuntimeWarning")  # the reference's float32 cast
def test_tf2_scalar_equals_tensorboard_scalar_pb(value):
    mine = summary_pb2.Summary.FromString(pb.tf2_scalar_value_bytes(pb.tag_prefix("epoch_loss"), value))
    ref = scalar_v2.scalar_pb("epoch_loss", np.float32(value))
    assert mine.value[0].metadata == ref.value[0].metadata
    got = tensor_util.make_ndarray(mine.value[0].tensor)
    assert got.dtype == np.float32 and got.shape == ()
    np.testing.assert_array_equal(got, tensor_util.make_ndarray(ref.value[0].tensor))


def _decode_png_rows(png):
    """Minimal reader for our filter-0 PNGs: (width, height, color_type, rows)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, ihdr = 8, b"", None
    while pos < len(png):
        n = int.from_bytes(png[pos:pos + 4], "big")
        kind, data = png[pos + 4:pos + 8], png[pos + 8:pos + 8 + n]
        crc = int.from_bytes(png[pos + 8 + n:pos + 12 + n], "big")
        assert crc == zlib.crc32(kind + data) & 0xFFFFFFFF
        if kind == b"IHDR":
            ihdr = data
        elif kind == b"IDAT":
            idat += data
        pos += 12 + n
    w, h = int.from_bytes(ihdr[:4], "big"), int.from_bytes(ihdr[4:8], "big")
    raw = zlib.decompress(idat)
    stride = len(raw) // h
    assert all(raw[i * stride] == 0 for i in range(h))
    return w, h, ihdr[9], [raw[i * stride + 1:(i + 1) * stride] for i in range(h)]


@pytest.mark.parametrize("shape", [(3, 4), (2, 5, 3), (4, 2, 4)])
def test_png_without_pillow_decodes_to_the_pixels(monkeypatch, shape):
    real_import = builtins.__import__

    def no_pil(name, *args, **kwargs):
        if name == "PIL" or name.startswith("PIL."):
            raise ImportError("no PIL")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pil)
    pixels = np.arange(np.prod(shape), dtype=np.uint8).reshape(shape)
    png = pb.encode_png(pixels)
    w, h, color_type, rows = _decode_png_rows(png)
    assert (h, w) == shape[:2]
    assert color_type == {2: 0, 3: 2, 4: 6}[len(shape) if len(shape) == 2 else shape[2]]
    assert b"".join(rows) == pixels.tobytes()


def test_png_with_pillow_roundtrips():
    Image = pytest.importorskip("PIL.Image")
    pixels = np.arange(60, dtype=np.uint8).reshape(4, 5, 3)
    img = Image.open(io.BytesIO(pb.encode_png(pixels)))
    np.testing.assert_array_equal(np.asarray(img), pixels)


def test_png_rejects_bad_input_naming_it():
    with pytest.raises(InvalidArgumentError, match="dtype"):
        pb.encode_png(np.zeros((2, 2), np.float32))
    with pytest.raises(InvalidArgumentError, match="shape"):
        pb.encode_png(np.zeros((2, 2, 2), np.uint8))


@pytest.mark.tf
def test_image_value_equals_tf1_image_kernel_fields():
    tf = pytest.importorskip("tensorflow")
    pixels = (np.arange(24).reshape(1, 4, 6, 1) * 10).astype(np.uint8)
    graph = tf.Graph()
    with graph.as_default():
        op = tf.compat.v1.summary.image("dense_1/kernel_0", tf.constant(pixels))
        with tf.compat.v1.Session(graph=graph) as sess:
            ref = summary_pb2.Summary.FromString(sess.run(op)).value[0]
    mine = summary_pb2.Summary.FromString(pb.image_value_bytes(ref.tag, pixels[0])).value[0]
    assert ref.tag == "dense_1/kernel_0/image/0"
    assert (mine.image.height, mine.image.width, mine.image.colorspace) == (
        ref.image.height, ref.image.width, ref.image.colorspace)
    decoded = tf.io.decode_png(mine.image.encoded_image_string).numpy()
    np.testing.assert_array_equal(decoded, pixels[0])


def test_graph_event_holds_graph_def_bytes():
    ev = event_pb2.Event.FromString(pb.graph_event_bytes(12.5, b"\x0a\x03\x0a\x01x"))
    assert ev.wall_time == 12.5 and ev.graph_def == b"\x0a\x03\x0a\x01x"


@pytest.mark.tf
def test_float_image_normalization_equals_tf1_image_kernel():
    tf = pytest.importorskip("tensorflow")
    Image = pytest.importorskip("PIL.Image")
    rs = np.random.RandomState(0)
    cases = [
        rs.randn(1, 5, 7, 1),  # negative values: 127/max|v| around 128
        np.abs(rs.randn(1, 3, 4, 1)),  # non-negative: 255/max
        np.zeros((1, 2, 2, 1)),  # all zero: scale 0
        rs.randn(3, 4, 4, 1) * 1e-3,  # several images, each normalized alone
        np.array([[[[1.0], [np.nan]], [[2.0], [-1.0]]]]),  # non-finite: bad colour
    ]
    graph = tf.Graph()
    with graph.as_default():
        ph = tf.compat.v1.placeholder(tf.float32, [None, None, None, 1])
        op = tf.compat.v1.summary.image("w", ph)
        with tf.compat.v1.Session(graph=graph) as sess:
            refs = [summary_pb2.Summary.FromString(sess.run(op, {ph: c.astype(np.float32)})) for c in cases]
    for case, ref in zip(cases, refs):
        assert len(ref.value) == min(3, len(case))
        for i, value in enumerate(ref.value):
            decoded = np.asarray(Image.open(io.BytesIO(value.image.encoded_image_string)))
            mine = pb.tf1_float_image_to_uint8(case[i].astype(np.float32))[:, :, 0]
            np.testing.assert_array_equal(mine, decoded)


@pytest.mark.parametrize("step", [0, 1, 127, 128, 300, 16383, 16384, 10**6, 2**40, -1, -2**63, 2**63 - 1])
def test_event_bytes_and_varint_are_the_proto_serialization(step):
    event = event_pb2.Event(wall_time=1234.5, step=step)
    event.summary.value.add(tag="loss", simple_value=0.25)
    summary = event.summary.SerializeToString()
    assert pb.event_bytes(1234.5, step, summary) == event.SerializeToString()
    if step:
        assert b"\x10" + pb.varint(step) == event_pb2.Event(step=step).SerializeToString()
