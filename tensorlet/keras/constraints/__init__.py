"""`tf.keras.constraints`: MaxNorm, NonNeg, UnitNorm, MinMaxNorm (and the lower-case
aliases, incl. the book's `nonneg`) with get/serialize/deserialize.

Example:
    >>> import tensorlet as tf
    >>> tf.keras.constraints.get("max_norm").get_config()
    {'max_value': 2, 'axis': 0}
"""

from __future__ import annotations

from .. import _lookup
from .constraints import Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm

max_norm, non_neg, unit_norm, min_max_norm = MaxNorm, NonNeg, UnitNorm, MinMaxNorm
# The chapter's spelling (`tf.keras.constraints.nonneg()`, A6.2).
nonneg = NonNeg

__all__ = ["Constraint", "MaxNorm", "NonNeg", "UnitNorm", "MinMaxNorm", "max_norm", "non_neg",
           "nonneg", "unit_norm", "min_max_norm", "get", "serialize", "deserialize"]

_BUILTINS = {name: globals()[name] for name in __all__[:10]}


def serialize(constraint):
    """Returns the config dict of a constraint object or function.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.constraints.serialize(tf.keras.constraints.NonNeg())["class_name"]
        'NonNeg'
    """
    return _lookup.serialize(constraint)


def deserialize(config, custom_objects=None):
    """Returns the constraint a name or config dict describes.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.constraints.deserialize(
        ...     {"class_name": "MaxNorm", "config": {"max_value": 3}}).max_value
        3
    """
    return _lookup.deserialize(config, custom_objects, _BUILTINS, "constraint")


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
    return _lookup.get(identifier, deserialize, "constraint")
