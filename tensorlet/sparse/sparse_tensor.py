"""`SparseTensor`: a tensor stored as the coordinates and values of its explicit entries."""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.convert import convert_to_tensor, is_tensor_like
from ..core.shape import TensorShape, as_shape
from ..core.variable import Variable
from ..ops import array_shape

__all__ = ["SparseTensor", "SparseTensorSpec", "as_sparse"]


def _index_tensor(value, name: str):
    """`value` as an int64 tensor; TF converts Python and NumPy data but never casts tensors."""
    if is_tensor_like(value):
        if value.dtype is not dtypes.int64:
            raise ValueError(f"{name}: Tensor conversion requested dtype int64 for Tensor with "
                             f"dtype {value.dtype.name}: {value!r}")
        return array_shape.identity(value) if isinstance(value, Variable) else value
    if isinstance(value, (list, tuple)) and np.size(value) == 0:
        value = np.zeros(np.shape(value), np.int64)  # NOTE: `[]` has no element to convert
    return convert_to_tensor(value, dtypes.int64)


def _values_tensor(value):
    if isinstance(value, Variable):
        return array_shape.identity(value)  # a read the tape sees, as TF converts variables
    return value if is_tensor_like(value) else convert_to_tensor(value)


def _with_rank(shape: TensorShape, rank: int) -> TensorShape:
    if shape.rank is not None and shape.rank != rank:
        raise ValueError(f"Shape {shape} must have rank {rank}")
    return shape


def _compatible(a, b) -> None:
    if a is not None and b is not None and a != b:
        raise ValueError(f"Dimensions {a} and {b} are not compatible")


def _static_shape(dense_shape) -> TensorShape:
    """The shape known before running: the value of a concrete `dense_shape` (-1: unknown)."""
    value = getattr(dense_shape, "_value", None)
    if value is not None:
        return TensorShape([None if d < 0 else int(d) for d in value.tolist()])
    n = dense_shape.shape[0] if dense_shape.shape.rank == 1 else None
    return TensorShape(None if n is None else [None] * n)


