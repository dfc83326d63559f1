"""The TensorArray inside `tf.function`: a buffer tensor and a size tensor (TF's TensorList).

Each method records one `tensor_array_*` op (`tensorlet/ops/tensor_array_ops.py`) and returns a
new `GraphTensorArray`; nothing is mutated, so a TensorArray can be a loop variable. As in TF's
graph mode, reads do not clear (`clear_after_read` is ignored) and an unwritten element reads as
zeros when the element shape is known. The element shape learned from writes is kept in an
`ElementShape` shared by every TensorArray of one lineage (TF's shared `_element_shape`).

Unlike TF's TensorList, the buffer is dense: inside `tf.function` all elements share one shape
(`infer_shape=False` with rows of several lengths, or `split` into unequal lengths, raise a
clear InvalidArgumentError when the function runs), and a write copies the buffer.
"""

from __future__ import annotations

from ..core import dtypes
from ..core.convert import convert_to_tensor
from ..core.dispatch import execute
from ..core.shape import TensorShape
from ..ops import tensor_array_ops as ops
from ._common import as_tensor, as_value

__all__ = ["GraphTensorArray", "Lineage"]


class Lineage:
    """What every TensorArray derived from one constructor call shares."""

    __slots__ = ("dtype", "cell", "dynamic_size", "infer_shape")

    def __init__(self, dtype, element_shape, dynamic_size: bool, infer_shape: bool) -> None:
        self.dtype = dtype
        self.cell = ops.ElementShape(TensorShape(element_shape))
        self.dynamic_size = bool(dynamic_size)
        self.infer_shape = bool(infer_shape)

    @property
    def element_shape(self) -> TensorShape:
        return self.cell.shape

    def learn(self, shape: TensorShape) -> None:
        """Checks a written element's shape against what is known (TF's graph-mode text)."""
        known = self.cell.shape
        if not known.is_compatible_with(shape):
            raise ValueError(f"Inconsistent shapes: saw {shape} but expected {known} ")
        if self.infer_shape:
            self.cell.shape = known.merge_with(shape)


def _static_int(x):
    """The value of a Python int or a constant-valued eager tensor, else None."""
    if isinstance(x, int):
        return x
    value = getattr(x, "_value", None)
    return None if value is None else int(value)


class GraphTensorArray:
    """One traced TensorArray value: `buffer` and `size` tensors, plus its lineage.

    `rows` is the number of elements when known statically (it gives `stack()` its static
    first dimension, as TF does for a fixed-size array).
    """

    __slots__ = ("lineage", "buffer", "size_t", "rows")

    def __init__(self, lineage: Lineage, buffer, size_t, rows) -> None:
        self.lineage = lineage
        self.buffer = buffer
        self.size_t = size_t
        self.rows = rows

    @classmethod
    def create(cls, dtype, size, dynamic_size, infer_shape, element_shape) -> GraphTensorArray:
        if size is None:
            raise ValueError("Argument `size` must be provided if argument `flow` is not "
                             "provided.")
        lineage = Lineage(dtype, element_shape, bool(dynamic_size), infer_shape)
        size_t = as_tensor(size, dtypes.int32)
        buffer, size_t = execute(ops.RESERVE, [size_t],
                                 {"dtype": dtype, "element_shape": lineage.cell})
        rows = None if lineage.dynamic_size else _static_int(size)
        return cls(lineage, buffer, size_t, rows)

    @property
    def dtype(self):
        return self.lineage.dtype

    @property
    def element_shape(self) -> TensorShape:
        return self.lineage.element_shape

    @property
    def dynamic_size(self) -> bool:
        return self.lineage.dynamic_size

    @property
    def infer_shape(self) -> bool:
        return self.lineage.infer_shape

    def _new(self, buffer, size_t, rows) -> GraphTensorArray:
        return GraphTensorArray(self.lineage, buffer, size_t,
                                None if self.lineage.dynamic_size else rows)

    def _attr(self):
        return ops.shape_attr(self.lineage.element_shape)

    # --- writing ------------------------------------------------------------------------

    def write(self, index, value) -> GraphTensorArray:
        value = as_value(value, self.dtype)
        self.lineage.learn(value.shape)
        out = execute(ops.WRITE, [self.buffer, self.size_t, index, value],
                      {"dynamic_size": self.lineage.dynamic_size})
        return self._new(*out, self.rows)

    def scatter(self, indices, value) -> GraphTensorArray:
        value = as_value(value, self.dtype)
        self.lineage.learn(value.shape[1:])
        indices = convert_to_tensor(indices, dtype_hint=dtypes.int32)
        out = execute(ops.SCATTER, [self.buffer, self.size_t, indices, value],
                      {"dynamic_size": self.lineage.dynamic_size})
        return self._new(*out, self.rows)

    def unstack(self, value) -> GraphTensorArray:
        value = as_value(value, self.dtype)
        if value.shape.rank:
            self.lineage.learn(value.shape[1:])
        out = execute(ops.UNSTACK, [value, self.size_t],
                      {"dynamic_size": self.lineage.dynamic_size})
        rows = value.shape[0] if value.shape.rank else None
        return self._new(*out, rows)

    def split(self, value, lengths) -> GraphTensorArray:
        value = as_value(value, self.dtype)
        lengths = convert_to_tensor(lengths, dtype_hint=dtypes.int64)
        self._learn_split(value.shape, lengths)
        out = execute(ops.SPLIT, [value, lengths, self.size_t],
                      {"dynamic_size": self.lineage.dynamic_size})
        rows = lengths.shape[0] if lengths.shape.rank == 1 else None
        return self._new(*out, rows)

    def _learn_split(self, shape: TensorShape, lengths) -> None:
        """Elements of a split are `[length, *shape[1:]]` (one length when all are equal)."""
        if not shape.rank:
            return
        known = getattr(lengths, "_value", None)
        equal = known is not None and known.size and (known == known.flat[0]).all()
        first = int(known.flat[0]) if equal else None
        self.lineage.learn(TensorShape([first, *shape.as_list()[1:]]))

    # --- reading ------------------------------------------------------------------------

    def read(self, index):
        return ops.read(self.buffer, self.size_t, index, self._attr())

    def gather(self, indices):
        indices = convert_to_tensor(indices, dtype_hint=dtypes.int32)
        return ops.gather(self.buffer, self.size_t, indices, self._attr())

    def stack(self):
        return ops.stack(self.buffer, self.size_t, self._attr(), self.rows)

    def concat(self):
        return ops.concat(self.buffer, self.size_t, self._attr(), self.rows)

    def size(self):
        return self.size_t

    def close(self) -> None:
        return None
