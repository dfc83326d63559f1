"""`Dataset.prefetch`: a background thread produces elements into a bounded queue.

The producer thread runs the input pipeline and puts each element (or the error it raised, or
the end) into a `queue.Queue` of `buffer_size` slots, so the consumer finds the next element
ready. The consumer side owns a `weakref.finalize`: when the iterator is closed, garbage
collected, or the program exits, the producer is told to stop; it checks at least every 50 ms,
closes its input (stopping nested prefetchers and thread pools too) and exits. The thread is a
daemon, so it can never keep the program alive.
"""

from __future__ import annotations

import queue
import threading
import weakref

from ..core.errors import InvalidArgumentError
from .dataset import AUTOTUNE, Dataset
from .sequencing import int64_arg

__all__ = ["PrefetchDataset", "Prefetcher"]

_AUTOTUNE_SIZE = 4
_POLL_S = 0.05
_ITEM, _END, _ERROR = 0, 1, 2


def _put(q: queue.Queue, entry: tuple, stop: threading.Event) -> bool:
    """Puts `entry`, waiting for room; False when told to stop first."""
    while not stop.is_set():
        try:
            q.put(entry, timeout=_POLL_S)
            return True
        except queue.Full:
            continue
    return False


def _produce(make_source, q: queue.Queue, stop: threading.Event) -> None:
    source = None
    try:
        source = make_source()
        for element in source:
            if not _put(q, (_ITEM, element), stop):
                return
        _put(q, (_END, None), stop)
    except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
        _put(q, (_ERROR, exc), stop)
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()


def _shutdown(stop: threading.Event) -> None:
    stop.set()


class Prefetcher:
    """The consumer end of a producer thread running `make_source()`."""

    def __init__(self, make_source, size: int) -> None:
        self._queue: queue.Queue = queue.Queue(size)
        self._stop = threading.Event()
        self.thread = threading.Thread(target=_produce, args=(make_source, self._queue,
                                                              self._stop),
                                       name="tensorlet-data-prefetch", daemon=True)
        self._done = False
        self._finalizer = weakref.finalize(self, _shutdown, self._stop)
        self.thread.start()

    def __iter__(self):
        return self

    def __next__(self):
        if self._done:
            raise StopIteration
        try:
            kind, value = self._queue.get(timeout=1.0)
        except queue.Empty:
            kind, value = self._wait()
        if kind == _ITEM:
            return value
        self.close()
        if kind == _ERROR:
            raise value
        raise StopIteration

    def _wait(self) -> tuple:
        while True:
            try:
                return self._queue.get(timeout=_POLL_S)
            except queue.Empty:
                if not self.thread.is_alive() and self._queue.empty():
                    return _ERROR, RuntimeError("the prefetch thread stopped unexpectedly")

    def close(self) -> None:
        """Stops the producer thread (idempotent)."""
        self._done = True
        self._finalizer()


class PrefetchDataset(Dataset):
    """`Dataset.prefetch(buffer_size)`; AUTOTUNE keeps a few elements ready, 0 disables it."""

    _tf_name = "_PrefetchDataset"

    def __init__(self, input_dataset, buffer_size) -> None:
        size = int64_arg(buffer_size)
        if size < AUTOTUNE:
            raise InvalidArgumentError(None, None, "buffer_size must be >= 0 or set buffer_size "
                                       "to be -1 for auto-tuning [Op:PrefetchDataset]")
        self._input = input_dataset
        self._structure = input_dataset.element_spec
        self._size = _AUTOTUNE_SIZE if size == AUTOTUNE else size

    def _card(self) -> int:
        return self._input._card()

    def _view(self):
        # Which elements come out does not depend on the thread: a batch above gathers directly.
        return self._input._view()

    def _iter_flat(self):
        if self._size == 0:
            return self._input._iter_flat()
        return Prefetcher(self._input._iter_flat, self._size)
