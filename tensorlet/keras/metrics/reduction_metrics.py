"""Metrics that reduce values over batches: `Sum`, `Mean` and `MeanMetricWrapper` (A7.5).

With sample weights, values are first reduced (mean, or sum for `Sum`) down to the weights'
rank, weighted, then reduced to one value per sample; `Mean` divides the weighted total by the
total weight, so `Mean()` over batches equals the mean over all samples.
"""

from __future__ import annotations

import tensorlet as tf

from ..losses.reduction import as_float_tensor, squeeze_or_expand_to_same_rank
from .metric import Metric

__all__ = ["Sum", "Mean", "MeanMetricWrapper", "divide_no_nan"]


def divide_no_nan(x, y):
    """`x / y`, and 0 where `y` is 0 (a metric with no data yet has the value 0)."""
    zero = tf.equal(y, 0)
    return tf.where(zero, tf.zeros_like(x), x / tf.where(zero, tf.ones_like(y), y))


def _reduce_from(x, start: int, reduce_fn):
    rank = x.shape.rank
    if rank is None or rank <= start:
        return x
    return reduce_fn(x, axis=list(range(start, rank)))


def samplewise(values, sample_weight, dtype, reduce_fn=tf.reduce_mean):
    """Returns `(per-sample weighted values, per-sample weights or None)`.

    Args:
        values: a tensor whose first axis is the batch (or a scalar).
        sample_weight: None or weights broadcastable to `values`.
        dtype: the dtype of the results.
        reduce_fn: how non-batch axes are reduced (`tf.reduce_mean` or `tf.reduce_sum`).
    """
    values = as_float_tensor(values, dtype)
    if sample_weight is None:
        return _reduce_from(values, 1, reduce_fn), None
    sample_weight = as_float_tensor(sample_weight, dtype)
    values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
    values = _reduce_from(values, sample_weight.shape.rank, reduce_fn)
    values = _reduce_from(values * sample_weight, 1, reduce_fn)
    return values, _reduce_from(sample_weight, 1, reduce_fn)


class Sum(Metric):
    """The running (weighted) sum of the values (one variable: `total`).

    Example:
        >>> import tensorlet as tf
        >>> s = tf.keras.metrics.Sum()
        >>> s([1., 3.]).numpy(), s([[2.]], sample_weight=[0.5]).numpy()
        (np.float32(4.0), np.float32(5.0))
    """

    def __init__(self, name="sum", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_weight(name="total", shape=(), initializer="zeros")

    def update_state(self, values, sample_weight=None):
        values, _ = samplewise(values, sample_weight, self.dtype, tf.reduce_sum)
        self.total.assign_add(tf.reduce_sum(values))

    def result(self):
        return tf.identity(self.total)


class Mean(Metric):
    """The running (weighted) mean of the values: `total / count` (A12.5).

    Example:
        >>> import tensorlet as tf
        >>> mean_loss = tf.keras.metrics.Mean(name="mean_loss")
        >>> mean_loss(1.).numpy(), mean_loss([2., 6.]).numpy(), mean_loss.name
        (np.float32(1.0), np.float32(3.0), 'mean_loss')
    """

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_weight(name="total", shape=(), initializer="zeros")
        self.count = self.add_weight(name="count", shape=(), initializer="zeros")

    def update_state(self, values, sample_weight=None):
        values, weights = samplewise(values, sample_weight, self.dtype)
        self.total.assign_add(tf.reduce_sum(values))
        if weights is not None:
            count = tf.reduce_sum(weights)
        elif values.shape.rank:
            count = tf.cast(tf.shape(values)[0], self.dtype)
        else:
            count = tf.constant(1.0, self.dtype)
        self.count.assign_add(count)

    def result(self):
        return divide_no_nan(tf.identity(self.total), tf.identity(self.count))


def _tensor_of(x, dtype):
    x = x if tf.is_tensor(x) else tf.convert_to_tensor(x)
    return x if x.dtype == tf.as_dtype(dtype) else tf.cast(x, dtype)


class MeanMetricWrapper(Mean):
    """The running mean of a per-instance function `fn(y_true, y_pred, **kwargs)` (A7.1).

    This is how a loss function (the book's `huber_fn`) serves as a metric.

    Args:
        fn: the function.
        name: the metric's name (default: the function's `__name__`).
        dtype: see `Metric`.
        **kwargs: keyword arguments passed to `fn` (saved in the config).

    Example:
        >>> import tensorlet as tf
        >>> m = tf.keras.metrics.MeanMetricWrapper(tf.keras.losses.mae)
        >>> m([[0.], [3.]], [[1.], [0.]]).numpy(), m.name
        (np.float32(2.0), 'mean_absolute_error')
    """

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        if name is None:
            fn_name = getattr(fn, "__name__", None)
            name = fn_name if fn_name and fn_name != "<lambda>" else "mean_metric_wrapper"
        super().__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = _tensor_of(y_true, self.dtype)
        y_pred = _tensor_of(y_pred, self.dtype)
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        super().update_state(values, sample_weight=sample_weight)

    def get_config(self) -> dict:
        from ..saving import serialization

        config = super().get_config()
        if type(self) is MeanMetricWrapper:
            config["fn"] = serialization.serialize_keras_object(self._fn)
        config.update(serialization.serialize_keras_object(self._fn_kwargs))
        return config

    @classmethod
    def from_config(cls, config: dict):
        if cls is MeanMetricWrapper and "fn" in config:
            from ..saving import serialization

            config = {**config, "fn": serialization.deserialize_keras_object(config["fn"])}
        return cls(**config)
