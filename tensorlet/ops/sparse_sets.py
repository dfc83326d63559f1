"""Set primitives (`tf.sets`): union, intersection and difference of the sets held in the last
dimension of dense or sparse tensors, and the size of each set.

A set is what one row (all indices but the last) holds: every element of a dense row (so a
padding 0 is an element too), or the values of a sparse row. Results are sparse: each row's
elements sorted ascending, the last dim as long as the largest result set.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.registry import NONDIFF, OPAQUE, def_op
from ..core.spec import TensorSpec
from .sparse_ops import check_components, check_indices, index_text, op_error

__all__: list = []

SET_TYPES = frozenset({dtypes.int8, dtypes.int16, dtypes.int32, dtypes.int64, dtypes.uint8,
                       dtypes.uint16, dtypes.string})
OPERATIONS = ("a-b", "b-a", "intersection", "union")
_I64 = dtypes.int64


def _dense_set(tf_name: str, x: np.ndarray) -> tuple:
    """(prefix shape, group id per element, values) of a dense tensor of sets."""
    if x.ndim < 2:
        raise op_error(tf_name, f"Shape {index_text(x.shape)} has rank {x.ndim} < 2")
    groups = int(np.prod(x.shape[:-1], dtype=np.int64))
    return tuple(x.shape[:-1]), np.repeat(np.arange(groups), x.shape[-1]), x.reshape(-1)


def _sparse_set(tf_name: str, indices, values, shape, validate: bool) -> tuple:
    """(prefix shape, group id per element, values) of a sparse tensor of sets."""
    if shape.shape[0] < 2:
        raise op_error(tf_name, f"Invalid rank {shape.shape[0]}.")
    check_indices(tf_name, indices, shape, ordered=validate)
    prefix = tuple(int(d) for d in shape[:-1])
    ids = np.ravel_multi_index(tuple(indices[:, :-1].T), prefix) if indices.shape[0] else \
        np.zeros(0, np.int64)
    return prefix, ids, values


def _same_prefix(tf_name: str, a: tuple, b: tuple) -> None:
    if a != b:
        raise op_error(tf_name, f"Mismatched shapes {index_text(a)} vs {index_text(b)}")


def _combine(a_ids, a_values, b_ids, b_values, operation: str) -> tuple:
    """The result elements as sorted (group id, value) pairs."""
    uniq, codes = np.unique(np.concatenate([a_values, b_values]), return_inverse=True)
    k = max(len(uniq), 1)
    codes = codes.reshape(-1)
    key_a = a_ids.astype(np.int64) * k + codes[:len(a_values)]
    key_b = b_ids.astype(np.int64) * k + codes[len(a_values):]
    if operation == "union":
        keys = np.union1d(key_a, key_b)
    elif operation == "intersection":
        keys = np.intersect1d(key_a, key_b)
    elif operation == "a-b":
        keys = np.setdiff1d(key_a, key_b)
    else:
        keys = np.setdiff1d(key_b, key_a)
    return keys // k, uniq[keys % k]


def _as_sparse(prefix: tuple, groups: np.ndarray, values: np.ndarray, dtype) -> tuple:
    """Lays sorted (group, value) pairs out as a SparseTensor's components."""
    n = len(groups)
    first = np.searchsorted(groups, groups, side="left")
    position = np.arange(n) - first
    width = int(position.max()) + 1 if n else 0
    lead = np.stack(np.unravel_index(groups, prefix), axis=1) if n else \
        np.zeros((0, len(prefix)), np.int64)
    indices = np.concatenate([lead, position[:, None]], axis=1).astype(np.int64)
    shape = np.array(prefix + (width,), np.int64)
    return indices, np.asarray(values, dtype=dtype), shape


def _operate(tf_name, a: tuple, b: tuple, set_operation: str, dtype) -> tuple:
    _same_prefix(tf_name, a[0], b[0])
    groups, values = _combine(a[1], a[2], b[1], b[2], set_operation)
    return _as_sparse(a[0], groups, values, dtype)


def _out_specs(rank, dtype) -> list:
    return [TensorSpec([None, rank], _I64), TensorSpec([None], dtype), TensorSpec([rank], _I64)]


