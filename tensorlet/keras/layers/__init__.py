"""`tf.keras.layers`: the `Layer` base, `InputLayer`/`Input`, and every layer family.

The layer families live in subpackages (core/, regularization/, normalization/...); each public
name in a family's `__all__` is exported here automatically, so adding a layer needs no edit of
this file.

Example:
    >>> import tensorlet as tf
    >>> issubclass(tf.keras.layers.InputLayer, tf.keras.layers.Layer)
    True
"""

import importlib
import pkgutil

from . import operator_layer
from .base_layer import Layer
from .input_layer import Input, InputLayer
from .keras_tensor import KerasTensor

__all__ = ["Layer", "InputLayer", "Input", "KerasTensor", "OperatorLayer", "serialize",
           "deserialize"]

OperatorLayer = operator_layer.OperatorLayer


def serialize(layer) -> dict:
    """The config dict of a layer (`keras.saving.serialize_keras_object`).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.layers.serialize(tf.keras.layers.Dense(2))["class_name"]
        'Dense'
    """
    from ..saving import serialization

    return serialization.serialize_keras_object(layer)


def deserialize(config, custom_objects=None):
    """The layer a config dict describes (only built-in, registered or `custom_objects`
    classes; nothing is imported or evaluated).

    Example:
        >>> import tensorlet as tf
        >>> config = tf.keras.layers.serialize(tf.keras.layers.Dense(3))
        >>> tf.keras.layers.deserialize(config).units
        3
    """
    from ..saving import serialization

    return serialization.deserialize_keras_object(
        config, custom_objects=custom_objects, printable_module_name="layer")


def _export_families() -> None:
    """Imports every family subpackage and re-exports the names of its `__all__`."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.ispkg:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name in getattr(module, "__all__", ()):
            globals()[name] = getattr(module, name)
            if name not in __all__:
                __all__.append(name)


operator_layer.install(KerasTensor)
_export_families()
