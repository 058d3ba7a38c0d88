"""alias_logs: the one helper that gives callbacks Keras 2 log keys (no TensorFlow needed)."""

import numpy as np

from tfcompat.keras._logs import alias_logs, alias_name


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


def test_scalar_arrays_become_floats_others_kept():
    vector = np.arange(3.0)
    out = alias_logs({"accuracy": np.float32(0.5), "loss": np.array(0.25), "hist": vector})
    assert type(out["accuracy"]) is float and out["accuracy"] == 0.5
    assert type(out["acc"]) is float
    assert type(out["loss"]) is float and out["loss"] == 0.25
    assert out["hist"] is vector


def test_alias_name():
    assert alias_name("val_acc") == "val_accuracy"
    assert alias_name("accuracy") == "acc"
    assert alias_name("loss") is None
