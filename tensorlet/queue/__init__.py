"""`tf.queue`: thread-safe, blocking queues of tensor tuples (FEATURES A3.7).

`FIFOQueue`, `PaddingFIFOQueue`, `PriorityQueue` and `RandomShuffleQueue` share `QueueBase`:
`enqueue`, `enqueue_many`, `dequeue`, `dequeue_many`, `dequeue_up_to`, `size`, `close`,
`is_closed`. They run eagerly (as TF2 code uses them); producers and consumers may be threads.

Example:
    >>> import tensorlet as tf
    >>> q = tf.queue.FIFOQueue(3, tf.float32)
    >>> q.enqueue_many([[1., 2.]])
    >>> q.dequeue().numpy()
    np.float32(1.0)
"""

from .queue_base import QueueBase
from .queues import FIFOQueue, PaddingFIFOQueue, PriorityQueue, RandomShuffleQueue

__all__ = ["QueueBase", "FIFOQueue", "PaddingFIFOQueue", "PriorityQueue", "RandomShuffleQueue"]
