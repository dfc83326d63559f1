"""`tf.keras.callbacks.History`: the object `fit` returns (B4)."""

from __future__ import annotations

from .callback import Callback

__all__ = ["History"]


class History(Callback):
    """Records each epoch's logs: `history` (name -> list of values), `epoch`, `params`.

    `fit` adds one to its callbacks and returns it; it is also `model.history`.

    Example:
        >>> import tensorlet as tf
        >>> history = tf.keras.callbacks.History()
        >>> history.on_train_begin()
        >>> history.on_epoch_end(0, {"loss": 0.9, "val_loss": 1.1})
        >>> history.on_epoch_end(1, {"loss": 0.7, "val_loss": 1.0})
        >>> history.history, history.epoch
        ({'loss': [0.9, 0.7], 'val_loss': [1.1, 1.0]}, [0, 1])
    """

    def __init__(self) -> None:
        super().__init__()
        self.history: dict = {}
        self.epoch: list = []

    def on_train_begin(self, logs=None):
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for name, value in (logs or {}).items():
            self.history.setdefault(name, []).append(value)
        if self.model is not None:
            self.model.history = self
