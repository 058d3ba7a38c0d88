"""tf-keras models are refused by tfcompat's Keras 3 callbacks at once (no tf-keras install needed: the refusal
reads the model's classes, so classes that say they are tf-keras's stand in for them)."""

import pytest

from tfcompat import InvalidArgumentError
from tfcompat.keras._tf_keras import refuse_tf_keras_model

keras = pytest.importorskip("keras")


def _tf_keras_class(name, module):
    return type(name, (), {"__module__": module})


def test_a_tf_keras_model_and_a_users_subclass_of_one_are_refused():
    Sequential = _tf_keras_class("Sequential", "tf_keras.src.engine.sequential")
    with pytest.raises(InvalidArgumentError, match=r"tf-keras \(Keras 2\) model .*Received: model=Sequential"):
        refuse_tf_keras_model(Sequential(), "TensorboardKeras")

    class Net(_tf_keras_class("Model", "tf_keras.src.engine.training")):  # defined in the user's module
        pass

    with pytest.raises(InvalidArgumentError, match=r"TensorBoard \(Keras 2\.1\) is a Keras 3 callback.*Net"):
        refuse_tf_keras_model(Net(), "TensorBoard (Keras 2.1)")


def test_keras_3_models_and_subclasses_pass():
    class Net(keras.Model):
        pass

    refuse_tf_keras_model(keras.Sequential(), "TensorboardKeras")
    refuse_tf_keras_model(Net(), "TensorboardKeras")
