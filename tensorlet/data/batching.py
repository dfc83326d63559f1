"""Batching: `batch`, `padded_batch`, `unbatch` and `window`.

`batch` over an indexed view (slices of arrays, shuffled or not) gathers each batch's rows in
one NumPy call per component; otherwise it stacks the elements it collects.
"""

from __future__ import annotations

import numpy as np

from ..core import dtypes, nest
from ..core.convert import convert_to_tensor, to_array
from ..core.errors import DataLossError, InvalidArgumentError
from ..core.shape import TensorShape
from ..core.spec import TensorSpec
from . import composite, indexed, structure
from .dataset import INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, Dataset
from .sequencing import int64_arg

__all__ = ["BatchDataset", "PaddedBatchDataset", "UnbatchDataset", "WindowDataset",
           "ListDataset"]


def _batch_size(batch_size) -> int:
    size = int64_arg(batch_size)
    if size <= 0:
        raise InvalidArgumentError(None, None, "Batch size must be greater than zero. "
                                               "[Op:BatchDatasetV2]")
    return size


def _batched_card(n: int, size: int, drop_remainder: bool) -> int:
    if n < 0:
        return n
    return n // size if drop_remainder else -(-n // size)


def _stack(elements: list) -> tuple:
    if any(composite.is_composite(x) for x in elements[0]):
        return tuple(composite.batch(c) if composite.is_composite(c[0])
                     else _stack([(a,) for a in c])[0] for c in zip(*elements))
    try:
        return tuple(np.stack(column) for column in zip(*elements))
    except ValueError:
        pass
    for k, column in enumerate(zip(*elements)):
        for i, a in enumerate(column):
            if a.shape != column[0].shape:
                raise InvalidArgumentError(
                    None, None, f"Cannot batch tensors with different shapes in component {k}. "
                    f"First element had shape {list(column[0].shape)} and element {i} had "
                    f"shape {list(a.shape)}.")
    raise InvalidArgumentError(None, None, "Cannot batch these elements.")


class BatchDataset(Dataset):
    """`Dataset.batch`."""

    _tf_name = "_BatchDataset"

    def __init__(self, input_dataset, batch_size, drop_remainder=False,
                 num_parallel_calls=None) -> None:
        self._input = input_dataset
        self._size = _batch_size(batch_size)
        self._drop = bool(drop_remainder)
        dim = self._size if self._drop else None
        self._structure = nest.map_structure(lambda s: structure.batched(s, dim),
                                             input_dataset.element_spec)
        if num_parallel_calls is not None:
            self._tf_name = "_ParallelBatchDataset"

    def _card(self) -> int:
        return _batched_card(self._input._card(), self._size, self._drop)

    def _iter_flat(self):
        view = self._input._view()
        if view is not None:
            return self._gathered(view)
        return self._stacked()

    def _gathered(self, view):
        arrays = view.arrays
        for chunk in indexed.batches(view.chunks(), self._size, self._drop):
            yield indexed.gather(arrays, chunk)

    def _stacked(self):
        size = self._size
        elements: list = []
        for element in self._input._iter_flat():
            elements.append(element)
            if len(elements) == size:
                yield _stack(elements)
                elements = []
        if elements and not self._drop:
            yield _stack(elements)


def _flatten_up_to(shallow, deep, what: str) -> list:
    try:
        return structure.flatten_up_to(shallow, deep)
    except ValueError:
        raise ValueError(f"The structure of `{what}` does not match the dataset's elements.") \
            from None


def _padding_value(value, spec) -> np.ndarray:
    if value is None:
        return np.array(b"" if spec.dtype is dtypes.string else 0).astype(spec.dtype._np)
    held = getattr(value, "_value", None)
    if held is None:  # Python values take their default dtype (3 is int32), as in TF
        held = np.asarray(value) if isinstance(value, (np.ndarray, np.generic)) else \
            convert_to_tensor(value)._value
    if held.dtype != spec.dtype._np:
        raise TypeError(f"Invalid `padding_values`. `padding_values` values type <dtype: "
                        f"'{dtypes._BY_NP[held.dtype].name}'> does not match type <dtype: "
                        f"'{spec.dtype.name}'> of the corresponding input component.")
    arr = to_array(value, spec.dtype)
    if arr.ndim != 0:
        raise ValueError(f"Padding value should be a scalar, but is not: {value!r}")
    return arr


