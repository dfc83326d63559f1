"""`optimizers.get`, `serialize` and `deserialize`, in the config format of keras.saving."""

from __future__ import annotations

from ..saving import serialization
from .adagrad import Adagrad
from .adam import Adam
from .adamax import Adamax
from .adamw import AdamW
from .base_optimizer import Optimizer
from .nadam import Nadam
from .rmsprop import RMSprop
from .schedules import serialization as schedule_serialization
from .sgd import SGD

__all__ = ["get", "serialize", "deserialize"]

# NOTE: keyed by the lowercased class name, so "adam", "Adam" and "ADAM" all resolve.
_BUILTIN = {cls.__name__.lower(): cls for cls in (Optimizer, SGD, RMSprop, Adam, Nadam, AdamW,
                                                  Adagrad, Adamax)}


def serialize(optimizer) -> dict:
    """An optimizer's config: `{"module", "class_name", "config", "registered_name"}`.

    Example:
        >>> from tensorlet.keras import optimizers
        >>> config = optimizers.serialize(optimizers.SGD(momentum=0.9))
        >>> config["class_name"], config["config"]["momentum"]
        ('SGD', 0.9)
    """
    return serialization.serialize_keras_object(optimizer)


def deserialize(config, custom_objects=None):
    """Rebuilds an optimizer from `serialize`'s output (or a name, or a Keras 2 config).

    Raises:
        TypeError / ValueError: naming the class when it cannot be found.

    Example:
        >>> from tensorlet.keras import optimizers
        >>> opt = optimizers.deserialize({"class_name": "Adam", "config": {"beta_1": 0.8}})
        >>> type(opt).__name__, opt.beta_1
        ('Adam', 0.8)
    """
    if isinstance(config, str):
        config = {"class_name": config, "config": {}}
    if isinstance(config, dict) and isinstance(config.get("class_name"), str):
        if config["class_name"].lower() in _BUILTIN:
            config = dict(config, class_name=config["class_name"].lower())
    schedule_serialization.check_known(config, _BUILTIN, custom_objects, "optimizer")
    return serialization.deserialize_keras_object(
        config, module_objects=_BUILTIN, custom_objects=custom_objects,
        printable_module_name="optimizer")


def get(identifier):
    """An optimizer from a name ("sgd", "adam", "nadam", "rmsprop"...), a config, or itself.

    Args:
        identifier: an `Optimizer` (returned as is), a name, or a config dict. None gives None.

    Raises:
        ValueError: "Could not interpret optimizer identifier: ..." for anything else.

    Example:
        >>> from tensorlet.keras import optimizers
        >>> type(optimizers.get("nadam")).__name__
        'Nadam'
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        try:
            obj = deserialize(identifier)
        except TypeError:  # an unknown name: Keras's ValueError below
            obj = None
    else:
        obj = identifier
    if isinstance(obj, Optimizer):
        return obj
    raise ValueError(f"Could not interpret optimizer identifier: {identifier}")
