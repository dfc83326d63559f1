"""`schedules.serialize` / `schedules.deserialize` (keras-saving's config format)."""

from __future__ import annotations

from ...saving import serialization
from . import cosine, exponential, piecewise, polynomial
from .learning_rate_schedule import LearningRateSchedule

__all__ = ["serialize", "deserialize"]

_BUILTIN = {cls.__name__: cls for cls in (
    LearningRateSchedule, exponential.ExponentialDecay, exponential.InverseTimeDecay,
    piecewise.PiecewiseConstantDecay, polynomial.PolynomialDecay, cosine.CosineDecay,
    cosine.CosineDecayRestarts)}


def serialize(learning_rate_schedule) -> dict:
    """A schedule's config: `{"module", "class_name", "config", "registered_name"}`.

    Example:
        >>> from tensorlet.keras.optimizers import schedules
        >>> config = schedules.serialize(schedules.ExponentialDecay(0.1, 10, 0.5))
        >>> config["class_name"], config["config"]["decay_rate"]
        ('ExponentialDecay', 0.5)
    """
    return serialization.serialize_keras_object(learning_rate_schedule)


def deserialize(config, custom_objects=None):
    """Rebuilds a schedule from `serialize`'s output (user classes via `custom_objects`).

    Example:
        >>> from tensorlet.keras.optimizers import schedules
        >>> s = schedules.deserialize(schedules.serialize(schedules.InverseTimeDecay(1., 1, 1.)))
        >>> type(s).__name__
        'InverseTimeDecay'
    """
    return serialization.deserialize_keras_object(
        config, module_objects=_BUILTIN, custom_objects=custom_objects,
        printable_module_name="decay")
