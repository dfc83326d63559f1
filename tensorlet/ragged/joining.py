"""Joining and selecting rows: `tf.concat` on ragged tensors (axis 0 appends rows, axis 1
appends row by row), `tf.ragged.stack` and `tf.ragged.boolean_mask`."""

from __future__ import annotations

import numpy as np

from ..core import convert, overrides
from ..core.errors import InvalidArgumentError
from ..ops import array_join, array_mask
from . import dense, factories
from .getitem import gather_rows
from .ragged_tensor import RaggedTensor

__all__ = ["concat", "stack", "boolean_mask"]


def _rank(x) -> int:
    return x.shape.rank


def _as_ragged_list(values: list) -> list:
    """Every input as a RaggedTensor of one ragged_rank (dense ones through `from_tensor`)."""
    first = next(v for v in values if isinstance(v, RaggedTensor))
    k = max(v.ragged_rank for v in values if isinstance(v, RaggedTensor))
    out = []
    for i, v in enumerate(values):
        if not isinstance(v, RaggedTensor):
            v = convert.convert_to_tensor(v, dtype_hint=first.dtype)
            v = dense.from_tensor(v, ragged_rank=k, row_splits_dtype=first.row_splits.dtype)
        elif v.ragged_rank < k:
            v = dense.from_tensor(v.to_tensor(), ragged_rank=k,
                                  row_splits_dtype=first.row_splits.dtype)
        if v.dtype is not first.dtype:
            raise InvalidArgumentError(
                f"cannot compute ConcatV2 as input #{i}(zero-based) was expected to be a "
                f"{first.dtype.kernel_name} tensor but is a {v.dtype.kernel_name} tensor "
                f"[Op:ConcatV2]\nconcat: input #0 is {first.dtype.name} and input #{i} is "
                f"{v.dtype.name}; convert one of them, e.g. tf.cast(x, tf.{first.dtype.name})")
        out.append(v)
    return out


def _concat_rows(values: list):
    """Appends the rows of Tensors or of RaggedTensors of one ragged_rank."""
    if not isinstance(values[0], RaggedTensor):
        return array_join.concat(values, axis=0)
    dtype = np.result_type(*[v._splits().dtype for v in values])
    parts, offset = [np.zeros(1, dtype)], 0
    for v in values:
        splits = v._splits().astype(dtype)
        parts.append(splits[1:] + offset)
        offset += splits[-1]
    inner = _concat_rows([v._values for v in values])
    if isinstance(inner, RaggedTensor) and inner._splits().dtype != dtype:
        inner = inner.with_row_splits_dtype(dtype)
    return factories.make(inner, np.concatenate(parts))


def _concat_in_rows(values: list) -> RaggedTensor:
    """Row `i` of the result is row `i` of each input, one after the other."""
    n = values[0]._nrows()
    for i, v in enumerate(values[1:], 1):
        if v._nrows() != n:
            raise InvalidArgumentError(
                f"Input tensors at index 0 (=x) and {i} (=y) have incompatible shapes.\n"
                f"concat: axis=1 needs the same number of rows, got {n} and {v._nrows()}")
    stacked = _concat_rows(values)
    order = (np.arange(n)[:, None] + np.arange(len(values))[None, :] * n).reshape(-1)
    rows = gather_rows(stacked, order)
    return factories.make(rows._values, rows._splits()[::len(values)].copy())


def _concat_inner(values: list, axis: int):
    """Concatenation inside the rows (axis >= 2): the outer partitions must be identical."""
    first = values[0]._splits()
    for v in values[1:]:
        if not np.array_equal(v._splits(), first):
            raise InvalidArgumentError(
                "Input tensors have incompatible shapes.\nconcat: along an inner axis the "
                "ragged tensors need the same row partitions")
    inner = [v._values for v in values]
    if isinstance(inner[0], RaggedTensor):
        joined = _concat_axis(inner, axis - 1)
    else:
        joined = array_join.concat(inner, axis=axis - 1)
    return factories.make(joined, first.copy())


