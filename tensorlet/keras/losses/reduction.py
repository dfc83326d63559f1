"""How a loss turns per-instance values into the number that is minimized (A4.4, D5).

`"sum_over_batch_size"` (the default) is the weighted **sum** divided by the number of loss
values, not a weighted mean: with `sample_weight=[1, 0]` the zero-weighted instance still counts
in the divisor. The book's Keras-2 spellings `"auto"` and `Reduction.AUTO` mean the same as the
default (D5); upper-case names (`"SUM"`) are accepted too.
"""

from __future__ import annotations

import tensorlet as tf

__all__ = ["Reduction", "standardize_reduction", "reduce_weighted_values",
           "squeeze_or_expand_to_same_rank", "as_float_tensor"]

_VALID = ("sum_over_batch_size", "sum", "none", "mean", "mean_with_sample_weight")


class Reduction:
    """The Keras-2 names of the loss reductions (`tf.keras.losses.Reduction`, D5).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.Reduction.SUM, tf.keras.losses.Reduction.AUTO
        ('sum', 'auto')
    """

    AUTO = "auto"
    NONE = "none"
    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"

    @classmethod
    def all(cls) -> tuple:
        """Every reduction name of this class.

        Example:
            >>> import tensorlet as tf
            >>> "sum" in tf.keras.losses.Reduction.all()
            True
        """
        return (cls.AUTO, cls.NONE, cls.SUM, cls.SUM_OVER_BATCH_SIZE)

    @classmethod
    def validate(cls, key) -> None:
        """Raises ValueError unless `key` is a reduction a loss accepts.

        Example:
            >>> import tensorlet as tf
            >>> tf.keras.losses.Reduction.validate("auto")
        """
        standardize_reduction(key)


def standardize_reduction(reduction):
    """The canonical reduction name: `"auto"` -> `"sum_over_batch_size"`; None stays None.

    Raises:
        ValueError: for an unknown name.

    Example:
        >>> from tensorlet.keras.losses.reduction import standardize_reduction
        >>> standardize_reduction("AUTO"), standardize_reduction("SUM")
        ('sum_over_batch_size', 'sum')
    """
    if reduction is None:
        return None
    key = reduction.lower() if isinstance(reduction, str) else reduction
    if key == "auto":
        return "sum_over_batch_size"
    if key not in _VALID:
        raise ValueError(f"Invalid value for argument `reduction`. Expected one of "
                         f"{(*_VALID, 'auto', None)}. Received: reduction={reduction!r}")
    return key


def as_float_tensor(x, dtype):
    """`x` as a tensor of `dtype` (a tensor of another dtype is cast, as Keras does)."""
    dtype = tf.as_dtype(dtype)
    x = x if tf.is_tensor(x) else tf.convert_to_tensor(x)
    return x if x.dtype == dtype else tf.cast(x, dtype)


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1: bool = True):
    """Makes ranks that differ by one equal when the longer one ends in a dimension of 1.

    `(batch, 1)` against `(batch,)` gives two `(batch, 1)` tensors (or two `(batch,)` tensors
    when `expand_rank_1` is False, or when the shorter one is not a vector).

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras.losses.reduction import squeeze_or_expand_to_same_rank
        >>> a, b = squeeze_or_expand_to_same_rank(tf.zeros((4, 1)), tf.zeros((4,)))
        >>> a.shape, b.shape
        (TensorShape([4, 1]), TensorShape([4, 1]))
    """
    rank1, rank2 = x1.shape.rank, x2.shape.rank
    if rank1 is None or rank2 is None or rank1 == rank2:
        return x1, x2
    if rank1 == rank2 + 1 and x1.shape[-1] == 1:
        if rank2 == 1 and expand_rank_1:
            return x1, tf.expand_dims(x2, -1)
        return tf.squeeze(x1, -1), x2
    if rank2 == rank1 + 1 and x2.shape[-1] == 1:
        if rank1 == 1 and expand_rank_1:
            return tf.expand_dims(x1, -1), x2
        return x1, tf.squeeze(x2, -1)
    return x1, x2


def _broadcastable_weight(values, sample_weight):
    """A per-instance weight of lower rank gets trailing axes, so `(batch,)` weights a row."""
    values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
    rank, weight_rank = values.shape.rank, sample_weight.shape.rank
    if rank is not None and weight_rank is not None and 0 < weight_rank < rank:
        # NOTE: Keras 3 raises here; Keras 2 (and the book) weighted each instance's row.
        for _ in range(rank - weight_rank):
            sample_weight = tf.expand_dims(sample_weight, -1)
    return values, sample_weight


def _divide_no_nan(total, divisor):
    safe = tf.where(tf.equal(divisor, 0), tf.ones_like(divisor), divisor)
    return tf.where(tf.equal(divisor, 0), tf.zeros_like(total), total / safe)


def reduce_weighted_values(values, sample_weight=None, reduction="sum_over_batch_size",
                           dtype="float32"):
    """Weights per-instance loss values, then reduces them as `reduction` says (A4.4).

    Args:
        values: the per-instance losses (what `Loss.call` returned).
        sample_weight: None, a scalar, or weights broadcastable to `values` (a `(batch,)`
            vector weights each instance).
        reduction: `"sum_over_batch_size"` (sum / number of values), `"sum"`, `"none"`/None,
            `"mean"` (= sum_over_batch_size), `"mean_with_sample_weight"` (sum / sum of the
            weights), or `"auto"`.
        dtype: the dtype of the result.

    Returns:
        A scalar tensor, or the weighted values for `"none"`.

    Example:
        >>> import tensorlet as tf
        >>> from tensorlet.keras.losses.reduction import reduce_weighted_values
        >>> reduce_weighted_values(tf.constant([[0.5], [4.]]), [1., 0.]).numpy()
        np.float32(0.25)
    """
    reduction = standardize_reduction(reduction)
    values = as_float_tensor(values, dtype)
    if sample_weight is not None:
        sample_weight = as_float_tensor(sample_weight, values.dtype)
        values, sample_weight = _broadcastable_weight(values, sample_weight)
        values = values * sample_weight
    if reduction in (None, "none") or values.shape.rank == 0:
        return values
    total = tf.reduce_sum(values)
    if reduction == "sum":
        return total
    if reduction == "mean_with_sample_weight" and sample_weight is not None:
        return _divide_no_nan(total, tf.reduce_sum(sample_weight))
    count = values.shape.num_elements()
    if count is not None:  # the usual case: a static batch size costs one division
        return total / count if count else tf.zeros_like(total)
    return _divide_no_nan(total, tf.cast(tf.size(values), values.dtype))
