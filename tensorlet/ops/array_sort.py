"""Sorting: sort, argsort, top_k and unique.

Ties keep their original order (the lower index first) in both directions, as TF's do. `sort`
gathers the values at `argsort`'s indices, so its gradient is gather's.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..core import convert, dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import NONDIFF, OPAQUE, def_op
from ..core.spec import TensorSpec
from . import array_index, array_shape
from ._rules import fail

__all__ = ["sort", "argsort", "top_k", "unique"]

_DIRECTIONS = ("ASCENDING", "DESCENDING")
_SORTABLE = dtypes.REALS


class TopKV2(NamedTuple):
    """The result of `tf.math.top_k`."""

    values: object
    indices: object


class Unique(NamedTuple):
    """The result of `tf.unique`."""

    y: object
    idx: object


def _argsort_last(x: np.ndarray, descending: bool) -> np.ndarray:
    """Stable argsort on the last axis; descending keeps the lower index first among ties."""
    if not descending:
        return np.argsort(x, axis=-1, kind="stable")
    n = x.shape[-1]
    backwards = np.argsort(x[..., ::-1], axis=-1, kind="stable")[..., ::-1]
    return n - 1 - backwards


def _check_direction(direction) -> str:
    if direction not in _DIRECTIONS:
        raise ValueError(f"Argument `direction` should be one of {', '.join(_DIRECTIONS)}. "
                         f"Received: direction={direction}")
    return direction


# --- argsort -------------------------------------------------------------------------------

def _argsort_infer(x: TensorSpec, axis=-1, direction="ASCENDING") -> TensorSpec:
    rank = x.shape.rank
    if rank == 0 or not -rank <= axis < rank:
        raise fail("argsort", f"axis {axis} is out of range for a tensor of rank {rank}", x)
    return TensorSpec(x.shape, dtypes.int32)


def _argsort_kernel(x, axis=-1, direction="ASCENDING"):
    moved = np.moveaxis(x, axis, -1)
    order = _argsort_last(moved, direction == "DESCENDING")
    return np.moveaxis(order, -1, axis).astype(np.int32)


ARGSORT = def_op(
    "argsort", tf_name="ArgSort", kernel=_argsort_kernel, infer=_argsort_infer, grad=NONDIFF,
    attrs={"axis": -1, "direction": "ASCENDING"}, dtype_group=(0,), allowed=_SORTABLE,
)


def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    """The int32 indices that sort `values` along `axis` (ties keep their order).

    Raises:
        ValueError: for a direction other than ASCENDING or DESCENDING.

    Example:
        >>> import tensorlet as tf
        >>> tf.argsort(tf.constant([3., 1., 2.])).numpy()
        array([1, 2, 0], dtype=int32)
    """
    attrs = {"axis": array_shape.int_attr(axis), "direction": _check_direction(direction)}
    return execute(ARGSORT, (values,), attrs, name=name)


# --- sort ----------------------------------------------------------------------------------

def _take_along(x, order, axis: int):
    """x[..., order[...], ...] along `axis`, for `order` shaped like `x`."""
    rank = x.shape.rank
    axis %= rank
    if axis == rank - 1:
        return array_index.gather(x, order, axis=axis, batch_dims=axis)
    perm = list(range(rank))
    perm[axis], perm[-1] = perm[-1], perm[axis]
    moved = array_index.gather(array_shape.transpose(x, perm), array_shape.transpose(order, perm),
                               axis=rank - 1, batch_dims=rank - 1)
    return array_shape.transpose(moved, perm)


def sort(values, axis=-1, direction="ASCENDING", name=None):
    """Sorts `values` along `axis`.

    Raises:
        ValueError: for a direction other than ASCENDING or DESCENDING.
        InvalidArgumentError: for a scalar or an axis out of range.

    Example:
        >>> import tensorlet as tf
        >>> tf.sort(tf.constant([3, 1, 2]), direction="DESCENDING").numpy()
        array([3, 2, 1], dtype=int32)
    """
    order = argsort(values, axis=axis, direction=direction, name=name)
    if not convert.is_tensor_like(values):
        values = convert.convert_to_tensor(values)
    return _take_along(values, order, array_shape.int_attr(axis))


# --- top_k ---------------------------------------------------------------------------------

def _top_k_infer(x: TensorSpec, k=1, sorted=True, index_type=dtypes.int32) -> list:
    dims = x.shape.as_list()
    if not dims:
        raise fail("top_k", f"input must be >= 1-D, got shape {dims}", x)
    if k < 0:
        raise fail("top_k", f"Need k >= 0, got {k}", x)
    if dims[-1] is not None and dims[-1] < k:
        raise fail("top_k", f"input must have at least k columns. Had {dims[-1]}, needed {k}", x)
    return [TensorSpec(dims[:-1] + [k], x.dtype), TensorSpec(dims[:-1] + [k], index_type)]


def _top_k_kernel(x, k=1, sorted=True, index_type=dtypes.int32):
    if x.ndim == 0 or k < 0 or x.shape[-1] < k:
        raise ValueError("top_k: bad input")
    order = _argsort_last(x, descending=True)[..., :k]
    if not sorted:
        order = np.sort(order, axis=-1)
    return np.take_along_axis(x, order, axis=-1), order.astype(index_type._np)


def _top_k_grad(g, y, x, k=1, sorted=True, index_type=dtypes.int32):
    rank = x.shape.rank
    grad, _ = array_index._gather_grad(g[0], None, x, y[1], axis=rank - 1,
                                       batch_dims=rank - 1)
    return (grad,)


TOP_K = def_op(
    "top_k", tf_name="TopKV2", kernel=_top_k_kernel, infer=_top_k_infer, grad=_top_k_grad,
    traits=OPAQUE, attrs={"k": 1, "sorted": True, "index_type": dtypes.int32}, num_outputs=2,
    dtype_group=(0,), allowed=_SORTABLE,
)


def top_k(input, k=1, sorted=True, index_type=dtypes.int32, name=None):
    """The `k` largest entries along the last axis, and their indices.

    Returns:
        A `TopKV2(values, indices)` named tuple; among equal values the lower index comes
        first. With `sorted=False` the entries keep their input order.

    Raises:
        InvalidArgumentError: for a scalar input, a negative `k` or `k` above the last dim.

    Example:
        >>> import tensorlet as tf
        >>> tf.math.top_k(tf.constant([3., 1., 2.]), 2).indices.numpy()
        array([0, 2], dtype=int32)
    """
    attrs = {"k": array_shape.int_attr(k), "sorted": bool(sorted),
             "index_type": dtypes.as_dtype(index_type)}
    values, indices = execute(TOP_K, (input,), attrs, name=name)
    return TopKV2(values, indices)


# --- unique --------------------------------------------------------------------------------

def _unique_infer(x: TensorSpec, out_idx=dtypes.int32) -> list:
    if x.shape.rank != 1:
        raise fail("unique", "unique expects a 1D vector.", x)
    return [TensorSpec([None], x.dtype), TensorSpec(x.shape, out_idx)]


def _unique_kernel(x, out_idx=dtypes.int32):
    if x.ndim != 1:
        raise ValueError("unique: not a vector")
    _, first, inverse = np.unique(x, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return x[np.sort(first)], rank[inverse.reshape(-1)].astype(out_idx._np)


UNIQUE = def_op(
    "unique", kernel=_unique_kernel, infer=_unique_infer, grad=NONDIFF,
    attrs={"out_idx": dtypes.int32}, num_outputs=2,
)


def unique(x, out_idx=dtypes.int32, name=None):
    """The distinct values of the 1-D `x` in order of first appearance, and for each element
    of `x` the index of its value in them.

    Returns:
        A `Unique(y, idx)` named tuple; `idx` has dtype `out_idx` (int32 by default).

    Example:
        >>> import tensorlet as tf
        >>> y, idx = tf.unique(tf.constant([1, 1, 2, 4, 4, 4, 7, 8, 8]))
        >>> y.numpy(), idx.numpy()
        (array([1, 2, 4, 7, 8], dtype=int32), array([0, 0, 1, 2, 2, 2, 3, 4, 4], dtype=int32))
    """
    out_idx = dtypes.as_dtype(out_idx)
    if out_idx not in (dtypes.int32, dtypes.int64):
        raise InvalidArgumentError(f"unique: out_idx must be int32 or int64, got {out_idx.name}")
    y, idx = execute(UNIQUE, (x,), {"out_idx": out_idx}, name=name)
    return Unique(y, idx)