def _concat_axis(values: list, axis: int):
    if axis == 0:
        return _concat_rows(values)
    if axis == 1:
        return _concat_in_rows(values)
    return _concat_inner(values, axis)


def concat(values, axis, name=None):
    """`tf.concat` when some of `values` are RaggedTensors.

    Example:
        >>> import tensorlet as tf
        >>> a, b = tf.ragged.constant([[1, 2], [3]]), tf.ragged.constant([[4], []])
        >>> tf.concat([a, b], axis=1)
        <tf.RaggedTensor [[1, 2, 4], [3]]>
    """
    values = list(values)
    rank = max(_rank(v) for v in values if isinstance(v, RaggedTensor))
    axis = int(axis)
    if not -rank <= axis < rank:
        raise ValueError(f"axis={axis} out of bounds: expected {-rank}<=axis<{rank}")
    values = _as_ragged_list(values)
    if len(values) == 1:
        return values[0]
    return _concat_axis(values, axis % rank)


def stack(values, axis=0, name=None):
    """Stacks ragged (or dense) tensors along a new dimension `axis` (0 or 1).

    Example:
        >>> import tensorlet as tf
        >>> r = tf.ragged.constant([[1, 2], [3]])
        >>> tf.ragged.stack([r, r[:1]])
        <tf.RaggedTensor [[[1, 2], [3]], [[1, 2]]]>
    """
    values = [v if isinstance(v, RaggedTensor) else dense.from_tensor(v)
              for v in (convert.convert_to_tensor(x) if not isinstance(x, RaggedTensor) else x
                        for x in values)]
    if axis == 0:
        expanded = [factories.make(v, np.array([0, v._nrows()], v._splits().dtype))
                    for v in values]
        return concat(expanded, 0)
    if axis == 1:
        return concat([v[:, None] for v in values], 1)
    raise NotImplementedError(f"tf.ragged.stack: tensorlet supports axis 0 and 1, got {axis}")


def _true_counts(mask: np.ndarray, splits: np.ndarray) -> np.ndarray:
    cumulative = np.concatenate([[0], np.cumsum(mask)])
    return np.diff(cumulative[splits])


def boolean_mask(data, mask, name=None):
    """Keeps the items of `data` where `mask` is true; the kept items of each row stay together,
    so the result is ragged.

    Args:
        data: a Tensor or RaggedTensor.
        mask: a bool Tensor or RaggedTensor whose shape is a prefix of `data`'s.
        name: ignored.

    Example:
        >>> import tensorlet as tf
        >>> tf.ragged.boolean_mask([[1, 2], [3, 4]], [[True, False], [True, True]])
        <tf.RaggedTensor [[1], [3, 4]]>
    """
    if not isinstance(mask, RaggedTensor):
        mask = convert.convert_to_tensor(mask)
    if not isinstance(data, RaggedTensor):
        data = convert.convert_to_tensor(data)
        if mask.shape.rank == 1:
            return array_mask.boolean_mask(data, mask)
    level = mask.shape.rank - 1
    if level == 0:
        return gather_rows(data, np.flatnonzero(mask._value))
    if not isinstance(mask, RaggedTensor):
        mask = dense.from_tensor(mask, ragged_rank=level)
    if not isinstance(data, RaggedTensor):
        data = dense.from_tensor(data, ragged_rank=level)
    partitions = [data]
    for _ in range(level - 1):
        partitions.append(partitions[-1]._values)
    for d, m in zip(partitions, mask.nested_row_splits):
        if not np.array_equal(d._splits(), m._value):
            raise InvalidArgumentError("boolean_mask: mask and data have different row "
                                       "partitions")
    keep = mask.flat_values._value
    last = partitions[-1]
    result = factories.make(gather_rows(last._values, np.flatnonzero(keep)),
                            np.concatenate([[0], np.cumsum(_true_counts(keep, last._splits()))])
                            .astype(last._splits().dtype))
    for outer in reversed(partitions[:-1]):
        result = factories.make(result, outer._splits())
    return result


overrides.register("concat", RaggedTensor, concat)
