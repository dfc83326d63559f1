"""`Adagrad` (B6)."""

from __future__ import annotations

import tensorlet as tf

from .base_optimizer import Optimizer, base_arguments

__all__ = ["Adagrad"]


class Adagrad(Optimizer):
    """Adagrad: per-parameter rates that shrink with the sum of squared gradients.

    `a += g**2` (the accumulator starts at `initial_accumulator_value`), then
    `w -= lr * g / sqrt(a + epsilon)`.

    Args:
        learning_rate: a float, a `LearningRateSchedule` or a callable (default 0.001).
        initial_accumulator_value: the accumulators' starting value (0.1).
        epsilon: added inside the square root for stability (1e-7).
        weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
            ema_overwrite_frequency, loss_scale_factor, gradient_accumulation_steps, name,
            **kwargs: see `Optimizer`.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras import optimizers
        >>> v = tf.Variable(1.0)
        >>> _ = optimizers.Adagrad(learning_rate=0.1).apply_gradients([(tf.constant(2.), v)])
        >>> round(float(v.numpy()), 4)
        0.9012
    """

    _slot_names = ("accumulator",)

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(**base_arguments(locals()))
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def _slot_initializer(self, slot_name: str):
        return float(self.initial_accumulator_value)

    def _hyper_values(self) -> tuple:
        return (self.epsilon,)

    def _step_constants(self, lr, dtype) -> tuple:
        return super()._step_constants(lr, dtype) + self._hyper(dtype)

    def _update_step(self, g, v, slots: list, constants: tuple) -> None:
        lr, epsilon = constants
        accumulator = slots[0]
        accumulator.assign_add(tf.square(g))
        v.assign_sub((lr * g) / tf.sqrt(accumulator + epsilon))

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"initial_accumulator_value": self.initial_accumulator_value,
                       "epsilon": self.epsilon})
        return config
