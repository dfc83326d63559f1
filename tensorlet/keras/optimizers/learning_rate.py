"""What an optimizer's `learning_rate=` may be, and its value at the current step.

A number becomes a float32 Variable named `learning_rate` (settable: `opt.learning_rate = 0.1`
or `opt.learning_rate.assign(0.1)`); a `LearningRateSchedule` is called with `iterations` at
each step; any other callable is called with no argument at each step (Keras 3).
"""

from __future__ import annotations

import numbers
import warnings

import tensorlet as tf

from .. import backend
from ..saving import serialization
from . import schedules as schedule_module

__all__ = ["legacy_arguments", "make", "current", "assign", "to_config", "from_config"]

_BAD_VALUE = (
    "Argument `learning_rate` should be float, or an instance of LearningRateSchedule, or a "
    "callable (that takes in the current iteration value and returns the corresponding "
    "learning rate value). Received instead: learning_rate={}"
)
_NOT_SETTABLE = (
    "This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` "
    "constructor argument, hence its learning rate is not settable. If you need the learning "
    "rate to be settable, you should instantiate the optimizer with a float `learning_rate` "
    "argument."
)


def legacy_arguments(learning_rate, kwargs: dict) -> tuple:
    """Takes Keras 2's `lr=` and `decay=` out of `kwargs`: `(learning_rate, decay)`.

    Keras 3 rejects `lr` and ignores `decay`; the book's Keras 2 code uses both, so they work
    as they did in Keras 2 (`decay` divides the rate by `1 + decay * iterations`), with a
    DeprecationWarning (FEATURES §0: accept both spellings).
    """
    if "lr" in kwargs:
        warnings.warn("The `lr` argument is deprecated, use `learning_rate` instead.",
                      DeprecationWarning, stacklevel=4)
        learning_rate = kwargs.pop("lr")
    decay = kwargs.pop("decay", None)
    if decay:
        warnings.warn("Argument `decay` is a Keras 2 argument: the learning rate is divided by "
                      "`1 + decay * iterations` as in Keras 2. In Keras 3 use "
                      "`keras.optimizers.schedules.InverseTimeDecay` instead.",
                      DeprecationWarning, stacklevel=4)
        return learning_rate, float(decay)
    return learning_rate, 0.0


def _is_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, numbers.Real):
        return True
    return tf.is_tensor(value) and value.shape.rank == 0 and value.dtype.is_floating


def make(learning_rate):
    """The stored form of `learning_rate=`: a schedule, a callable, or a float32 Variable.

    Raises:
        ValueError: for anything else (a string, a list, a non-scalar tensor...).
    """
    if isinstance(learning_rate, schedule_module.LearningRateSchedule):
        return learning_rate
    if isinstance(learning_rate, tf.Variable) and _is_number(learning_rate):
        return learning_rate
    if callable(learning_rate) and not tf.is_tensor(learning_rate):
        return learning_rate
    if not _is_number(learning_rate):
        raise ValueError(_BAD_VALUE.format(learning_rate))
    return tf.Variable(float(learning_rate), name="learning_rate", trainable=False,
                       dtype=backend.floatx())


def current(stored, iterations):
    """The learning rate for this step (a Variable, or a tensor from the schedule)."""
    if isinstance(stored, tf.Variable):
        return stored
    if isinstance(stored, schedule_module.LearningRateSchedule):
        return stored(iterations)
    return stored()


def assign(stored, value):
    """`opt.learning_rate = value`: returns the new stored form (the Variable keeps its id).

    Raises:
        TypeError: when the optimizer was built with a schedule and `value` is a number.
    """
    if isinstance(value, schedule_module.LearningRateSchedule) or (
            callable(value) and not tf.is_tensor(value)):
        return value
    if isinstance(stored, schedule_module.LearningRateSchedule):
        raise TypeError(_NOT_SETTABLE)
    if not _is_number(value):
        raise ValueError(_BAD_VALUE.format(value))
    if not isinstance(stored, tf.Variable):
        return make(value)
    stored.assign(tf.cast(value, stored.dtype) if tf.is_tensor(value) else float(value))
    return stored


def to_config(stored):
    """`learning_rate` in `get_config()`: a float (float32-rounded, as Keras) or a config."""
    if isinstance(stored, tf.Variable):
        return float(stored.numpy())
    if isinstance(stored, schedule_module.LearningRateSchedule):
        return schedule_module.serialize(stored)
    return serialization.serialize_keras_object(stored)


def from_config(value, custom_objects=None):
    """Reverses `to_config`: a dict is deserialized (a schedule or a registered callable)."""
    if isinstance(value, dict):
        return schedule_module.deserialize(value, custom_objects=custom_objects)
    return value
