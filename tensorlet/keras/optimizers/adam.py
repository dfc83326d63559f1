"""`Adam` (with AMSGrad) (B6)."""

from __future__ import annotations

import tensorlet as tf

from .base_optimizer import Optimizer, base_arguments

__all__ = ["Adam"]


class Adam(Optimizer):
    """Adam: momentum `m` and velocity `v` slots per variable, bias-corrected step size.

    At step t (1-based): `m += (g - m) * (1 - beta_1)`, `v += (g**2 - v) * (1 - beta_2)`,
    `w -= m * alpha / (sqrt(v) + epsilon)` with `alpha = learning_rate * sqrt(1 - beta_2**t) /
    (1 - beta_1**t)`. With `amsgrad=True`, `v` is replaced by its running maximum.

    Args:
        learning_rate: a float, a `LearningRateSchedule` or a callable (default 0.001).
        beta_1: the decay rate of the first moment (0.9).
        beta_2: the decay rate of the second moment (0.999).
        epsilon: added to the denominator for stability (1e-7).
        amsgrad: whether to use the AMSGrad variant.
        weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
            ema_overwrite_frequency, loss_scale_factor, gradient_accumulation_steps, name,
            **kwargs: see `Optimizer`.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras import optimizers
        >>> v = tf.Variable(1.0)
        >>> _ = optimizers.Adam(learning_rate=0.1).apply_gradients([(tf.constant(5.0), v)])
        >>> round(float(v.numpy()), 4)
        0.9
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_arguments(locals()))
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        names = ("momentum", "velocity")
        self._slot_names = names + ("velocity_hat",) if amsgrad else names

    def _hyper_values(self) -> tuple:
        return (1.0, self.beta_1, self.beta_2, 1 - self.beta_1, 1 - self.beta_2, self.epsilon)

    def _step_constants(self, lr, dtype) -> tuple:
        (lr,) = super()._step_constants(lr, dtype)
        one, beta_1, beta_2, decay_1, decay_2, epsilon = self._hyper(dtype)
        step = tf.cast(self._iterations + self._one, dtype)
        alpha = lr * tf.sqrt(one - tf.pow(beta_2, step)) / (one - tf.pow(beta_1, step))
        return alpha, decay_1, decay_2, epsilon

    def _update_step(self, g, v, slots: list, constants: tuple) -> None:
        alpha, decay_1, decay_2, epsilon = constants
        m, velocity = slots[0], slots[1]
        m.assign_add((g - m) * decay_1)
        velocity.assign_add((tf.square(g) - velocity) * decay_2)
        if self.amsgrad:
            velocity_hat = slots[2]
            velocity_hat.assign(tf.maximum(velocity_hat, velocity))
            velocity = velocity_hat
        v.assign_sub((m * alpha) / (tf.sqrt(velocity) + epsilon))

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon,
                       "amsgrad": self.amsgrad})
        return config
