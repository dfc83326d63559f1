"""Regression losses: squared, absolute, percentage, log, Huber, log-cosh and cosine.

Each function returns one loss per instance (the mean over the last axis: shape `(batch,)` for
`(batch, n)` inputs, A12.2); each class wraps its function with a reduction (A4).
"""

from __future__ import annotations

import math

import tensorlet as tf

from .. import backend
from ._inputs import epsilon_like, prepare
from .loss import LossFunctionWrapper

__all__ = [
    "mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
    "mean_squared_logarithmic_error", "huber", "log_cosh", "cosine_similarity",
    "mse", "MSE", "mae", "MAE", "mape", "MAPE", "msle", "MSLE", "logcosh",
    "MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError",
    "MeanSquaredLogarithmicError", "Huber", "LogCosh", "CosineSimilarity",
]


def mean_squared_error(y_true, y_pred):
    """Mean of `(y_true - y_pred) ** 2` over the last axis (D7: also `mse`, `MSE`).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.mean_squared_error([[0., 1.], [3., 3.]], [[1., 1.], [0., 1.]]).numpy()
        array([0.5, 6.5], dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred)
    return tf.reduce_mean(tf.square(y_true - y_pred), axis=-1)


def mean_absolute_error(y_true, y_pred):
    """Mean of `|y_true - y_pred|` over the last axis (also `mae`, `MAE`).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.mean_absolute_error([[0., 1.]], [[1., 4.]]).numpy()
        array([2.], dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred)
    return tf.reduce_mean(tf.abs(y_true - y_pred), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    """`100 * mean(|y_true - y_pred| / max(|y_true|, epsilon))` over the last axis.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.mean_absolute_percentage_error([[2., 4.]], [[1., 4.]]).numpy()
        array([25.], dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred)
    scale = tf.maximum(tf.abs(y_true), epsilon_like(y_true))
    return 100.0 * tf.reduce_mean(tf.abs((y_true - y_pred) / scale), axis=-1)


def mean_squared_logarithmic_error(y_true, y_pred):
    """Mean of `(log(1 + y_pred) - log(1 + y_true)) ** 2` (values below epsilon are clipped).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.mean_squared_logarithmic_error([[0.]], [[1.]]).numpy().round(4)
        array([0.4805], dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred)
    eps = epsilon_like(y_pred)
    first = tf.math.log(tf.maximum(y_pred, eps) + 1.0)
    second = tf.math.log(tf.maximum(y_true, eps) + 1.0)
    return tf.reduce_mean(tf.square(first - second), axis=-1)


def huber(y_true, y_pred, delta=1.0):
    """Huber loss: `err**2 / 2` where `|err| <= delta`, else `delta * |err| - delta**2 / 2`.

    Args:
        y_true: the targets.
        y_pred: the predictions.
        delta: where the quadratic part turns linear.

    Returns:
        The mean over the last axis.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.huber([[0.], [3.]], [[1.], [0.]], delta=2.).numpy()
        array([0.5, 4. ], dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred)
    delta = float(delta) if isinstance(delta, int | float) else tf.cast(delta, y_pred.dtype)
    error = y_pred - y_true
    abs_error = tf.abs(error)
    quadratic = 0.5 * tf.square(error)
    linear = delta * abs_error - 0.5 * delta * delta
    return tf.reduce_mean(tf.where(abs_error <= delta, quadratic, linear), axis=-1)


def log_cosh(y_true, y_pred):
    """Mean of `log(cosh(y_pred - y_true))`, computed without overflow (also `logcosh`).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.log_cosh([[0.]], [[1.]]).numpy().round(4)
        array([0.4338], dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred)
    x = y_pred - y_true
    # NOTE: log(cosh(x)) = x + softplus(-2x) - log(2) stays finite for large |x|.
    return tf.reduce_mean(x + tf.nn.softplus(-2.0 * x) - math.log(2.0), axis=-1)


def cosine_similarity(y_true, y_pred, axis=-1):
    """Negative cosine similarity along `axis`: -1 for parallel vectors, 0 for orthogonal ones.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.cosine_similarity([[0., 1.], [0., 2.]], [[1., 0.], [0., 3.]]).numpy()
        array([-0., -1.], dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred)
    # NOTE: x / max(||x||, epsilon), as Keras divides: the epsilon bounds the norm itself.
    floor = backend.epsilon() ** 2
    y_true = tf.math.l2_normalize(y_true, axis=axis, epsilon=floor)
    y_pred = tf.math.l2_normalize(y_pred, axis=axis, epsilon=floor)
    return -tf.reduce_sum(y_true * y_pred, axis=axis)


mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
logcosh = log_cosh


class MeanSquaredError(LossFunctionWrapper):
    """`mean_squared_error` as a loss object (A4).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.MeanSquaredError()([[0.], [3.]], [[1.], [0.]]).numpy()
        np.float32(5.0)
    """

    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_error", dtype=None):
        super().__init__(mean_squared_error, name=name, reduction=reduction, dtype=dtype)


class MeanAbsoluteError(LossFunctionWrapper):
    """`mean_absolute_error` as a loss object.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.MeanAbsoluteError()([[0.], [3.]], [[1.], [0.]]).numpy()
        np.float32(2.0)
    """

    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_error", dtype=None):
        super().__init__(mean_absolute_error, name=name, reduction=reduction, dtype=dtype)


class MeanAbsolutePercentageError(LossFunctionWrapper):
    """`mean_absolute_percentage_error` as a loss object.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.MeanAbsolutePercentageError()([[2.]], [[1.]]).numpy()
        np.float32(50.0)
    """

    def __init__(self, reduction="sum_over_batch_size",
                 name="mean_absolute_percentage_error", dtype=None):
        super().__init__(mean_absolute_percentage_error, name=name, reduction=reduction,
                         dtype=dtype)


class MeanSquaredLogarithmicError(LossFunctionWrapper):
    """`mean_squared_logarithmic_error` as a loss object.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.MeanSquaredLogarithmicError()([[0.]], [[0.]]).numpy()
        np.float32(0.0)
    """

    def __init__(self, reduction="sum_over_batch_size",
                 name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(mean_squared_logarithmic_error, name=name, reduction=reduction,
                         dtype=dtype)


class Huber(LossFunctionWrapper):
    """`huber` as a loss object; `Huber(2.)` gives the book's 2.25 (A4.5).

    Args:
        delta: where the quadratic part turns linear (default 1.0; saved in the config).
        reduction, name, dtype: see `Loss`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.Huber(2.)([[0.], [3.]], [[1.], [0.]]).numpy()
        np.float32(2.25)
    """

    def __init__(self, delta=1.0, reduction="sum_over_batch_size", name="huber_loss",
                 dtype=None):
        super().__init__(huber, name=name, reduction=reduction, dtype=dtype, delta=delta)
        self.delta = delta


class LogCosh(LossFunctionWrapper):
    """`log_cosh` as a loss object.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.LogCosh()([[0.]], [[0.]]).numpy()
        np.float32(0.0)
    """

    def __init__(self, reduction="sum_over_batch_size", name="log_cosh", dtype=None):
        super().__init__(log_cosh, name=name, reduction=reduction, dtype=dtype)


class CosineSimilarity(LossFunctionWrapper):
    """`cosine_similarity` as a loss object (minimizing it aligns the vectors).

    Args:
        axis: the axis along which the similarity is computed.
        reduction, name, dtype: see `Loss`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.CosineSimilarity()([[0., 1.]], [[0., 2.]]).numpy()
        np.float32(-1.0)
    """

    def __init__(self, axis=-1, reduction="sum_over_batch_size", name="cosine_similarity",
                 dtype=None):
        super().__init__(cosine_similarity, name=name, reduction=reduction, dtype=dtype,
                         axis=axis)
        self.axis = axis
