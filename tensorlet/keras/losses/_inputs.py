"""Input handling shared by the loss functions."""

from __future__ import annotations

import tensorlet as tf

from .. import backend
from .reduction import squeeze_or_expand_to_same_rank

__all__ = ["prepare", "float_pred", "epsilon_like"]


def float_pred(y_pred):
    """`y_pred` as a float tensor (integers become `floatx()`)."""
    y_pred = y_pred if tf.is_tensor(y_pred) else tf.convert_to_tensor(y_pred)
    if not y_pred.dtype.is_floating:
        y_pred = tf.cast(y_pred, backend.floatx())
    return y_pred


def prepare(y_true, y_pred, same_rank: bool = True):
    """Float `y_pred`, `y_true` cast to its dtype, ranks aligned as Keras does."""
    y_pred = float_pred(y_pred)
    y_true = y_true if tf.is_tensor(y_true) else tf.convert_to_tensor(y_true)
    if y_true.dtype != y_pred.dtype:
        y_true = tf.cast(y_true, y_pred.dtype)
    if same_rank:
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return y_true, y_pred


def epsilon_like(x):
    """`backend.epsilon()` as a scalar of `x`'s dtype."""
    return tf.constant(backend.epsilon(), x.dtype)
