"""`tf.keras.callbacks.LambdaCallback` (B5)."""

from __future__ import annotations

from .callback import Callback

__all__ = ["LambdaCallback"]


class LambdaCallback(Callback):
    """A callback made of plain functions, one per hook.

    Args:
        on_epoch_begin, on_epoch_end: functions of `(epoch, logs)`.
        on_train_begin, on_train_end: functions of `(logs)`.
        on_train_batch_begin, on_train_batch_end: functions of `(batch, logs)`.
        **kwargs: any other hook by name (`on_batch_end`, `on_test_begin`,
            `on_predict_batch_end`...).

    Example:
        >>> import tensorlet as tf
        >>> seen = []
        >>> callback = tf.keras.callbacks.LambdaCallback(
        ...     on_epoch_end=lambda epoch, logs: seen.append((epoch, logs["loss"])))
        >>> callback.on_epoch_end(0, {"loss": 0.5}); seen
        [(0, 0.5)]
    """

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_train_begin=None,
                 on_train_end=None, on_train_batch_begin=None, on_train_batch_end=None,
                 **kwargs) -> None:
        super().__init__()
        hooks = dict(kwargs, on_epoch_begin=on_epoch_begin, on_epoch_end=on_epoch_end,
                     on_train_begin=on_train_begin, on_train_end=on_train_end,
                     on_train_batch_begin=on_train_batch_begin,
                     on_train_batch_end=on_train_batch_end)
        for name, function in hooks.items():
            if function is not None:
                setattr(self, name, function)
