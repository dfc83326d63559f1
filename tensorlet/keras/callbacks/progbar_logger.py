"""`tf.keras.callbacks.ProgbarLogger`: prints `Epoch 1/5` and the progress bar (A10.5)."""

from __future__ import annotations

from ..utils.progbar import Progbar
from .callback import Callback, use_default_hooks

__all__ = ["ProgbarLogger"]


class ProgbarLogger(Callback):
    """Prints the progress of `fit`, `evaluate` and `predict` with a `Progbar`.

    `fit(verbose=1)` prints `Epoch 1/5` (when there is more than one epoch), then
    `363/363 [==============================] - 1s 820us/step - loss: 0.7640 - ...`
    (redrawn in place on a terminal, one line per epoch otherwise); `verbose=2` prints one
    summary line per epoch. The validation run inside `fit` prints nothing of its own: its
    `val_` results end the epoch's line.

    Args:
        count_mode, stateful_metrics: Keras 2's arguments, accepted; steps are always counted.

    Example:
        >>> import tensorlet as tf
        >>> logger = tf.keras.callbacks.ProgbarLogger()
        >>> logger.set_params({"verbose": 2, "epochs": 2, "steps": 3})
        >>> logger.on_train_begin(); logger.on_epoch_begin(0)
        Epoch 1/2
        >>> logger.on_epoch_end(0, {"loss": 0.25})  # doctest: +ELLIPSIS
        3/3 - 0s - loss: 0.2500 - ...
    """

    def __init__(self, count_mode="steps", stateful_metrics=None) -> None:
        super().__init__()
        del count_mode, stateful_metrics
        self.seen = 0
        self.progbar = None
        self.target = None
        self.verbose = 1
        self.epochs = 1
        self._called_in_fit = False

    def set_params(self, params) -> None:
        super().set_params(params)
        verbose = params.get("verbose", 1)
        self.verbose = 1 if verbose == "auto" else verbose
        self.epochs = params.get("epochs", 1)
        self.target = params.get("steps")
        # NOTE: without a bar to redraw, batches matter only to count an unknown number of steps
        use_default_hooks(self, ("on_train_batch_end", "on_test_batch_end"),
                          self.verbose != 1 and self.target is not None)

    def on_train_begin(self, logs=None):
        self._called_in_fit = True

    def on_train_end(self, logs=None):
        self._called_in_fit = False

    def on_test_begin(self, logs=None):
        if not self._called_in_fit:
            self._reset()

    def on_predict_begin(self, logs=None):
        self._reset()

    def on_epoch_begin(self, epoch, logs=None):
        self._reset()
        if self.verbose and self.epochs > 1:
            print(f"Epoch {epoch + 1}/{self.epochs}", flush=True)

    def on_train_batch_end(self, batch, logs=None):
        self._update(batch, logs)

    def on_test_batch_end(self, batch, logs=None):
        if not self._called_in_fit:
            self._update(batch, logs)

    def on_predict_batch_end(self, batch, logs=None):
        self._update(batch, None)

    def on_epoch_end(self, epoch, logs=None):
        self._finalize(logs)

    def on_test_end(self, logs=None):
        if not self._called_in_fit:
            self._finalize(logs)

    def on_predict_end(self, logs=None):
        self._finalize(logs)

    def _reset(self) -> None:
        self.seen = 0
        self.progbar = Progbar(target=self.target, verbose=self.verbose, unit_name="step")

    def _update(self, batch, logs) -> None:
        if self.progbar is None:
            self._reset()
        self.seen = batch + 1
        if self.verbose == 1:
            logs = logs or {}
            # NOTE: fit's logs are already running means: shown as given, not averaged again.
            self.progbar.stateful_metrics.update(logs)
            self.progbar.update(self.seen, list(logs.items()), finalize=False)

    def _finalize(self, logs) -> None:
        if self.progbar is None:
            self._reset()
        if self.target is None:
            # NOTE: an unknown number of steps is learned in the first epoch.
            self.target = self.seen
            self.progbar.target = self.seen
        logs = logs or {}
        self.progbar.stateful_metrics.update(logs)
        self.progbar.update(self.target, list(logs.items()), finalize=True)
