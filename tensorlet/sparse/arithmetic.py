"""Sparse arithmetic: `sparse_dense_matmul`, `add`, `reduce_sum`, and `s * y`, `s / y`."""

from __future__ import annotations

from ..core import dtypes
from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError, NotFoundError
from ..ops import (
    array_index,
    array_mask,
    array_shape,
    math_compare,
    math_unary,
    sparse_ops,
    sparse_plans,
)
from ..ops import math as math_ops
from .conversion import zero_of
from .sparse_tensor import SparseTensor, as_sparse

__all__ = ["sparse_dense_matmul", "add", "reduce_sum"]


def _tensor(x, dtype_hint=None):
    return x if is_tensor_like(x) else convert_to_tensor(x, dtype_hint=dtype_hint)


def _dtype_error(tf_name: str, index: int, expected, got) -> InvalidArgumentError:
    return InvalidArgumentError(
        f"cannot compute {tf_name} as input #{index}(zero-based) was expected to be a "
        f"{expected.kernel_name} tensor but is a {got.kernel_name} tensor [Op:{tf_name}]")


def _matmul(sp_a, b, adjoint_a: bool, adjoint_b: bool, name=None):
    sp_a = as_sparse(sp_a)
    b = _tensor(b)
    dtype = sp_a.dtype
    if b.dtype is dtype and dtype not in sparse_ops.MATMUL_TYPES:
        raise NotFoundError(
            f"Could not find device for node: {{{{node SparseTensorDenseMatMul}}}} = "
            f"SparseTensorDenseMatMul[T=DT_{dtype.name.upper()}, Tindices=DT_INT64] "
            f"[Op:SparseTensorDenseMatMul]\nsparse.sparse_dense_matmul: no kernel for "
            f"{dtype.name}; use float, complex or int32 values")
    rows = sp_a.shape[1 if adjoint_a else 0] if sp_a.shape.rank == 2 else None
    return execute(sparse_ops.SPARSE_TENSOR_DENSE_MATMUL,
                   (sp_a.indices, sp_a.values, sp_a.dense_shape, b),
                   {"adjoint_a": bool(adjoint_a), "adjoint_b": bool(adjoint_b), "num_rows": rows},
                   name=name)


def sparse_dense_matmul(sp_a, b, adjoint_a=False, adjoint_b=False, name=None):
    """Multiplies a SparseTensor matrix by a dense matrix: `op(sp_a) @ op(b)`, where `op`
    takes the adjoint (conjugate transpose) when its flag is set.

    `sp_a` may be dense when `b` is the SparseTensor; the product is then computed as
    `(op(b)^T @ op(sp_a)^T)^T`. Entries with repeated indices add up.

    Args:
        sp_a: a rank-2 SparseTensor (or a dense matrix when `b` is sparse).
        b: a dense matrix of the same dtype (or a SparseTensor).
        adjoint_a, adjoint_b: use the adjoint of `sp_a` / `b`.
        name: ignored in eager mode.

    Returns:
        A dense matrix. Gradients flow to the dense side and to the sparse values.

    Raises:
        TypeError: when neither side is a SparseTensor.
        InvalidArgumentError: when the inner dimensions differ, an index is out of bounds, the
            dtypes differ or an input is not a matrix.

    Example:
        >>> import tensorlet as tf
        >>> s = tf.sparse.SparseTensor([[0, 0], [1, 2]], [2., 3.], [2, 3])
        >>> tf.sparse.sparse_dense_matmul(s, tf.ones([3, 2])).numpy()
        array([[2., 2.],
               [3., 3.]], dtype=float32)
    """
    if isinstance(b, SparseTensor):
        if adjoint_a != adjoint_b:
            return array_shape.transpose(_matmul(b, sp_a, adjoint_a, adjoint_b))
        return array_shape.transpose(_matmul(b, sp_a, not adjoint_a, not adjoint_b))
    return _matmul(sp_a, b, adjoint_a, adjoint_b, name)


def _add_sparse(a: SparseTensor, b: SparseTensor, threshold) -> SparseTensor:
    if a.dtype is not b.dtype:
        raise _dtype_error("SparseAdd", 4, a.dtype, b.dtype)
    real = {dtypes.complex64: dtypes.float32, dtypes.complex128: dtypes.float64}
    thresh = convert_to_tensor(threshold, real.get(a.dtype, a.dtype))
    indices, a_pos, b_pos, summed = execute(
        sparse_plans.SPARSE_ADD_PLAN, (a.indices, a.dense_shape, b.indices, b.dense_shape))
    values = math_ops.add(
        execute(sparse_ops.SPARSE_SEGMENT_VALUES, (a.values, a_pos, indices)),
        execute(sparse_ops.SPARSE_SEGMENT_VALUES, (b.values, b_pos, indices)))
    if not (isinstance(threshold, (int, float)) and threshold == 0):
        keep = math_compare.logical_or(math_compare.logical_not(summed),
                                       math_compare.greater_equal(math_unary.abs(values), thresh))
        indices = array_mask.boolean_mask(indices, keep)
        values = array_mask.boolean_mask(values, keep)
    return SparseTensor(indices, values, a.dense_shape)


