"""Hinge losses (for "maximum-margin" classifiers): hinge, squared hinge, categorical hinge.

Labels are expected in {-1, 1}; labels given in {0, 1} (every value 0 or 1) are converted.
"""

from __future__ import annotations

import tensorlet as tf

from ._inputs import prepare
from .loss import LossFunctionWrapper

__all__ = ["hinge", "squared_hinge", "categorical_hinge", "Hinge", "SquaredHinge",
           "CategoricalHinge"]


def _signed_labels(y_true):
    """{0, 1} labels -> {-1, 1}; other labels are kept (the whole tensor decides)."""
    is_binary = tf.reduce_all(tf.logical_or(tf.equal(y_true, 0.0), tf.equal(y_true, 1.0)))
    return tf.where(is_binary, 2.0 * y_true - 1.0, y_true)


def _margins(y_true, y_pred):
    y_true, y_pred = prepare(y_true, y_pred, same_rank=False)
    return tf.maximum(1.0 - _signed_labels(y_true) * y_pred, 0.0)


def hinge(y_true, y_pred):
    """Mean of `max(1 - y_true * y_pred, 0)` over the last axis.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.hinge([[0., 1.]], [[0.5, 0.3]]).numpy()
        array([1.1], dtype=float32)
    """
    return tf.reduce_mean(_margins(y_true, y_pred), axis=-1)


def squared_hinge(y_true, y_pred):
    """Mean of `max(1 - y_true * y_pred, 0) ** 2` over the last axis.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.squared_hinge([[0., 1.]], [[0.5, 0.3]]).numpy()
        array([1.37], dtype=float32)
    """
    return tf.reduce_mean(tf.square(_margins(y_true, y_pred)), axis=-1)


def categorical_hinge(y_true, y_pred):
    """`max(max_wrong - score_true + 1, 0)` for one-hot labels along the last axis.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.categorical_hinge([[0., 1.]], [[0.5, 0.3]]).numpy()
        array([1.2], dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred, same_rank=False)
    positive = tf.reduce_sum(y_true * y_pred, axis=-1)
    negative = tf.reduce_max((1.0 - y_true) * y_pred, axis=-1)
    return tf.maximum(negative - positive + 1.0, 0.0)


class Hinge(LossFunctionWrapper):
    """`hinge` as a loss object.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.Hinge()([[1.]], [[2.]]).numpy()
        np.float32(0.0)
    """

    def __init__(self, reduction="sum_over_batch_size", name="hinge", dtype=None):
        super().__init__(hinge, name=name, reduction=reduction, dtype=dtype)


class SquaredHinge(LossFunctionWrapper):
    """`squared_hinge` as a loss object.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.SquaredHinge()([[1.]], [[0.]]).numpy()
        np.float32(1.0)
    """

    def __init__(self, reduction="sum_over_batch_size", name="squared_hinge", dtype=None):
        super().__init__(squared_hinge, name=name, reduction=reduction, dtype=dtype)


class CategoricalHinge(LossFunctionWrapper):
    """`categorical_hinge` as a loss object.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.CategoricalHinge()([[0., 1.]], [[0., 2.]]).numpy()
        np.float32(0.0)
    """

    def __init__(self, reduction="sum_over_batch_size", name="categorical_hinge", dtype=None):
        super().__init__(categorical_hinge, name=name, reduction=reduction, dtype=dtype)
