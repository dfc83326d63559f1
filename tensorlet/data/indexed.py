"""Indexed views: the fast path for datasets whose elements are rows of in-memory arrays.

`from_tensor_slices` holds its components as arrays; an element is row `i` of each. Datasets
that only choose, drop or reorder elements (`shuffle`, `take`, `skip`, `repeat`, `shard`,
`cache`, `prefetch`) pass a `View` on: the same arrays plus a new stream of row indices. A
batch over a view is then one NumPy gather per component (`gather`), or a slice when the rows
are consecutive, instead of stacking one small array per element.

Index streams are iterators of *chunks*: a `slice` of consecutive rows, or an int64 array.
"""

from __future__ import annotations

import numpy as np

__all__ = ["View", "rows", "take", "skip", "repeat", "shard", "batches", "gather", "length"]

_EMPTY = np.zeros(0, np.int64)


class View:
    """Rows of `arrays` in the order of the index chunks that `chunks()` yields.

    Args:
        arrays: the flat components, all with the same first dimension.
        chunks: a callable returning a fresh iterator of chunks (one per iteration).
    """

    __slots__ = ("arrays", "chunks")

    def __init__(self, arrays: tuple, chunks) -> None:
        self.arrays = arrays
        self.chunks = chunks


def length(chunk) -> int:
    return chunk.stop - chunk.start if type(chunk) is slice else len(chunk)


def _cut(chunk, start: int, stop: int | None = None):
    if type(chunk) is slice:
        stop = chunk.stop if stop is None else chunk.start + stop
        return slice(chunk.start + start, stop)
    return chunk[start:stop]


def rows(view: View):
    """The elements of a view one by one (flat tuples of 0-d or n-d array views)."""
    arrays = view.arrays
    single = arrays[0] if len(arrays) == 1 else None
    for chunk in view.chunks():
        indices = range(chunk.start, chunk.stop) if type(chunk) is slice else chunk.tolist()
        if single is not None:
            for i in indices:
                yield (single[i, ...],)
        else:
            for i in indices:
                yield tuple(a[i, ...] for a in arrays)


def take(chunks, count: int):
    """The first `count` indices of a chunk stream."""
    if count <= 0:
        return
    for chunk in chunks:
        n = length(chunk)
        if n >= count:
            yield _cut(chunk, 0, count)
            return
        yield chunk
        count -= n


def skip(chunks, count: int):
    """All but the first `count` indices of a chunk stream."""
    for chunk in chunks:
        if count <= 0:
            yield chunk
            continue
        n = length(chunk)
        if n > count:
            yield _cut(chunk, count)
        count -= n


def repeat(make_chunks, count: int):
    """The stream `make_chunks()` `count` times (forever when negative).

    An empty pass ends an endless repeat (as TF, which would otherwise loop forever).
    """
    done = 0
    while count < 0 or done < count:
        seen = 0
        for chunk in make_chunks():
            seen += length(chunk)
            yield chunk
        done += 1
        if seen == 0:
            return


def shard(chunks, num_shards: int, index: int):
    """Every `num_shards`-th index of the stream, starting at `index`."""
    position = 0
    for chunk in chunks:
        n = length(chunk)
        first = (index - position) % num_shards
        if type(chunk) is slice:
            step = slice(chunk.start + first, chunk.stop, num_shards)
            picked = np.arange(step.start, step.stop, step.step, dtype=np.int64)
        else:
            picked = chunk[first::num_shards]
        position += n
        if len(picked):
            yield picked


def batches(chunks, size: int, drop_remainder: bool):
    """Regroups a chunk stream into chunks of exactly `size` indices (a last shorter one
    unless `drop_remainder`)."""
    pending: list = []
    have = 0
    for chunk in chunks:
        n = length(chunk)
        start = 0
        if have:
            part = min(size - have, n)
            pending.append(_cut(chunk, 0, part))
            have += part
            start = part
            if have < size:
                continue
            yield _join(pending)
            pending, have = [], 0
        while n - start >= size:
            yield _cut(chunk, start, start + size)
            start += size
        if start < n:
            pending.append(_cut(chunk, start))
            have = n - start
    if have and not drop_remainder:
        yield _join(pending)


def _as_indices(chunk) -> np.ndarray:
    if type(chunk) is slice:
        return np.arange(chunk.start, chunk.stop, dtype=np.int64)
    return chunk


def _join(pieces: list):
    if len(pieces) == 1:
        return pieces[0]
    if all(type(p) is slice for p in pieces) and all(
            a.stop == b.start for a, b in zip(pieces, pieces[1:])):
        return slice(pieces[0].start, pieces[-1].stop)
    return np.concatenate([_as_indices(p) for p in pieces])


def gather(arrays: tuple, chunk) -> tuple:
    """The rows `chunk` of each array: a view for a slice, one gather for indices."""
    if type(chunk) is slice:
        return tuple(a[chunk] for a in arrays)
    return tuple(a.take(chunk, axis=0) for a in arrays)


def concat_chunks(chunks: list):
    """One chunk holding the indices of several (used to record a pass for `cache`)."""
    return _join(chunks) if chunks else _EMPTY
