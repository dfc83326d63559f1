"""`LearningRateSchedule`: the base class of learning-rate schedules (B7)."""

from __future__ import annotations

__all__ = ["LearningRateSchedule"]


class LearningRateSchedule:
    """A learning rate that depends on the optimizer's step: `schedule(step)` returns it.

    Pass an instance as an optimizer's `learning_rate=`: the optimizer calls it with its
    `iterations` at every step. Subclasses implement `__call__(step)` in tensorlet ops (so that
    it also works inside `tf.function`) and `get_config()`.

    Example:
        >>> import tensorlet as tf
        >>> class Halving(tf.keras.optimizers.schedules.LearningRateSchedule):
        ...     def __call__(self, step):
        ...         return 0.1 * tf.pow(0.5, tf.cast(step, tf.float32))
        ...     def get_config(self):
        ...         return {}
        >>> round(float(Halving()(2)), 6)
        0.025
    """

    def __call__(self, step):
        raise NotImplementedError(f"Learning rate schedule '{type(self).__name__}' must "
                                  f"override `__call__(self, step)`.")

    def get_config(self) -> dict:
        raise NotImplementedError(f"Learning rate schedule '{type(self).__name__}' must "
                                  f"override `get_config()` in order to be serializable.")

    @classmethod
    def from_config(cls, config: dict):
        """Builds a schedule from `get_config()`'s output."""
        return cls(**config)


def check_decay_steps(value, argument: str = "decay_steps") -> None:
    """Keras's check that a schedule's step count is positive.

    Raises:
        ValueError: when `value <= 0`.
    """
    if value <= 0:
        raise ValueError(f"Argument `{argument}` must be > 0. Received: {argument}={value}")
