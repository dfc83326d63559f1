"""`Adamax`: Adam with the infinity norm (B6)."""

from __future__ import annotations

import tensorlet as tf

from .base_optimizer import Optimizer, base_arguments

__all__ = ["Adamax"]


class Adamax(Optimizer):
    """Adamax: Adam with an exponentially weighted infinity norm `u` instead of `v`.

    At step t: `m += (g - m) * (1 - beta_1)`, `u = max(beta_2 * u, |g|)`,
    `w -= lr * m / ((1 - beta_1**t) * (u + epsilon))`.

    Args:
        learning_rate: a float, a `LearningRateSchedule` or a callable (default 0.001).
        beta_1: the decay rate of the first moment (0.9).
        beta_2: the decay rate of the infinity norm (0.999).
        epsilon: added to the denominator for stability (1e-7).
        weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
            ema_overwrite_frequency, loss_scale_factor, gradient_accumulation_steps, name,
            **kwargs: see `Optimizer`.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras import optimizers
        >>> v = tf.Variable(1.0)
        >>> _ = optimizers.Adamax(learning_rate=0.1).apply_gradients([(tf.constant(5.), v)])
        >>> round(float(v.numpy()), 4)
        0.9
    """

    _slot_names = ("momentum", "norm")

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(**base_arguments(locals()))
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def _hyper_values(self) -> tuple:
        return (1.0, self.beta_1, 1 - self.beta_1, self.beta_2, self.epsilon)

    def _step_constants(self, lr, dtype) -> tuple:
        (lr,) = super()._step_constants(lr, dtype)
        one, beta_1, decay_1, beta_2, epsilon = self._hyper(dtype)
        step = tf.cast(self._iterations + self._one, dtype)
        return lr, decay_1, beta_2, one - tf.pow(beta_1, step), epsilon

    def _update_step(self, g, v, slots: list, constants: tuple) -> None:
        lr, decay_1, beta_2, correction, epsilon = constants
        m, norm = slots
        m.assign_add((g - m) * decay_1)
        norm.assign(tf.maximum(beta_2 * norm, tf.abs(g)))
        v.assign_sub((lr * m) / (correction * (norm + epsilon)))

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
