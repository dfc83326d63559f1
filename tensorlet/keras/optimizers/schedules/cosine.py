"""`CosineDecay` (with linear warmup) and `CosineDecayRestarts` (SGDR) (B7)."""

from __future__ import annotations

import math

import tensorlet as tf

from . import _steps
from .learning_rate_schedule import LearningRateSchedule, check_decay_steps

__all__ = ["CosineDecay", "CosineDecayRestarts"]


def _cosine(fraction, alpha: float, dtype, factor=1.0):
    """`(1 - alpha) * 0.5 * factor * (1 + cos(pi * fraction)) + alpha`."""
    cosine = 0.5 * factor * (1.0 + tf.cos(tf.constant(math.pi, dtype) * fraction))
    return (1.0 - alpha) * cosine + alpha


class CosineDecay(LearningRateSchedule):
    """A cosine decay from the initial rate (or the warmup target) down to `alpha` times it.

    Without `warmup_target`: `initial * ((1 - alpha) * 0.5 * (1 + cos(pi * step /
    decay_steps)) + alpha)`, constant after `decay_steps`. With it, the rate first grows
    linearly from `initial_learning_rate` to `warmup_target` over `warmup_steps` steps, then
    decays from `warmup_target` over `decay_steps` steps.

    Args:
        initial_learning_rate: the rate at step 0.
        decay_steps: the number of decay steps.
        alpha: the final rate as a fraction of the decayed-from rate.
        name: the schedule's name.
        warmup_target: the rate reached at the end of the warmup (None: no warmup).
        warmup_steps: the number of warmup steps.

    Raises:
        ValueError: when `decay_steps <= 0`.

    Example:
        >>> from tensorlet.keras.optimizers import schedules
        >>> s = schedules.CosineDecay(0.0, 10, warmup_target=0.1, warmup_steps=10)
        >>> [round(float(s(step)), 6) for step in (5, 10, 15, 20)]
        [0.05, 0.1, 0.05, 0.0]
    """

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay",
                 warmup_target=None, warmup_steps=0):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_steps = warmup_steps
        self.warmup_target = warmup_target
        check_decay_steps(decay_steps)

    def __call__(self, step):
        initial = _steps.initial_rate(self.initial_learning_rate)
        dtype = initial.dtype
        decay_steps = tf.cast(self.decay_steps, dtype)
        step = _steps.as_float(step, dtype)
        if self.warmup_target is None:
            step = tf.minimum(step, decay_steps)
            return initial * _cosine(step / decay_steps, self.alpha, dtype)
        target = tf.cast(self.warmup_target, dtype)
        warmup_steps = tf.cast(self.warmup_steps, dtype)
        step = tf.minimum(step, decay_steps + warmup_steps)
        decayed = target * _cosine((step - warmup_steps) / decay_steps, self.alpha, dtype)
        if not self.warmup_steps:
            return decayed
        warm = (target - initial) * (step / warmup_steps) + initial
        # NOTE: a select, not a Python `if`, so that it also runs inside tf.function.
        return tf.where(step < warmup_steps, warm, decayed)

    def get_config(self) -> dict:
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "alpha": self.alpha, "name": self.name,
                "warmup_target": self.warmup_target, "warmup_steps": self.warmup_steps}


class CosineDecayRestarts(LearningRateSchedule):
    """Cosine decay with warm restarts (SGDR): period `i` lasts `first_decay_steps * t_mul**i`
    steps and starts from `initial_learning_rate * m_mul**i`.

    Args:
        initial_learning_rate: the rate at step 0.
        first_decay_steps: the length of the first period.
        t_mul: how much longer each period is than the previous one.
        m_mul: how much lower each period starts than the previous one.
        alpha: the final rate of a period, as a fraction of its start.
        name: the schedule's name.

    Raises:
        ValueError: when `first_decay_steps <= 0`.

    Example:
        >>> from tensorlet.keras.optimizers import schedules
        >>> s = schedules.CosineDecayRestarts(0.1, 10, t_mul=1.0)
        >>> round(float(s(5)), 6), round(float(s(10)), 6)
        (0.05, 0.1)
    """

    def __init__(self, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0,
                 alpha=0.0, name="SGDRDecay"):
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name
        check_decay_steps(first_decay_steps, "first_decay_steps")

    def __call__(self, step):
        initial = _steps.initial_rate(self.initial_learning_rate)
        dtype = initial.dtype
        fraction = _steps.as_float(step, dtype) / tf.cast(self.first_decay_steps, dtype)
        t_mul = tf.cast(self._t_mul, dtype)
        if self._t_mul == 1.0:
            restart = tf.floor(fraction)
            fraction = fraction - restart
        else:
            one = tf.ones([], dtype)
            restart = tf.floor(tf.math.log(one - fraction * (one - t_mul)) / tf.math.log(t_mul))
            done = (one - tf.pow(t_mul, restart)) / (one - t_mul)
            fraction = (fraction - done) / tf.pow(t_mul, restart)
        factor = tf.pow(tf.cast(self._m_mul, dtype), restart)
        return initial * _cosine(fraction, self.alpha, dtype, factor)

    def get_config(self) -> dict:
        return {"initial_learning_rate": self.initial_learning_rate,
                "first_decay_steps": self.first_decay_steps, "t_mul": self._t_mul,
                "m_mul": self._m_mul, "alpha": self.alpha, "name": self.name}
