"""Regression metrics: running means of the regression losses, and `RootMeanSquaredError`."""

from __future__ import annotations

import tensorlet as tf

from .. import losses
from ..losses.reduction import squeeze_or_expand_to_same_rank
from .reduction_metrics import Mean, MeanMetricWrapper, _tensor_of, divide_no_nan

__all__ = ["MeanSquaredError", "MeanAbsoluteError", "MeanAbsolutePercentageError",
           "MeanSquaredLogarithmicError", "RootMeanSquaredError", "LogCoshError",
           "CosineSimilarity"]


class MeanSquaredError(MeanMetricWrapper):
    """Running mean of `mean_squared_error`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.MeanSquaredError()([[0.], [3.]], [[1.], [0.]]).numpy()
        np.float32(5.0)
    """

    def __init__(self, name="mean_squared_error", dtype=None):
        super().__init__(losses.mean_squared_error, name=name, dtype=dtype)


class MeanAbsoluteError(MeanMetricWrapper):
    """Running mean of `mean_absolute_error`; named `"mean_absolute_error"` (A7.5, A12.5).

    Example:
        >>> import tensorlet as tf
        >>> mae = tf.keras.metrics.MeanAbsoluteError()
        >>> mae([[0.], [3.]], [[1.], [0.]]).numpy(), mae.name
        (np.float32(2.0), 'mean_absolute_error')
    """

    def __init__(self, name="mean_absolute_error", dtype=None):
        super().__init__(losses.mean_absolute_error, name=name, dtype=dtype)


class MeanAbsolutePercentageError(MeanMetricWrapper):
    """Running mean of `mean_absolute_percentage_error`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.MeanAbsolutePercentageError()([[2.]], [[1.]]).numpy()
        np.float32(50.0)
    """

    def __init__(self, name="mean_absolute_percentage_error", dtype=None):
        super().__init__(losses.mean_absolute_percentage_error, name=name, dtype=dtype)


class MeanSquaredLogarithmicError(MeanMetricWrapper):
    """Running mean of `mean_squared_logarithmic_error`.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.MeanSquaredLogarithmicError()([[1.]], [[1.]]).numpy()
        np.float32(0.0)
    """

    def __init__(self, name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(losses.mean_squared_logarithmic_error, name=name, dtype=dtype)


class LogCoshError(MeanMetricWrapper):
    """Running mean of `log_cosh` (named `"logcosh"`, as in Keras).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.LogCoshError()([[1.]], [[1.]]).numpy()
        np.float32(0.0)
    """

    def __init__(self, name="logcosh", dtype=None):
        super().__init__(losses.log_cosh, name=name, dtype=dtype)


def _cosine(y_true, y_pred, axis=-1):
    return -losses.cosine_similarity(y_true, y_pred, axis=axis)


class CosineSimilarity(MeanMetricWrapper):
    """Running mean of the cosine similarity (1 for parallel vectors, unlike the loss).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.CosineSimilarity()([[0., 1.]], [[0., 3.]]).numpy()
        np.float32(1.0)
    """

    def __init__(self, name="cosine_similarity", dtype=None, axis=-1):
        super().__init__(_cosine, name=name, dtype=dtype, axis=axis)


class RootMeanSquaredError(Mean):
    """`sqrt` of the running mean of the squared errors (B3).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.metrics.RootMeanSquaredError()([[0.], [0.]], [[3.], [4.]]).numpy().round(4)
        np.float32(3.5355)
    """

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name=name, dtype=dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = _tensor_of(y_true, self.dtype)
        y_pred = _tensor_of(y_pred, self.dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        super().update_state(tf.square(y_pred - y_true), sample_weight=sample_weight)

    def result(self):
        return tf.sqrt(divide_no_nan(tf.identity(self.total), tf.identity(self.count)))
