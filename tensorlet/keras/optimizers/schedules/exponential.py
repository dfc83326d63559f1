"""`ExponentialDecay` and `InverseTimeDecay` (B7)."""

from __future__ import annotations

import tensorlet as tf

from . import _steps
from .learning_rate_schedule import LearningRateSchedule, check_decay_steps

__all__ = ["ExponentialDecay", "InverseTimeDecay"]


class _RateDecay(LearningRateSchedule):
    """What `ExponentialDecay` and `InverseTimeDecay` share: their arguments, config and the
    progress `step / decay_steps` (floored with `staircase`)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase, name):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name
        check_decay_steps(decay_steps)

    def _progress(self, step) -> tuple:
        """`(initial_learning_rate, its dtype, step / decay_steps)` as tensors."""
        initial = _steps.initial_rate(self.initial_learning_rate)
        dtype = initial.dtype
        p = _steps.as_float(step, dtype) / tf.cast(self.decay_steps, dtype)
        if self.staircase:
            p = tf.floor(p)
        return initial, dtype, p

    def get_config(self) -> dict:
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class ExponentialDecay(_RateDecay):
    """`initial_learning_rate * decay_rate ** (step / decay_steps)`.

    Args:
        initial_learning_rate: the rate at step 0 (a float).
        decay_steps: the number of steps over which the rate is multiplied by `decay_rate`.
        decay_rate: the factor applied every `decay_steps` steps.
        staircase: if True, `step / decay_steps` is floored (the rate drops in stairs).
        name: the schedule's name.

    Raises:
        ValueError: when `decay_steps <= 0`.

    Example:
        >>> from tensorlet.keras.optimizers import schedules
        >>> s = schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
        >>> round(float(s(20)), 6)
        0.025
    """

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="ExponentialDecay"):
        super().__init__(initial_learning_rate, decay_steps, decay_rate, staircase, name)

    def __call__(self, step):
        initial, dtype, p = self._progress(step)
        return initial * tf.pow(tf.cast(self.decay_rate, dtype), p)


class InverseTimeDecay(_RateDecay):
    """`initial_learning_rate / (1 + decay_rate * step / decay_steps)`.

    Args:
        initial_learning_rate: the rate at step 0 (a float).
        decay_steps: how often the decay is applied (the unit of `step`).
        decay_rate: the rate of decay.
        staircase: if True, `step / decay_steps` is floored.
        name: the schedule's name.

    Raises:
        ValueError: when `decay_steps <= 0`.

    Example:
        >>> from tensorlet.keras.optimizers import schedules
        >>> s = schedules.InverseTimeDecay(0.1, decay_steps=1, decay_rate=0.5)
        >>> round(float(s(2)), 6)
        0.05
    """

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="InverseTimeDecay"):
        super().__init__(initial_learning_rate, decay_steps, decay_rate, staircase, name)

    def __call__(self, step):
        initial, dtype, p = self._progress(step)
        return initial / (tf.ones([], dtype) + tf.cast(self.decay_rate, dtype) * p)
