"""`tf.keras.datasets`: `mnist`, `fashion_mnist` and `boston_housing` (downloaded once into a
cache, as in Keras) and `digits` (shipped with tensorlet, so it works offline).

Downloads are cached in `~/.keras/datasets`, where Keras caches them, or in the folder named by
the `TENSORLET_DATA` environment variable. Submodules load on first use.

Example:
    >>> from tensorlet.keras import datasets  # tf.keras.datasets
    >>> (X_train, y_train), (X_test, y_test) = datasets.digits.load_data()
    >>> X_train.shape
    (1437, 8, 8)
"""

import importlib

__all__ = ["boston_housing", "digits", "fashion_mnist", "mnist"]


def __getattr__(name):
    if name not in __all__:
        raise AttributeError(f"module 'tensorlet.keras.datasets' has no attribute '{name}'")
    module = importlib.import_module(f"{__name__}.{name}")
    globals()[name] = module
    return module


def __dir__():
    return sorted(set(globals()) | set(__all__))
