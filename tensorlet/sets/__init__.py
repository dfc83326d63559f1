"""`tf.sets`: union, intersection, difference and size of the sets in the last dimension.

Example:
    >>> import tensorlet as tf
    >>> tf.sparse.to_dense(tf.sets.union([[1, 2]], [[2, 3]])).numpy()
    array([[1, 2, 3]], dtype=int32)
"""

from .set_ops import difference, intersection, size, union

__all__ = ["difference", "intersection", "size", "union"]
