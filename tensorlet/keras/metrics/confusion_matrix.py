"""Counting true/false positives/negatives at a list of thresholds (the shared helper of
`Precision`, `Recall`, `TruePositives`... and `AUC`).

A prediction is positive at threshold `t` when `y_pred > t`; a label is positive when it is
non-zero. Counts are weighted by `sample_weight` (a `(batch,)` vector weights each row).
"""

from __future__ import annotations

import tensorlet as tf

from ..losses.reduction import squeeze_or_expand_to_same_rank

__all__ = ["NEG_INF", "parse_thresholds", "update_confusion_variables", "filter_top_k"]

NEG_INF = -1e10


def parse_thresholds(thresholds, default: float) -> list:
    """`thresholds` (None, a float or a list) as a list of floats in [0, 1].

    Raises:
        ValueError: for a value outside [0, 1].
    """
    if thresholds is None:
        return [default]
    values = [float(t) for t in (thresholds if isinstance(thresholds, (list, tuple))
                                 else [thresholds])]
    if any(not 0.0 <= t <= 1.0 for t in values):
        raise ValueError(f"Threshold values must be in [0, 1]. Received: {values}")
    return values


def filter_top_k(x, k: int):
    """Keeps the `k` largest values of the last axis; the others become `NEG_INF`."""
    indices = tf.math.top_k(x, k=k).indices
    depth = x.shape[-1] if x.shape[-1] is not None else tf.shape(x)[-1]
    keep = tf.reduce_sum(tf.one_hot(indices, depth, dtype=x.dtype), axis=-2)
    return x * keep + NEG_INF * (1.0 - keep)


def _weights(sample_weight, y_pred, dtype):
    """Per-prediction weights of `y_pred`'s shape (or None)."""
    if sample_weight is None:
        return None
    weight = tf.cast(sample_weight if tf.is_tensor(sample_weight)
                     else tf.convert_to_tensor(sample_weight), dtype)
    y_pred, weight = squeeze_or_expand_to_same_rank(y_pred, weight, expand_rank_1=False)
    rank, weight_rank = y_pred.shape.rank, weight.shape.rank
    for _ in range(rank - weight_rank if 0 < weight_rank < rank else 0):
        weight = tf.expand_dims(weight, -1)
    return weight * tf.ones_like(y_pred)


def _prepare(y_true, y_pred, dtype, top_k, class_id):
    y_true = tf.cast(y_true if tf.is_tensor(y_true) else tf.convert_to_tensor(y_true), dtype)
    y_pred = tf.cast(y_pred if tf.is_tensor(y_pred) else tf.convert_to_tensor(y_pred), dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred, expand_rank_1=False)
    if top_k is not None:
        y_pred = filter_top_k(y_pred, top_k)
    if class_id is not None:
        y_true = y_true[..., class_id]
        y_pred = y_pred[..., class_id]
    return y_true, y_pred


def update_confusion_variables(variables: dict, y_true, y_pred, thresholds, top_k=None,
                               class_id=None, sample_weight=None, multi_label=False,
                               label_weights=None):
    """Adds this batch's counts to the variables.

    Args:
        variables: some of `"tp"`, `"fp"`, `"tn"`, `"fn"`, each a variable of shape
            `(num_thresholds,)` (`(num_thresholds, num_labels)` with `multi_label`).
        y_true: labels (non-zero = positive).
        y_pred: scores, compared with `>` to each threshold.
        thresholds: a list of floats.
        top_k: keep only the `k` highest scores of each row.
        class_id: count only this class (the last axis).
        sample_weight: optional weights broadcastable to `y_pred`.
        multi_label: keep the last axis (one count per label) instead of pooling it.
        label_weights: optional per-label weights (pooled counts only).
    """
    dtype = next(iter(variables.values())).dtype
    y_true, y_pred = _prepare(y_true, y_pred, dtype, top_k, class_id)
    weights = _weights(sample_weight, y_pred, dtype)
    if label_weights is not None:
        label_weights = tf.cast(label_weights, dtype)
        weights = (label_weights if weights is None else weights * label_weights)
        weights = weights * tf.ones_like(y_pred)
    keep_last = multi_label and y_pred.shape.rank is not None and y_pred.shape.rank > 1
    last = y_pred.shape[-1] if y_pred.shape[-1] is not None else tf.shape(y_pred)[-1]
    shape = [-1, last] if keep_last else [-1]
    y_pred = tf.reshape(y_pred, shape)
    label_pos = tf.cast(tf.not_equal(tf.reshape(y_true, shape), 0), dtype)
    weights = tf.ones_like(y_pred) if weights is None else tf.reshape(weights, shape)
    thresholds = tf.reshape(tf.constant(thresholds, dtype),
                            [-1] + [1] * (2 if keep_last else 1))
    pred_pos = tf.cast(y_pred[None] > thresholds, dtype)
    label_pos = label_pos[None]
    counts = {
        "tp": lambda: label_pos * pred_pos,
        "fp": lambda: (1.0 - label_pos) * pred_pos,
        "tn": lambda: (1.0 - label_pos) * (1.0 - pred_pos),
        "fn": lambda: label_pos * (1.0 - pred_pos),
    }
    for key, variable in variables.items():
        variable.assign_add(tf.reduce_sum(counts[key]() * weights[None], axis=1))
