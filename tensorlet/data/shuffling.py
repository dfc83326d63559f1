"""`Dataset.shuffle`: TF's sliding-buffer shuffle, over row indices when it can.

TF keeps a buffer of `buffer_size` elements: it fills it, then for each further input element
outputs a uniformly chosen buffered element and puts the new one in its place; at the end the
rest of the buffer comes out in random order. An element can thus move at most about
`buffer_size` places earlier. Over an indexed view the buffer holds row indices (Python ints),
so no element is touched until a batch gathers its rows.

Seeds follow `tf.random.set_seed` (TF's `get_seed`): with a global seed or an op seed the
orders are reproducible; with neither they differ on every run. Each iteration draws a new
order from the dataset's seed generator unless `reshuffle_each_iteration=False`.
"""

from __future__ import annotations

import itertools
import sys
import threading

import numpy as np

from ..core import dtypes
from ..core.errors import InvalidArgumentError
from ..graph.builder import suspended
from ..ops import random as random_ops
from . import indexed
from .dataset import UNKNOWN_CARDINALITY, Dataset
from .sequencing import int64_arg

__all__ = ["ShuffleDataset", "seed_generator"]

_BLOCK = 65536  # indices shuffled per step of the index path (bounds memory and latency)
_MAX_SEED = 2**31 - 1
_PICK_BLOCK = 1024


def seed_generator(seed) -> np.random.Generator:
    """The generator of a dataset op's seeds, as TF derives them from (global seed, seed)."""
    global_seed, op_seed = random_ops.op_seeds(seed)
    if global_seed is None:
        return np.random.default_rng()
    if op_seed is None:
        # NOTE: eager TF gives each new op a seed from the global seed's sequence; tensorlet's
        # eager random ops draw from that sequence, so a draw from it stands for the op seed.
        with suspended():
            draw = random_ops.uniform([], 0, _MAX_SEED, dtype=dtypes.int64)
        op_seed = int(draw)
    return np.random.default_rng([int(global_seed), int(op_seed)])


class _Picks:
    """The buffer slots to output, drawn in fixed blocks: both shuffle paths consume the same
    random numbers, so a shuffle's order never depends on how its input is produced."""

    def __init__(self, rng: np.random.Generator, size: int) -> None:
        self._rng, self._size = rng, size
        self._block: list = []
        self._at = 0

    def take(self, n: int) -> list:
        out: list = []
        while len(out) < n:
            if self._at == len(self._block):
                self._block = self._rng.integers(0, self._size, _PICK_BLOCK).tolist()
                self._at = 0
            part = self._block[self._at:self._at + n - len(out)]
            self._at += len(part)
            out.extend(part)
        return out


def _shuffled_indices(chunks, size: int, rng: np.random.Generator):
    """The sliding-buffer shuffle of an index chunk stream, as int64 chunks."""
    buffer: list = []
    picks = _Picks(rng, size)
    for chunk in chunks:
        values = iter(range(chunk.start, chunk.stop) if type(chunk) is slice else chunk.tolist())
        if len(buffer) < size:
            buffer.extend(itertools.islice(values, size - len(buffer)))
        while True:
            block = list(itertools.islice(values, _BLOCK))
            if not block:
                break
            out = [0] * len(block)
            for k, j in enumerate(picks.take(len(block))):
                out[k] = buffer[j]
                buffer[j] = block[k]
            yield np.array(out, dtype=np.int64)
    if buffer:
        yield np.array(buffer, dtype=np.int64)[rng.permutation(len(buffer))]


def _shuffled_elements(elements, size: int, rng: np.random.Generator):
    """The sliding-buffer shuffle of any element stream."""
    buffer: list = []
    picks = _Picks(rng, size)
    for element in elements:
        if len(buffer) < size:
            buffer.append(element)
            continue
        j = picks.take(1)[0]
        yield buffer[j]
        buffer[j] = element
    for j in rng.permutation(len(buffer)).tolist():
        yield buffer[j]


class ShuffleDataset(Dataset):
    """`Dataset.shuffle` (see the module docstring)."""

    _tf_name = "_ShuffleDataset"

    def __init__(self, input_dataset, buffer_size, seed=None,
                 reshuffle_each_iteration=True) -> None:
        size = int64_arg(buffer_size)
        if size == UNKNOWN_CARDINALITY:
            size = sys.maxsize
        elif size <= 0:
            raise InvalidArgumentError(None, None, "buffer_size must be greater than zero or "
                                       "UNKNOWN_CARDINALITY [Op:ShuffleDatasetV3]")
        self._input = input_dataset
        self._structure = input_dataset.element_spec
        self._size = size
        self._seeds = seed_generator(seed)
        self._fixed_seed = None if reshuffle_each_iteration else self._next_seed()
        self._lock = threading.Lock()

    def _next_seed(self) -> int:
        return int(self._seeds.integers(0, 2**63 - 1))

    def _rng(self) -> np.random.Generator:
        if self._fixed_seed is not None:
            return np.random.default_rng(self._fixed_seed)
        with self._lock:
            return np.random.default_rng(self._next_seed())

    def _card(self) -> int:
        return self._input._card()

    def _view(self):
        view = self._input._view()
        if view is None:
            return None
        chunks, size = view.chunks, self._size
        return indexed.View(view.arrays,
                            lambda: _shuffled_indices(chunks(), size, self._rng()))

    def _iter_flat(self):
        view = self._view()
        if view is not None:
            return indexed.rows(view)
        return _shuffled_elements(self._input._iter_flat(), self._size, self._rng())
