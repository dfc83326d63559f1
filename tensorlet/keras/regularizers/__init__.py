"""`tf.keras.regularizers`: L1, L2, L1L2 (also `l1`, `l2`, `l1_l2`) and get/serialize.

Example:
    >>> import tensorlet as tf
    >>> tf.keras.regularizers.get("l2").get_config()
    {'l2': 0.01}
"""

from __future__ import annotations

from .. import _lookup
from .regularizers import L1, L1L2, L2, Regularizer

l1, l2, l1_l2 = L1, L2, L1L2

__all__ = ["Regularizer", "L1", "L2", "L1L2", "l1", "l2", "l1_l2", "get", "serialize",
           "deserialize"]

_BUILTINS = {"Regularizer": Regularizer, "L1": L1, "L2": L2, "L1L2": L1L2, "l1": L1, "l2": L2,
             "l1_l2": L1L2, "l1l2": L1L2}


def serialize(regularizer):
    """Returns the config dict of a regularizer object or function.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.regularizers.serialize(tf.keras.regularizers.L2(0.5))["config"]
        {'l2': 0.5}
    """
    return _lookup.serialize(regularizer)


def deserialize(config, custom_objects=None):
    """Returns the regularizer a name or config dict describes.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.regularizers.deserialize({"class_name": "L1", "config": {"l1": 0.5}}).l1
        0.5
    """
    return _lookup.deserialize(config, custom_objects, _BUILTINS, "regularizer")


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
    return _lookup.get(identifier, deserialize, "regularizer")
