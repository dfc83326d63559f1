"""Probabilistic losses: binary / categorical / sparse categorical crossentropy, KL, Poisson.

Probabilities are clipped to `[epsilon, 1 - epsilon]` before the log, as Keras does, so a
confident wrong prediction costs about 16.1 instead of infinity; `from_logits=True` uses the
stable fused ops of `tf.nn` instead. As in Keras, the output of Keras's softmax or sigmoid
activation (a `Dense(10, activation="softmax")` layer, `tf.keras.activations.softmax`) remembers
its logits, and the crossentropies compute from those: exact and stable, with no clipping.
"""

from __future__ import annotations

import warnings

import tensorlet as tf

from ._inputs import epsilon_like, float_pred, prepare
from .loss import LossFunctionWrapper
from .reduction import as_float_tensor, squeeze_or_expand_to_same_rank

__all__ = [
    "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy",
    "kl_divergence", "kld", "KLD", "kullback_leibler_divergence", "poisson",
    "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
    "KLDivergence", "Poisson",
]


def _logits_of(y_pred, from_logits: bool, activation: str, fn_name: str):
    """`(y_pred, from_logits)`, or `(logits, True)` when `y_pred` is the output of Keras's
    `activation` (softmax or sigmoid), which remembers its logits: as Keras, the loss is then
    computed from the logits, and `from_logits=True` on such an output draws a warning."""
    logits = getattr(y_pred, "_keras_logits", None) if tf.is_tensor(y_pred) else None
    if logits is None:
        return y_pred, from_logits
    if from_logits:
        warnings.warn(f'"`{fn_name}` received `from_logits=True`, but the `output` argument was '
                      f'produced by a {activation} activation and thus does not represent '
                      f'logits. Was this intended?', stacklevel=3)
    return logits, True


def _clip_probabilities(p):
    eps = epsilon_like(p)
    return tf.clip_by_value(p, eps, 1.0 - eps)


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Binary crossentropy, averaged over `axis`.

    Args:
        y_true: labels in [0, 1].
        y_pred: probabilities, or logits with `from_logits=True`.
        from_logits: whether `y_pred` holds logits.
        label_smoothing: moves the labels towards 0.5 by this fraction.
        axis: the axis the mean is taken over.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.binary_crossentropy([[1., 0.]], [[0.5, 0.5]]).numpy().round(4)
        array([0.6931], dtype=float32)
    """
    y_pred, from_logits = _logits_of(y_pred, from_logits, "Sigmoid", "binary_crossentropy")
    y_true, y_pred = prepare(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        losses = tf.nn.sigmoid_cross_entropy_with_logits(labels=y_true, logits=y_pred)
    else:
        p = _clip_probabilities(y_pred)
        losses = -(y_true * tf.math.log(p) + (1.0 - y_true) * tf.math.log(1.0 - p))
    return tf.reduce_mean(losses, axis=axis)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Crossentropy between one-hot (or soft) labels and a distribution along `axis`.

    Probabilities are first rescaled to sum to 1.

    Args:
        y_true: one-hot labels.
        y_pred: probabilities, or logits with `from_logits=True`.
        from_logits: whether `y_pred` holds logits.
        label_smoothing: mixes the labels with the uniform distribution by this fraction.
        axis: the class axis.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.categorical_crossentropy([[0., 1.]], [[0.5, 0.5]]).numpy().round(4)
        array([0.6931], dtype=float32)
    """
    y_pred, from_logits = _logits_of(y_pred, from_logits, "Softmax", "categorical_crossentropy")
    y_true, y_pred = prepare(y_true, y_pred)
    if label_smoothing:
        num_classes = tf.cast(tf.shape(y_true)[axis], y_pred.dtype)
        y_true = y_true * (1.0 - label_smoothing) + label_smoothing / num_classes
    if from_logits:
        return tf.nn.softmax_cross_entropy_with_logits(labels=y_true, logits=y_pred, axis=axis)
    p = y_pred / tf.reduce_sum(y_pred, axis=axis, keepdims=True)
    return -tf.reduce_sum(y_true * tf.math.log(_clip_probabilities(p)), axis=axis)


def _sparse_labels(y_true, y_pred):
    y_true = y_true if tf.is_tensor(y_true) else tf.convert_to_tensor(y_true)
    rank = y_pred.shape.rank
    if y_true.shape.rank == rank and y_true.shape[-1] == 1:
        y_true = tf.squeeze(y_true, -1)
    return tf.cast(y_true, tf.int32)


def _move_axis_last(y_pred, axis):
    rank = y_pred.shape.rank
    axis = axis % rank
    if axis == rank - 1:
        return y_pred
    perm = [d for d in range(rank) if d != axis] + [axis]
    return tf.transpose(y_pred, perm)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None,
                                    axis=-1):
    """Crossentropy between integer class labels and a distribution along `axis`.

    Args:
        y_true: class indices, shape `(batch,)` or `(batch, 1)`.
        y_pred: probabilities, or logits with `from_logits=True`.
        from_logits: whether `y_pred` holds logits.
        ignore_class: a label value whose instances get a loss of 0.
        axis: the class axis.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.sparse_categorical_crossentropy([1], [[0.5, 0.5]]).numpy().round(4)
        array([0.6931], dtype=float32)
    """
    y_pred, from_logits = _logits_of(y_pred, from_logits, "Softmax",
                                     "sparse_categorical_crossentropy")
    y_pred = _move_axis_last(float_pred(y_pred), axis)
    labels = _sparse_labels(y_true, y_pred)
    valid = None
    if ignore_class is not None:
        valid = tf.not_equal(labels, ignore_class)
        labels = tf.where(valid, labels, tf.zeros_like(labels))
    logits = y_pred if from_logits else tf.math.log(_clip_probabilities(y_pred))
    losses = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    if valid is not None:
        losses = tf.where(valid, losses, tf.zeros_like(losses))
    return losses


