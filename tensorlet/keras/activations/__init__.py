"""`tf.keras.activations`: the built-in activations and `get`/`serialize`/`deserialize`.

Example:
    >>> import tensorlet as tf
    >>> tf.keras.activations.get("swish").__name__
    'silu'
"""

from __future__ import annotations

import inspect

from .. import _lookup
from .activations import *  # noqa: F403
from .activations import __all__ as _FUNCTIONS
from .activations import linear

__all__ = [*_FUNCTIONS, "get", "serialize", "deserialize"]

_BUILTINS = {name: globals()[name] for name in _FUNCTIONS}
_BY_OBJECT = {fn: fn.__name__ for fn in _BUILTINS.values()}


def serialize(activation):
    """Returns the saved form of an activation: its name for a built-in one (A6.5).

    Tensor functions of the same name (`tf.nn.relu`, `tf.nn.softplus`) and `tf.exp`
    ("exponential") save by name too; any other callable goes through
    `keras.saving.serialize_keras_object`.

    Args:
        activation: a function or a callable object (a Layer can serve as an activation).

    Returns:
        A str, or a config dict.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.serialize(tf.keras.activations.swish)
        'silu'
    """
    name = _builtin_name(activation)
    if name is not None:
        return name
    return _lookup.serialize(activation)


def _builtin_name(fn) -> str | None:
    try:
        if fn in _BY_OBJECT:
            return _BY_OBJECT[fn]
    except TypeError:  # an unhashable callable object
        return None
    if not inspect.isfunction(fn) or not fn.__module__.startswith("tensorlet."):
        return None
    import tensorlet as tf

    if fn is tf.exp:
        return "exponential"
    return fn.__name__ if fn.__name__ in _BUILTINS else None


def deserialize(config, custom_objects=None):
    """Returns the activation a saved form names (a str or a config dict).

    Args:
        config: a name such as "relu", or a dict from `serialize`.
        custom_objects: an optional dict of user functions.

    Raises:
        ValueError: when the name is unknown.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.deserialize("relu").__name__
        'relu'
    """
    return _lookup.deserialize(config, custom_objects, _BUILTINS, "activation function",
                               instantiate=False)


def get(identifier):
    """Returns the activation function for `identifier`.

    Args:
        identifier: None (linear), a name ("relu", "swish"...), a config dict, or a callable
            (returned as is).

    Raises:
        ValueError: when it cannot be interpreted.
        TypeError: when a config dict names an object that cannot be found.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.activations.get(None).__name__
        'linear'
    """
    if identifier is None:
        return linear
    return _lookup.get(identifier, deserialize, "activation function", instantiate=False)
