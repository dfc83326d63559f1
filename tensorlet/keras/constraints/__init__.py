"""`tf.keras.constraints`: MaxNorm, NonNeg, UnitNorm, MinMaxNorm (and the lower-case
aliases, incl. the book's `nonneg`) with get/serialize/deserialize.

Example:
    >>> import tensorlet as tf
    >>> tf.keras.constraints.get("max_norm").get_config()
    {'max_value': 2, 'axis': 0}
"""

from __future__ import annotations

import inspect

from .constraints import Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm

max_norm, non_neg, unit_norm, min_max_norm = MaxNorm, NonNeg, UnitNorm, MinMaxNorm
# The chapter's spelling (`tf.keras.constraints.nonneg()`, A6.2).
nonneg = NonNeg

__all__ = ["Constraint", "MaxNorm", "NonNeg", "UnitNorm", "MinMaxNorm", "max_norm", "non_neg",
           "nonneg", "unit_norm", "min_max_norm", "get", "serialize", "deserialize"]

_BUILTINS = {name: globals()[name] for name in __all__[:10]}


def _serialization():
    from ..saving import serialization

    return serialization


def serialize(constraint):
    """Returns the config dict of a constraint object or function.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.constraints.serialize(tf.keras.constraints.NonNeg())["class_name"]
        'NonNeg'
    """
    return _serialization().serialize_keras_object(constraint)


def deserialize(config, custom_objects=None):
    """Returns the constraint a name or config dict describes.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.constraints.deserialize(
        ...     {"class_name": "MaxNorm", "config": {"max_value": 3}}).max_value
        3
    """
    if isinstance(config, str) and config in _BUILTINS and not custom_objects:
        return _BUILTINS[config]()
    obj = _serialization().deserialize_keras_object(
        config, module_objects=_BUILTINS, custom_objects=custom_objects,
        printable_module_name="constraint")
    return obj() if inspect.isclass(obj) else obj


def get(identifier):
    """Returns a constraint: None, a name, a config dict, or a callable as is.

    Raises:
        ValueError: when the identifier cannot be interpreted.
        TypeError: when a config dict names an object that cannot be found.

    Example:
        >>> import tensorlet as tf
        >>> type(tf.keras.constraints.get("non_neg")).__name__
        'NonNeg'
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        try:
            obj = deserialize(identifier)
        except (ValueError, TypeError) as error:
            raise ValueError(
                f"Could not interpret constraint identifier: {identifier}") from error
    else:
        obj = identifier
    if inspect.isclass(obj):
        obj = obj()
    if callable(obj):
        return obj
    raise ValueError(f"Could not interpret constraint identifier: {identifier}")
