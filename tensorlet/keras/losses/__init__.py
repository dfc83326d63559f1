"""`tf.keras.losses`: loss functions and classes, `Loss`, `Reduction`, `get`/`serialize`.

Both the long and the short names are exported (D7): `mean_squared_error`, `mse` and `MSE` are
one function, returning one loss per instance (A12.2).

Example:
    >>> import tensorlet as tf
    >>> tf.keras.losses.mean_squared_error([[0.], [3.]], [[1.], [0.]]).numpy()
    array([1., 9.], dtype=float32)
"""

from __future__ import annotations

import inspect

from . import hinge as _hinge
from . import probabilistic as _probabilistic
from . import regression as _regression
from .hinge import *  # noqa: F403
from .loss import Loss, LossFunctionWrapper
from .probabilistic import *  # noqa: F403
from .reduction import Reduction
from .regression import *  # noqa: F403

__all__ = [
    "Loss", "LossFunctionWrapper", "Reduction",
    *_regression.__all__, *_probabilistic.__all__, *_hinge.__all__,
    "get", "serialize", "deserialize",
]

_ALIASES = {"bce": "binary_crossentropy", "BCE": "binary_crossentropy",
            "cce": "categorical_crossentropy", "CCE": "categorical_crossentropy",
            "scce": "sparse_categorical_crossentropy", "huber_loss": "huber"}
_BUILTINS = {name: globals()[name] for name in __all__
             if name not in ("Reduction", "get", "serialize", "deserialize")}
_BUILTINS.update({alias: _BUILTINS[name] for alias, name in _ALIASES.items()})


def _serialization():
    from ..saving import serialization

    return serialization


def serialize(loss):
    """Returns the saved form of a loss: a config dict (a function saves by name).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.serialize(tf.keras.losses.mse)["config"]
        'mean_squared_error'
    """
    return _serialization().serialize_keras_object(loss)


def deserialize(config, custom_objects=None):
    """Returns the loss a saved form names: a function name gives the function, a class
    config gives an instance (a bare class name gives the class; `get` instantiates it).

    Args:
        config: a name ("mse", "Huber") or a dict from `serialize`.
        custom_objects: an optional dict of user functions and classes, by name.

    Raises:
        ValueError / TypeError: naming the object that cannot be found.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.deserialize("mse").__name__
        'mean_squared_error'
    """
    return _serialization().deserialize_keras_object(
        config, module_objects=_BUILTINS, custom_objects=custom_objects,
        printable_module_name="loss function")


def get(identifier):
    """Returns a loss for `identifier`: None, a name, a config dict, or a callable.

    A class name gives a fresh instance (`get("Huber")`); a function name gives the function.

    Raises:
        ValueError: when the identifier cannot be interpreted.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.get("mse") is tf.keras.losses.mean_squared_error
        True
    """
    if identifier is None:
        return None
    obj = identifier
    if isinstance(identifier, str | dict):
        try:
            obj = deserialize(identifier)
        except (ValueError, TypeError) as error:
            raise ValueError(f"Could not interpret loss identifier: {identifier}") from error
    if inspect.isclass(obj):
        obj = obj()
    if callable(obj) and not isinstance(obj, str):
        return obj
    raise ValueError(f"Could not interpret loss identifier: {identifier}")
