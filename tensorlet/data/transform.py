"""Transformations with user functions: `map`, `filter`, `flat_map`, `interleave`,
`take_while`."""

from __future__ import annotations

from ..core.errors import InvalidArgumentError
from . import parallel
from .dataset import AUTOTUNE, UNKNOWN_CARDINALITY, Dataset
from .functions import StructuredFunction

__all__ = ["MapDataset", "FilterDataset", "FlatMapDataset", "InterleaveDataset",
           "TakeWhileDataset", "interleave"]


class _FunctionDataset(Dataset):
    """A dataset applying a `StructuredFunction` to the elements of `self._input`."""

    _fn: StructuredFunction

    @property
    def _structure(self):
        return self._fn.output_structure


class MapDataset(_FunctionDataset):
    """`Dataset.map`: one output element per input element, in order."""

    _tf_name = "_MapDataset"

    def __init__(self, input_dataset, map_func, num_parallel_calls=None) -> None:
        self._input = input_dataset
        self._fn = StructuredFunction(map_func, input_dataset, "tensors", "map")
        self._workers = None
        if num_parallel_calls is not None:
            self._workers = parallel.num_workers(int(num_parallel_calls))
            self._tf_name = "_ParallelMapDataset"

    def _card(self) -> int:
        return self._input._card()

    def _iter_flat(self):
        fn = self._fn
        if self._workers is not None and self._workers > 1:
            return parallel.ordered_map(fn, self._input._iter_flat(), self._workers)
        return map(fn, self._input._iter_flat())


class FilterDataset(Dataset):
    """`Dataset.filter`: the elements whose predicate is True."""

    _tf_name = "_FilterDataset"

    def __init__(self, input_dataset, predicate) -> None:
        self._input = input_dataset
        self._fn = StructuredFunction(predicate, input_dataset, "predicate", "filter")
        self._structure = input_dataset.element_spec

    def _iter_flat(self):
        fn = self._fn
        for leaves in self._input._iter_flat():
            if fn(leaves)[0]:
                yield leaves


class TakeWhileDataset(FilterDataset):
    """`Dataset.take_while`: the elements before the predicate is first False."""

    _tf_name = "_TakeWhileDataset"

    def __init__(self, input_dataset, predicate) -> None:
        self._input = input_dataset
        self._fn = StructuredFunction(predicate, input_dataset, "predicate", "take_while")

    def _iter_flat(self):
        fn = self._fn
        for leaves in self._input._iter_flat():
            if not fn(leaves)[0]:
                return
            yield leaves


class FlatMapDataset(_FunctionDataset):
    """`Dataset.flat_map`: the elements of the dataset each input element maps to."""

    _tf_name = "_FlatMapDataset"

    def __init__(self, input_dataset, map_func) -> None:
        self._input = input_dataset
        self._fn = StructuredFunction(map_func, input_dataset, "dataset", "flat_map")

    def _iter_flat(self):
        fn = self._fn
        for leaves in self._input._iter_flat():
            yield from fn(leaves)._iter_flat()


def _positive(value, default: int, what: str) -> int:
    if value is None:
        return default
    value = int(getattr(value, "_value", value))
    if value == AUTOTUNE:
        return default
    if value <= 0:
        raise InvalidArgumentError(None, None, f"{what} must be greater than zero.")
    return value


class InterleaveDataset(_FunctionDataset):
    """`Dataset.interleave`: `cycle_length` inner datasets open at once, `block_length`
    elements taken from each in turn (TF's order, which is deterministic)."""

    _tf_name = "_InterleaveDataset"

    def __init__(self, input_dataset, map_func, cycle_length, block_length,
                 num_parallel_calls) -> None:
        self._input = input_dataset
        self._fn = StructuredFunction(map_func, input_dataset, "dataset", "interleave")
        self._cycle = _positive(cycle_length, parallel.num_workers(AUTOTUNE), "cycle_length")
        self._block = _positive(block_length, 1, "block_length")
        if num_parallel_calls is not None:
            self._tf_name = "_ParallelInterleaveDataset"

    def _iter_flat(self):
        fn = self._fn
        return interleave(self._input._iter_flat(), lambda leaves: fn(leaves)._iter_flat(),
                          self._cycle, self._block)

    def _card(self) -> int:
        return UNKNOWN_CARDINALITY


def interleave(inputs, open_inner, cycle_length: int, block_length: int):
    """TF's interleave order: `cycle_length` slots visited in turn, `block_length` elements
    from each; an exhausted inner iterator frees its slot and the visit moves on; an empty slot
    opens the next input (`open_inner(input_element)`) when it is visited."""
    slots: list = [None] * cycle_length
    index = open_count = taken = 0
    exhausted = False
    while not exhausted or open_count:
        current = slots[index]
        if current is None and not exhausted:
            leaves = next(inputs, None)
            if leaves is None:
                exhausted = True
            else:
                slots[index] = open_inner(leaves)
                open_count += 1
            continue
        if current is not None:
            element = next(current, None)
            if element is not None:
                yield element
                taken += 1
                if taken < block_length:
                    continue
            else:
                slots[index] = None
                open_count -= 1
        index = (index + 1) % cycle_length
        taken = 0
