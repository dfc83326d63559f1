"""`Nadam`: Adam with Nesterov momentum (B6)."""

from __future__ import annotations

import tensorlet as tf

from .. import backend
from .base_optimizer import Optimizer, base_arguments

__all__ = ["Nadam"]


class Nadam(Optimizer):
    """Nadam: Adam whose momentum looks ahead, with a momentum schedule
    `u_t = beta_1 * (1 - 0.5 * 0.96**t)` and its running product (one shared variable).

    At step t: `m += (g - m) * (1 - beta_1)`, `v += (g**2 - v) * (1 - beta_2)`,
    `m_hat = u_{t+1} * m / (1 - prod_{t+1}) + (1 - u_t) * g / (1 - prod_t)`,
    `w -= m_hat * lr / (sqrt(v / (1 - beta_2**t)) + epsilon)`.

    Args:
        learning_rate: a float, a `LearningRateSchedule` or a callable (default 0.001).
        beta_1: the decay rate of the first moment (0.9).
        beta_2: the decay rate of the second moment (0.999).
        epsilon: added to the denominator for stability (1e-7).
        weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
            ema_overwrite_frequency, loss_scale_factor, gradient_accumulation_steps, name,
            **kwargs: see `Optimizer`.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras import optimizers
        >>> v = tf.Variable(1.0)
        >>> _ = optimizers.Nadam(learning_rate=0.1).apply_gradients([(tf.constant(5.0), v)])
        >>> round(float(v.numpy()), 4)
        0.8937
    """

    _slot_names = ("momentum", "velocity")

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
        super().__init__(**base_arguments(locals()))
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self._u_product = None
        self._two = tf.constant(2, tf.int64)

    def _create_step_variables(self, var_list: list) -> None:
        dtype = var_list[0].dtype if var_list else backend.floatx()
        self._u_product = self.add_variable([], initializer="ones", dtype=dtype,
                                            name="variable")

    def _hyper_values(self) -> tuple:
        return (1.0, self.beta_1, self.beta_2, 0.96, 0.5, self.epsilon)

    def _prepare_step(self, variables: list) -> None:
        u = self._u_product
        one, beta_1, _, decay, half, _ = self._hyper(u.dtype)
        step = tf.cast(self._iterations + self._one, u.dtype)
        u.assign(u * beta_1 * (one - half * tf.pow(decay, step)))

    def _step_constants(self, lr, dtype) -> tuple:
        (lr,) = super()._step_constants(lr, dtype)
        one, beta_1, beta_2, decay, half, epsilon = self._hyper(dtype)
        step = tf.cast(self._iterations + self._one, dtype)
        next_step = tf.cast(self._iterations + self._two, dtype)
        u_t = beta_1 * (one - half * tf.pow(decay, step))
        u_next = beta_1 * (one - half * tf.pow(decay, next_step))
        product = tf.cast(self._u_product, dtype)
        product_next = product * u_next
        # NOTE: `1 - beta` in the variable's dtype (not in Python floats), as Keras does here.
        return (lr, u_next, one - product_next, one - u_t, one - product,
                one - tf.pow(beta_2, step), one - beta_1, one - beta_2, epsilon)

    def _update_step(self, g, v, slots: list, constants: tuple) -> None:
        lr, u_next, den_next, one_minus_u, den, den_2, decay_1, decay_2, epsilon = constants
        m, velocity = slots
        m.assign_add((g - m) * decay_1)
        velocity.assign_add((tf.square(g) - velocity) * decay_2)
        m_hat = (u_next * m) / den_next + (one_minus_u * g) / den
        v.assign_sub((m_hat * lr) / (tf.sqrt(velocity / den_2) + epsilon))

    def get_config(self) -> dict:
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
