"""`tf.sparse`: SparseTensor and the ops on it.

Example:
    >>> import tensorlet as tf
    >>> s = tf.sparse.SparseTensor([[0, 1], [1, 0]], [1., 2.], [2, 2])
    >>> tf.sparse.to_dense(s * 42.).numpy()
    array([[ 0., 42.],
           [84.,  0.]], dtype=float32)
"""

from . import _hooks
from .arithmetic import add, reduce_sum, sparse_dense_matmul
from .conversion import eye, from_dense, reorder, to_dense, to_indicator
from .manipulation import concat, retain, slice, transpose
from .sparse_tensor import SparseTensor

__all__ = ["SparseTensor", "add", "concat", "eye", "from_dense", "reduce_sum", "reorder",
           "retain", "slice", "sparse_dense_matmul", "to_dense", "to_indicator", "transpose"]

_hooks.install()
