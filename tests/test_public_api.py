"""Pins the public surface and the import-cost promise of ``import tfcompat``."""

import importlib.util
import subprocess
import sys

import tfcompat

EXPECTED_ALL = [
    "__version__",
    "TensorboardKeras",
    "patch",
    "unpatch",
    "patched",
    "v1",
    "keras",
    "logs",
    "testing",
    "TfcompatError",
    "InvalidArgumentError",
    "LogReadError",
    "DamagedRecordError",
    "WriterError",
    "WriterClosedError",
    "GraphError",
    "MissingDependencyError",
    "RemovedAPIError",
    "DataDownloadError",
]


def test_all_is_pinned():
    assert tfcompat.__all__ == EXPECTED_ALL


def test_every_public_name_resolves():
    """Where TensorFlow is missing, the TF-side names say so (MissingDependencyError) instead of resolving."""
    has_tf = importlib.util.find_spec("tensorflow") is not None
    for name in tfcompat.__all__:
        try:
            value = getattr(tfcompat, name)
        except tfcompat.MissingDependencyError as e:
            assert not has_tf and name in ("TensorboardKeras", "v1", "keras") and "TensorFlow" in str(e), (name, e)
            continue
        assert value is not None, name


def test_errors_share_one_base():
    for name in EXPECTED_ALL:
        if name.endswith("Error") and name != "TfcompatError":
            assert issubclass(getattr(tfcompat, name), tfcompat.TfcompatError), name


def test_unknown_attribute_is_an_attribute_error():
    try:
        tfcompat.no_such_name
    except AttributeError as e:
        assert "no_such_name" in str(e)
    else:
        raise AssertionError("expected AttributeError")


def test_import_tfcompat_loads_no_tensorflow_and_changes_nothing():
    code = (
        "import os, sys; env = dict(os.environ); import tfcompat; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras', 'tf_keras')]; "
        "assert not bad, bad; assert dict(os.environ) == env; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


LOGS_ALL = [
    "read_scalars", "ScalarSeries", "iter_event_files", "read_events", "read_histograms", "read_images",
    "read_audio", "read_text", "Histogram", "Image", "Audio", "Text", "inspect", "scalars_to_pandas",
    "compare_logs", "compare_scalars", "ComparisonResult", "PairComparison", "DamagedRecordError", "LogReadError",
    "NotAnEventFileError",
]


def test_logs_all_is_pinned_and_resolves():
    import tfcompat.logs as logs

    assert sorted(logs.__all__) == sorted(LOGS_ALL)
    for name in logs.__all__:
        assert getattr(logs, name) is not None, name


def test_import_tfcompat_logs_is_lazy():
    code = (
        "import sys, tfcompat.logs; "
        "heavy = [m for m in ('numpy', 'google.protobuf', 'tensorflow', 'keras') if m in sys.modules]; "
        "assert not heavy, heavy; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_help_on_tensorboard_keras_shows_an_example_without_loading_tensorflow():
    code = (
        "import pydoc, sys, tfcompat; text = pydoc.render_doc(tfcompat.TensorboardKeras, renderer=pydoc.plaintext); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras')]; assert not bad, bad[:5]; "
        "print(text)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "class TensorboardKeras in module tfcompat" in out
    assert "Example::" in out and "callbacks=[tb.on_epoch_end_cb()]" in out
    assert "callbacks=[tfcompat.TensorboardKeras(log_dir=" in out
