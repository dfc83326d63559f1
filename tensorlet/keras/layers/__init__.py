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

__all__ = ["Layer", "InputLayer", "Input", "KerasTensor", "OperatorLayer"]

OperatorLayer = operator_layer.OperatorLayer


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
