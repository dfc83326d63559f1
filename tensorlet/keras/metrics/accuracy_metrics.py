"""Accuracy metrics: exact match, binary (thresholded), categorical, sparse and top-k (B3).

Each function returns 1.0 or 0.0 per instance; each class is its running mean.
"""

from __future__ import annotations

import tensorlet as tf

from .. import backend
from ..losses.reduction import squeeze_or_expand_to_same_rank
from .reduction_metrics import MeanMetricWrapper

__all__ = ["binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
           "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy",
           "Accuracy", "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy",
           "TopKCategoricalAccuracy", "SparseTopKCategoricalAccuracy"]


def _tensor(x):
    return x if tf.is_tensor(x) else tf.convert_to_tensor(x)


def _matches(a, b):
    return tf.cast(tf.equal(a, b), backend.floatx())


def _accuracy(y_true, y_pred):
    """1.0 where `y_true == y_pred` (element-wise)."""
    y_true, y_pred = squeeze_or_expand_to_same_rank(_tensor(y_true), _tensor(y_pred))
    if y_true.dtype != y_pred.dtype:
        y_pred = tf.cast(y_pred, y_true.dtype)
    return _matches(y_true, y_pred)


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """Mean over the last axis of `y_true == (y_pred > threshold)`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.binary_accuracy([[1.], [0.]], [[0.6], [0.7]]).numpy()
        array([1., 0.], dtype=float32)
    """
    y_true, y_pred = squeeze_or_expand_to_same_rank(_tensor(y_true), _tensor(y_pred))
    y_pred = tf.cast(y_pred > tf.cast(threshold, y_pred.dtype), y_true.dtype)
    return tf.reduce_mean(_matches(y_true, y_pred), axis=-1)


def categorical_accuracy(y_true, y_pred):
    """1.0 where the arg-max of the one-hot labels equals the arg-max of the predictions.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.categorical_accuracy([[0., 1.], [1., 0.]],
        ...                                       [[0.2, 0.8], [0.3, 0.7]]).numpy()
        array([1., 0.], dtype=float32)
    """
    return _matches(tf.argmax(_tensor(y_true), axis=-1), tf.argmax(_tensor(y_pred), axis=-1))


def _sparse_labels(y_true, y_pred):
    y_true = _tensor(y_true)
    if y_true.shape.rank == y_pred.shape.rank and y_true.shape[-1] == 1:
        y_true = tf.squeeze(y_true, -1)
    return y_true


def sparse_categorical_accuracy(y_true, y_pred):
    """1.0 where the integer label equals the arg-max of the predictions.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.sparse_categorical_accuracy([[1], [1]],
        ...                                              [[0.2, 0.8], [0.3, 0.2]]).numpy()
        array([1., 0.], dtype=float32)
    """
    y_pred = _tensor(y_pred)
    y_true = _sparse_labels(y_true, y_pred)
    predicted = tf.argmax(y_pred, axis=-1)
    if y_true.dtype.is_floating:
        return _matches(y_true, tf.cast(predicted, y_true.dtype))
    return _matches(tf.cast(y_true, tf.int64), predicted)


def _in_top_k(y_pred, labels, k):
    """Whether each label's score is among the `k` largest (ties at the boundary count in)."""
    labels = tf.cast(labels, tf.int32)
    depth = y_pred.shape[-1] if y_pred.shape[-1] is not None else tf.shape(y_pred)[-1]
    is_label = tf.one_hot(labels, depth, on_value=True, off_value=False)
    label_score = tf.reduce_sum(tf.where(is_label, y_pred, tf.zeros_like(y_pred)), axis=-1)
    greater = tf.reduce_sum(tf.cast(y_pred > label_score[..., None], tf.int32), axis=-1)
    return tf.logical_and(greater < k, tf.math.is_finite(label_score))


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1.0 where the one-hot label's class is among the `k` highest predictions.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.top_k_categorical_accuracy([[0., 0., 1.]], [[0.5, 0.3, 0.2]],
        ...                                             k=2).numpy()
        array([0.], dtype=float32)
    """
    y_pred = _tensor(y_pred)
    labels = tf.argmax(_tensor(y_true), axis=-1)
    return tf.cast(_in_top_k(y_pred, labels, k), backend.floatx())


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5, from_sorted_ids=False):
    """1.0 where the integer label is among the `k` highest predictions.

    Args:
        y_true: integer labels.
        y_pred: scores, or (with `from_sorted_ids=True`) class ids sorted by score.
        k: how many top classes count.
        from_sorted_ids: whether `y_pred` already holds the sorted top class ids.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.sparse_top_k_categorical_accuracy([2], [[0.5, 0.3, 0.2]],
        ...                                                    k=2).numpy()
        array([0.], dtype=float32)
    """
    y_pred = _tensor(y_pred)
    labels = _sparse_labels(y_true, y_pred)
    if from_sorted_ids:
        top = tf.cast(y_pred[..., :k], tf.int64)
        hits = tf.reduce_any(tf.equal(top, tf.cast(labels, tf.int64)[..., None]), axis=-1)
        return tf.cast(hits, backend.floatx())
    return tf.cast(_in_top_k(y_pred, labels, k), backend.floatx())


class Accuracy(MeanMetricWrapper):
    """How often predictions equal labels exactly.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.Accuracy()([[1], [2], [3]], [[1], [2], [4]]).numpy().round(4)
        np.float32(0.6667)
    """

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(_accuracy, name=name, dtype=dtype)


class BinaryAccuracy(MeanMetricWrapper):
    """How often `y_pred > threshold` matches binary labels.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.BinaryAccuracy()([[1], [1], [0], [0]],
        ...                                   [[0.98], [1], [0], [0.6]]).numpy()
        np.float32(0.75)
    """

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(binary_accuracy, name=name, dtype=dtype, threshold=threshold)
        self.threshold = threshold


class CategoricalAccuracy(MeanMetricWrapper):
    """How often the arg-max of the predictions matches one-hot labels.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.CategoricalAccuracy()([[0, 0, 1], [0, 1, 0]],
        ...                                        [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]).numpy()
        np.float32(0.5)
    """

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(categorical_accuracy, name=name, dtype=dtype)


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """How often the arg-max of the predictions matches integer labels (B3).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.SparseCategoricalAccuracy()([[2], [1]],
        ...                                              [[0.1, 0.6, 0.3], [0.05, 0.95, 0]]).numpy()
        np.float32(0.5)
    """

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(sparse_categorical_accuracy, name=name, dtype=dtype)


class TopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the one-hot label is among the `k` highest predictions.

    Example:
        >>> import tensorlet as tf
        >>> top1 = tf.keras.metrics.TopKCategoricalAccuracy(k=1)
        >>> top1([[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]).numpy()
        np.float32(0.5)
    """

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(top_k_categorical_accuracy, name=name, dtype=dtype, k=k)
        self.k = k


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the integer label is among the `k` highest predictions.

    Example:
        >>> import tensorlet as tf
        >>> top1 = tf.keras.metrics.SparseTopKCategoricalAccuracy(k=1)
        >>> top1([2, 1], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]).numpy()
        np.float32(0.5)
    """

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None,
                 from_sorted_ids=False):
        kwargs = {"from_sorted_ids": True} if from_sorted_ids else {}
        super().__init__(sparse_top_k_categorical_accuracy, name=name, dtype=dtype, k=k,
                         **kwargs)
        self.k = k
        self.from_sorted_ids = from_sorted_ids
