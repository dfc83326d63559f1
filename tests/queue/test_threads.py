"""Blocking and thread safety of tf.queue (A3.7). Every blocking call that could hang runs in a
daemon `Worker` joined with a timeout, and conftest's watchdog bounds each test."""

import threading

import numpy as np
import pytest

import tensorlet as tf
from tests.queue.workers import Worker


def _fifo(capacity=2, shape=()):
    return tf.queue.FIFOQueue(capacity, tf.int32, shapes=[list(shape)])


def test_a3_7_dequeue_blocks_until_an_enqueue():
    q = _fifo()
    worker = Worker(q.dequeue)
    assert worker.blocked()
    q.enqueue(7)
    assert worker.get().numpy() == 7


def test_a3_7_blocked_dequeue_fails_when_the_queue_closes():
    q = _fifo()
    worker = Worker(q.dequeue)
    assert worker.blocked()
    q.close()
    with pytest.raises(tf.errors.OutOfRangeError, match="is closed and has insufficient"):
        worker.get()


def test_a3_7_enqueue_blocks_while_the_queue_is_full():
    q = _fifo(capacity=2)
    q.enqueue(1)
    q.enqueue(2)
    worker = Worker(q.enqueue, 3)
    assert worker.blocked()
    assert q.dequeue().numpy() == 1
    assert worker.get() is None
    np.testing.assert_array_equal(q.dequeue_many(2).numpy(), [2, 3])


def test_a3_7_close_with_cancel_pending_enqueues_cancels_a_blocked_enqueue():
    q = _fifo(capacity=1)
    q.enqueue(1)
    worker = Worker(q.enqueue, 2)
    assert worker.blocked()
    q.close(cancel_pending_enqueues=True)
    with pytest.raises(tf.errors.CancelledError, match="Enqueue operation was cancelled"):
        worker.get()
    assert q.size().numpy() == 1


def test_a3_7_close_without_cancel_lets_a_pending_enqueue_finish():
    q = _fifo(capacity=1)
    q.enqueue(1)
    worker = Worker(q.enqueue, 2)
    assert worker.blocked()
    q.close()
    assert worker.blocked()
    assert q.dequeue().numpy() == 1
    assert worker.get() is None
    assert q.dequeue().numpy() == 2


def test_a3_7_dequeue_many_waits_for_n_elements():
    q = _fifo(capacity=5)
    worker = Worker(q.dequeue_many, 3)
    q.enqueue(1)
    q.enqueue(2)
    assert worker.blocked()
    q.enqueue(3)
    np.testing.assert_array_equal(worker.get().numpy(), [1, 2, 3])


def test_a3_7_dequeue_up_to_returns_fewer_only_after_close():
    q = _fifo(capacity=5)
    worker = Worker(q.dequeue_up_to, 3)
    q.enqueue(1)
    assert worker.blocked()
    q.close()
    np.testing.assert_array_equal(worker.get().numpy(), [1])


def test_a3_7_enqueue_many_beyond_capacity_proceeds_as_room_frees():
    q = _fifo(capacity=2)
    worker = Worker(q.enqueue_many, [[1, 2, 3, 4, 5]])
    assert worker.blocked()
    got = [int(q.dequeue().numpy()) for _ in range(5)]
    assert worker.get() is None
    assert got == [1, 2, 3, 4, 5]


def test_a3_7_random_shuffle_dequeue_waits_beyond_min_after_dequeue():
    q = tf.queue.RandomShuffleQueue(10, 2, tf.int32, shapes=[[]], seed=5)
    q.enqueue_many([[1, 2]])
    worker = Worker(q.dequeue)
    assert worker.blocked()
    q.enqueue(3)
    assert int(worker.get().numpy()) in (1, 2, 3)
    assert q.size().numpy() == 2


def test_a3_7_many_producers_and_consumers_lose_and_duplicate_nothing():
    q = _fifo(capacity=3)
    producers = [Worker(lambda k=k: [q.enqueue(100 * k + i) for i in range(50)])
                 for k in range(4)]
    received, lock = [], threading.Lock()

    def consume():
        while True:
            try:
                value = int(q.dequeue().numpy())
            except tf.errors.OutOfRangeError:
                return
            with lock:
                received.append(value)

    consumers = [Worker(consume) for _ in range(3)]
    for p in producers:
        p.get(wait=10.0)
    q.close()
    for c in consumers:
        c.get(wait=10.0)
    assert sorted(received) == sorted(100 * k + i for k in range(4) for i in range(50))


def test_a3_7_each_producer_order_is_kept():
    q = _fifo(capacity=2)
    producer = Worker(lambda: [q.enqueue(i) for i in range(20)])
    got = [int(q.dequeue().numpy()) for _ in range(20)]
    producer.get()
    assert got == list(range(20))
