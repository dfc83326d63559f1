"""`tf.ragged.constant`: a RaggedTensor from nested Python lists."""

from __future__ import annotations

import numpy as np

from ..core import convert, dtypes
from ..core.tensor import wrap
from . import factories

__all__ = ["constant"]

_NON_RECTANGULAR = "Can't convert non-rectangular Python sequence to Tensor."
_SEQUENCES = (list, tuple, np.ndarray)


def _depths(value, depth: int = 0) -> tuple:
    """`(scalar_depth or None, max_depth)` of a nested list; mixed scalar depths raise."""
    if not isinstance(value, _SEQUENCES):
        return depth, depth
    if len(value) == 0:
        return None, depth + 1
    scalar, deepest = None, depth + 1
    for item in value:
        s, d = _depths(item, depth + 1)
        if s is not None:
            if scalar is not None and s != scalar:
                raise ValueError("all scalar values must have the same nesting depth")
            scalar = s
        deepest = max(deepest, d)
    if scalar is not None and deepest > scalar:
        raise ValueError("all scalar values must have the same nesting depth")
    return scalar, deepest


def _ragged_rank(scalar_depth, max_depth, ragged_rank, inner_shape) -> int:
    if ragged_rank is None:
        inner = 0 if inner_shape is None else len(inner_shape)
        return max(0, max_depth - 1 - inner)
    if ragged_rank < 0:
        raise ValueError(f"Invalid ragged_rank={ragged_rank}: must be nonnegative")
    if scalar_depth is not None and ragged_rank >= scalar_depth:
        raise ValueError(f"pylist has scalar values depth {scalar_depth}, but "
                         f"ragged_rank={ragged_rank} requires scalar value depth greater than "
                         f"{ragged_rank}")
    return ragged_rank


def _flat_values(items: list, dtype, inner_shape) -> np.ndarray:
    if not items:
        shape = (0,) + tuple(inner_shape or ())
        return np.zeros(shape, (dtype or dtypes.float32)._np) if dtype is not dtypes.string \
            else np.empty(shape, object)
    try:
        values = convert.to_array(items, dtype)
    except ValueError as e:
        if str(e) == _NON_RECTANGULAR:
            raise ValueError("inner values have inconsistent shape") from None
        raise
    if inner_shape is not None:
        values = values.reshape((-1,) + tuple(inner_shape))
    return values


def constant(pylist, dtype=None, ragged_rank=None, inner_shape=None, name=None,
             row_splits_dtype=dtypes.int64):
    """A RaggedTensor from a nested list; the dtype is inferred as `tf.constant` does.

    Args:
        pylist: nested lists/tuples of scalars (a scalar or array gives a plain Tensor).
        dtype: the element dtype (inferred from the leaves by default; empty lists: float32).
        ragged_rank: the number of ragged dimensions (default: the nesting depth minus one).
        inner_shape: the shape of the dense inner values (with `ragged_rank`).
        name: ignored.
        row_splits_dtype: int64 (default) or int32.

    Returns:
        A RaggedTensor (or a Tensor when `ragged_rank` is 0 or `pylist` is not a list).

    Raises:
        ValueError: for scalars at different depths or leaves of mixed types.

    Example:
        >>> import tensorlet as tf
        >>> tf.ragged.constant([[65, 66], [], [67]])
        <tf.RaggedTensor [[65, 66], [], [67]]>
    """
    dtype = None if dtype is None else dtypes.as_dtype(dtype)
    if not isinstance(pylist, (list, tuple)):
        return convert.constant(pylist, dtype)
    scalar_depth, max_depth = _depths(pylist)
    rank = _ragged_rank(scalar_depth, max_depth, ragged_rank, inner_shape)
    if rank == 0:
        return convert.constant(pylist, dtype)
    levels, items = [], list(pylist)
    for _ in range(rank):
        levels.append([len(row) for row in items])
        items = [x for row in items for x in row]
    result = wrap(_flat_values(items, dtype, inner_shape))
    splits_np = dtypes.as_dtype(row_splits_dtype)._np
    for lengths in reversed(levels):
        splits = np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]).astype(splits_np)
        result = factories.make(result, splits)
    return result
