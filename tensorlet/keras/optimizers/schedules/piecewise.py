"""`PiecewiseConstantDecay` (B7)."""

from __future__ import annotations

import tensorlet as tf

from .learning_rate_schedule import LearningRateSchedule

__all__ = ["PiecewiseConstantDecay"]


class PiecewiseConstantDecay(LearningRateSchedule):
    """A constant rate per interval of steps: `values[i]` while `boundaries[i-1] < step <=
    boundaries[i]` (`values[0]` up to the first boundary, `values[-1]` after the last).

    Args:
        boundaries: increasing step numbers (one fewer than `values`).
        values: the rate in each interval.
        name: the schedule's name.

    Raises:
        ValueError: when `len(boundaries) != len(values) - 1`.

    Example:
        >>> from tensorlet.keras.optimizers import schedules
        >>> s = schedules.PiecewiseConstantDecay([5, 15], [0.01, 0.005, 0.001])
        >>> [round(float(s(step)), 6) for step in (5, 6, 16)]
        [0.01, 0.005, 0.001]
    """

    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                f"The length of boundaries should be 1 less than the length of values. "
                f"Received: boundaries={boundaries} of length {len(boundaries)}, and "
                f"values={values} of length {len(values)}.")
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step):
        if not tf.is_tensor(step):
            step = tf.convert_to_tensor(step)
        bounds = [tf.cast(b, step.dtype) for b in self.boundaries]
        values = [tf.convert_to_tensor(v) for v in self.values]
        dtype = values[0].dtype
        # NOTE: a sum of masked values (not a Python `if`) so that it also runs in tf.function.
        result = tf.cast(step <= bounds[0], dtype) * values[0]
        result += tf.cast(step > bounds[-1], dtype) * values[-1]
        for low, high, value in zip(bounds[:-1], bounds[1:], values[1:-1]):
            inside = tf.logical_and(step > low, step <= high)
            result += tf.cast(inside, dtype) * value
        return result

    def get_config(self) -> dict:
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}
