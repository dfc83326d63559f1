"""`tf.sets`: set operations on the last dimension of dense tensors or SparseTensors.

Each row (all indices but the last) is a set. In a dense tensor every element of the row is a
member, so a padding 0 counts as the element 0; in a SparseTensor only the given values are.
"""

from __future__ import annotations

from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.dispatch import execute
from ..ops import sparse_sets
from ..sparse.sparse_tensor import SparseTensor

__all__ = ["union", "intersection", "difference", "size"]

# NOTE: TF prints its frozenset of valid dtypes in this order.
_VALID = "frozenset({tf.int32, tf.uint8, tf.int16, tf.int8, tf.string, tf.int64, tf.uint16})"


def _convert(x):
    if isinstance(x, SparseTensor) or is_tensor_like(x):
        return x
    return convert_to_tensor(x)


def _convert_pair(a, b) -> tuple:
    a = _convert(a)
    if a.dtype not in sparse_sets.SET_TYPES:
        raise TypeError(f"'a' has invalid dtype `{a.dtype}` not in supported dtypes: `{_VALID}`.")
    b = _convert(b)
    if b.dtype is not a.dtype:
        raise TypeError(f"Types don't match, {a.dtype} vs {b.dtype}.")
    return a, b


def _set_operation(a, b, set_operation: str, validate_indices: bool) -> SparseTensor:
    attrs = {"set_operation": set_operation, "validate_indices": bool(validate_indices)}
    if isinstance(a, SparseTensor):
        if not isinstance(b, SparseTensor):
            raise ValueError("Sparse,Dense is not supported, but Dense,Sparse is. Please flip "
                             "the order of your inputs.")
        out = execute(sparse_sets.SPARSE_TO_SPARSE_SET_OPERATION,
                      (a.indices, a.values, a.dense_shape, b.indices, b.values, b.dense_shape),
                      attrs)
    elif isinstance(b, SparseTensor):
        out = execute(sparse_sets.DENSE_TO_SPARSE_SET_OPERATION,
                      (a, b.indices, b.values, b.dense_shape), attrs)
    else:
        out = execute(sparse_sets.DENSE_TO_DENSE_SET_OPERATION, (a, b), attrs)
    return SparseTensor(*out)


def union(a, b, validate_indices=True):
    """The union of corresponding sets of `a` and `b`.

    Args:
        a, b: dense tensors or SparseTensors of rank >= 2 and one dtype (int8, int16, int32,
            int64, uint8, uint16 or string), whose dims but the last are equal.
        validate_indices: check that sparse indices are sorted (see `tf.sparse.reorder`).

    Returns:
        A SparseTensor: each row's elements sorted ascending, the last dim as long as the
        largest set.

    Raises:
        TypeError: for an unsupported dtype, or dtypes that differ.
        InvalidArgumentError: for a rank < 2, or leading dims that differ.

    Example:
        >>> import tensorlet as tf
        >>> u = tf.sets.union([[2, 3, 5, 7], [7, 9, 0, 0]], [[4, 5, 6], [9, 10, 0]])
        >>> tf.sparse.to_dense(u).numpy()
        array([[ 2,  3,  4,  5,  6,  7],
               [ 0,  7,  9, 10,  0,  0]], dtype=int32)
    """
    a, b = _convert_pair(a, b)
    if isinstance(a, SparseTensor) and not isinstance(b, SparseTensor):
        a, b = b, a
    return _set_operation(a, b, "union", validate_indices)


def intersection(a, b, validate_indices=True):
    """The intersection of corresponding sets of `a` and `b` (see `union` for the rules).

    Example:
        >>> import tensorlet as tf
        >>> i = tf.sets.intersection([[2, 3, 5, 7], [7, 9, 0, 0]], [[4, 5, 6], [9, 10, 0]])
        >>> tf.sparse.to_dense(i).numpy()
        array([[5, 0],
               [0, 9]], dtype=int32)
    """
    a, b = _convert_pair(a, b)
    if isinstance(a, SparseTensor) and not isinstance(b, SparseTensor):
        a, b = b, a
    return _set_operation(a, b, "intersection", validate_indices)


def difference(a, b, aminusb=True, validate_indices=True):
    """The elements of each set of `a` not in the matching set of `b` (`b - a` with
    `aminusb=False`); see `union` for the rules.

    Example:
        >>> import tensorlet as tf
        >>> d = tf.sets.difference([[2, 3, 5, 7], [7, 9, 0, 0]], [[4, 5, 6], [9, 10, 0]])
        >>> tf.sparse.to_dense(d).numpy()
        array([[2, 3, 7],
               [7, 0, 0]], dtype=int32)
    """
    a, b = _convert_pair(a, b)
    if isinstance(a, SparseTensor) and not isinstance(b, SparseTensor):
        a, b, aminusb = b, a, not aminusb
    return _set_operation(a, b, "a-b" if aminusb else "b-a", validate_indices)


def size(a, validate_indices=True):
    """The number of distinct elements in each set of the SparseTensor `a`.

    Args:
        a: a SparseTensor of rank >= 2 (a dense tensor is a TypeError, as in TF).
        validate_indices: check that the indices are sorted and in bounds.

    Returns:
        An int32 tensor of shape `a.dense_shape[:-1]`.

    Raises:
        TypeError: when `a` is not a SparseTensor, or for an unsupported dtype.

    Example:
        >>> import tensorlet as tf
        >>> u = tf.sets.union([[2, 3, 5, 7], [7, 9, 0, 0]], [[4, 5, 6], [9, 10, 0]])
        >>> tf.sets.size(u).numpy()
        array([6, 4], dtype=int32)
    """
    a = _convert(a)
    if not isinstance(a, SparseTensor):
        raise TypeError(f"Expected `SparseTensor`, got {a!s}.")
    if a.dtype not in sparse_sets.SET_TYPES:
        raise TypeError(f"Invalid dtype `{a.dtype}` not in supported dtypes: `{_VALID}`.")
    return execute(sparse_sets.SET_SIZE, (a.indices, a.values, a.dense_shape),
                   {"validate_indices": bool(validate_indices)})
