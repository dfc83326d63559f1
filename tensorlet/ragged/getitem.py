"""`RaggedTensor.__getitem__`: rows by index (`r[1]` is a Tensor), rows by slice (`r[1:3]` is
a RaggedTensor), slices inside the ragged rows (`r[:, 1:]`), and indices into the dense inner
dimensions. As in TF, an integer index into an inner ragged dimension is an error.
"""

from __future__ import annotations

import numpy as np

from ..core.errors import InvalidArgumentError
from ..core.tensor import wrap
from ..ops import array_index
from . import factories
from .ragged_tensor import RaggedTensor

__all__ = ["ragged_getitem", "gather_rows"]

_ALL = slice(None)


def _as_index(k):
    """A key item as an int, slice, None or Ellipsis (scalar integer tensors become ints)."""
    if k is None or k is Ellipsis or isinstance(k, slice) and not any(
            hasattr(b, "_value") for b in (k.start, k.stop, k.step)):
        return k
    if isinstance(k, slice):
        return slice(*(None if b is None else int(b) for b in (k.start, k.stop, k.step)))
    if isinstance(k, bool) or not hasattr(k, "__index__"):
        raise TypeError(f"RaggedTensor indices must be integers, slices, Ellipsis or "
                        f"tf.newaxis; got {k!r}")
    return int(k.__index__())


def ragged_getitem(rt: RaggedTensor, key):
    keys = [_as_index(k) for k in (key if isinstance(key, tuple) else (key,))]
    if Ellipsis in keys:
        at = keys.index(Ellipsis)
        used = sum(1 for k in keys if k is not None and k is not Ellipsis)
        keys[at:at + 1] = [_ALL] * max(rt.shape.rank - used, 0)
    return _getitem(rt, keys)


def _getitem(rt: RaggedTensor, keys: list):
    if not keys:
        return rt
    k, rest = keys[0], keys[1:]
    if k is None:
        inner = _getitem(rt, rest)
        if isinstance(inner, RaggedTensor):
            splits = np.array([0, inner._nrows()], inner._splits().dtype)
            return factories.make(inner, splits)
        return inner[None]
    if isinstance(k, int):
        return _apply(_row(rt, k), rest)
    sliced = _slice_rows(rt, k)
    return _inner(sliced, rest) if rest else sliced


def _apply(x, keys: list):
    if not keys:
        return x
    if isinstance(x, RaggedTensor):
        return _getitem(x, keys)
    return x[tuple(keys)]


def _row(rt: RaggedTensor, i: int):
    n = rt._nrows()
    if i >= n:
        raise IndexError(f"Row key {i} out of bounds")
    if i < -n:
        raise InvalidArgumentError(f"slice index {i + n} of dimension 0 out of bounds. "
                                   f"[Op:StridedSlice]")
    splits = rt._splits()
    i %= n
    return _contiguous(rt._values, int(splits[i]), int(splits[i + 1]))


def _contiguous(values, start: int, stop: int):
    """`values[start:stop]` for a Tensor or a RaggedTensor."""
    if not isinstance(values, RaggedTensor):
        return values[start:stop]
    splits = values._splits()
    new_splits = splits[start:stop + 1] - splits[start]
    inner = _contiguous(values._values, int(splits[start]), int(splits[stop]))
    return factories.make(inner, new_splits)


def _slice_rows(rt: RaggedTensor, k: slice) -> RaggedTensor:
    rows = range(rt._nrows())[k]
    if rows.step == 1:
        return _contiguous(rt, rows.start, max(rows.stop, rows.start))
    return gather_rows(rt, np.array(rows, np.int64))


def gather_rows(x, indices: np.ndarray):
    """Rows `indices` of a Tensor or RaggedTensor (through `tf.gather`, so gradients flow)."""
    if not isinstance(x, RaggedTensor):
        return array_index.gather(x, wrap(indices.astype(np.int64)))
    splits = x._splits()
    starts, lengths = splits[:-1][indices], np.diff(splits)[indices]
    new_splits = np.concatenate([[0], np.cumsum(lengths)]).astype(splits.dtype)
    offsets = np.arange(new_splits[-1]) - np.repeat(new_splits[:-1], lengths)
    value_ids = np.repeat(starts, lengths) + offsets
    return factories.make(gather_rows(x._values, value_ids), new_splits)


def _inner(rt: RaggedTensor, keys: list):
    """Applies `keys` to the dimensions after the (kept) outer dimension of `rt`."""
    k, rest = keys[0], keys[1:]
    if k is None:
        inner = _inner(rt, rest) if rest else rt
        return factories.make(inner, np.arange(inner._nrows() + 1, dtype=rt._splits().dtype))
    if isinstance(k, int):
        raise ValueError("Cannot index into an inner ragged dimension.")
    splits = rt._splits()
    if k == _ALL:
        values, new_splits = rt._values, splits
    else:
        picked = [np.arange(a, b)[k] for a, b in zip(splits[:-1], splits[1:])]
        lengths = np.array([len(p) for p in picked], np.int64)
        new_splits = np.concatenate([[0], np.cumsum(lengths)]).astype(splits.dtype)
        ids = np.concatenate(picked) if picked else np.zeros(0, np.int64)
        values = gather_rows(rt._values, ids.astype(np.int64))
    if rest:
        values = _inner(values, rest) if isinstance(values, RaggedTensor) else \
            values[(_ALL,) + tuple(rest)]
    return factories.make(values, new_splits)