class SparseTensor:
    """A sparse tensor: `values[i]` sits at `indices[i]` of a tensor of shape `dense_shape`;
    every other entry is zero (or the `default_value` of `tf.sparse.to_dense`).

    Args:
        indices: int64 [N, R] coordinates (Python and NumPy data are converted; int64 tensors
            only), in row-major order for ops that need it (see `tf.sparse.reorder`).
        values: [N] values of any dtype.
        dense_shape: int64 [R], the shape of the dense tensor.

    Raises:
        ValueError: for components of the wrong rank or of mismatched lengths, or an index
            tensor that is not int64.

    Example:
        >>> import tensorlet as tf
        >>> s = tf.sparse.SparseTensor(indices=[[0, 1], [1, 0]], values=[1., 2.],
        ...                            dense_shape=[2, 3])
        >>> s.shape, s.dtype, (s * 10.).values.numpy()
        (TensorShape([2, 3]), tf.float32, array([10., 20.], dtype=float32))
    """

    __slots__ = ("_indices", "_values", "_dense_shape", "_shape", "__weakref__")

    def __init__(self, indices, values, dense_shape) -> None:
        self._indices = _index_tensor(indices, "indices")
        self._values = _values_tensor(values)
        self._dense_shape = _index_tensor(dense_shape, "dense_shape")
        rows = _with_rank(self._indices.shape, 2)
        count = _with_rank(self._values.shape, 1)
        rank = _with_rank(self._dense_shape.shape, 1)
        _compatible(rows[0] if rows.rank else None, count[0] if count.rank else None)
        _compatible(rows[1] if rows.rank else None, rank[0] if rank.rank else None)
        self._shape = _static_shape(self._dense_shape)

    @classmethod
    def from_value(cls, sparse_tensor_value) -> SparseTensor:
        """A SparseTensor with the components of `sparse_tensor_value`."""
        value = as_sparse(sparse_tensor_value)
        return cls(value.indices, value.values, value.dense_shape)

    @property
    def indices(self):
        """The int64 [N, R] coordinates of the entries."""
        return self._indices

    @property
    def values(self):
        """The [N] values of the entries."""
        return self._values

    @property
    def dense_shape(self):
        """The int64 [R] shape of the dense tensor."""
        return self._dense_shape

    @property
    def dtype(self) -> dtypes.DType:
        return self._values.dtype

    @property
    def shape(self) -> TensorShape:
        """The static shape (dims unknown where `dense_shape` is not known before running)."""
        return self._shape

    def get_shape(self) -> TensorShape:
        return self._shape

    def set_shape(self, shape) -> None:
        """Refines the static shape; raises ValueError when `shape` is not compatible."""
        shape = TensorShape(shape)
        if not self._shape.is_compatible_with(shape):
            raise ValueError(f"Shapes {self._shape} and {shape} are not compatible")
        self._shape = self._shape.merge_with(shape)

    def with_values(self, new_values) -> SparseTensor:
        """This SparseTensor's indices and shape with `new_values` (of any dtype)."""
        return SparseTensor(self._indices, new_values, self._dense_shape)

    def __getattr__(self, name):
        if name in ("op", "graph") and getattr(self._values, "_value", None) is not None:
            raise AttributeError(f"Tensor.{name} is undefined when eager execution is enabled.")
        raise AttributeError(f"'SparseTensor' object has no attribute '{name}'")

    def __repr__(self) -> str:
        return (f"SparseTensor(indices={self._indices!s}, values={self._values!s}, "
                f"dense_shape={self._dense_shape!s})")

    __str__ = __repr__

    def __mul__(self, other) -> SparseTensor:
        """`s * y`: each value times the element of `y` (broadcast to the dense shape) at its
        index. `y + s` and `s + y` are TypeErrors, as in TF: adding would make the zeros
        non-zero (use `tf.sparse.add`)."""
        from .arithmetic import cwise

        return cwise(self, other, divide=False)

    def __truediv__(self, other) -> SparseTensor:
        """`s / y`: each value divided by the element of `y` at its index."""
        from .arithmetic import cwise

        return cwise(self, other, divide=True)

    __div__ = __truediv__


def as_sparse(value) -> SparseTensor:
    """`value` itself when it is a SparseTensor; a TypeError (TF's message) otherwise."""
    if isinstance(value, SparseTensor):
        return value
    raise TypeError("Input must be a SparseTensor.")



class SparseTensorSpec:
    """The type of a `SparseTensor`: its dense shape (maybe partly unknown) and dtype.

    Example:
        >>> import tensorlet as tf
        >>> tf.SparseTensorSpec([None], tf.string)
        SparseTensorSpec(TensorShape([None]), tf.string)
    """

    __slots__ = ("_shape", "_dtype")

    def __init__(self, shape=None, dtype=dtypes.float32) -> None:
        self._shape = as_shape(shape)
        self._dtype = dtypes.as_dtype(dtype)

    @property
    def shape(self) -> TensorShape:
        return self._shape

    @property
    def dtype(self) -> dtypes.DType:
        return self._dtype

    @property
    def value_type(self) -> type:
        return SparseTensor

    @classmethod
    def from_value(cls, value) -> SparseTensorSpec:
        return cls(value.shape, value.dtype)

    def is_compatible_with(self, other) -> bool:
        """Whether `other` (a spec or a SparseTensor) has a compatible shape and this dtype."""
        if not isinstance(other, (SparseTensorSpec, SparseTensor)):
            return False
        return other.dtype is self._dtype and self._shape.is_compatible_with(other.shape)

    def __eq__(self, other) -> bool:
        return isinstance(other, SparseTensorSpec) and (self._shape, self._dtype) == (
            other._shape, other._dtype)

    def __hash__(self) -> int:
        return hash((SparseTensorSpec, self._dtype))

    def __repr__(self) -> str:
        return f"SparseTensorSpec({self._shape!r}, {self._dtype!r})"