class PaddedBatchDataset(BatchDataset):
    """`Dataset.padded_batch`: each component padded to a common shape per batch."""

    _tf_name = "_PaddedBatchDataset"

    def __init__(self, input_dataset, batch_size, padded_shapes=None, padding_values=None,
                 drop_remainder=False) -> None:
        self._input = input_dataset
        self._size = _batch_size(batch_size)
        self._drop = bool(drop_remainder)
        element = input_dataset.element_spec
        specs = nest.flatten(element)
        for spec in specs:
            if composite.is_composite_spec(spec):
                raise TypeError("padded_batch of SparseTensor components is not supported by "
                                "tensorlet; use `batch` (it stacks SparseTensors).")
            if isinstance(spec, structure.DatasetSpec) or spec.shape.rank is None:
                raise ValueError("padded_batch needs components of known rank.")
        shapes = [s.shape for s in specs] if padded_shapes is None else \
            _flatten_up_to(element, padded_shapes, "padded_shapes")
        if padding_values is None or not nest.is_nested(element):
            values = [padding_values] * len(specs)
        else:
            values = _flatten_up_to(element, padding_values, "padding_values")
        self._shapes = [_check_padded_shape(s, spec) for s, spec in zip(shapes, specs)]
        self._values = [_padding_value(v, spec) for v, spec in zip(values, specs)]
        dim = self._size if self._drop else None
        self._structure = nest.pack_sequence_as(element, [
            TensorSpec(TensorShape([dim]).concatenate(shape), spec.dtype)
            for shape, spec in zip(self._shapes, specs)])

    def _iter_flat(self):
        size = self._size
        elements: list = []
        for element in self._input._iter_flat():
            elements.append(element)
            if len(elements) == size:
                yield self._pad(elements)
                elements = []
        if elements and not self._drop:
            yield self._pad(elements)

    def _pad(self, elements: list) -> tuple:
        out = []
        for column, shape, value in zip(zip(*elements), self._shapes, self._values):
            dims = [d if d is not None else max(a.shape[i] for a in column)
                    for i, d in enumerate(shape.as_list())]
            # NOTE: [()] takes the element of a 0-d array: NumPy would store a 0-d object
            # array (a string) itself as the element of an object array.
            batch = np.full([len(column)] + dims, value[()], dtype=value.dtype)
            for i, a in enumerate(column):
                if any(n > d for n, d in zip(a.shape, dims)):
                    raise DataLossError(None, None, "Attempted to pad to a smaller size than "
                                                    "the input element.")
                batch[(i,) + tuple(slice(0, n) for n in a.shape)] = a if a.ndim else a[()]
            out.append(batch)
        return tuple(out)


def _padded_dims(shape) -> list | None:
    """A padded shape as a list of dims (None or -1: pad to the longest), None if unknown."""
    if isinstance(shape, TensorShape):
        return None if shape.rank is None else shape.as_list()
    held = getattr(shape, "_value", None)
    values = held.tolist() if held is not None else list(shape)
    return [None if d is None or int(d) < 0 else int(d) for d in values]


def _check_padded_shape(shape, spec) -> TensorShape:
    dims = _padded_dims(shape)
    known = spec.shape.as_list()
    if dims is None:
        return spec.shape
    if len(dims) != len(known) or any(d is not None and s is not None and d < s
                                      for d, s in zip(dims, known)):
        raise ValueError(f"The padded shape {TensorShape(dims)} is not compatible with the "
                         f"shape {spec.shape} of the corresponding input component.")
    return TensorShape(dims)


