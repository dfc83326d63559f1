"""Index plans of sparse ops: NONDIFF primitives that work out where each entry goes.

Each plan reads only indices and shapes and returns the new indices, the new dense shape and,
for the values, positions to `gather` from (reorder, concat, slice) or segment ids to sum into
(add, reduce_sum). Moving the values with differentiable ops gives every sparse op its gradient
with respect to the values, the way TF's SparseAddGrad, SparseSliceGrad, ... do.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.registry import NONDIFF, OPAQUE, def_op
from ..core.spec import TensorSpec
from ._rules import fail
from .sparse_ops import check_components, lex_compare, op_error, row_major_order

__all__: list = []

_I64 = dtypes.int64


def _spec(dims) -> TensorSpec:
    return TensorSpec(dims, _I64)


def _rank(shape: TensorSpec):
    return shape.shape.as_list()[0] if shape.shape.rank == 1 else None


# --- add: merge two index lists ---------------------------------------------------------------
# NOTE: TF applies `threshold` only to entries where both inputs met (and were summed); an
# entry from one side is kept whatever its magnitude. The `summed` output says which.

def _add_infer(a_indices, a_shape, b_indices, b_shape):
    check_components("sparse_add", a_indices, None, a_shape)
    check_components("sparse_add", b_indices, None, b_shape)
    r = _rank(a_shape)
    return [_spec([None, r]), _spec(a_indices.shape[:1]), _spec(b_indices.shape[:1]),
            TensorSpec([None], dtypes.bool)]


def _strictly_sorted(indices: np.ndarray) -> bool:
    return indices.shape[0] < 2 or bool((lex_compare(indices[1:], indices[:-1]) > 0).all())


def _merge_sorted(a: np.ndarray, b: np.ndarray) -> tuple:
    """Both strictly sorted: the sorted union; equal indices share one output entry (and are
    marked as summed)."""
    both = np.concatenate([a, b])
    order = row_major_order(both)
    rows = both[order]
    new = np.ones(len(rows), bool)
    new[1:] = lex_compare(rows[1:], rows[:-1]) != 0
    ids = np.empty(len(rows), np.int64)
    ids[order] = np.cumsum(new) - 1
    summed = np.bincount(ids, minlength=int(new.sum())) == 2
    return rows[new], ids[:len(a)], ids[len(a):], summed


def _merge_walk(a: np.ndarray, b: np.ndarray) -> tuple:
    """TF's merge for unsorted inputs: one pass, taking the smaller head each step."""
    out, summed = [], []
    a_pos, b_pos = np.empty(len(a), np.int64), np.empty(len(b), np.int64)
    i = j = 0
    while i < len(a) or j < len(b):
        c = -1 if j == len(b) else 1 if i == len(a) else lex_compare(a[i:i + 1], b[j:j + 1])[0]
        if c <= 0:
            a_pos[i] = len(out)
        if c >= 0:
            b_pos[j] = len(out)
        out.append(a[i] if c <= 0 else b[j])
        summed.append(c == 0)
        i, j = i + (c <= 0), j + (c >= 0)
    rows = np.array(out, np.int64).reshape(-1, a.shape[1])
    return rows, a_pos, b_pos, np.array(summed, bool)


def _add_kernel(a_indices, a_shape, b_indices, b_shape):
    if a_indices.shape[1] != b_indices.shape[1]:
        raise op_error("SparseAdd", f"Input indices must have the same dimension, got "
                                    f"{a_indices.shape[1]} and {b_indices.shape[1]}")
    if a_shape.shape != b_shape.shape or (a_shape != b_shape).any():
        d = int(np.argmax(a_shape != b_shape)) if a_shape.shape == b_shape.shape else 0
        raise op_error("SparseAdd", f"Operands' shapes do not match: got {a_shape[d]} and "
                                    f"{b_shape[d]} for dimension {d}")
    if _strictly_sorted(a_indices) and _strictly_sorted(b_indices):
        return _merge_sorted(a_indices, b_indices)
    return _merge_walk(a_indices, b_indices)


SPARSE_ADD_PLAN = def_op(
    "sparse_add_plan", tf_name="SparseAdd", kernel=_add_kernel, infer=_add_infer, grad=NONDIFF,
    traits=OPAQUE, num_outputs=4,
)


# --- concat -----------------------------------------------------------------------------------

def _concat_infer(*parts, axis=0, expand_nonconcat_dims=False):
    n = len(parts) // 2
    for indices, shape in zip(parts[:n], parts[n:]):
        check_components("sparse_concat", indices, None, shape)
    r = _rank(parts[n])
    return [_spec([None, r]), _spec([r]), _spec([None])]


