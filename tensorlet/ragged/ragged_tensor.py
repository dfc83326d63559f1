"""`RaggedTensor`: a tensor whose rows have different lengths.

A RaggedTensor holds `values` (a Tensor, or another RaggedTensor for several ragged dimensions)
and `row_splits`: row `i` is `values[row_splits[i]:row_splits[i + 1]]`. The values take part in
autodiff like any tensor; the row partitions are integer metadata, computed eagerly with NumPy.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes
from ..core.errors import InvalidArgumentError
from ..core.shape import TensorShape
from ..core.tensor import wrap

__all__ = ["RaggedTensor"]


def _format(x) -> str:
    """How TF prints the elements of `RaggedTensor.numpy()` (rows joined by ", ")."""
    if isinstance(x, np.ndarray):
        return np.array2string(x, separator=", ") if x.size else format(x.tolist())
    return str(x)


class RaggedTensor:
    """A tensor with one or more ragged (variable-length) dimensions.

    Build one with `tf.ragged.constant` or the `from_*` class methods; `r[i]` is row `i` as a
    Tensor, `r[i:j]` a RaggedTensor; math operators apply elementwise to the values.

    Example:
        >>> import tensorlet as tf
        >>> r = tf.ragged.constant([[65, 66], [], [67]])
        >>> r
        <tf.RaggedTensor [[65, 66], [], [67]]>
        >>> r.shape, r.row_lengths().numpy()
        (TensorShape([3, None]), array([2, 0, 1]))
    """

    __slots__ = ("_values", "_row_splits")

    def __init__(self, values, row_splits, internal=False) -> None:
        if not internal:
            raise ValueError("RaggedTensor constructor is private; please use one of the "
                             "factory methods instead (e.g., RaggedTensor.from_row_lengths())")
        self._values = values
        self._row_splits = row_splits

    # --- construction (implemented in `factories`) ----------------------------------------------

    @classmethod
    def from_row_splits(cls, values, row_splits, name=None, validate=True):
        """Rows `values[row_splits[i]:row_splits[i + 1]]`.

        Example:
            >>> import tensorlet as tf
            >>> tf.RaggedTensor.from_row_splits([3, 1, 4, 1], row_splits=[0, 2, 2, 4])
            <tf.RaggedTensor [[3, 1], [], [4, 1]]>
        """
        from . import factories

        return factories.from_row_splits(values, row_splits, validate)

    @classmethod
    def from_row_lengths(cls, values, row_lengths, name=None, validate=True):
        """Rows of the given lengths, taken in order from `values`.

        Example:
            >>> import tensorlet as tf
            >>> tf.RaggedTensor.from_row_lengths([3, 1, 4, 1], row_lengths=[2, 0, 2])
            <tf.RaggedTensor [[3, 1], [], [4, 1]]>
        """
        from . import factories

        return factories.from_row_lengths(values, row_lengths, validate)

    @classmethod
    def from_value_rowids(cls, values, value_rowids, nrows=None, name=None, validate=True):
        """Value `j` goes to row `value_rowids[j]` (sorted); `nrows` adds trailing empty rows.

        Example:
            >>> import tensorlet as tf
            >>> tf.RaggedTensor.from_value_rowids([3, 1, 4], [0, 0, 2], nrows=4)
            <tf.RaggedTensor [[3, 1], [], [4], []]>
        """
        from . import factories

        return factories.from_value_rowids(values, value_rowids, nrows, validate)

    @classmethod
    def from_row_starts(cls, values, row_starts, name=None, validate=True):
        """Row `i` starts at `row_starts[i]` and ends where the next row starts.

        Example:
            >>> import tensorlet as tf
            >>> tf.RaggedTensor.from_row_starts([3, 1, 4], row_starts=[0, 2])
            <tf.RaggedTensor [[3, 1], [4]]>
        """
        from . import factories

        return factories.from_row_starts(values, row_starts, validate)

    @classmethod
    def from_row_limits(cls, values, row_limits, name=None, validate=True):
        """Row `i` ends at `row_limits[i]` and starts where the previous row ends.

        Example:
            >>> import tensorlet as tf
            >>> tf.RaggedTensor.from_row_limits([3, 1, 4], row_limits=[2, 3])
            <tf.RaggedTensor [[3, 1], [4]]>
        """
        from . import factories

        return factories.from_row_limits(values, row_limits, validate)

    @classmethod
    def from_nested_row_splits(cls, flat_values, nested_row_splits, name=None, validate=True):
        """Several ragged dimensions at once, outermost partition first.

        Example:
            >>> import tensorlet as tf
            >>> tf.RaggedTensor.from_nested_row_splits([1, 2, 3], [[0, 2, 2], [0, 1, 3]])
            <tf.RaggedTensor [[[1], [2, 3]], []]>
        """
        from . import factories

        return factories.from_nested(flat_values, nested_row_splits, factories.from_row_splits,
                                     validate)

    @classmethod
    def from_nested_row_lengths(cls, flat_values, nested_row_lengths, name=None,
                                validate=True):
        """Several ragged dimensions from their row lengths, outermost first.

        Example:
            >>> import tensorlet as tf
            >>> tf.RaggedTensor.from_nested_row_lengths([1, 2, 3], [[2, 0], [1, 2]])
            <tf.RaggedTensor [[[1], [2, 3]], []]>
        """
        from . import factories

        return factories.from_nested(flat_values, nested_row_lengths,
                                     factories.from_row_lengths, validate)

    @classmethod
    def from_tensor(cls, tensor, lengths=None, padding=None, ragged_rank=1, name=None,
                    row_splits_dtype=dtypes.int64):
        """A RaggedTensor from a dense tensor, dropping trailing `padding` or cutting rows to
        `lengths`.

        Example:
            >>> import tensorlet as tf
            >>> tf.RaggedTensor.from_tensor([[1, 2, 0], [3, 0, 0]], padding=0)
            <tf.RaggedTensor [[1, 2], [3]]>
        """
        from . import dense

        return dense.from_tensor(tensor, lengths, padding, ragged_rank, row_splits_dtype)

    @classmethod
    def from_sparse(cls, st_input, name=None, row_splits_dtype=dtypes.int64):
        """Rows of a 2-D SparseTensor whose entries fill each row from column 0.

        Example:
            >>> import tensorlet as tf
            >>> s = tf.sparse.SparseTensor([[0, 0], [0, 1], [2, 0]], [1, 2, 3], [3, 2])
            >>> tf.RaggedTensor.from_sparse(s)
            <tf.RaggedTensor [[1, 2], [], [3]]>
        """
        from . import dense

        return dense.from_sparse(st_input, row_splits_dtype)

    # --- components -------------------------------------------------------------------------

    @property
    def values(self):
        """The concatenated rows (a Tensor, or a RaggedTensor when ragged_rank > 1)."""
        return self._values

    @property
    def row_splits(self):
        """Row `i` is `values[row_splits[i]:row_splits[i + 1]]` (int64 or int32)."""
        return self._row_splits

    @property
    def flat_values(self):
        """The innermost values: a Tensor with one row per scalar (or inner dense element)."""
        values = self._values
        while isinstance(values, RaggedTensor):
            values = values._values
        return values

    @property
    def nested_row_splits(self) -> tuple:
        splits, rt = [], self
        while isinstance(rt, RaggedTensor):
            splits.append(rt._row_splits)
            rt = rt._values
        return tuple(splits)

    @property
    def ragged_rank(self) -> int:
        values = self._values
        return 1 + (values.ragged_rank if isinstance(values, RaggedTensor) else 0)

    @property
    def dtype(self) -> dtypes.DType:
        return self.flat_values.dtype

    @property
    def uniform_row_length(self):
        """None: tensorlet's ragged dimensions are always ragged."""
        return None

    @property
    def shape(self) -> TensorShape:
        """`[nrows, None (per ragged dimension), inner dense dims...]`."""
        inner = self.flat_values.shape.as_list()[1:]
        return TensorShape([self._nrows()] + [None] * self.ragged_rank + inner)

    def get_shape(self) -> TensorShape:
        return self.shape

    # --- partitions -------------------------------------------------------------------------

    def _splits(self) -> np.ndarray:
        return self._row_splits._value

    def _nrows(self) -> int:
        return len(self._row_splits._value) - 1

    def row_lengths(self, axis=1, name=None):
        """The length of each row (a Tensor for axis 1; a RaggedTensor for deeper axes).

        Example:
            >>> import tensorlet as tf
            >>> tf.ragged.constant([[1, 2], [3]]).row_lengths().numpy()
            array([2, 1])
        """
        axis = axis + self.shape.rank if axis < 0 else axis
        if axis == 1:
            return wrap(np.diff(self._splits()))
        if axis == 0:
            return self.nrows()
        if not isinstance(self._values, RaggedTensor):
            raise ValueError(f"row_lengths: axis={axis} is not a ragged dimension")
        return self.with_values(self._values.row_lengths(axis - 1))

    def nrows(self, out_type=None, name=None):
        """The number of rows, as a scalar Tensor of the row_splits dtype (or `out_type`)."""
        dtype = self._row_splits.dtype if out_type is None else dtypes.as_dtype(out_type)
        return wrap(np.array(self._nrows(), dtype._np))

    def value_rowids(self, name=None):
        """The row of each value.

        Example:
            >>> import tensorlet as tf
            >>> tf.ragged.constant([[1, 2], [], [3]]).value_rowids().numpy()
            array([0, 0, 2])
        """
        splits = self._splits()
        return wrap(np.repeat(np.arange(len(splits) - 1, dtype=splits.dtype), np.diff(splits)))

    def row_starts(self, name=None):
        return wrap(self._splits()[:-1].copy())

    def row_limits(self, name=None):
        return wrap(self._splits()[1:].copy())

    def nested_row_lengths(self, name=None) -> tuple:
        return tuple(wrap(np.diff(s._value)) for s in self.nested_row_splits)

    def nested_value_rowids(self, name=None) -> tuple:
        out, rt = [], self
        while isinstance(rt, RaggedTensor):
            out.append(rt.value_rowids())
            rt = rt._values
        return tuple(out)

    def bounding_shape(self, axis=None, name=None, out_type=None):
        """The smallest dense shape that holds every row, as a vector (int64 by default).

        Example:
            >>> import tensorlet as tf
            >>> tf.ragged.constant([[1, 2], [3]]).bounding_shape().numpy()
            array([2, 2])
        """
        from . import dense

        dtype = self._row_splits.dtype if out_type is None else dtypes.as_dtype(out_type)
        dims = np.array(dense.bounding_dims(self), dtype._np)
        return wrap(dims if axis is None else dims[axis])

    # --- new tensors with the same partitions -----------------------------------------------

    def with_values(self, new_values):
        """This tensor's row partition with other values (same number of rows of values)."""
        from . import factories

        new_values = factories.as_values(new_values)
        factories.check_nvals(new_values, self._splits()[-1], "with_values")
        return RaggedTensor(new_values, self._row_splits, internal=True)

    def with_flat_values(self, new_values):
        """This tensor's nested partitions with other flat values.

        Example:
            >>> import tensorlet as tf
            >>> r = tf.ragged.constant([[1, 2], [3]])
            >>> r.with_flat_values(r.flat_values * 10)
            <tf.RaggedTensor [[10, 20], [30]]>
        """
        if isinstance(self._values, RaggedTensor):
            return self.with_values(self._values.with_flat_values(new_values))
        return self.with_values(new_values)

    def with_row_splits_dtype(self, dtype):
        """The same tensor with its row partitions cast to `dtype` (int32 or int64)."""
        dtype = dtypes.as_dtype(dtype)
        if dtype not in (dtypes.int32, dtypes.int64):
            raise ValueError(f"dtype must be int32 or int64, got {dtype!r}")
        values = self._values
        if isinstance(values, RaggedTensor):
            values = values.with_row_splits_dtype(dtype)
        return RaggedTensor(values, wrap(self._splits().astype(dtype._np)), internal=True)

    def merge_dims(self, outer_axis, inner_axis):
        """Merges dims `outer_axis..inner_axis` into one; supports `outer_axis == 0`.

        Example:
            >>> import tensorlet as tf
            >>> tf.ragged.constant([[1, 2], [3]]).merge_dims(0, 1).numpy()
            array([1, 2, 3], dtype=int32)
        """
        rank = self.shape.rank
        outer, inner = outer_axis % rank, inner_axis % rank
        if outer != 0 or inner < outer:
            raise NotImplementedError("merge_dims: tensorlet supports merging from axis 0 only "
                                      f"(got outer_axis={outer_axis}, inner_axis={inner_axis})")
        result = self
        for _ in range(inner):
            result = result._values  # NOTE: the values are the rows of the rows, in order
        return result

    # --- conversion -------------------------------------------------------------------------

    def to_tensor(self, default_value=None, name=None, shape=None):
        """A dense tensor: rows padded with `default_value` (zero) to `shape` (the bounding
        shape by default; a smaller `shape` truncates).

        Example:
            >>> import tensorlet as tf
            >>> tf.ragged.constant([[1, 2], [], [3]]).to_tensor().numpy()
            array([[1, 2],
                   [0, 0],
                   [3, 0]], dtype=int32)
        """
        from . import dense

        return dense.to_tensor(self, default_value, shape)

    def to_sparse(self, name=None):
        """A SparseTensor with one entry per value, shaped like `bounding_shape()`.

        Example:
            >>> import tensorlet as tf
            >>> tf.ragged.constant([[1, 2], [], [3]]).to_sparse().indices.numpy().tolist()
            [[0, 0], [0, 1], [2, 0]]
        """
        from . import dense

        return dense.to_sparse(self)

    def to_list(self) -> list:
        """The rows as nested Python lists.

        Example:
            >>> import tensorlet as tf
            >>> tf.ragged.constant([[1, 2], [3]]).to_list()
            [[1, 2], [3]]
        """
        values = self._values
        items = values.to_list() if isinstance(values, RaggedTensor) else values._value.tolist()
        splits = self._splits().tolist()
        return [items[a:b] for a, b in zip(splits[:-1], splits[1:])]

    def numpy(self) -> np.ndarray:
        """The rows as a NumPy array: an object array of row arrays when the lengths differ."""
        values = self._values
        vals = values.numpy() if isinstance(values, RaggedTensor) else values._value
        splits = self._splits().tolist()
        rows = [vals[a:b] for a, b in zip(splits[:-1], splits[1:])]
        if not rows:
            return np.zeros((0, 0) + vals.shape[1:], vals.dtype)
        if any(len(row) != len(rows[0]) for row in rows):
            out = np.empty(len(rows), dtype=object)
            for i, row in enumerate(rows):
                out[i] = row
            return out
        return np.array(rows)

    def __repr__(self) -> str:
        if getattr(self.flat_values, "_value", None) is None or any(
                getattr(s, "_value", None) is None for s in self.nested_row_splits):
            # traced components have no values: TF's graph-mode form
            return f"tf.RaggedTensor(values={self._values!s}, row_splits={self._row_splits!s})"
        with np.printoptions(formatter={"all": _format}):
            text = _format(self.numpy())
        return f"<tf.RaggedTensor {text}>"

    __str__ = __repr__

    def __bool__(self):
        raise TypeError("RaggedTensor may not be used as a boolean.")

    def __getitem__(self, key):
        from . import getitem

        return getitem.ragged_getitem(self, key)

    def __array__(self, dtype=None, copy=None):
        raise TypeError("A RaggedTensor has no single NumPy array: use .to_tensor().numpy(), "
                        ".numpy() (rows as an object array) or .to_list()")


def check_same_partitions(op: str, a, b) -> None:
    """Raises TF's error when two ragged tensors do not have identical nested row splits."""
    sa, sb = a.nested_row_splits, b.nested_row_splits
    if len(sa) != len(sb):
        raise ValueError(f"{op}: ragged_rank {len(sa)} and {len(sb)} differ; the ragged "
                         f"tensors must have the same row partitions")
    for x, y in zip(sa, sb):
        if x._value.shape != y._value.shape or not np.array_equal(x._value, y._value):
            raise InvalidArgumentError(
                f"Condition x == y did not hold.\n{op}: the ragged tensors have different row "
                f"partitions: row_splits {x._value.tolist()} vs {y._value.tolist()}")
