"""Exponential moving average of the trained variables (`use_ema=True`), as Keras 3 does it.

After each step, `average = m * average + (1 - m) * variable`, with `m = ema_momentum` except on
the very first step, where `m = 0` (the average starts at the variable's value). With
`ema_overwrite_frequency=n`, every n-th step copies the averages into the variables;
`finalize_variable_values(var_list)` copies them at the end of training.
"""

from __future__ import annotations

import tensorlet as tf

__all__ = ["check_arguments", "update", "overwrite"]


def check_arguments(ema_momentum, ema_overwrite_frequency) -> None:
    """Keras's checks of the EMA arguments (only made when `use_ema=True`).

    Raises:
        ValueError: `ema_momentum` outside [0, 1], or a frequency that is not an int >= 1.
    """
    if ema_momentum > 1 or ema_momentum < 0:
        raise ValueError(f"`ema_momentum` must be in the range [0, 1]. Received: "
                         f"ema_momentum={ema_momentum}")
    if ema_overwrite_frequency and (not isinstance(ema_overwrite_frequency, int)
                                    or ema_overwrite_frequency < 1):
        raise ValueError(f"`ema_overwrite_frequency` must be an integer >= 1 or None. "
                         f"Received: ema_overwrite_frequency={ema_overwrite_frequency}")


def update(optimizer, iterations) -> None:
    """Moves every average towards its variable (`iterations` is the count before this step)."""
    first = tf.equal(iterations, tf.zeros([], iterations.dtype))
    for variable, average in optimizer._averages():
        momentum = tf.where(first, tf.zeros([], variable.dtype),
                            tf.constant(optimizer.ema_momentum, variable.dtype))
        one = tf.ones([], variable.dtype)
        average.assign(momentum * average + (one - momentum) * variable)
    frequency = optimizer.ema_overwrite_frequency
    if frequency:
        step = iterations + tf.ones([], iterations.dtype)
        due = tf.equal(step % tf.constant(frequency, iterations.dtype),
                       tf.zeros([], iterations.dtype))
        # NOTE: a select instead of a Python `if`, so that this also works inside tf.function.
        for variable, average in optimizer._averages():
            variable.assign(tf.where(due, average.value(), variable.value()))


def overwrite(optimizer, var_list) -> None:
    """Copies the stored averages into the given variables (those the optimizer trained)."""
    averages = dict((id(v), a) for v, a in optimizer._averages())
    for variable in var_list:
        average = averages.get(id(variable))
        if average is not None:
            variable.assign(average)
