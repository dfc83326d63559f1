"""Sparse primitives on the components of a SparseTensor: int64 `indices` [N, R], `values` [N]
and int64 `dense_shape` [R].

The SparseTensor class and `tf.sparse` live in `tensorlet/sparse`; these ops see only tensors,
so no op family imports that package. Output sizes that depend on the data (the dense shape, the
number of entries) are unknown dims in the shape rules, unless the caller passes the static
shape it knows as an attribute (`static_shape`, `num_rows`), which the kernels ignore. Ops that
only move entries around (reorder, concat, slice, add, reduce) are NONDIFF index plans in
`sparse_plans`; the values then go through differentiable ops (`gather`,
`sparse_segment_values`), so their gradients come for free.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..core.registry import NONDIFF, OPAQUE, def_op
from ..core.spec import TensorSpec
from . import array_index, array_shape
from . import linalg_einsum as einsum_ops
from . import reduce as reduce_ops
from ._rules import fail

__all__: list = []

ORDER_HINT = ("is out of order. Many sparse ops require sorted indices.\n    Use "
              "`tf.sparse.reorder` to create a correctly ordered copy.\n\n")


def op_error(tf_name: str, text: str) -> InvalidArgumentError:
    """TF's kernel message for a sparse op, tagged with the op as TF does."""
    return InvalidArgumentError(f"{text} [Op:{tf_name}]")


def index_text(values) -> str:
    """`[0,5]`: an index or a shape the way TF's sparse kernels print it."""
    return "[" + ",".join(str(int(v)) for v in values) + "]"


