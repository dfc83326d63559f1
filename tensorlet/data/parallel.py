"""An order-keeping parallel map over an iterator, on a pool of worker threads.

Used by `map(num_parallel_calls=...)`. At most `2 * workers` calls are in flight; results come
back in input order. Closing the generator (or dropping it) cancels what is pending and lets
the workers exit, so no thread outlives the iteration.
"""

from __future__ import annotations

import collections
import os
from concurrent.futures import ThreadPoolExecutor

__all__ = ["ordered_map", "num_workers"]


def num_workers(num_parallel_calls: int) -> int:
    """Threads for `num_parallel_calls` (AUTOTUNE, -1: one per CPU core)."""
    if num_parallel_calls < 0:
        return max(1, os.cpu_count() or 1)
    return int(num_parallel_calls)


def ordered_map(fn, source, workers: int):
    """Yields `fn(item)` for each item of `source`, in order, computed by `workers` threads."""
    pool = ThreadPoolExecutor(workers, thread_name_prefix="tensorlet-data-map")
    pending: collections.deque = collections.deque()
    window = 2 * workers
    try:
        for item in source:
            pending.append(pool.submit(fn, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
