"""`tf.queue.QueueBase`: a bounded, thread-safe, blocking queue of tensor tuples (A3.7).

All state is guarded by one `threading.Condition`. An enqueue waits while the queue is full; a
dequeue waits until enough elements are there (`min_after_dequeue` more for a
RandomShuffleQueue). `close()` wakes every waiter: dequeues that cannot be served raise
`OutOfRangeError`, enqueues started after it raise `CancelledError`, and with
`cancel_pending_enqueues=True` so do the enqueues still waiting for room. The order in which
elements leave is the subclass's store (FIFO, priority, random).
"""

from __future__ import annotations

import itertools
import threading

import numpy as np

from ..core.context import state
from ..core.errors import CancelledError, InvalidArgumentError, OutOfRangeError
from ..core.tensor import wrap
from ._components import Signature

__all__ = ["QueueBase"]

_IDS = itertools.count()


class QueueBase:
    """The base class of queues: enqueue and dequeue tuples of tensors, with blocking.

    Args:
        dtypes: the dtype of each component.
        shapes: the shape of each component (None: any shape).
        names: names of the components (dequeue then returns a dict), or None.
        queue_ref: the queue's store (created by the subclasses).

    Example:
        >>> import tensorlet as tf
        >>> q = tf.queue.FIFOQueue(2, tf.int32, shapes=[[]])
        >>> isinstance(q, tf.queue.QueueBase)
        True
    """

    _kind = "QueueBase"
    _pads = False

    def __init__(self, dtypes, shapes, names, queue_ref) -> None:
        self._signature = Signature(dtypes, shapes, names)
        self._queue_ref = queue_ref
        self._id = str(next(_IDS))
        self._name = "queue"
        self._capacity = None
        self._min_after = 0
        self._cond = threading.Condition()
        self._closed = False
        self._cancelled = 0  # how many times pending enqueues were cancelled

    # --- properties -----------------------------------------------------------------------

    @property
    def dtypes(self) -> list:
        """The dtype of each component."""
        return list(self._signature.dtypes)

    @property
    def shapes(self) -> list:
        """The `TensorShape` of each component."""
        return list(self._signature.shapes)

    @property
    def names(self):
        """The component names, or None."""
        return None if self._signature.names is None else list(self._signature.names)

    @property
    def name(self) -> str:
        return self._name

    @property
    def queue_ref(self):
        """The queue's store (TF: a resource handle)."""
        return self._queue_ref

    @staticmethod
    def from_list(index, queues):
        """The queue `queues[index]` (all must have the same dtypes)."""
        first = queues[0]
        for q in queues[1:]:
            if q.dtypes != first.dtypes:
                raise TypeError("Queue dtypes must all be the same: "
                                f"{first.dtypes} vs. {q.dtypes}")
        return queues[int(index)]

    # --- enqueue --------------------------------------------------------------------------

    def enqueue(self, vals, name=None) -> None:
        """Adds one element, waiting while the queue is full.

        Raises:
            CancelledError: when the queue is closed (or closes with cancel_pending_enqueues).
            ValueError: when a component has an incompatible shape or dtype.

        Example:
            >>> import tensorlet as tf
            >>> q = tf.queue.FIFOQueue(3, tf.float32)
            >>> q.enqueue(1.)
            >>> q.size().numpy()
            np.int32(1)
        """
        _eager_only("enqueue")
        self._put([self._signature.element(vals)])

    def enqueue_many(self, vals, name=None) -> None:
        """Adds the rows of `vals` (components batched along axis 0) as elements, in order.

        Example:
            >>> import tensorlet as tf
            >>> q = tf.queue.FIFOQueue(3, tf.int32, shapes=[[]])
            >>> q.enqueue_many([[1, 2, 3]])
            >>> q.dequeue_many(2).numpy()
            array([1, 2], dtype=int32)
        """
        _eager_only("enqueue_many")
        self._put(self._signature.batch(vals))

    def _put(self, elements: list) -> None:
        with self._cond:
            if self._closed:
                raise CancelledError(None, None, f"{self._kind} '{self._id}' is closed.")
            epoch = self._cancelled
            for element in elements:
                while self._capacity is not None and len(self._queue_ref) >= self._capacity:
                    self._cond.wait()
                    if self._cancelled != epoch:
                        raise CancelledError(None, None, "Enqueue operation was cancelled")
                self._queue_ref.push(element)
                self._cond.notify_all()

    # --- dequeue --------------------------------------------------------------------------

    def dequeue(self, name=None):
        """Removes one element, waiting until there is one.

        Raises:
            OutOfRangeError: when the queue is closed and empty.

        Example:
            >>> import tensorlet as tf
            >>> q = tf.queue.FIFOQueue(3, [tf.int32, tf.string], shapes=[[], []])
            >>> q.enqueue([10, b"windy"])
            >>> [t.numpy() for t in q.dequeue()]
            [np.int32(10), b'windy']
        """
        _eager_only("dequeue")
        return self._signature.one(self._take(1, exact=True)[0])

    def dequeue_many(self, n, name=None):
        """Removes `n` elements, stacked per component; waits until there are `n`.

        Raises:
            OutOfRangeError: when the queue is closed with fewer than `n` elements.
            InvalidArgumentError: when a component's shape is not fully known.
        """
        _eager_only("dequeue_many")
        self._require_shapes()
        return self._signature.many(self._take(int(n), exact=True), self._pads)

    def dequeue_up_to(self, n, name=None):
        """Removes up to `n` elements, stacked; fewer only once the queue is closed.

        Raises:
            OutOfRangeError: when the queue is closed and empty.
        """
        _eager_only("dequeue_up_to")
        self._require_shapes()
        return self._signature.many(self._take(int(n), exact=False), self._pads)

    def _require_shapes(self) -> None:
        if self._pads:
            return
        if not all(s.is_fully_defined() for s in self._signature.shapes):
            raise InvalidArgumentError(
                None, None, f"{self._kind}'s DequeueMany and DequeueUpTo require the "
                            f"components to have specified shapes.")

    def _take(self, n: int, exact: bool) -> list:
        store = self._queue_ref
        with self._cond:
            while not self._closed and len(store) < n + self._min_after:
                self._cond.wait()
            size = len(store)
            if self._closed and (size < n if exact else size == 0):
                raise OutOfRangeError(
                    None, None, f"{self._kind} '{self._id}' is closed and has insufficient "
                                f"elements (requested {n}, current size {size})")
            taken = [store.pop() for _ in range(min(n, size))]
            self._cond.notify_all()
        return taken

    # --- state ----------------------------------------------------------------------------

    def size(self, name=None):
        """The number of elements in the queue, an int32 scalar tensor."""
        with self._cond:
            return wrap(np.array(len(self._queue_ref), np.int32))

    def is_closed(self, name=None):
        """Whether the queue is closed, a bool scalar tensor."""
        return wrap(np.array(self._closed))

    def close(self, cancel_pending_enqueues=False, name=None) -> None:
        """Closes the queue: no new enqueues; dequeues drain what is left, then fail.

        Args:
            cancel_pending_enqueues: also fail the enqueues waiting for room.

        Example:
            >>> import tensorlet as tf
            >>> q = tf.queue.FIFOQueue(3, tf.float32)
            >>> q.close()
            >>> q.is_closed().numpy()
            np.True_
        """
        with self._cond:
            self._closed = True
            if cancel_pending_enqueues:
                self._cancelled += 1
            self._cond.notify_all()


def _eager_only(method: str) -> None:
    if state.builder is not None:
        raise NotImplementedError(
            f"tf.queue: {method}() inside tf.function is not supported by tensorlet (a queue "
            f"operation would run once, while the function is traced). Call it outside the "
            f"function, or feed the function with tf.data")
