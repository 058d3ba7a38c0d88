"""tf-keras (``TF_USE_LEGACY_KERAS=1``) models given to tfcompat's Keras 3 callbacks: refused at once, saying what to do.

Mirrors nothing: tf-keras is Keras 2 under another name, and tfcompat's
callbacks subclass Keras 3's ``Callback`` (tf-keras's ``fit`` needs hooks
Keras 3's class lacks, e.g. ``_implements_train_batch_hooks``, and its
variables have no Keras 3 ``path``). The error replaces the ``AttributeError``
that ``fit`` raised deep inside tf-keras.
"""

import os

from tfcompat._errors import InvalidArgumentError

__all__ = ["refuse_tf_keras_model", "legacy_keras_requested"]

_KERAS2_ROOTS = ("tf_keras", "keras.engine", "keras.src.engine")


def legacy_keras_requested() -> bool:
    """True when ``TF_USE_LEGACY_KERAS`` asks TensorFlow for tf-keras (``tf.keras`` is then Keras 2)."""
    return os.environ.get("TF_USE_LEGACY_KERAS", "").strip().lower() in ("1", "true", "yes")


def refuse_tf_keras_model(model, who: str) -> None:
    """Raises InvalidArgumentError when ``model`` is a tf-keras (Keras 2) model, naming ``who`` and the way out."""
    # A user's `class Net(tf.keras.Model)` lives in __main__: look at every base class.
    module = next((c.__module__ for c in type(model).__mro__ if (c.__module__ or "").startswith(_KERAS2_ROOTS)), None)
    if module is None:
        return
    env = " TF_USE_LEGACY_KERAS=1 is set: with it `tf.keras` is tf-keras." if legacy_keras_requested() else ""
    raise InvalidArgumentError(
        f"{who} is a Keras 3 callback; this model is a tf-keras (Keras 2) model ({type(model).__module__}."
        f"{type(model).__name__}, a {module} class).{env} Build the model with `import keras` (Keras 3), or unset "
        f"TF_USE_LEGACY_KERAS, and tfcompat gives it the Keras 2 behaviour. Received: model={type(model).__name__}"
    )
