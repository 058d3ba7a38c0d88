"""Files written by real TensorFlow 2 / Keras 3 read back by tfcompat.logs, checked against EventAccumulator."""

import numpy as np
import pytest

from tests.support import assert_matches_ea, read_back
from tfcompat.logs import inspect, read_histograms, read_images, read_scalars, read_text

pytestmark = [pytest.mark.slow, pytest.mark.tf]


@pytest.fixture(scope="module")
def tf():
    return pytest.importorskip("tensorflow")


def test_keras3_tensorboard_callback_output(tf, tmp_path):
    keras = pytest.importorskip("keras")
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(32, 4)).astype("float32"), rng.integers(0, 2, size=(32,))
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    model.fit(x, y, epochs=2, batch_size=16, validation_split=0.25, verbose=0,
              callbacks=[keras.callbacks.TensorBoard(log_dir=str(tmp_path), histogram_freq=1)])
    got = read_scalars(tmp_path)
    runs = sorted({r for r, _ in got})
    assert runs == ["train", "validation"]
    assert ("train", "epoch_loss") in got and len(got[("train", "epoch_loss")]) == 2
    for run in runs:
        assert_matches_ea(got, tmp_path / run, run=run)
    report = inspect(tmp_path)
    kinds = {(r["run"], row["kind"], row["format"]) for r in report["runs"] for row in r["tags"]}
    assert ("train", "scalar", "TF2") in kinds and ("train", "histogram", "TF2") in kinds
    # What Keras 3's own callback names its weight histograms depends on its version (3.15:
    # `sequential/dense/kernel/histogram`; 3.12: `kernel/histogram` for every layer, so two layers share a tag):
    # tfcompat must read back what this Keras wrote, as TensorBoard does.
    hists = read_histograms(tmp_path, runs="train")
    assert_histograms_match_ea(hists, tmp_path / "train", run="train")
    assert hists and {h.step for v in hists.values() for h in v} == {0, 1}  # histogram_freq=1, 2 epochs


def assert_histograms_match_ea(got, run_dir, run):
    from tensorboard.util import tensor_util

    acc = read_back(run_dir)
    expected = {tag for tag in acc.Tags()["tensors"]
                if acc.SummaryMetadata(tag).plugin_data.plugin_name == "histograms"}
    assert sorted(tag for r, tag in got if r == run) == sorted(expected)
    for tag in expected:
        events = acc.Tensors(tag)
        assert [h.step for h in got[(run, tag)]] == [e.step for e in events], tag
        for h, e in zip(got[(run, tag)], events):
            buckets = tensor_util.make_ndarray(e.tensor_proto)
            np.testing.assert_array_equal(h.bucket, buckets[:, 2], err_msg=tag)
            np.testing.assert_array_equal(h.bucket_limit, buckets[:, 1], err_msg=tag)


def test_tf2_histogram_image_text_summaries(tf, tmp_path):
    from tensorboard.backend.event_processing import event_accumulator as ea
    from tensorboard.util import tensor_util

    w = tf.summary.create_file_writer(str(tmp_path))
    img = np.arange(2 * 4 * 5 * 3, dtype=np.uint8).reshape(2, 4, 5, 3)
    with w.as_default():
        for step in range(3):
            tf.summary.histogram("h", np.arange(10.0) * (step + 1), step=step, buckets=4)
            tf.summary.image("im", img, step=step, max_outputs=2)
            tf.summary.text("note", f"step {step} é", step=step)
            tf.summary.scalar("s", np.float64(step) / 3, step=step)
    w.close()
    acc = ea.EventAccumulator(str(tmp_path), size_guidance={"tensors": 0})
    acc.Reload()
    hists = read_histograms(tmp_path)[(".", "h")]
    exp = [tensor_util.make_ndarray(e.tensor_proto) for e in acc.Tensors("h")]
    assert [h.step for h in hists] == [0, 1, 2]
    for h, e in zip(hists, exp):
        np.testing.assert_array_equal(h.bucket_limit, e[:, 1])
        np.testing.assert_array_equal(h.bucket, e[:, 2])
        assert h.num == e[:, 2].sum() == 10
    ims = read_images(tmp_path)[(".", "im")]
    assert len(ims) == 6 and (ims[0].width, ims[0].height) == (5, 4)
    decoded = tf.io.decode_png(ims[1].encoded).numpy()
    np.testing.assert_array_equal(decoded, img[1])
    texts = read_text(tmp_path)[(".", "note")]
    assert [t.text for t in texts] == [f"step {s} é" for s in range(3)]
    got = read_scalars(tmp_path)
    assert list(got) == [(".", "s")]
    assert_matches_ea(got, tmp_path)
