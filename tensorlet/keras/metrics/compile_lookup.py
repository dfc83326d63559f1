"""How `model.compile(metrics=[...])` turns each entry into a metric object (for the trainer).

A string gives the metric it names, called by that string (`"mse"` is a MeanSquaredError
named "mse"); `"accuracy"`/`"acc"` and `"crossentropy"`/`"ce"` pick the binary, sparse or
categorical variant from the shapes of the labels and predictions; a function becomes a
`MeanMetricWrapper` named after it (A7.1: the book's `huber_fn`); a metric object is kept.
"""

from __future__ import annotations

__all__ = ["get_for_compile"]


def _variant(y_true, y_pred) -> str:
    """"binary", "sparse" or "categorical", from the static shapes."""
    true_shape = list(getattr(y_true, "shape", ()))
    pred_shape = list(getattr(y_pred, "shape", ()))
    if len(pred_shape) <= 1 or pred_shape[-1] == 1:
        return "binary"
    if len(true_shape) < len(pred_shape) or (true_shape and true_shape[-1] == 1):
        return "sparse"
    return "categorical"


def get_for_compile(identifier, y_true=None, y_pred=None):
    """The metric object `compile` uses for one entry of `metrics=[...]`.

    Args:
        identifier: a metric object, a string, a config dict or a function.
        y_true: a batch of labels (only its shape is used; needed for "accuracy"/"ce").
        y_pred: a batch of predictions (idem).

    Returns:
        A `Metric`.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras.metrics.compile_lookup import get_for_compile
        >>> m = get_for_compile("accuracy", tf.zeros([4]), tf.zeros([4, 3]))
        >>> type(m).__name__, m.name
        ('SparseCategoricalAccuracy', 'accuracy')
    """
    from .. import metrics
    from .metric import Metric
    from .reduction_metrics import MeanMetricWrapper

    if isinstance(identifier, Metric):
        return identifier
    if isinstance(identifier, str) and identifier in ("accuracy", "acc", "crossentropy", "ce"):
        variant = _variant(y_true, y_pred)
        is_accuracy = identifier in ("accuracy", "acc")
        classes = {
            "binary": metrics.BinaryAccuracy if is_accuracy else metrics.BinaryCrossentropy,
            "sparse": (metrics.SparseCategoricalAccuracy if is_accuracy
                       else metrics.SparseCategoricalCrossentropy),
            "categorical": (metrics.CategoricalAccuracy if is_accuracy
                            else metrics.CategoricalCrossentropy),
        }
        return classes[variant](name=identifier)
    if isinstance(identifier, str) and identifier in metrics._BY_STRING:
        return metrics._BY_STRING[identifier](name=identifier)
    if isinstance(identifier, str):
        metric = metrics.get(identifier)
        if isinstance(metric, Metric):
            return metric
        return MeanMetricWrapper(metric, name=identifier)
    metric = metrics.get(identifier)
    if isinstance(metric, Metric):
        return metric
    return MeanMetricWrapper(metric)
