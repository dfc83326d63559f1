"""Composites for training code: clip_by_norm, clip_by_global_norm, global_norm, dropout,
sequence_mask, embedding_lookup and l2_loss, written with public ops (no registry entries),
so they get gradients, tracing and every other mode from the ops they use.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..core import convert, dtypes
from ..core.errors import InvalidArgumentError
from . import array as array_ops
from . import (
    array_create,
    array_index,
    array_join,
    array_shape,
    math_cast,
    math_compare,
    math_unary,
)
from . import math as math_ops
from . import random as random_ops
from . import reduce as reduce_ops

__all__ = ["clip_by_norm", "clip_by_global_norm", "global_norm", "dropout", "sequence_mask",
           "embedding_lookup", "l2_loss"]


def l2_loss(t, name=None):
    """Returns `sum(t ** 2) / 2`, a scalar of `t`'s floating dtype.

    Raises:
        InvalidArgumentError: for a tensor that is not floating.

    Example:
        >>> import tensorlet as tf
        >>> tf.nn.l2_loss(tf.constant([[1., 2.], [3., 4.]])).numpy()
        np.float32(15.0)
    """
    t = convert.convert_to_tensor(t)
    if t.dtype not in dtypes.FLOATS:
        raise InvalidArgumentError(f"Value for attr 'T' of {t.dtype.name} is not in the list of "
                                   "allowed values: half, float, double [Op:L2Loss]\nl2_loss: "
                                   f"got a {t.dtype.name} tensor; expected a floating tensor")
    return math_ops.multiply(reduce_ops.reduce_sum(math_unary.square(t)), 0.5, name=name)


def clip_by_norm(t, clip_norm, axes=None, name=None):
    """Rescales `t` so that its L2 norm along `axes` (all axes by default) is at most
    `clip_norm`: `t * clip_norm / max(norm, clip_norm)`. A negative `clip_norm` counts as 0.

    Args:
        t: a floating tensor.
        clip_norm: a positive scalar (or a tensor that broadcasts with the norms), cast to
            `t`'s dtype.
        axes: None, an int or a list of ints.
        name: ignored in eager mode.

    Raises:
        InvalidArgumentError: for a tensor that is not floating.

    Example:
        >>> import tensorlet as tf
        >>> tf.clip_by_norm(tf.constant([3., 4.]), 2.).numpy()
        array([1.2, 1.6], dtype=float32)
    """
    t = convert.convert_to_tensor(t)
    clip_norm = math_cast.cast(clip_norm, t.dtype)
    clip_norm = math_ops.maximum(clip_norm, array_ops.zeros_like(clip_norm))
    l2sum = reduce_ops.reduce_sum(math_ops.multiply(t, t), axis=axes, keepdims=True)
    positive = math_compare.greater(l2sum, array_ops.zeros_like(l2sum))
    # NOTE: the square root only sees positive sums, so a zero tensor gets a finite gradient.
    safe = math_compare.where(positive, l2sum, array_ops.ones_like(l2sum))
    l2norm = math_compare.where(positive, math_unary.sqrt(safe), l2sum)
    return math_ops.divide(math_ops.multiply(t, clip_norm), math_ops.maximum(l2norm, clip_norm),
                           name=name)


def global_norm(t_list, name=None):
    """Returns `sqrt(sum of the squared L2 norms of the tensors in t_list)` (None entries are
    skipped; 0.0 when there are none).

    Raises:
        TypeError: when `t_list` is not a sequence.

    Example:
        >>> import tensorlet as tf
        >>> tf.linalg.global_norm([tf.constant([3.]), None, tf.constant([4.])]).numpy()
        np.float32(5.0)
    """
    if not isinstance(t_list, Sequence) or isinstance(t_list, str):
        raise TypeError(f"`t_list` should be a sequence of tensors. Received {type(t_list)}.")
    halves = [l2_loss(t) for t in t_list if t is not None]
    if not halves:
        return convert.convert_to_tensor(0.0)
    half = reduce_ops.reduce_sum(array_join.stack(halves))
    return math_unary.sqrt(math_ops.multiply(half, 2.0), name=name)


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """Scales every tensor of `t_list` by `clip_norm / max(global_norm, clip_norm)`.

    Args:
        t_list: a list or tuple of floating tensors (None entries stay None).
        clip_norm: a positive scalar.
        use_norm: the global norm to use, instead of computing it.
        name: ignored in eager mode.

    Returns:
        `(list of clipped tensors, global norm)`; every tensor is NaN when the norm is inf.

    Raises:
        TypeError: when `t_list` is not a sequence.

    Example:
        >>> import tensorlet as tf
        >>> clipped, norm = tf.clip_by_global_norm([tf.constant([3., 4.])], 1.)
        >>> clipped[0].numpy(), norm.numpy()
        (array([0.6, 0.8], dtype=float32), np.float32(5.0))
    """
    if not isinstance(t_list, Sequence) or isinstance(t_list, str):
        raise TypeError(f"`t_list` should be a sequence of tensors. Received {type(t_list)}.")
    norm = global_norm(t_list) if use_norm is None else convert.convert_to_tensor(use_norm)
    clip_norm = math_cast.cast(clip_norm, norm.dtype)
    one = array_ops.ones_like(norm)
    scale = math_ops.multiply(clip_norm, math_ops.minimum(math_ops.divide(one, norm),
                                                          math_ops.divide(one, clip_norm)))
    scale = math_ops.add(scale, math_ops.subtract(norm, norm))  # NaN when the norm is inf
    clipped = [None if t is None else math_ops.multiply(t, math_cast.cast(scale, t.dtype))
               for t in t_list]
    return clipped, norm


def dropout(x, rate, noise_shape=None, seed=None, name=None):
    """Zeroes each element of `x` with probability `rate` and scales the others by
    `1 / (1 - rate)`, so the expected value is unchanged.

    Args:
        x: a floating tensor.
        rate: the drop probability, a number in `[0, 1)` or a scalar tensor.
        noise_shape: the shape of the keep mask, which broadcasts over `x` (default: x's).
        seed: an op seed; with `tf.random.set_seed` the masks are reproducible.
        name: ignored in eager mode.

    Raises:
        ValueError: for a non-floating `x`, a rate outside `[0, 1)` or a non-scalar rate.
        InvalidArgumentError: for a noise_shape that does not broadcast with `x`.

    Example:
        >>> import tensorlet as tf
        >>> y = tf.nn.dropout(tf.ones([100]), 0.5, seed=1)
        >>> sorted(set(y.numpy().tolist()))
        [0.0, 2.0]
    """
    x = convert.convert_to_tensor(x)
    if not x.dtype.is_floating:
        raise ValueError("`x.dtype` must be a floating point tensor as `x` will be scaled. "
                         f"Received: x_dtype=<dtype: '{x.dtype.name}'>")
    if isinstance(rate, (int, float)) and not isinstance(rate, bool):
        if not 0 <= rate < 1:
            raise ValueError("`rate` must be a scalar tensor or a float in the range [0, 1). "
                             f"Received: rate={rate}")
        if rate == 0:
            return x
    else:
        given = rate
        rate = convert.convert_to_tensor(rate)
        if rate.shape.rank != 0:
            raise ValueError(f"`rate` must be a scalar or scalar tensor. Received: rate={given}")
        rate = math_cast.cast(rate, x.dtype)
    shape = array_shape.shape(x) if noise_shape is None else noise_shape
    keep = math_compare.greater_equal(random_ops.uniform(shape, dtype=x.dtype, seed=seed), rate)
    scale = math_ops.divide(1.0, math_ops.subtract(1.0, rate)) if convert.is_tensor_like(rate) \
        else 1.0 / (1.0 - rate)
    scaled = math_ops.multiply(x, scale)
    return math_compare.where(keep, scaled, array_ops.zeros_like(scaled), name=name)


def sequence_mask(lengths, maxlen=None, dtype=dtypes.bool, name=None):
    """Returns `mask[..., j] = j < lengths[...]` for `j` in `range(maxlen)`.

    Args:
        lengths: an integer (or float) tensor of any shape.
        maxlen: a scalar; by default the largest length (at least 0).
        dtype: the dtype of the mask (bool by default; others get 0 and 1).
        name: ignored in eager mode.

    Raises:
        ValueError: when `maxlen` is not a scalar.

    Example:
        >>> import tensorlet as tf
        >>> tf.sequence_mask([1, 3], 4).numpy()
        array([[ True, False, False, False],
               [ True,  True,  True, False]])
    """
    lengths = convert.convert_to_tensor(lengths)
    if maxlen is None:
        maxlen = reduce_ops.reduce_max(lengths)
        maxlen = math_ops.maximum(maxlen, array_ops.zeros_like(maxlen))
    else:
        given = maxlen
        maxlen = convert.convert_to_tensor(maxlen)
        if maxlen.shape.rank != 0:
            raise ValueError("Argument `maxlen` must be scalar for sequence_mask, received "
                             f"`maxlen` = {given} with shape '{tuple(maxlen.shape.as_list())}' "
                             "instead")
    row = array_create.range(0, maxlen, 1, dtype=maxlen.dtype)
    matrix = math_cast.cast(array_shape.expand_dims(lengths, -1), maxlen.dtype)
    mask = math_compare.less(row, matrix)
    dtype = dtypes.as_dtype(dtype)
    return mask if dtype == dtypes.bool else math_cast.cast(mask, dtype, name=name)


def embedding_lookup(params, ids, max_norm=None, name=None):
    """Looks up the rows of `params` at `ids` (a `gather` along axis 0).

    Args:
        params: a tensor, or a list of tensors that are shards of one table split in order
            along axis 0 (TF's "div" partitioning: they are concatenated).
        ids: an int32/int64 tensor of any shape.
        max_norm: if given, each looked-up embedding is clipped to this L2 norm.
        name: ignored in eager mode.

    Returns:
        A tensor of shape `ids.shape + params.shape[1:]`.

    Raises:
        ValueError: for an empty list of params.
        InvalidArgumentError: for an id outside `[0, number of rows)`.

    Example:
        >>> import tensorlet as tf
        >>> table = tf.constant([[1., 2.], [3., 4.], [5., 6.]])
        >>> tf.nn.embedding_lookup(table, [2, 0]).numpy()
        array([[5., 6.],
               [1., 2.]], dtype=float32)
    """
    if isinstance(params, (list, tuple)):
        if not params:
            raise ValueError("Need at least one param")
        params = params[0] if len(params) == 1 else array_join.concat(list(params), 0)
    ids = convert.convert_to_tensor(ids)
    result = array_index.gather(params, ids, name=name)
    if max_norm is None:
        return result
    axes = list(range(ids.shape.rank, result.shape.rank))
    return clip_by_norm(result, max_norm, axes=axes or None)
