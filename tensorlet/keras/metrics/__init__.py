"""`tf.keras.metrics`: streaming metrics, metric functions, `get`/`serialize`/`deserialize`.

Example:
    >>> import tensorlet as tf
    >>> precision = tf.keras.metrics.Precision()
    >>> precision([0, 1, 1, 1, 0, 1, 0, 1], [1, 1, 0, 1, 0, 1, 0, 1]).numpy().round(4)
    np.float32(0.8)
"""

from __future__ import annotations

import inspect

from .. import backend
from ..losses import (
    KLD,
    MAE,
    MAPE,
    MSE,
    MSLE,
    binary_crossentropy,
    categorical_crossentropy,
    categorical_hinge,
    hinge,
    huber,
    kld,
    kullback_leibler_divergence,
    logcosh,
    mae,
    mape,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    mean_squared_logarithmic_error,
    mse,
    msle,
    poisson,
    sparse_categorical_crossentropy,
    squared_hinge,
)
from . import accuracy_metrics as _accuracy
from . import confusion_metrics as _confusion
from . import probabilistic_metrics as _probabilistic
from . import regression_metrics as _regression
from .accuracy_metrics import *  # noqa: F403
from .auc import AUC
from .confusion_metrics import *  # noqa: F403
from .metric import Metric
from .probabilistic_metrics import *  # noqa: F403
from .reduction_metrics import Mean, MeanMetricWrapper, Sum
from .regression_metrics import *  # noqa: F403

_LOSS_FUNCTIONS = [
    "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy",
    "categorical_hinge", "hinge", "squared_hinge", "huber", "kld", "KLD",
    "kullback_leibler_divergence", "logcosh", "mae", "MAE", "mape", "MAPE", "mse", "MSE",
    "msle", "MSLE", "poisson", "mean_absolute_error", "mean_absolute_percentage_error",
    "mean_squared_error", "mean_squared_logarithmic_error",
]
_MODULES = (_accuracy, _confusion, _probabilistic, _regression)
_CLASS_NAMES = ["Metric", "Mean", "Sum", "MeanMetricWrapper", "AUC",
                *(name for module in _MODULES for name in module.__all__
                  if inspect.isclass(getattr(module, name)))]
_METRIC_FUNCTIONS = [name for name in _accuracy.__all__
                     if not inspect.isclass(getattr(_accuracy, name))]

__all__ = [*_CLASS_NAMES, *_METRIC_FUNCTIONS, *_LOSS_FUNCTIONS, "get", "serialize",
           "deserialize"]

_CLASSES = {name: globals()[name] for name in _CLASS_NAMES}
_FUNCTIONS = {name: globals()[name] for name in (*_METRIC_FUNCTIONS, *_LOSS_FUNCTIONS)}
# What a metric string names (`metrics.get("mse")` gives a MeanSquaredError object).
_BY_STRING = {
    "accuracy": Accuracy, "acc": Accuracy,  # noqa: F405
    "mse": MeanSquaredError, "mae": MeanAbsoluteError,  # noqa: F405
    "mape": MeanAbsolutePercentageError, "msle": MeanSquaredLogarithmicError,  # noqa: F405
    "auc": AUC, "logcosh": LogCoshError,  # noqa: F405
    **{cls.__name__: cls for cls in _CLASSES.values()},
    **{backend.to_snake_case(cls.__name__): cls for cls in _CLASSES.values()},
}
for _name in ("Metric", "metric", "MeanMetricWrapper", "mean_metric_wrapper"):
    _BY_STRING.pop(_name, None)


def _serialization():
    from ..saving import serialization

    return serialization


def serialize(metric):
    """Returns the saved form of a metric (a config dict; a function saves by name).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.serialize(tf.keras.metrics.Mean(name="m"))["config"]
        {'name': 'm', 'dtype': 'float32'}
    """
    return _serialization().serialize_keras_object(metric)


def deserialize(config, custom_objects=None):
    """Returns the metric (or metric function) a saved form names.

    Args:
        config: a name or a dict from `serialize`.
        custom_objects: an optional dict of user functions and classes, by name.

    Example:
        >>> import tensorlet as tf
        >>> config = tf.keras.metrics.serialize(tf.keras.metrics.AUC(curve="PR"))
        >>> tf.keras.metrics.deserialize(config).curve
        'PR'
    """
    return _serialization().deserialize_keras_object(
        config, module_objects={**_FUNCTIONS, **_CLASSES}, custom_objects=custom_objects,
        printable_module_name="metric function")


def get(identifier):
    """Returns a metric for `identifier`: a name gives a new metric object
    (`"accuracy"`/`"acc"`, `"mse"`, `"mae"`, `"Precision"`, `"auc"`...); a config dict is
    deserialized; a callable (function or metric) is returned as is; None gives None.

    Raises:
        ValueError: when the identifier cannot be interpreted.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.get("mae").name
        'mean_absolute_error'
    """
    if identifier is None:
        return None
    if isinstance(identifier, str) and identifier in _BY_STRING:
        return _BY_STRING[identifier]()
    obj = identifier
    if isinstance(identifier, str | dict):
        try:
            obj = deserialize(identifier)
        except (ValueError, TypeError) as error:
            raise ValueError(f"Could not interpret metric identifier: {identifier}") from error
    if inspect.isclass(obj):
        obj = obj()
    if callable(obj) and not isinstance(obj, str):
        return obj
    raise ValueError(f"Could not interpret metric identifier: {identifier}")