def add(a, b, threshold=0):
    """Adds two tensors, at least one of them sparse.

    sparse + sparse gives a SparseTensor whose indices are the union of both (the values of
    equal indices add up); entries whose sum has a magnitude below `threshold` are dropped.
    sparse + dense gives a dense tensor (the shapes must be equal; no broadcasting).

    Args:
        a, b: SparseTensors or dense tensors (at least one sparse), of one dtype.
        threshold: the magnitude below which a summed entry is dropped (sparse + sparse).

    Returns:
        A SparseTensor, or a dense tensor when one input is dense.

    Raises:
        TypeError: when neither input is a SparseTensor.
        InvalidArgumentError: when the shapes or dtypes differ.

    Example:
        >>> import tensorlet as tf
        >>> a = tf.sparse.SparseTensor([[0, 0], [1, 2]], [1., 2.], [2, 3])
        >>> b = tf.sparse.SparseTensor([[0, 0], [0, 1]], [5., -1.], [2, 3])
        >>> tf.sparse.to_dense(tf.sparse.add(a, b)).numpy()
        array([[ 6., -1.,  0.],
               [ 0.,  0.,  2.]], dtype=float32)
    """
    a_sparse, b_sparse = isinstance(a, SparseTensor), isinstance(b, SparseTensor)
    if not a_sparse and not b_sparse:
        raise TypeError("At least one input should be SparseTensor; do you mean to use tf.add()?")
    if a_sparse and b_sparse:
        return _add_sparse(a, b, threshold)
    sp, dense = (a, b) if a_sparse else (b, a)
    dense = _tensor(dense, dtype_hint=sp.dtype)
    return execute(sparse_ops.SPARSE_TENSOR_DENSE_ADD,
                   (sp.indices, sp.values, sp.dense_shape, dense))


_SUM_TYPES = ("float, double, int32, uint8, int16, int8, complex64, int64, qint8, quint8, qint32, "
              "bfloat16, qint16, quint16, uint16, complex128, half, uint32, uint64")


def _axes(axis):
    if axis is None:
        return None
    value = getattr(axis, "_value", None)
    axis = value.tolist() if value is not None else axis
    return (int(axis),) if isinstance(axis, int) or not hasattr(axis, "__iter__") else \
        tuple(int(a) for a in axis)


def reduce_sum(sp_input, axis=None, keepdims=None, output_is_sparse=False, name=None):
    """Sums the entries of a SparseTensor over `axis` (all axes by default).

    Args:
        sp_input: a SparseTensor of a numeric dtype.
        axis: None, an int or a list of ints (negative counts from the end).
        keepdims: keep the reduced dims with length 1.
        output_is_sparse: return a SparseTensor holding only the sums of non-empty cells.
        name: ignored in eager mode.

    Returns:
        A dense tensor (or a SparseTensor with `output_is_sparse`).

    Raises:
        InvalidArgumentError: for an axis out of range or a bool/string SparseTensor.

    Example:
        >>> import tensorlet as tf
        >>> s = tf.sparse.SparseTensor([[0, 0], [0, 1], [1, 2]], [5., -1., -2.], [2, 3])
        >>> tf.sparse.reduce_sum(s, axis=1).numpy()
        array([ 4., -2.], dtype=float32)
    """
    sp = as_sparse(sp_input)
    if sp.dtype not in dtypes.NUMERIC:
        raise InvalidArgumentError(f"Value for attr 'T' of {sp.dtype.name} is not in the list "
                                   f"of allowed values: {_SUM_TYPES} [Op:SparseReduceSum]")
    axes = _axes(axis)
    cells, shape, ids = execute(sparse_plans.SPARSE_REDUCE_PLAN, (sp.indices, sp.dense_shape),
                                {"axis": axes, "keepdims": bool(keepdims)})
    sums = execute(sparse_ops.SPARSE_SEGMENT_VALUES, (sp.values, ids, cells))
    if output_is_sparse:
        return SparseTensor(cells, sums, shape)
    attrs = {"static_shape": _reduced_dims(sp.shape, axes, bool(keepdims))}
    return execute(sparse_ops.SPARSE_TO_DENSE,
                   (cells, sums, shape, convert_to_tensor(zero_of(sp.dtype))), attrs, name=name)


def _reduced_dims(shape, axes, keepdims: bool):
    """The static shape of a reduction, when the input's rank is known and the axes valid."""
    if shape.rank is None or any(not -shape.rank <= a < shape.rank for a in axes or ()):
        return None
    reduced = range(shape.rank) if axes is None else {a % shape.rank for a in axes}
    dims = shape.as_list()
    return tuple(1 if i in reduced else d for i, d in enumerate(dims) if keepdims or
                 i not in reduced)


def cwise(sp: SparseTensor, y, divide: bool) -> SparseTensor:
    """`sp * y` or `sp / y`: `y` is broadcast to the dense shape, and only the entries of `sp`
    are computed (TF's SparseDenseCwiseMul / SparseDenseCwiseDiv)."""
    if is_tensor_like(y) and y.dtype is not sp.dtype:
        raise ValueError(f"y: Tensor conversion requested dtype {sp.dtype.name} for Tensor with "
                         f"dtype {y.dtype.name}: {y!r}")
    if not is_tensor_like(y):
        y = convert_to_tensor(y, sp.dtype)
    if y.shape.rank != 0 or divide:
        at = execute(sparse_ops.SPARSE_DENSE_CWISE_INDEX, (sp.indices, sp.dense_shape, y),
                     {"divide": divide})
        if y.shape.rank != 0:
            y = array_index.gather_nd(y, at)
    values = math_ops.truediv(sp.values, y) if divide else math_ops.multiply(sp.values, y)
    return SparseTensor(sp.indices, values, sp.dense_shape)
