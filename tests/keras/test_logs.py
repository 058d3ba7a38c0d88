"""alias_logs: the one helper that gives callbacks Keras 2 log keys (no TensorFlow needed)."""

import numpy as np

from tfcompat.keras._logs import Keras2Logs, alias_logs, alias_name, keras2_columns


def test_accuracy_gets_keras2_acc_twins():
    logs = {"loss": 0.5, "accuracy": 0.75, "val_loss": 0.6, "val_accuracy": 0.7}
    out = alias_logs(logs)
    assert out == {"loss": 0.5, "accuracy": 0.75, "val_loss": 0.6, "val_accuracy": 0.7, "acc": 0.75, "val_acc": 0.7}


def test_acc_gets_keras3_accuracy_twins():
    out = alias_logs({"acc": 0.25, "val_acc": 0.5})
    assert out == {"acc": 0.25, "val_acc": 0.5, "accuracy": 0.25, "val_accuracy": 0.5}


def test_existing_keys_win_over_twins():
    # Both present (a model with both metrics): nothing is overwritten.
    out = alias_logs({"acc": 0.1, "accuracy": 0.9})
    assert out == {"acc": 0.1, "accuracy": 0.9}


def test_input_is_not_mutated_and_other_keys_kept():
    logs = {"accuracy": 1.0, "lr": 0.01, "my_metric": 3}
    out = alias_logs(logs)
    assert logs == {"accuracy": 1.0, "lr": 0.01, "my_metric": 3}
    assert out is not logs
    assert out["lr"] == 0.01 and out["my_metric"] == 3 and out["acc"] == 1.0


def test_none_and_empty_give_empty_dict():
    assert alias_logs(None) == {}
    assert alias_logs({}) == {}


def test_values_are_numpy_scalars_as_keras_2_handed_them():
    vector = np.arange(3.0)
    out = alias_logs({"accuracy": np.float32(0.5), "loss": np.array(0.25), "val_loss": 0.75, "hist": vector, "size": 8})
    assert type(out["accuracy"]) is np.float32 and out["accuracy"] == 0.5  # numpy scalars stay as they are
    assert type(out["acc"]) is np.float32
    assert type(out["loss"]) is np.float64 and out["loss"].item() == 0.25  # 2018 code calls .item()
    assert type(out["val_loss"]) is np.float64 and out["val_loss"] == 0.75
    assert out["size"] == 8 and type(out["size"]) is int
    assert out["hist"] is vector


def test_keras2_logs_pass_through_unchanged():
    logs = Keras2Logs(loss=np.float64(0.5), acc=np.float64(0.75))
    assert alias_logs(logs) is logs  # a Keras 2 model's logs: no Keras 3 twins added


def test_keras2_columns_keep_one_spelling():
    assert keras2_columns({"loss": 1.0, "accuracy": 0.5, "acc": 0.5, "val_accuracy": 0.25}) == {
        "loss": 1.0, "acc": 0.5, "val_acc": 0.25}


def test_alias_name():
    assert alias_name("val_acc") == "val_accuracy"
    assert alias_name("accuracy") == "acc"
    assert alias_name("loss") is None


def test_zero_d_arrays_and_one_element_arrays_become_numpy_scalars():
    # Keras 3.12 hands 0-d arrays where Keras 2 handed numpy scalars (protobuf 3.20 refuses arrays as simple_value).
    out = alias_logs({"loss": np.array(0.5, dtype=np.float32), "acc": np.array([0.25]), "hist": np.zeros(3)})
    assert type(out["loss"]) is np.float64 and out["loss"] == 0.5
    assert type(out["acc"]) is np.float64 and out["acc"] == 0.25
    assert type(out["hist"]) is np.ndarray  # not one number: as it is


def test_numpy_scalar_and_log_number():
    from tfcompat.keras._logs import log_number, numpy_scalar

    assert type(numpy_scalar(np.array(2, dtype=np.int32))) is np.int32
    assert type(numpy_scalar(np.array([[1.5]], dtype=np.float32))) is np.float32
    assert numpy_scalar(1.5) is None and numpy_scalar("x") is None and numpy_scalar(np.zeros(2)) is None
    assert numpy_scalar(np.array("text")) is None
    assert log_number(np.array(0.5, dtype=np.float32)) == 0.5 and type(log_number(np.float32(2))) is float
    assert log_number(3) == 3.0 and log_number("x") is None and log_number(np.zeros(2)) is None