def kl_divergence(y_true, y_pred):
    """Kullback-Leibler divergence `sum(y_true * log(y_true / y_pred))` over the last axis.

    Both inputs are clipped to `[epsilon, 1]` (also `kld`, `KLD`).

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.kl_divergence([[0.2, 0.8]], [[0.5, 0.5]]).numpy().round(4)
        array([0.1927], dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred, same_rank=False)
    eps = epsilon_like(y_pred)
    y_true = tf.clip_by_value(y_true, eps, 1.0)
    y_pred = tf.clip_by_value(y_pred, eps, 1.0)
    return tf.reduce_sum(y_true * tf.math.log(y_true / y_pred), axis=-1)


def poisson(y_true, y_pred):
    """Poisson loss `mean(y_pred - y_true * log(y_pred + epsilon))` over the last axis.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.poisson([[1.]], [[1.]]).numpy().round(4)
        array([1.], dtype=float32)
    """
    y_true, y_pred = prepare(y_true, y_pred, same_rank=False)
    return tf.reduce_mean(y_pred - y_true * tf.math.log(y_pred + epsilon_like(y_pred)), axis=-1)


kld = KLD = kullback_leibler_divergence = kl_divergence


class BinaryCrossentropy(LossFunctionWrapper):
    """`binary_crossentropy` as a loss object.

    Args:
        from_logits, label_smoothing, axis: see `binary_crossentropy`.
        reduction, name, dtype: see `Loss`.

    Example:
        >>> import tensorlet as tf
        >>> bce = tf.keras.losses.BinaryCrossentropy(from_logits=True)
        >>> bce([[1.], [0.]], [[0.], [0.]]).numpy().round(4)
        np.float32(0.6931)
    """

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="binary_crossentropy", dtype=None):
        super().__init__(binary_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis


class CategoricalCrossentropy(LossFunctionWrapper):
    """`categorical_crossentropy` as a loss object.

    Args:
        from_logits, label_smoothing, axis: see `categorical_crossentropy`.
        reduction, name, dtype: see `Loss`.

    Example:
        >>> import tensorlet as tf
        >>> cce = tf.keras.losses.CategoricalCrossentropy()
        >>> cce([[0., 1.]], [[0.5, 0.5]]).numpy().round(4)
        np.float32(0.6931)
    """

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction="sum_over_batch_size", name="categorical_crossentropy", dtype=None):
        super().__init__(categorical_crossentropy, name=name, reduction=reduction, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    """`sparse_categorical_crossentropy` as a loss object.

    With `ignore_class`, the ignored instances are left out of the mean as well.

    Args:
        from_logits, ignore_class, axis: see `sparse_categorical_crossentropy`.
        reduction, name, dtype: see `Loss`.

    Example:
        >>> import tensorlet as tf
        >>> scce = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        >>> scce([1, 0], [[0., 0.], [0., 0.]]).numpy().round(4)
        np.float32(0.6931)
    """

    def __init__(self, from_logits=False, ignore_class=None, reduction="sum_over_batch_size",
                 axis=-1, name="sparse_categorical_crossentropy", dtype=None):
        kwargs = {"axis": axis} if axis != -1 else {}
        super().__init__(sparse_categorical_crossentropy, name=name, reduction=reduction,
                         dtype=dtype, from_logits=from_logits, ignore_class=ignore_class,
                         **kwargs)
        self.from_logits = from_logits
        self.ignore_class = ignore_class
        self.axis = axis

    def __call__(self, y_true, y_pred, sample_weight=None):
        if self.ignore_class is None or self.reduction not in ("sum_over_batch_size", "mean"):
            return super().__call__(y_true, y_pred, sample_weight)
        # NOTE: ignored instances leave the divisor too: the mean is over the valid ones.
        valid = tf.cast(tf.not_equal(_sparse_labels(y_true, float_pred(y_pred)),
                                     self.ignore_class), self.dtype)
        count = tf.reduce_sum(valid)
        weight = valid * (tf.cast(tf.size(valid), self.dtype) / tf.maximum(count, 1.0))
        if sample_weight is not None:
            sample_weight = as_float_tensor(sample_weight, self.dtype)
            weight, sample_weight = squeeze_or_expand_to_same_rank(weight, sample_weight)
            weight = weight * sample_weight
        return super().__call__(y_true, y_pred, weight)


class KLDivergence(LossFunctionWrapper):
    """`kl_divergence` as a loss object.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.KLDivergence()([[0.5, 0.5]], [[0.5, 0.5]]).numpy()
        np.float32(0.0)
    """

    def __init__(self, reduction="sum_over_batch_size", name="kl_divergence", dtype=None):
        super().__init__(kl_divergence, name=name, reduction=reduction, dtype=dtype)


class Poisson(LossFunctionWrapper):
    """`poisson` as a loss object.

    Example:
        >>> import tensorlet as tf
        >>> tf.keras.losses.Poisson()([[1.]], [[1.]]).numpy().round(4)
        np.float32(1.0)
    """

    def __init__(self, reduction="sum_over_batch_size", name="poisson", dtype=None):
        super().__init__(poisson, name=name, reduction=reduction, dtype=dtype)
