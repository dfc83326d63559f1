"""The four queues of `tf.queue`; each differs from `QueueBase` only in which element leaves
first (its store) and in how `dequeue_many` stacks elements."""

from __future__ import annotations

import collections
import heapq
import itertools

import numpy as np

from ..core import dtypes as dtypes_lib
from ..core.errors import InvalidArgumentError
from ..ops import random as random_ops
from .queue_base import QueueBase

__all__ = ["FIFOQueue", "PaddingFIFOQueue", "PriorityQueue", "RandomShuffleQueue"]


class _FifoStore:
    """First in, first out."""

    def __init__(self) -> None:
        self._items: collections.deque = collections.deque()

    def push(self, element: tuple) -> None:
        self._items.append(element)

    def pop(self) -> tuple:
        return self._items.popleft()

    def __len__(self) -> int:
        return len(self._items)


class _PriorityStore:
    """Smallest priority (component 0) first; equal priorities in insertion order."""

    def __init__(self) -> None:
        self._heap: list = []
        self._order = itertools.count()

    def push(self, element: tuple) -> None:
        heapq.heappush(self._heap, (int(element[0]), next(self._order), element))

    def pop(self) -> tuple:
        return heapq.heappop(self._heap)[2]

    def __len__(self) -> int:
        return len(self._heap)


class _RandomStore:
    """A uniformly random element leaves first (swap-remove)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._items: list = []
        self._rng = rng

    def push(self, element: tuple) -> None:
        self._items.append(element)

    def pop(self) -> tuple:
        items = self._items
        i = int(self._rng.integers(len(items)))
        items[i], items[-1] = items[-1], items[i]
        return items.pop()

    def __len__(self) -> int:
        return len(self._items)


def _setup(queue: QueueBase, capacity, name: str) -> None:
    queue._capacity = int(capacity)
    queue._name = name


class FIFOQueue(QueueBase):
    """A queue that dequeues elements in the order they were enqueued.

    Args:
        capacity: the most elements the queue holds; enqueues wait beyond it.
        dtypes: the dtype of each component (one dtype for a one-component queue).
        shapes: the shape of each component; `dequeue_many` needs them fully defined.
        names: component names: enqueue a dict, dequeue returns a dict.
        shared_name: accepted for compatibility.
        name: the queue's name.

    Example:
        >>> import tensorlet as tf
        >>> q = tf.queue.FIFOQueue(3, [tf.int32, tf.string], shapes=[[], []])
        >>> q.enqueue([10, b"windy"])
        >>> q.enqueue([15, b"sunny"])
        >>> q.size().numpy()
        np.int32(2)
        >>> [t.numpy() for t in q.dequeue()]
        [np.int32(10), b'windy']
    """

    _kind = "FIFOQueue"

    def __init__(self, capacity, dtypes, shapes=None, names=None, shared_name=None,
                 name="fifo_queue") -> None:
        super().__init__(dtypes, shapes, names, _FifoStore())
        _setup(self, capacity, name)


class PaddingFIFOQueue(QueueBase):
    """A FIFOQueue whose `dequeue_many` pads each component to the batch's largest shape.

    Dims given as None in `shapes` may differ between elements; padding is zeros (b'' for
    strings).

    Example:
        >>> import tensorlet as tf
        >>> q = tf.queue.PaddingFIFOQueue(3, tf.int32, shapes=[[None]])
        >>> q.enqueue([[1, 2, 3]])
        >>> q.enqueue([[4]])
        >>> q.dequeue_many(2).numpy()
        array([[1, 2, 3],
               [4, 0, 0]], dtype=int32)
    """

    _kind = "PaddingFIFOQueue"
    _pads = True

    def __init__(self, capacity, dtypes, shapes, names=None, shared_name=None,
                 name="padding_fifo_queue") -> None:
        super().__init__(dtypes, shapes, names, _FifoStore())
        if any(s.rank is None for s in self._signature.shapes):
            raise ValueError("When providing partial shapes, a list of shapes must be "
                             "provided.")
        _setup(self, capacity, name)


class PriorityQueue(QueueBase):
    """A queue that dequeues the element with the smallest int64 priority first.

    Every element starts with its priority: enqueue `(priority, *values)`; dequeue returns
    `[priority, *values]`. `dtypes` and `shapes` include that first int64 scalar component.

    Raises:
        InvalidArgumentError: when `shapes` is not given (TF requires them).

    Example:
        >>> import tensorlet as tf
        >>> q = tf.queue.PriorityQueue(3, tf.string, shapes=[[]])
        >>> q.enqueue((2, b"b"))
        >>> q.enqueue((1, b"a"))
        >>> q.dequeue()[1].numpy()
        b'a'
    """

    _kind = "PriorityQueue"

    def __init__(self, capacity, types, shapes=None, names=None, shared_name=None,
                 name="priority_queue") -> None:
        types = list(types) if isinstance(types, (list, tuple)) else [types]
        if shapes is None:
            raise InvalidArgumentError(
                None, None, "PriorityQueue: give `shapes`, one per component of `types` (for "
                            "example shapes=[[]] for scalars); TF requires them")
        shapes = [shapes] if not isinstance(shapes, (list, tuple)) else list(shapes)
        if all(s is None or isinstance(s, int) for s in shapes):
            shapes = [shapes]
        if names is not None:
            names = ["priority", *(names if isinstance(names, (list, tuple)) else [names])]
        super().__init__([dtypes_lib.int64, *types], [[], *shapes], names, _PriorityStore())
        _setup(self, capacity, name)


class RandomShuffleQueue(QueueBase):
    """A queue that dequeues a random element, keeping `min_after_dequeue` until closed.

    Args:
        capacity: the most elements the queue holds.
        min_after_dequeue: a dequeue waits until it would leave at least this many elements
            (ignored once the queue is closed), so the draws stay well mixed.
        dtypes: the dtype of each component.
        shapes: the shape of each component.
        names: component names.
        seed: the op seed (with `tf.random.set_seed`, the order is reproducible).
        shared_name: accepted for compatibility.
        name: the queue's name.

    Example:
        >>> import tensorlet as tf
        >>> q = tf.queue.RandomShuffleQueue(10, 0, tf.int32, shapes=[[]], seed=1)
        >>> q.enqueue_many([[1, 2, 3]])
        >>> sorted(q.dequeue_many(3).numpy().tolist())
        [1, 2, 3]
    """

    _kind = "RandomShuffleQueue"

    def __init__(self, capacity, min_after_dequeue, dtypes, shapes=None, names=None,
                 seed=None, shared_name=None, name="random_shuffle_queue") -> None:
        super().__init__(dtypes, shapes, names, _RandomStore(_generator(seed)))
        _setup(self, capacity, name)
        self._min_after = int(min_after_dequeue)


def _generator(seed) -> np.random.Generator:
    seed, seed2 = random_ops.op_seeds(seed)
    if seed is None:
        return np.random.default_rng()
    return np.random.default_rng([int(seed), 0 if seed2 is None else int(seed2)])
