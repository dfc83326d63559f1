"""`schedules.serialize` / `schedules.deserialize`, in the config format of keras.saving."""

from __future__ import annotations

from ...saving import serialization
from . import cosine, exponential, piecewise, polynomial
from .learning_rate_schedule import LearningRateSchedule

__all__ = ["serialize", "deserialize", "check_known"]

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
    check_known(config, _BUILTIN, custom_objects, "schedule")
    return serialization.deserialize_keras_object(
        config, module_objects=_BUILTIN, custom_objects=custom_objects,
        printable_module_name="decay")


def check_known(config, module_objects: dict, custom_objects, kind: str) -> None:
    """Refuses a class config naming neither a built-in of `kind` nor a registered or custom
    object (so that no other Keras class of the same name is built in its place).

    Raises:
        TypeError: "Could not locate class ..." naming the class.
    """
    if not isinstance(config, dict) or not isinstance(config.get("class_name"), str):
        return
    for name in (config.get("registered_name"), config["class_name"]):
        if serialization.get_registered_object(name, custom_objects, module_objects) is not None:
            return
    raise TypeError(
        f"Could not locate class '{config['class_name']}' (a {kind}). Make sure custom classes "
        f"are decorated with `@keras.saving.register_keras_serializable()`, or pass them in "
        f"`custom_objects`. Full object config: {config}")
