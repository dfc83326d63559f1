"""Rearranging SparseTensors: `concat`, `slice`, `retain` and `transpose`."""

from __future__ import annotations

from ..core import dtypes
from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.dispatch import execute
from ..core.errors import InvalidArgumentError
from ..ops import array_index, array_join, array_shape, math_compare, sparse_plans
from .conversion import reorder
from .sparse_tensor import SparseTensor, as_sparse

__all__ = ["concat", "slice", "retain", "transpose"]


def _int_list(value) -> list:
    held = getattr(value, "_value", None)
    value = held.tolist() if held is not None else value
    return [int(v) for v in value]


def concat(axis, sp_inputs, expand_nonconcat_dims=False, name=None):
    """Concatenates SparseTensors along `axis`; the result's indices are in row-major order.

    Args:
        axis: the dim to concatenate along (negative counts from the end).
        sp_inputs: a list of SparseTensors of one rank and dtype.
        expand_nonconcat_dims: allow the other dims to differ; the result takes the largest.
        name: ignored in eager mode.

    Returns:
        A SparseTensor.

    Raises:
        TypeError: when an input is not a SparseTensor.
        InvalidArgumentError: when ranks, dtypes or (without `expand_nonconcat_dims`) the other
            dims differ, or `axis` is out of range.

    Example:
        >>> import tensorlet as tf
        >>> a = tf.sparse.SparseTensor([[0, 0]], [1], [2, 2])
        >>> b = tf.sparse.SparseTensor([[1, 1]], [2], [2, 3])
        >>> tf.sparse.to_dense(tf.sparse.concat(1, [a, b])).numpy()
        array([[1, 0, 0, 0, 0],
               [0, 0, 0, 2, 0]], dtype=int32)
    """
    inputs = [as_sparse(sp) for sp in sp_inputs]
    for i, sp in enumerate(inputs[1:], start=1):
        if sp.dtype is not inputs[0].dtype:
            raise InvalidArgumentError(
                f"cannot compute SparseConcat as input #{len(inputs) + i}(zero-based) was "
                f"expected to be a {inputs[0].dtype.kernel_name} tensor but is a "
                f"{sp.dtype.kernel_name} tensor [Op:SparseConcat]")
    parts = tuple(sp.indices for sp in inputs) + tuple(sp.dense_shape for sp in inputs)
    attrs = {"axis": int(axis), "expand_nonconcat_dims": bool(expand_nonconcat_dims)}
    indices, shape, order = execute(sparse_plans.SPARSE_CONCAT_PLAN, parts, attrs, name=name)
    values = array_join.concat([sp.values for sp in inputs], axis=0)
    return SparseTensor(indices, array_index.gather(values, order), shape)


def slice(sp_input, start, size, name=None):
    """The entries of a SparseTensor inside the box `[start, start + size)`, re-indexed from
    `start`; the box is clipped to the dense shape.

    Args:
        sp_input: a SparseTensor.
        start, size: int vectors with one entry per dim (`size` non-negative).
        name: ignored in eager mode.

    Returns:
        A SparseTensor of dense shape `min(start + size, dense_shape) - start`.

    Raises:
        InvalidArgumentError: when `start` or `size` has the wrong length, or `size` < 0.

    Example:
        >>> import tensorlet as tf
        >>> s = tf.sparse.SparseTensor([[0, 0], [0, 1], [1, 2]], [5., -1., -2.], [2, 3])
        >>> tf.sparse.to_dense(tf.sparse.slice(s, [0, 1], [2, 2])).numpy()
        array([[-1.,  0.],
               [ 0., -2.]], dtype=float32)
    """
    sp = as_sparse(sp_input)
    start = convert_to_tensor(start, dtypes.int64)
    size = convert_to_tensor(size, dtypes.int64)
    indices, shape, keep = execute(sparse_plans.SPARSE_SLICE_PLAN,
                                   (sp.indices, sp.dense_shape, start, size), name=name)
    return SparseTensor(indices, array_index.gather(sp.values, keep), shape)


def retain(sp_input, to_retain):
    """Keeps the entries of a SparseTensor where `to_retain` (one flag per entry) is true.

    Raises:
        ValueError: when `to_retain` is not a vector with one flag per entry.

    Example:
        >>> import tensorlet as tf
        >>> s = tf.sparse.SparseTensor([[0, 0], [0, 1], [1, 2]], [5., -1., -2.], [2, 3])
        >>> tf.sparse.retain(s, [True, False, True]).values.numpy()
        array([ 5., -2.], dtype=float32)
    """
    sp = as_sparse(sp_input)
    flags = to_retain if is_tensor_like(to_retain) else convert_to_tensor(to_retain)
    if flags.shape.rank != 1:
        raise ValueError(f"Shape {flags.shape} must have rank 1")
    n, m = sp.values.shape[0], flags.shape[0]
    if n is not None and m is not None and n != m:
        raise ValueError(f"Dimensions {n} and {m} are not compatible")
    keep = array_shape.squeeze(math_compare.where(flags), axis=[1])
    return SparseTensor(array_index.gather(sp.indices, keep), array_index.gather(sp.values, keep),
                        sp.dense_shape)


def transpose(sp_input, perm=None, name=None):
    """Permutes the dims of a SparseTensor (reverses them by default); the result's indices
    are in row-major order.

    Raises:
        ValueError: when `perm` does not have one entry per dim.

    Example:
        >>> import tensorlet as tf
        >>> s = tf.sparse.SparseTensor([[0, 2], [1, 0]], [1., 2.], [2, 3])
        >>> tf.sparse.to_dense(tf.sparse.transpose(s)).numpy()
        array([[0., 2.],
               [0., 0.],
               [1., 0.]], dtype=float32)
    """
    sp = as_sparse(sp_input)
    rank = sp.indices.shape[1]
    perm = list(range(rank))[::-1] if perm is None else _int_list(perm)
    if rank is not None and len(perm) != rank:
        raise ValueError(f"Dimensions {len(perm)} and {rank} are not compatible")
    moved = SparseTensor(array_index.gather(sp.indices, perm, axis=1), sp.values,
                         array_index.gather(sp.dense_shape, perm))
    return reorder(moved, name=name)
