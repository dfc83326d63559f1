"""`tf.keras`: layers, models, losses, metrics, optimizers and saving, on tensorlet.

Subpackages load on first use (`tf.keras.layers`, `tf.keras.losses`...), so `import tensorlet`
stays fast.

Example:
    >>> import tensorlet as tf
    >>> model = tf.keras.Sequential([tf.keras.layers.Layer()])
    >>> isinstance(model, tf.keras.Model)
    True
"""

import importlib

__all__ = ["Input", "Model", "Sequential", "layers", "models", "losses", "metrics",
           "optimizers", "activations", "initializers", "regularizers", "constraints",
           "saving", "utils", "backend", "callbacks", "datasets"]

_SUBPACKAGES = frozenset({"layers", "models", "losses", "metrics", "optimizers",
                          "activations", "initializers", "regularizers", "constraints",
                          "saving", "utils", "backend", "callbacks", "datasets"})
_FROM = {"Input": "layers", "Model": "models", "Sequential": "models"}


def __getattr__(name):
    if name in _SUBPACKAGES:
        try:
            value = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module 'tensorlet.keras' has no attribute '{name}' (the "
                                 f"'{name}' subpackage is not written yet)") from None
    elif name in _FROM:
        value = getattr(importlib.import_module(f"{__name__}.{_FROM[name]}"), name)
    else:
        raise AttributeError(f"module 'tensorlet.keras' has no attribute '{name}'")
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
