"""`tf.keras.regularizers`: L1, L2, L1L2 (also `l1`, `l2`, `l1_l2`) and get/serialize.

Example:
    >>> import tensorlet as tf
    >>> tf.keras.regularizers.get("l2").get_config()
    {'l2': 0.01}
"""

from __future__ import annotations

import inspect

from .regularizers import L1, L1L2, L2, Regularizer

l1, l2, l1_l2 = L1, L2, L1L2

__all__ = ["Regularizer", "L1", "L2", "L1L2", "l1", "l2", "l1_l2", "get", "serialize",
           "deserialize"]

_BUILTINS = {"Regularizer": Regularizer, "L1": L1, "L2": L2, "L1L2": L1L2, "l1": L1, "l2": L2,
             "l1_l2": L1L2, "l1l2": L1L2}


def _serialization():
    from ..saving import serialization

    return serialization


def serialize(regularizer):
    """Returns the config dict of a regularizer object or function.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.regularizers.serialize(tf.keras.regularizers.L2(0.5))["config"]
        {'l2': 0.5}
    """
    return _serialization().serialize_keras_object(regularizer)


def deserialize(config, custom_objects=None):
    """Returns the regularizer a name or config dict describes.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.regularizers.deserialize({"class_name": "L1", "config": {"l1": 0.5}}).l1
        0.5
    """
    if isinstance(config, str) and config in _BUILTINS and not custom_objects:
        return _BUILTINS[config]()
    obj = _serialization().deserialize_keras_object(
        config, module_objects=_BUILTINS, custom_objects=custom_objects,
        printable_module_name="regularizer")
    return obj() if inspect.isclass(obj) else obj


def get(identifier):
    """Returns a regularizer: None, a name, a config dict, or a callable as is.

    Raises:
        ValueError: when the identifier cannot be interpreted.
        TypeError: when a config dict names an object that cannot be found.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.regularizers.get(None) is None
        True
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
                f"Could not interpret regularizer identifier: {identifier}") from error
    else:
        obj = identifier
    if inspect.isclass(obj):
        obj = obj()
    if callable(obj):
        return obj
    raise ValueError(f"Could not interpret regularizer identifier: {identifier}")
