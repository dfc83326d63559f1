"""`RMSprop` (plain, with momentum, centered) (B6)."""

from __future__ import annotations

import tensorlet as tf

from .base_optimizer import Optimizer, base_arguments

__all__ = ["RMSprop"]


class RMSprop(Optimizer):
    """RMSprop: divides the gradient by a running root mean square of recent gradients.

    `v = rho * v + (1 - rho) * g**2`, then `w -= lr * g / sqrt(v + epsilon)`. With
    `centered=True` the running mean `a` of the gradients is subtracted (`sqrt(v - a**2 +
    epsilon)`); with `momentum > 0` the increments go through a momentum slot.

    Args:
        learning_rate: a float, a `LearningRateSchedule` or a callable (default 0.001).
        rho: the discount factor of the running average (0.9).
        momentum: the momentum (0.0: no momentum slot).
        epsilon: added inside the square root for stability (1e-7).
        centered: normalise by the estimated variance instead of the second moment.
        weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
            ema_overwrite_frequency, loss_scale_factor, gradient_accumulation_steps, name,
            **kwargs: see `Optimizer`.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras import optimizers
        >>> v = tf.Variable(1.0)
        >>> _ = optimizers.RMSprop(learning_rate=0.1).apply_gradients([(tf.constant(2.0), v)])
        >>> round(float(v.numpy()), 4)
        0.6838
    """

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
                 centered=False, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_arguments(locals()))
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered
        self._with_momentum = momentum > 0
        names = ("velocity", "momentum") if self._with_momentum else ("velocity",)
        self._slot_names = names + ("average_gradient",) if centered else names

    def _hyper_values(self) -> tuple:
        return (self.rho, 1 - self.rho, self.momentum, self.epsilon)

    def _step_constants(self, lr, dtype) -> tuple:
        return super()._step_constants(lr, dtype) + self._hyper(dtype)

    def _update_step(self, g, v, slots: list, constants: tuple) -> None:
        lr, rho, one_minus_rho, momentum, epsilon = constants
        velocity = slots[0]
        velocity.assign(rho * velocity + one_minus_rho * tf.square(g))
        if self.centered:
            average = slots[-1]
            average.assign(rho * average + one_minus_rho * g)
            denominator = velocity - tf.square(average) + epsilon
        else:
            denominator = velocity + epsilon
        increment = (lr * g) / tf.sqrt(denominator)
        if self._with_momentum:
            accumulated = slots[1]
            accumulated.assign(momentum * accumulated + increment)
            v.assign_sub(accumulated)
        else:
            v.assign_sub(increment)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"rho": self.rho, "momentum": self.momentum, "epsilon": self.epsilon,
                       "centered": self.centered})
        return config
