"""`PolynomialDecay` (B7)."""

from __future__ import annotations

import tensorlet as tf

from . import _steps
from .learning_rate_schedule import LearningRateSchedule, check_decay_steps

__all__ = ["PolynomialDecay"]


class PolynomialDecay(LearningRateSchedule):
    """From `initial_learning_rate` to `end_learning_rate` along `(1 - step / decay_steps) **
    power`, then constant (or, with `cycle=True`, restarting with a longer `decay_steps`).

    Args:
        initial_learning_rate: the rate at step 0.
        decay_steps: the step at which `end_learning_rate` is reached.
        end_learning_rate: the final rate.
        power: the polynomial's power (1.0: linear).
        cycle: whether to go on decaying past `decay_steps`, over multiples of it.
        name: the schedule's name.

    Raises:
        ValueError: when `decay_steps <= 0`.

    Example:
        >>> from tensorlet.keras.optimizers import schedules
        >>> s = schedules.PolynomialDecay(0.1, decay_steps=10, end_learning_rate=0.0)
        >>> round(float(s(5)), 6), round(float(s(50)), 6)
        (0.05, 0.0)
    """

    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001,
                 power=1.0, cycle=False, name="PolynomialDecay"):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name
        check_decay_steps(decay_steps)

    def __call__(self, step):
        initial = _steps.initial_rate(self.initial_learning_rate)
        dtype = initial.dtype
        end = tf.cast(self.end_learning_rate, dtype)
        step = _steps.as_float(step, dtype)
        decay_steps = tf.cast(self.decay_steps, dtype)
        if self.cycle:
            multiplier = tf.where(tf.equal(step, tf.zeros([], dtype)), tf.ones([], dtype),
                                  tf.math.ceil(step / decay_steps))
            decay_steps = decay_steps * multiplier
        else:
            step = tf.minimum(step, decay_steps)
        p = step / decay_steps
        return (initial - end) * tf.pow(tf.ones([], dtype) - p, tf.cast(self.power, dtype)) + end

    def get_config(self) -> dict:
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "end_learning_rate": self.end_learning_rate,
                "power": self.power, "cycle": self.cycle, "name": self.name}
