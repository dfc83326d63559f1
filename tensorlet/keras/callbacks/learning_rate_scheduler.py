"""`tf.keras.callbacks.LearningRateScheduler` (B5)."""

from __future__ import annotations

import numpy as np

from .callback import Callback

__all__ = ["LearningRateScheduler", "current_learning_rate", "to_float"]


def current_learning_rate(optimizer) -> float:
    """The optimizer's learning rate now, as a Python float."""
    if not hasattr(optimizer, "learning_rate"):
        raise ValueError('Optimizer must have a "learning_rate" attribute.')
    return to_float(optimizer.learning_rate)


def to_float(value) -> float:
    """A scalar number, tensor or Variable as a Python float."""
    return float(np.asarray(value.numpy() if hasattr(value, "numpy") else value))


def _as_float(value, what: str) -> float:
    """A float from a Python/NumPy float or a floating scalar tensor; anything else raises."""
    if hasattr(value, "numpy") and not isinstance(value, np.generic):
        value = value.numpy()
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if not isinstance(value, (float, np.floating)):
        raise ValueError(f"The output of the `{what}` function should be a float. "
                         f"Got: {value}")
    return float(value)


class LearningRateScheduler(Callback):
    """Sets the learning rate at the start of every epoch to `schedule(epoch, lr)`.

    Args:
        schedule: a function of the epoch index (0-based) and the current learning rate that
            returns the new rate (a float or a float tensor); `schedule(epoch)` works too.
        verbose: 1 prints the new rate every epoch.

    The rate is also logged at the end of each epoch as `learning_rate`.

    Example:
        >>> import tensorlet as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        >>> model.optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)
        >>> scheduler = tf.keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr / 2)
        >>> scheduler.set_model(model); scheduler.on_epoch_begin(0)
        >>> float(model.optimizer.learning_rate.numpy())
        0.05000000074505806
    """

    def __init__(self, schedule, verbose=0) -> None:
        super().__init__()
        self.schedule = schedule
        self.verbose = verbose

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = self.model.optimizer
        learning_rate = current_learning_rate(optimizer)
        try:
            learning_rate = self.schedule(epoch, learning_rate)
        except TypeError:  # Keras 1's one-argument schedule(epoch)
            learning_rate = self.schedule(epoch)
        learning_rate = _as_float(learning_rate, "schedule")
        optimizer.learning_rate = learning_rate
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to "
                  f"{learning_rate}.")

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["learning_rate"] = current_learning_rate(self.model.optimizer)
