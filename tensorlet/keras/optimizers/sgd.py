"""`SGD`: gradient descent, with momentum and Nesterov momentum (B6)."""

from __future__ import annotations

from .base_optimizer import Optimizer, base_arguments

__all__ = ["SGD"]


class SGD(Optimizer):
    """Gradient descent (with momentum).

    Without momentum: `w -= learning_rate * g`. With momentum (a slot `m` per variable):
    `m = momentum * m - learning_rate * g`, then `w += m`, or with `nesterov=True`
    `w += momentum * m - learning_rate * g`.

    Args:
        learning_rate: a float, a `LearningRateSchedule` or a callable (default 0.01).
        momentum: a float >= 0 (default 0: no slot is created).
        nesterov: whether to use Nesterov momentum.
        weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
            ema_overwrite_frequency, loss_scale_factor, gradient_accumulation_steps, name,
            **kwargs: see `Optimizer`.

    Raises:
        ValueError: when `momentum` is not a float in [0, 1] (and see `Optimizer`).

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras import optimizers
        >>> v = tf.Variable([10.0, 10.0])
        >>> opt = optimizers.SGD(learning_rate=1.0, clipnorm=1.0)
        >>> _ = opt.apply_gradients(zip([tf.constant([3.0, 4.0])], [v]))
        >>> v.numpy()
        array([9.4, 9.2], dtype=float32)
    """

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(**base_arguments(locals()))
        if isinstance(momentum, bool) or not isinstance(momentum, (int, float)) or not (
                0 <= momentum <= 1):
            raise ValueError("`momentum` must be a float between [0, 1].")
        self.momentum = momentum
        self.nesterov = nesterov
        self._slot_names = ("momentum",) if momentum != 0 else ()

    def _hyper_values(self) -> tuple:
        return (self.momentum,)

    def _step_constants(self, lr, dtype) -> tuple:
        return super()._step_constants(lr, dtype) + self._hyper(dtype)

    def _update_step(self, g, v, slots: list, constants: tuple) -> None:
        lr, momentum = constants
        if not slots:
            v.assign_sub(g * lr)
            return
        m = slots[0]
        m.assign(m * momentum - g * lr)
        if self.nesterov:
            v.assign_add(m * momentum - g * lr)
        else:
            v.assign_add(m)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"momentum": self.momentum, "nesterov": self.nesterov})
        return config