class UnbatchDataset(Dataset):
    """`Dataset.unbatch`: the rows of each element become elements."""

    _tf_name = "_UnbatchDataset"

    def __init__(self, input_dataset) -> None:
        self._input = input_dataset
        self._structure = nest.map_structure(structure.unbatched, input_dataset.element_spec)

    def _card(self) -> int:
        n = self._input._card()
        dims = {s.shape[0] for s in nest.flatten(self._input.element_spec)}
        if n == INFINITE_CARDINALITY:
            return n
        if n < 0 or len(dims) != 1 or None in dims:
            return UNKNOWN_CARDINALITY
        return n * dims.pop()

    def _iter_flat(self):
        for element in self._input._iter_flat():
            if any(composite.is_composite(a) for a in element):
                sizes = [composite.length(a) for a in element]
                if len(set(sizes)) > 1:
                    raise InvalidArgumentError(
                        None, None, f"Input element must have the same batch size in each "
                        f"component. Component sizes: {sizes}.")
                yield from zip(*[composite.rows(a) for a in element])
                continue
            n = element[0].shape[0]
            for k, a in enumerate(element):
                if a.shape[0] != n:
                    raise InvalidArgumentError(
                        None, None, f"Input element must have the same batch size in each "
                        f"component. Component 0 had size {n} but component {k} had size "
                        f"{a.shape[0]}.")
            if len(element) == 1:
                a = element[0]
                for i in range(n):
                    yield (a[i, ...],)
            else:
                for i in range(n):
                    yield tuple(a[i, ...] for a in element)


class ListDataset(Dataset):
    """A dataset of stored leaves (one window component); TF shows it as `_VariantDataset`."""

    _tf_name = "_VariantDataset"

    def __init__(self, leaves: list, spec) -> None:
        self._leaves = leaves
        self._structure = spec

    def _card(self) -> int:
        return len(self._leaves)

    def _iter_flat(self):
        return ((x,) for x in self._leaves)


def _window_arg(value, what: str) -> int:
    n = int64_arg(value)
    if n <= 0:
        raise InvalidArgumentError(None, None, f"Window {what} must be greater than zero. "
                                               f"[Op:WindowDataset]")
    return n


class WindowDataset(Dataset):
    """`Dataset.window`: windows of `size` elements every `shift`, every `stride`-th one."""

    _tf_name = "_WindowDataset"

    def __init__(self, input_dataset, size, shift=None, stride=1, drop_remainder=False):
        self._input = input_dataset
        self._size = _window_arg(size, "size")
        self._shift = self._size if shift is None else _window_arg(shift, "shift")
        self._stride = _window_arg(stride, "stride")
        self._drop = bool(drop_remainder)
        self._specs = nest.flatten(input_dataset.element_spec)
        self._structure = nest.map_structure(structure.DatasetSpec, input_dataset.element_spec)

    def _card(self) -> int:
        n = self._input._card()
        if n < 0:
            return n
        if not self._drop:
            return -(-n // self._shift)
        span = (self._size - 1) * self._stride + 1
        return 0 if n < span else (n - span) // self._shift + 1

    def _iter_flat(self):
        span = (self._size - 1) * self._stride + 1
        elements = self._input._iter_flat()
        buffer: list = []
        exhausted = False
        while True:
            while len(buffer) < span and not exhausted:
                element = next(elements, None)
                if element is None:
                    exhausted = True
                else:
                    buffer.append(element)
            window = buffer[:span:self._stride]
            if not window or (self._drop and len(window) < self._size):
                return
            yield tuple(ListDataset(list(column), spec)
                        for column, spec in zip(zip(*window), self._specs))
            if self._shift <= len(buffer):
                del buffer[:self._shift]
            else:
                for _ in range(self._shift - len(buffer)):
                    if next(elements, None) is None:
                        exhausted = True
                        break
                buffer = []
            if exhausted and not buffer:
                return