def lex_compare(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise lexicographic comparison of two [N, R] arrays: -1, 0 or 1 per row."""
    diff = np.sign(a.astype(np.int64) - b.astype(np.int64))
    if diff.shape[1] == 0:
        return np.zeros(diff.shape[0], np.int64)
    first = np.argmax(diff != 0, axis=1)
    return diff[np.arange(diff.shape[0]), first]


def check_indices(tf_name: str, indices: np.ndarray, shape: np.ndarray,
                     ordered: bool = True) -> None:
    """TF's index validation: each index in bounds, and (with `ordered`) strictly increasing
    in row-major order. Reports the first bad index as TF does."""
    n = indices.shape[0]
    if n == 0:
        return
    out = ((indices < 0) | (indices >= shape)).any(axis=1)
    first_out = int(np.argmax(out)) if out.any() else n
    first_order = n
    if ordered and n > 1:
        bad = np.flatnonzero(lex_compare(indices[1:], indices[:-1]) <= 0)
        first_order = int(bad[0]) + 1 if bad.size else n
    i = min(first_out, first_order)
    if i == n:
        return
    where = f"indices[{i}] = {index_text(indices[i])}"
    if i == first_out:
        raise op_error(tf_name, f"{where} is out of bounds: need 0 <= index < "
                                f"{index_text(shape)}")
    if lex_compare(indices[i:i + 1], indices[i - 1:i])[0] == 0:
        raise op_error(tf_name, f"{where} is repeated")
    raise op_error(tf_name, f"{where} {ORDER_HINT}")


def check_components(op: str, indices: TensorSpec, values: TensorSpec | None,
                     shape: TensorSpec) -> None:
    """The shape rule shared by sparse ops: indices [N, R] int64, values [N], shape [R] int64."""
    if indices.dtype is not dtypes.int64 or shape.dtype is not dtypes.int64:
        raise fail(op, "indices and dense_shape must be int64", indices, shape)
    if indices.shape.rank != 2 or shape.shape.rank != 1:
        raise fail(op, "indices must be a matrix and dense_shape a vector", indices, shape)
    if values is not None:
        if values.shape.rank != 1:
            raise fail(op, "values must be a vector", values)
        if not values.shape[:1].is_compatible_with(indices.shape[:1]):
            raise fail(op, "indices and values must have as many entries", indices, values)
    if not indices.shape[1:].is_compatible_with(shape.shape):
        raise fail(op, "indices must have one column per dim of dense_shape", indices, shape)


def _rank(shape: TensorSpec):
    return shape.shape.as_list()[0] if shape.shape.rank == 1 else None


def _unknown(rank) -> list | None:
    return None if rank is None else [None] * rank


def _check_arrays(tf_name: str, indices, values, shape) -> None:
    if indices.ndim != 2 or values.ndim != 1 or shape.ndim != 1 or \
            indices.shape[0] != values.shape[0] or indices.shape[1] != shape.shape[0]:
        raise ValueError(f"{tf_name}: inconsistent sparse components")


# --- to_dense ---------------------------------------------------------------------------------

def _to_dense_infer(indices, values, shape, default_value, validate_indices=True,
                    static_shape=None):
    check_components("sparse_to_dense", indices, values, shape)
    if default_value.shape.rank not in (0, None):
        raise InvalidArgumentError("default_value should be a scalar. [Op:SparseToDense]\n"
                                   f"sparse_to_dense: got {default_value.short()}")
    return TensorSpec(static_shape or _unknown(_rank(shape)), values.dtype)


def _to_dense_kernel(indices, values, shape, default_value, validate_indices=True,
                     static_shape=None):
    _check_arrays("SparseToDense", indices, values, shape)
    if default_value.ndim != 0:
        raise op_error("SparseToDense", "default_value should be a scalar.")
    if validate_indices:
        check_indices("SparseToDense", indices, shape)
    elif indices.shape[0] and ((indices < 0) | (indices >= shape)).any():
        raise op_error("SparseToDense", f"Indices are not valid (out of bounds).  Shape: "
                                        f"{index_text(shape)}")
    out = np.full(tuple(int(d) for d in shape), default_value, dtype=values.dtype)
    if indices.shape[0]:
        out[tuple(indices.T) if indices.shape[1] else ()] = values[-1] if out.ndim == 0 else \
            values
    return out



def _to_dense_grad(g, y, indices, values, shape, default_value, validate_indices=True,
                   static_shape=None):
    """TF's rule: the values get the gradient at their positions, the default the rest."""
    g_values = array_index.gather_nd(g, indices)
    g_default = reduce_ops.reduce_sum(g) - reduce_ops.reduce_sum(g_values)
    return None, g_values, None, g_default


SPARSE_TO_DENSE = def_op(
    "sparse_to_dense", tf_name="SparseToDense", kernel=_to_dense_kernel, infer=_to_dense_infer,
    grad=_to_dense_grad, traits=OPAQUE, attrs={"validate_indices": True, "static_shape": None},
    dtype_group=(1, 3),
)


# --- reorder ----------------------------------------------------------------------------------

def row_major_order(indices: np.ndarray) -> np.ndarray:
    """The stable permutation that sorts [N, R] indices in row-major order."""
    if indices.shape[1] == 0:
        return np.arange(indices.shape[0], dtype=np.int64)
    return np.lexsort(indices.T[::-1]).astype(np.int64)


def _order_infer(indices: TensorSpec) -> TensorSpec:
    if indices.dtype is not dtypes.int64 or indices.shape.rank != 2:
        raise fail("sparse_reorder_permutation", "indices must be an int64 matrix", indices)
    return TensorSpec(indices.shape[:1], dtypes.int64)


def _order_kernel(indices):
    if indices.ndim != 2:
        raise ValueError("sparse_reorder_permutation: indices must be a matrix")
    return row_major_order(indices)


SPARSE_REORDER_PERMUTATION = def_op(
    "sparse_reorder_permutation", tf_name="SparseReorder", kernel=_order_kernel,
    infer=_order_infer, grad=NONDIFF, traits=OPAQUE,
)


# --- segment sum with a data-dependent count ------------------------------------------------

def _segment_infer(values: TensorSpec, ids: TensorSpec, like: TensorSpec) -> TensorSpec:
    if ids.dtype is not dtypes.int64 or not ids.shape.is_compatible_with(values.shape) or \
            values.shape.rank != 1:
        raise fail("sparse_segment_values", "values and int64 segment ids must be vectors of "
                   "one length", values, ids)
    return TensorSpec(like.shape[:1], values.dtype)


def _segment_kernel(values, ids, like):
    out = np.zeros(like.shape[:1], dtype=values.dtype)
    np.add.at(out, ids, values)
    return out


SPARSE_SEGMENT_VALUES = def_op(
    "sparse_segment_values", tf_name="UnsortedSegmentSum", kernel=_segment_kernel,
    infer=_segment_infer, traits=OPAQUE, dtype_group=(0,), allowed=dtypes.NUMERIC,
    grad=lambda g, y, values, ids, like: (array_index.gather(g, ids), None, None),
)


# --- sparse + dense ---------------------------------------------------------------------------

def _dense_add_infer(indices, values, shape, dense):
    check_components("sparse_tensor_dense_add", indices, values, shape)
    rank = _rank(shape)
    if rank is not None and dense.shape.rank is not None and rank != dense.shape.rank:
        raise InvalidArgumentError(
            f"Two operands have different ranks; received: {rank} and {dense.shape.rank} "
            f"[Op:SparseTensorDenseAdd]\nsparse.add: the SparseTensor and the dense tensor must "
            f"have one shape (no broadcasting); got {shape.short()} and {dense.short()}")
    return TensorSpec(dense.shape, dense.dtype)


def _dense_add_kernel(indices, values, shape, dense):
    _check_arrays("SparseTensorDenseAdd", indices, values, shape)
    if shape.shape[0] != dense.ndim:
        raise op_error("SparseTensorDenseAdd", f"Two operands have different ranks; received: "
                                               f"{shape.shape[0]} and {dense.ndim}")
    for d, (a, b) in enumerate(zip(shape.tolist(), dense.shape)):
        if a != b:
            raise op_error("SparseTensorDenseAdd", f"Dimension {d} does not equal (no "
                           f"broadcasting is supported): sparse side {a} vs dense side {b}")
    bad = (indices < 0) | (indices >= shape)
    if bad.any():
        i, d = np.unravel_index(int(np.argmax(bad)), bad.shape)
        raise op_error("SparseTensorDenseAdd", f"Sparse tensor has an invalid index on dimension "
                       f"{d}: a_indices({i},{d}) = {indices[i, d]}, dense tensor shape: "
                       f"{' '.join(map(str, dense.shape))}")
    out = dense.copy()
    np.add.at(out, tuple(indices.T), values)
    return out


SPARSE_TENSOR_DENSE_ADD = def_op(
    "sparse_tensor_dense_add", tf_name="SparseTensorDenseAdd", kernel=_dense_add_kernel,
    infer=_dense_add_infer, traits=OPAQUE, dtype_group=(1, 3), allowed=dtypes.NUMERIC,
    grad=lambda g, y, indices, values, shape, dense: (
        None, array_index.gather_nd(g, indices), None, g),
)


# --- sparse x dense matmul ----------------------------------------------------------------------

MATMUL_TYPES = dtypes.FLOATS | dtypes.COMPLEX | {dtypes.int32}


def _matmul_infer(indices, values, shape, b, adjoint_a=False, adjoint_b=False, num_rows=None):
    check_components("sparse_tensor_dense_matmul", indices, values, shape)
    if b.shape.rank != 2:
        raise InvalidArgumentError("Tensor 'b' is not a matrix [Op:SparseTensorDenseMatMul]\n"
                                   f"sparse.sparse_dense_matmul: got b {b.short()}")
    if _rank(shape) not in (2, None):
        raise InvalidArgumentError("Tensor 'a_shape' must have 2 elements "
                                   "[Op:SparseTensorDenseMatMul]\nsparse.sparse_dense_matmul: "
                                   f"the SparseTensor must be a matrix, got shape {shape.short()}")
    n = b.shape[0] if adjoint_b else b.shape[1]
    return TensorSpec([num_rows, n], values.dtype)


def _matmul_check(indices, shape, b, adjoint_a: bool) -> tuple:
    if b.ndim != 2:
        raise op_error("SparseTensorDenseMatMul", "Tensor 'b' is not a matrix")
    if shape.shape[0] != 2:
        raise op_error("SparseTensorDenseMatMul", "Tensor 'a_shape' must have 2 elements")
    rows, cols = (1, 0) if adjoint_a else (0, 1)
    m, k = int(shape[rows]), int(shape[cols])
    if k != b.shape[0]:
        raise op_error("SparseTensorDenseMatMul", f"Cannot multiply A and B because inner "
                       f"dimension does not match: {k} vs. {b.shape[0]}.  Did you forget a "
                       f"transpose?  Dimensions of A: [{shape[0]}, {shape[1]}).  Dimensions of B: "
                       f"{index_text(b.shape)}")
    r, c = indices[:, rows], indices[:, cols]
    bad = (c < 0) | (c >= k) | (r < 0) | (r >= m)
    if bad.any():
        i = int(np.argmax(bad))
        if not 0 <= c[i] < k:
            raise op_error("SparseTensorDenseMatMul", f"k ({c[i]}) from index[{i},{cols}] out of "
                                                      f"bounds (>={k})")
        raise op_error("SparseTensorDenseMatMul", f"m ({r[i]}) from index[{i},{rows}] out of "
                                                  f"bounds (>={m})")
    return m, rows, cols


def _matmul_kernel(indices, values, shape, b, adjoint_a=False, adjoint_b=False, num_rows=None):
    _check_arrays("SparseTensorDenseMatMul", indices, values, shape)
    if adjoint_b and b.ndim == 2:
        b = np.conj(b.T)
    m, rows, cols = _matmul_check(indices, shape, b, adjoint_a)
    if adjoint_a:
        values = np.conj(values)
    out = np.zeros((m, b.shape[1]), dtype=values.dtype)
    np.add.at(out, indices[:, rows], values[:, None] * b[indices[:, cols]])
    return out


def _matmul_grad(g, y, indices, values, shape, b, adjoint_a=False, adjoint_b=False, num_rows=None):
    """out = op(A) @ op(B): the dense side gets op(A)^H @ g (adjointed back when `adjoint_b`),
    each value the product of the matching row of g and row of op(B) (conjugated as TF)."""
    g_b = sparse_dense_matmul(indices, values, shape, g, not adjoint_a, False,
                              b.shape[1] if adjoint_b else b.shape[0])
    if adjoint_b:
        g_b = einsum_ops.conj_if_complex(array_shape.transpose(g_b))
    op_b = einsum_ops.conj_if_complex(array_shape.transpose(b)) if adjoint_b else b
    row_ids = array_index.gather(indices, 0, axis=1)
    col_ids = array_index.gather(indices, 1, axis=1)
    if adjoint_a:
        parts = array_index.gather(op_b, row_ids) * einsum_ops.conj_if_complex(
            array_index.gather(g, col_ids))
    else:
        parts = array_index.gather(g, row_ids) * einsum_ops.conj_if_complex(
            array_index.gather(op_b, col_ids))
    return None, reduce_ops.reduce_sum(parts, axis=1), None, g_b


SPARSE_TENSOR_DENSE_MATMUL = def_op(
    "sparse_tensor_dense_matmul", tf_name="SparseTensorDenseMatMul", kernel=_matmul_kernel,
    infer=_matmul_infer, grad=_matmul_grad, traits=OPAQUE,
    attrs={"adjoint_a": False, "adjoint_b": False, "num_rows": None}, dtype_group=(1, 3),
    allowed=MATMUL_TYPES,
)


def sparse_dense_matmul(indices, values, shape, b, adjoint_a=False, adjoint_b=False, num_rows=None):
    """`op(A) @ op(B)` for the SparseTensor A given by its components; `rows`, when known, is
    the static number of rows of `op(A)` (the shape rule cannot read `shape`'s value)."""
    return execute(SPARSE_TENSOR_DENSE_MATMUL, (indices, values, shape, b),
                   {"adjoint_a": bool(adjoint_a), "adjoint_b": bool(adjoint_b),
                    "num_rows": num_rows})


# --- sparse (op) dense: where each entry reads the dense side -----------------------------------

def _cwise_infer(indices, shape, dense, divide=False):
    check_components("sparse_dense_cwise_index", indices, None, shape)
    return TensorSpec([indices.shape[0], dense.shape.rank], dtypes.int64)


def _cwise_kernel(indices, shape, dense, divide=False):
    """For each entry, the index of the dense element it meets when the dense side is
    broadcast to the sparse shape (dense dims of size 1 read index 0)."""
    tf_name = "SparseDenseCwiseDiv" if divide else "SparseDenseCwiseMul"
    r, k = shape.shape[0], dense.ndim
    aligned = shape.tolist()[r - k:] if k <= r else None
    if aligned is None or any(d not in (1, s) for d, s in zip(dense.shape, aligned)):
        raise op_error(tf_name, f"SparseDenseBinaryOpShared broadcasts dense to sparse only; got "
                                f"incompatible shapes: {index_text(shape)} vs. "
                                f"{index_text(dense.shape)}")
    if divide and (dense == 0).any():
        raise op_error(tf_name, "SparseDenseCwiseDiv cannot divide by zero,but input dense "
                                "tensor contains zero ")
    out = indices[:, r - k:].copy()
    out[:, [d == 1 for d in dense.shape]] = 0
    return out


SPARSE_DENSE_CWISE_INDEX = def_op(
    "sparse_dense_cwise_index", tf_name="SparseDenseCwiseMul", kernel=_cwise_kernel,
    infer=_cwise_infer, grad=NONDIFF, traits=OPAQUE, attrs={"divide": False},
)
