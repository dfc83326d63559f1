"""Transformations that choose or replay elements without changing them: `repeat`, `take`,
`skip`, `shard`, `cache`. Each keeps an indexed view of its input (see `indexed.py`)."""

from __future__ import annotations

import itertools
import threading

from ..core.errors import InvalidArgumentError
from . import indexed
from .dataset import INFINITE_CARDINALITY, UNKNOWN_CARDINALITY, Dataset

__all__ = ["RepeatDataset", "TakeDataset", "SkipDataset", "ShardDataset", "CacheDataset",
           "int64_arg"]


def int64_arg(x) -> int:
    """A count argument as TF converts it to an int64 scalar (floats are a TypeError)."""
    value = getattr(x, "_value", x)
    if hasattr(value, "ndim") and value.ndim == 0 and value.dtype.kind in "iu":
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"Cannot convert {x!r} to EagerTensor of dtype int64")
    return value


class _ElementwiseDataset(Dataset):
    """A dataset whose elements are some of its input's, unchanged."""

    def __init__(self, input_dataset) -> None:
        self._input = input_dataset
        self._structure = input_dataset.element_spec


class RepeatDataset(_ElementwiseDataset):
    """`Dataset.repeat`: the input `count` times (forever when None or negative)."""

    _tf_name = "_RepeatDataset"

    def __init__(self, input_dataset, count=None) -> None:
        super().__init__(input_dataset)
        self._count = -1 if count is None else int64_arg(count)

    def _card(self) -> int:
        n, count = self._input._card(), self._count
        if count == 0 or n == 0:
            return 0
        if count < 0 or n == INFINITE_CARDINALITY:
            return INFINITE_CARDINALITY
        return UNKNOWN_CARDINALITY if n == UNKNOWN_CARDINALITY else n * count

    def _view(self):
        view = self._input._view()
        if view is None:
            return None
        chunks, count = view.chunks, self._count
        return indexed.View(view.arrays, lambda: indexed.repeat(chunks, count))

    def _iter_flat(self):
        done = 0
        while self._count < 0 or done < self._count:
            empty = True
            for element in self._input._iter_flat():
                empty = False
                yield element
            done += 1
            if empty:
                return


class TakeDataset(_ElementwiseDataset):
    """`Dataset.take`: the first `count` elements (all when negative)."""

    _tf_name = "_TakeDataset"

    def __init__(self, input_dataset, count) -> None:
        super().__init__(input_dataset)
        self._count = int64_arg(count)

    def _card(self) -> int:
        n, count = self._input._card(), self._count
        if n == UNKNOWN_CARDINALITY:
            return n
        if count < 0:
            return n
        return count if n == INFINITE_CARDINALITY else min(n, count)

    def _view(self):
        view = self._input._view()
        if view is None or self._count < 0:
            return view
        chunks, count = view.chunks, self._count
        return indexed.View(view.arrays, lambda: indexed.take(chunks(), count))

    def _iter_flat(self):
        elements = self._input._iter_flat()
        return elements if self._count < 0 else itertools.islice(elements, self._count)


class SkipDataset(_ElementwiseDataset):
    """`Dataset.skip`: all but the first `count` elements (none when negative)."""

    _tf_name = "_SkipDataset"

    def __init__(self, input_dataset, count) -> None:
        super().__init__(input_dataset)
        self._count = int64_arg(count)

    def _card(self) -> int:
        n, count = self._input._card(), self._count
        if n < 0:
            return n
        return 0 if count < 0 else max(0, n - count)

    def _view(self):
        view = self._input._view()
        if view is None or self._count < 0:
            return None
        chunks, count = view.chunks, self._count
        return indexed.View(view.arrays, lambda: indexed.skip(chunks(), count))

    def _iter_flat(self):
        elements = self._input._iter_flat()
        if self._count < 0:
            for _ in elements:
                pass
            return iter(())
        return itertools.islice(elements, self._count, None)


class ShardDataset(_ElementwiseDataset):
    """`Dataset.shard`: every `num_shards`-th element, starting at `index`."""

    _tf_name = "_ShardDataset"

    def __init__(self, input_dataset, num_shards, index) -> None:
        super().__init__(input_dataset)
        self._n, self._index = int64_arg(num_shards), int64_arg(index)
        if self._n <= 0:
            raise InvalidArgumentError(None, None, "Number of shards must be greater than zero "
                                       f"(currently num_shards = {self._n}). [Op:ShardDataset]")
        if not 0 <= self._index < self._n:
            raise InvalidArgumentError(None, None, f"Index must be between 0 and "
                                       f"{self._n - 1} (currently index = {self._index}). "
                                       f"[Op:ShardDataset]")

    def _card(self) -> int:
        n = self._input._card()
        return n if n < 0 else max(0, (n - self._index + self._n - 1) // self._n)

    def _view(self):
        view = self._input._view()
        if view is None:
            return None
        chunks, n, index = view.chunks, self._n, self._index
        return indexed.View(view.arrays, lambda: indexed.shard(chunks(), n, index))

    def _iter_flat(self):
        return itertools.islice(self._input._iter_flat(), self._index, None, self._n)


class CacheDataset(_ElementwiseDataset):
    """`Dataset.cache`: the first complete pass is kept in memory and replayed afterwards.

    A pass that stops early leaves the cache empty, so a later pass reads the input again (as
    TF). Over an indexed view only the row indices are kept.
    """

    def __init__(self, input_dataset, filename="") -> None:
        super().__init__(input_dataset)
        self._filename = filename
        self._elements = None
        self._chunks = None
        self._lock = threading.Lock()

    def _card(self) -> int:
        return self._input._card()

    def _commit(self, attr: str, recorded: list) -> None:
        with self._lock:
            if getattr(self, attr) is None:
                setattr(self, attr, recorded)

    def _view(self):
        view = self._input._view()
        if view is None:
            return None

        def chunks():
            if self._chunks is not None:
                return iter(self._chunks)
            return self._record(view.chunks(), "_chunks")

        return indexed.View(view.arrays, chunks)

    def _record(self, source, attr: str):
        recorded = []
        for item in source:
            recorded.append(item)
            yield item
        self._commit(attr, recorded)

    def _iter_flat(self):
        view = self._view()
        if view is not None:
            return indexed.rows(view)
        if self._elements is not None:
            return iter(self._elements)
        return self._record(self._input._iter_flat(), "_elements")
