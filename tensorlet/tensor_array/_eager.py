"""The eager TensorArray: a Python list of tensors, with TF 2.21's eager semantics exactly.

Every TensorArray returned by `write`, `unstack`, ... shares this list (in eager TF a write
also changes the array it was called on). A read clears its slot when `clear_after_read` is
set; a later `stack`, `gather` or `concat` fills cleared and unwritten slots with zeros (when
the element shape is known) and keeps them; reading a cleared slot again is an error. Reads
return the very tensor that was written, so gradient tapes see through the array. (One
difference from TF: `unstack` checks the value's dtype, as `write` does; TF stores it as is.)
"""

from __future__ import annotations

import operator

import numpy as np

from ..core import dtypes
from ..core.convert import convert_to_tensor
from ..core.errors import InvalidArgumentError, OutOfRangeError
from ..core.shape import TensorShape
from ..core.tensor import EagerTensor, wrap
from ..ops import array_create, array_join
from ._common import as_value

__all__ = ["EagerTensorArray"]


def _index(index) -> int:
    """An element index as an int (TF indexes a Python list with it)."""
    try:
        return operator.index(index)
    except TypeError:
        raise TypeError(f"list indices must be integers or slices, not "
                        f"{type(index).__name__}") from None


class EagerTensorArray:
    """The storage of an eager TensorArray (see the module docstring)."""

    def __init__(self, dtype, size, dynamic_size, clear_after_read, infer_shape,
                 element_shape) -> None:
        if size is None:
            raise ValueError("Size must be declared for TensorArrays when eager execution is "
                             "enabled.")
        self.dtype = dtype
        self.dynamic_size = bool(dynamic_size)
        self.clear_after_read = True if clear_after_read is None else bool(clear_after_read)
        self.infer_shape = bool(infer_shape)
        self.element_shape = TensorShape(element_shape)
        self.items: list = [None] * operator.index(size)
        self.cleared: set = set()

    # --- writing ------------------------------------------------------------------------

    def write(self, index, value) -> EagerTensorArray:
        self._write(_index(index), as_value(value, self.dtype))
        return self

    def _write(self, index: int, value) -> None:
        if index < 0:
            raise OutOfRangeError(None, None, f"Writing to negative indices (index {index}) is "
                                              f"not allowed.")
        size = len(self.items)
        if index >= size:
            if not self.dynamic_size:
                raise OutOfRangeError(None, None, f"Tried to write to index {index} but array is "
                                                  f"not resizeable and size is: {size} ")
            self.items.extend([None] * (index - size + 1))
        if not self.element_shape.is_compatible_with(value.shape):
            raise ValueError(f"Incompatible shape for value ({value.shape}), expected "
                             f"({self.element_shape})")
        if self.infer_shape:
            self.element_shape = self.element_shape.merge_with(value.shape)
        self.items[index] = value

    def scatter(self, indices, value) -> EagerTensorArray:
        if isinstance(indices, EagerTensor):
            indices = indices.numpy()
        rows = array_join.unstack(as_value(value, self.dtype))
        for index, row in zip(indices, rows):
            self._write(_index(index), row)
        return self

    def unstack(self, value) -> EagerTensorArray:
        rows = array_join.unstack(as_value(value, self.dtype))
        if len(rows) > len(self.items) and not self.dynamic_size:
            raise ValueError(f"Cannot unstack {len(rows)} tensors into a TensorArray of static "
                             f"size {len(self.items)} ")
        self.items = list(rows)
        return self

    def split(self, value, lengths) -> EagerTensorArray:
        value = as_value(value, self.dtype)
        lengths = np.asarray(convert_to_tensor(lengths, dtypes.int64))
        if lengths.ndim != 1:
            raise InvalidArgumentError(None, None, f"Expected lengths to be a vector, received "
                                                   f"shape: {list(lengths.shape)} ")
        if value.shape.rank == 0:
            raise InvalidArgumentError(None, None, "Expected value to be at least a vector, but "
                                                   "received shape: [] ")
        if int(lengths.sum()) != value.shape[0]:
            raise InvalidArgumentError(
                None, None,
                f"Expected sum of lengths to be equal to values.shape[0], but sum of lengths is "
                f"{int(lengths.sum())} and value's shape is: {value.shape.as_list()} ")
        if not self.dynamic_size and lengths.shape[0] != len(self.items):
            raise InvalidArgumentError(
                None, None,
                f"TensorArray's size is not equal to the size of lengths ({len(self.items)} vs. "
                f"{lengths.shape[0]}), and the TensorArray is not marked as dynamically "
                f"resizeable.")
        self.items = list(array_join.split(value, [int(n) for n in lengths]))
        return self

    # --- reading ------------------------------------------------------------------------

    def read(self, index):
        index = _index(index)
        if index < 0:
            raise OutOfRangeError(None, None, f"Reading from negative indices (index {index}) is "
                                              f"not allowed.")
        if index >= len(self.items):
            raise OutOfRangeError(None, None, f"Tried to read from index {index} but array size "
                                              f"is: {len(self.items)} ")
        value = self.items[index]
        if value is None:
            if index in self.cleared:
                raise InvalidArgumentError(
                    None, None,
                    f"Could not read index {index} twice because it was cleared after a "
                    f"previous read (perhaps try setting clear_after_read = false?)")
            value = self._filled(index)
        if self.clear_after_read:
            self.items[index] = None
            self.cleared.add(index)
        return value

    def _filled(self, index: int):
        """The element at `index`; an empty slot becomes (and stays) zeros."""
        value = self.items[index]
        if value is None:
            value = self.items[index] = self._zeros(self.element_shape)
        return value

    def _zeros(self, shape: TensorShape):
        if not shape.is_fully_defined():
            raise ValueError(f"Cannot convert a partially known TensorShape {shape} to a "
                             f"Tensor.")
        return array_create.zeros(shape.as_list(), self.dtype)

    def _stacked(self, values: list):
        if values:
            return array_join.stack(values)
        return wrap(np.zeros((0,), self.dtype._np))

    def stack(self):
        values = [self._filled(i) for i in range(len(self.items))]
        if not values and self.element_shape.is_fully_defined():
            return self._zeros(TensorShape([0]).concatenate(self.element_shape))
        return self._stacked(values)

    def gather(self, indices):
        if isinstance(indices, EagerTensor):
            indices = indices.numpy()
        return self._stacked([self._filled(_index(i)) for i in indices])

    def concat(self):
        values = [self._filled(i) for i in range(len(self.items))]
        if not values:
            raise InvalidArgumentError(
                None, None, "TensorArray.concat: the array has no element to concatenate; "
                            "tf.concat needs at least one tensor")
        if any(v.shape.rank == 0 for v in values):
            raise InvalidArgumentError(None, None, "Concat saw a scalar shape at index 0 but "
                                                   "requires at least vectors.")
        return array_join.concat(values, 0)

    def size(self):
        return wrap(np.array(len(self.items), np.int32))

    def close(self) -> None:
        self.items = []