def _concat_shape(shapes: list, axis: int, expand: bool) -> tuple:
    r = shapes[0].shape[0]
    for i, s in enumerate(shapes):
        if s.shape[0] != r:
            raise op_error("SparseConcat", f"Ranks of all input tensors must match: expected {r} "
                                           f"but got {s.shape[0]} at position {i}")
    if not -r <= axis < r:
        raise op_error("SparseConcat", f"Concat dimension must be in range [{-r}, {r}), got "
                                       f"{axis}")
    axis %= r
    stacked = np.stack(shapes)
    if not expand:
        for i, s in enumerate(shapes):
            for d in range(r):
                if d != axis and s[d] != shapes[0][d]:
                    raise op_error("SparseConcat", f"Input shapes must match: expected "
                                   f"{shapes[0][d]} for dimension {d} but got {s[d]} at "
                                   f"position {i}")
    out = stacked.max(axis=0)
    out[axis] = stacked[:, axis].sum()
    return out, axis, np.concatenate([[0], np.cumsum(stacked[:, axis])[:-1]])


def _concat_kernel(*parts, axis=0, expand_nonconcat_dims=False):
    n = len(parts) // 2
    if n == 0:
        raise op_error("SparseConcat", "sp_inputs must hold at least one SparseTensor")
    shape, axis, offsets = _concat_shape(list(parts[n:]), axis, expand_nonconcat_dims)
    moved = []
    for indices, offset in zip(parts[:n], offsets):
        indices = indices.copy()
        indices[:, axis] += offset
        moved.append(indices)
    rows = np.concatenate(moved)
    order = row_major_order(rows)
    return rows[order], shape, order


SPARSE_CONCAT_PLAN = def_op(
    "sparse_concat_plan", tf_name="SparseConcat", kernel=_concat_kernel, infer=_concat_infer,
    grad=NONDIFF, traits=OPAQUE, attrs={"axis": 0, "expand_nonconcat_dims": False},
    num_outputs=3,
)


# --- slice ------------------------------------------------------------------------------------

def _slice_infer(indices, shape, start, size):
    check_components("sparse_slice", indices, None, shape)
    r = _rank(shape)
    return [_spec([None, r]), _spec([r]), _spec([None])]


def _slice_kernel(indices, shape, start, size):
    r = shape.shape[0]
    for what, v in (("start", start), ("size", size)):
        if v.ndim != 1 or v.shape[0] != r:
            raise op_error("SparseSlice", f"Expected {what} to be a vector of length {r} but got "
                                          f"length {v.size}")
    if (size < 0).any():
        raise op_error("SparseSlice", f"Expected a non-negative size, got {size[size < 0][0]}")
    end = np.minimum(start + size, shape)
    keep = np.flatnonzero(((indices >= start) & (indices < end)).all(axis=1))
    return indices[keep] - start, np.maximum(end - start, 0), keep.astype(np.int64)


SPARSE_SLICE_PLAN = def_op(
    "sparse_slice_plan", tf_name="SparseSlice", kernel=_slice_kernel, infer=_slice_infer,
    grad=NONDIFF, traits=OPAQUE, num_outputs=3,
)


# --- reduce_sum: which output cell each entry adds to -------------------------------------------

def _reduce_axes(axis, r: int) -> tuple:
    axes = range(r) if axis is None else axis
    out = set()
    for a in axes:
        if not -r <= a < r:
            raise op_error("SparseReduceSum", f"Invalid reduction dimension {a}, for input with "
                                              f"{r} dimensions.")
        out.add(a % r)
    return tuple(sorted(out))


def _reduce_infer(indices, shape, axis=None, keepdims=False):
    check_components("sparse_reduce_sum", indices, None, shape)
    r = _rank(shape)
    if r is None:
        raise fail("sparse_reduce_sum", "the rank of the SparseTensor must be known", shape)
    kept = r if keepdims else r - len(_reduce_axes(axis, r))
    return [_spec([None, kept]), _spec([kept]), _spec(indices.shape[:1])]


def _reduce_kernel(indices, shape, axis=None, keepdims=False):
    r = shape.shape[0]
    axes = _reduce_axes(axis, r)
    keep = [d for d in range(r) if d not in axes]
    cells = indices.copy()
    cells[:, list(axes)] = 0
    if not keepdims:
        cells = cells[:, keep]
    if cells.shape[0] == 0 or cells.shape[1] == 0:
        rows, ids = cells[:1], np.zeros(cells.shape[0], np.int64)
    else:
        rows, ids = np.unique(cells, axis=0, return_inverse=True)
    out_shape = shape.copy()
    out_shape[list(axes)] = 1
    out_shape = out_shape if keepdims else shape[keep]
    return rows.astype(np.int64), out_shape, ids.reshape(-1).astype(np.int64)


SPARSE_REDUCE_PLAN = def_op(
    "sparse_reduce_plan", tf_name="SparseReduceSum", kernel=_reduce_kernel, infer=_reduce_infer,
    grad=NONDIFF, traits=OPAQUE, attrs={"axis": None, "keepdims": False}, num_outputs=3,
)
