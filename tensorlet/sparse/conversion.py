"""Between sparse and dense: `to_dense`, `from_dense`, `reorder`, `to_indicator` and `eye`."""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..ops import array_index, array_join, array_shape, math_cast, math_compare, sparse_ops
from .sparse_tensor import SparseTensor, as_sparse

__all__ = ["to_dense", "from_dense", "reorder", "to_indicator", "eye"]


def zero_of(dtype: dtypes.DType) -> np.ndarray:
    """The implicit value of a sparse tensor of `dtype`: 0, False or b""."""
    if dtype is dtypes.string:
        return np.array(b"", dtype=object)
    return np.zeros((), dtype=dtype._np)


def static_dims(shape) -> tuple | None:
    """A TensorShape as the hashable `static_shape` attribute of sparse_to_dense."""
    return None if shape.rank is None else tuple(shape.as_list())


def to_dense(sp_input, default_value=None, validate_indices=True, name=None):
    """The dense tensor of a SparseTensor: its values at their indices, `default_value`
    elsewhere.

    Args:
        sp_input: a SparseTensor.
        default_value: a scalar for the entries not given (0 of the values' dtype by default).
        validate_indices: check that the indices are in bounds, sorted and not repeated.
        name: ignored in eager mode.

    Returns:
        A tensor of shape `sp_input.dense_shape` and the values' dtype.

    Raises:
        TypeError: when `sp_input` is not a SparseTensor.
        InvalidArgumentError: for an index out of bounds, out of order (fix it with
            `tf.sparse.reorder`) or repeated, or a non-scalar `default_value`.

    Example:
        >>> import tensorlet as tf
        >>> s = tf.sparse.SparseTensor([[0, 1], [1, 0], [2, 3]], [1., 2., 3.], [3, 4])
        >>> tf.sparse.to_dense(s).numpy()
        array([[0., 1., 0., 0.],
               [2., 0., 0., 0.],
               [0., 0., 0., 3.]], dtype=float32)
    """
    sp = as_sparse(sp_input)
    if default_value is None:
        default_value = convert_to_tensor(zero_of(sp.dtype))
    attrs = {"validate_indices": bool(validate_indices), "static_shape": static_dims(sp.shape)}
    return execute(sparse_ops.SPARSE_TO_DENSE,
                   (sp.indices, sp.values, sp.dense_shape, default_value), attrs, name=name)


def from_dense(tensor, name=None):
    """The SparseTensor of the non-zero entries of a dense tensor (in row-major order).

    Args:
        tensor: a tensor of rank >= 1 (zero means 0, False or b"").
        name: ignored in eager mode.

    Returns:
        A SparseTensor with the same dense shape and dtype.

    Raises:
        InvalidArgumentError: for a scalar, as TF.

    Example:
        >>> import tensorlet as tf
        >>> s = tf.sparse.from_dense([[0, 7], [5, 0]])
        >>> s.indices.numpy().tolist(), s.values.numpy().tolist()
        ([[0, 1], [1, 0]], [7, 5])
    """
    x = tensor if is_tensor_like(tensor) else convert_to_tensor(tensor)
    if x.shape.rank == 0:
        raise InvalidArgumentError("WhereOp : Unhandled input dimensions: 0 [Op:Where]\n"
                                   "sparse.from_dense: the tensor must have rank >= 1, got a "
                                   "scalar")
    indices = math_compare.where(math_compare.not_equal(x, zero_of(x.dtype)[()]))
    values = array_index.gather_nd(x, indices)
    return SparseTensor(indices, values, array_shape.shape(x, out_type=dtypes.int64))


def reorder(sp_input, name=None):
    """The same SparseTensor with its entries in row-major order of their indices (entries
    with equal indices keep their order).

    Raises:
        TypeError: when `sp_input` is not a SparseTensor.

    Example:
        >>> import tensorlet as tf
        >>> s = tf.sparse.SparseTensor([[0, 2], [0, 1]], [1., 2.], [1, 3])
        >>> tf.sparse.to_dense(tf.sparse.reorder(s)).numpy()
        array([[0., 2., 1.]], dtype=float32)
    """
    sp = as_sparse(sp_input)
    order = execute(sparse_ops.SPARSE_REORDER_PERMUTATION, (sp.indices,), name=name)
    out = SparseTensor(array_index.gather(sp.indices, order),
                       array_index.gather(sp.values, order), sp.dense_shape)
    out.set_shape(sp.shape)  # NOTE: keeps a static shape known only from the input's spec
    return out


def to_indicator(sp_input, vocab_size, name=None):
    """A bool tensor that is True at `[..., id]` for each id in the last dim of `sp_input`.

    Args:
        sp_input: a SparseTensor of ids (cast to int64), shape `[..., n]`.
        vocab_size: the size of the new last dim; every id must be below it.
        name: ignored in eager mode.

    Returns:
        A bool tensor of shape `sp_input.dense_shape[:-1] + [vocab_size]`.

    Raises:
        InvalidArgumentError: for an id outside `[0, vocab_size)`.

    Example:
        >>> import tensorlet as tf
        >>> ids = tf.sparse.SparseTensor([[0, 0], [0, 1], [1, 0]], [3, 1, 3], [2, 2])
        >>> tf.sparse.to_indicator(ids, 4).numpy()
        array([[False,  True, False,  True],
               [False, False, False,  True]])
    """
    sp = as_sparse(sp_input)
    r = sp.indices.shape[1]
    ids = math_cast.cast(array_shape.expand_dims(sp.values, 1), dtypes.int64)
    lead = array_index.gather(sp.indices, list(range(r - 1)), axis=1)
    indices = array_join.concat([lead, ids], axis=1)
    shape = array_join.concat([array_index.gather(sp.dense_shape, list(range(r - 1))),
                               convert_to_tensor([int(vocab_size)], dtypes.int64)], axis=0)
    order = execute(sparse_ops.SPARSE_REORDER_PERMUTATION, (indices,))
    marks = convert_to_tensor(np.ones(indices.shape[0], bool))
    dims = static_dims(sp.shape[:-1].concatenate([int(vocab_size)])) if r else None
    return execute(sparse_ops.SPARSE_TO_DENSE,
                   (array_index.gather(indices, order), marks, shape, False),
                   {"validate_indices": False, "static_shape": dims}, name=name)


def eye(num_rows, num_columns=None, dtype=dtypes.float32, name=None):
    """A sparse identity matrix: ones on the main diagonal of a `[num_rows, num_columns]`
    matrix.

    Example:
        >>> import tensorlet as tf
        >>> tf.sparse.to_dense(tf.sparse.eye(2, 3, dtype=tf.int32)).numpy()
        array([[1, 0, 0],
               [0, 1, 0]], dtype=int32)
    """
    rows = int(num_rows)
    cols = rows if num_columns is None else int(num_columns)
    k = np.arange(min(rows, cols), dtype=np.int64)
    dtype = dtypes.as_dtype(dtype)
    return SparseTensor(np.stack([k, k], axis=1), np.ones(k.size, dtype._np), [rows, cols])