def _sparse_rank(shape: TensorSpec):
    return shape.shape.as_list()[0] if shape.shape.rank == 1 else None


def _dd_kernel(a, b, set_operation="union", validate_indices=True):
    name = "DenseToDenseSetOperation"
    return _operate(name, _dense_set(name, a), _dense_set(name, b), set_operation, a.dtype)


def _ds_kernel(a, b_indices, b_values, b_shape, set_operation="union", validate_indices=True):
    name = "DenseToSparseSetOperation"
    b = _sparse_set(name, b_indices, b_values, b_shape, validate_indices)
    return _operate(name, _dense_set(name, a), b, set_operation, a.dtype)


def _ss_kernel(a_indices, a_values, a_shape, b_indices, b_values, b_shape,
               set_operation="union", validate_indices=True):
    name = "SparseToSparseSetOperation"
    a = _sparse_set(name, a_indices, a_values, a_shape, validate_indices)
    b = _sparse_set(name, b_indices, b_values, b_shape, validate_indices)
    return _operate(name, a, b, set_operation, a_values.dtype)


def _dd_infer(a, b, set_operation="union", validate_indices=True):
    return _out_specs(a.shape.rank, a.dtype)


def _ds_infer(a, b_indices, b_values, b_shape, set_operation="union", validate_indices=True):
    check_components("dense_to_sparse_set_operation", b_indices, b_values, b_shape)
    return _out_specs(a.shape.rank, a.dtype)


def _ss_infer(a_indices, a_values, a_shape, b_indices, b_values, b_shape,
              set_operation="union", validate_indices=True):
    check_components("sparse_to_sparse_set_operation", a_indices, a_values, a_shape)
    check_components("sparse_to_sparse_set_operation", b_indices, b_values, b_shape)
    return _out_specs(_sparse_rank(a_shape), a_values.dtype)


_SET_ATTRS = {"set_operation": "union", "validate_indices": True}

DENSE_TO_DENSE_SET_OPERATION = def_op(
    "dense_to_dense_set_operation", tf_name="DenseToDenseSetOperation", kernel=_dd_kernel,
    infer=_dd_infer, grad=NONDIFF, traits=OPAQUE, attrs=dict(_SET_ATTRS), dtype_group=(0, 1),
    allowed=SET_TYPES, num_outputs=3,
)
DENSE_TO_SPARSE_SET_OPERATION = def_op(
    "dense_to_sparse_set_operation", tf_name="DenseToSparseSetOperation", kernel=_ds_kernel,
    infer=_ds_infer, grad=NONDIFF, traits=OPAQUE, attrs=dict(_SET_ATTRS), dtype_group=(0, 2),
    allowed=SET_TYPES, num_outputs=3,
)
SPARSE_TO_SPARSE_SET_OPERATION = def_op(
    "sparse_to_sparse_set_operation", tf_name="SparseToSparseSetOperation", kernel=_ss_kernel,
    infer=_ss_infer, grad=NONDIFF, traits=OPAQUE, attrs=dict(_SET_ATTRS), dtype_group=(1, 4),
    allowed=SET_TYPES, num_outputs=3,
)


# --- size -------------------------------------------------------------------------------------

def _size_kernel(indices, values, shape, validate_indices=True):
    prefix, groups, values = _sparse_set("SetSize", indices, values, shape, validate_indices)
    uniq, codes = np.unique(values, return_inverse=True)
    k = max(len(uniq), 1)
    keys = np.unique(groups.astype(np.int64) * k + codes.reshape(-1))
    size = int(np.prod(prefix, dtype=np.int64))
    return np.bincount(keys // k, minlength=size).astype(np.int32).reshape(prefix)


def _size_infer(indices, values, shape, validate_indices=True):
    check_components("set_size", indices, values, shape)
    rank = _sparse_rank(shape)
    return TensorSpec(None if rank is None else [None] * max(rank - 1, 0), dtypes.int32)


SET_SIZE = def_op(
    "set_size", tf_name="SetSize", kernel=_size_kernel, infer=_size_infer, grad=NONDIFF,
    traits=OPAQUE, attrs={"validate_indices": True}, dtype_group=(1,), allowed=SET_TYPES,
)
