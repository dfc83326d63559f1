"""`tf.keras.callbacks.TerminateOnNaN` (B5)."""

from __future__ import annotations

import math

from .callback import Callback

__all__ = ["TerminateOnNaN"]


class TerminateOnNaN(Callback):
    """Stops training after a batch whose loss is NaN or infinite.

    Args:
        raise_error: raise a `RuntimeError` at once instead of stopping after the batch.

    Example:
        >>> import tensorlet as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        >>> callback = tf.keras.callbacks.TerminateOnNaN()
        >>> callback.set_model(model)
        >>> callback.on_train_batch_end(3, {"loss": float("nan")})
        Batch 3: Invalid loss, terminating training
        >>> model.stop_training
        True
    """

    def __init__(self, raise_error: bool = False) -> None:
        super().__init__()
        self.raise_error = raise_error

    def on_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is None or math.isfinite(float(loss)):
            return
        if self.raise_error:
            raise RuntimeError(f"NaN or Inf loss encountered at batch {batch}. Loss value: "
                               f"{loss}. Terminating training immediately.")
        print(f"Batch {batch}: Invalid loss, terminating training")
        self.model.stop_training = True
