"""`AdamW`: Adam with decoupled weight decay (B6)."""

from __future__ import annotations

from .adam import Adam
from .base_optimizer import base_arguments

__all__ = ["AdamW"]


class AdamW(Adam):
    """Adam with decoupled weight decay: each step first does `w -= w * weight_decay * lr`.

    Args:
        learning_rate: a float, a `LearningRateSchedule` or a callable (default 0.001).
        weight_decay: the decay rate (0.004); it must be set.
        beta_1, beta_2, epsilon, amsgrad: see `Adam`.
        clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum, ema_overwrite_frequency,
            loss_scale_factor, gradient_accumulation_steps, name, **kwargs: see `Optimizer`.

    Raises:
        ValueError: when `weight_decay` is None.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras import optimizers
        >>> v = tf.Variable(1.0)
        >>> _ = optimizers.AdamW(0.1, weight_decay=0.5).apply_gradients([(tf.constant(0.), v)])
        >>> round(float(v.numpy()), 4)
        0.95
    """

    def __init__(self, learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999,
                 epsilon=1e-7, amsgrad=False, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(beta_1=beta_1, beta_2=beta_2, epsilon=epsilon, amsgrad=amsgrad,
                         **base_arguments(locals()))
        if self.weight_decay is None:
            raise ValueError("Argument `weight_decay` must be a float. Received: "
                             "weight_decay=None")
