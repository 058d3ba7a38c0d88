"""The docstring of ``tfcompat.TensorboardKeras``, TF-free: ``help(tfcompat.TensorboardKeras)`` needs no TensorFlow.

Mirrors the 2018 ``TensorboardKeras`` blog callback's documentation; read by the
class (:mod:`tfcompat.keras._tensorboard_2018`) and by its stand-in in ``tfcompat``.
"""

__all__ = ["TENSORBOARD_KERAS_DOC"]

TENSORBOARD_KERAS_DOC = """Mirrors the 2018 ``TensorboardKeras`` callback (``train/loss``, ``val/acc``, ``lr``).

    Writes the 2018 blog post's tags as TF1 ``simple_value`` scalars, one event per
    epoch: ``train/loss``, ``train/acc``, ``val/loss``, ``val/acc``, ``lr`` (and
    ``train/<m>``, ``val/<m>`` for any other metric), on Keras 3.

    Example::

        import tfcompat

        # A Keras 3 callback like any other:
        model.fit(x, y, validation_data=(x_val, y_val), epochs=10,
                  callbacks=[tfcompat.TensorboardKeras(log_dir="logs/run1")])

        # The 2018 post's way: the model and the folder, then on_epoch_end_cb() WITH its ().
        tb = tfcompat.TensorboardKeras(model, "logs/run2")
        model.fit(x, y, validation_data=(x_val, y_val), epochs=10, callbacks=[tb.on_epoch_end_cb()])

        # Then: tensorboard --logdir logs   (or: tfcompat inspect logs)

    Args:
        model: optional, the model (the 2018 post's ``TensorboardKeras(model, log_dir)``).
            Given a path as the only positional argument, it is taken as ``log_dir``.
        log_dir: directory or ``scheme://`` URL (``gs://``, ``s3://``, ``ram://``).
            Default ``./logs`` (a warning says so).
        update_freq: ``'epoch'`` (default), ``'batch'``, or N to also write per-batch
            values every N batches, on the global batch step (1-based, as Keras).
        histogram_freq: every this many epochs, write weight histograms (0: never).
        write_graph: write the model's forward graph once (``graph_def`` event).
        flush_secs: the writer flushes at least this often (epochs flush anyway).
        rename: dict ``{log_key: tag | (run, tag) | None}`` or callable of the log key
            returning the same; overrides the preset's names (None drops a key).
        preset: ``"2018"`` (one run, ``train/`` ``val/`` tags) or ``"keras3"``
            (``train``/``validation`` runs, ``epoch_*`` tags, TF2 format).
        format: ``"tf1"`` (``simple_value`` scalars, ``histo`` histograms) or
            ``"tf2"`` (tensor scalars and histograms, TF2 file names). Default:
            ``"tf1"`` for the 2018 preset, ``"tf2"`` for ``"keras3"``.
        write_lr: write the learning rate every epoch.
    """
