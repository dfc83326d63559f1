"""Shared helpers of the schedules: the initial rate as a float tensor, the step in its dtype."""

from __future__ import annotations

import tensorlet as tf


def initial_rate(value):
    """The schedule's starting value as a tensor: float32 unless given as a float tensor."""
    if tf.is_tensor(value) and value.dtype.is_floating:
        return value
    return tf.constant(float(value), tf.float32)


def as_float(step, dtype):
    """The optimizer step (a Python int, a tensor or the int64 `iterations`) in `dtype`."""
    return tf.cast(step, dtype)
