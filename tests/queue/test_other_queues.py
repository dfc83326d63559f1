"""PaddingFIFOQueue, PriorityQueue and RandomShuffleQueue without threads (A3.7)."""

import re

import numpy as np
import pytest

import tensorlet as tf


def test_a3_7_padding_queue_pads_to_the_longest_element():
    q = tf.queue.PaddingFIFOQueue(5, tf.int32, shapes=[[None]])
    q.enqueue([[1, 2, 3]])
    q.enqueue([[4]])
    out = q.dequeue_many(2)
    assert out.dtype == tf.int32
    np.testing.assert_array_equal(out.numpy(), [[1, 2, 3], [4, 0, 0]])


def test_a3_7_padding_queue_pads_strings_and_matrices():
    q = tf.queue.PaddingFIFOQueue(5, [tf.int32, tf.string], shapes=[[None], [None]])
    q.enqueue([[1, 2, 3], [b"a"]])
    q.enqueue([[4], [b"b", b"c"]])
    ints, strings = q.dequeue_many(2)
    np.testing.assert_array_equal(ints.numpy(), [[1, 2, 3], [4, 0, 0]])
    assert strings.numpy().tolist() == [[b"a", b""], [b"b", b"c"]]
    m = tf.queue.PaddingFIFOQueue(5, tf.float32, shapes=[[None, 2]])
    m.enqueue([[[1., 2.]]])
    m.enqueue([[[1., 2.], [3., 4.]]])
    m.close()
    np.testing.assert_array_equal(m.dequeue_up_to(5).numpy(),
                                  [[[1., 2.], [0., 0.]], [[1., 2.], [3., 4.]]])


def test_a3_7_padding_queue_checks_shapes():
    q = tf.queue.PaddingFIFOQueue(5, tf.float32, shapes=[[None, 2]])
    with pytest.raises(ValueError, match=re.escape("Shapes (1, 3) and (None, 2) are "
                                                   "incompatible")):
        q.enqueue([[[1., 2., 3.]]])
    with pytest.raises(TypeError, match="shapes"):
        tf.queue.PaddingFIFOQueue(5, tf.int32)
    with pytest.raises(ValueError, match="When providing partial shapes, a list of shapes "
                                         "must be provided."):
        tf.queue.PaddingFIFOQueue(3, tf.int32, shapes=[None])


def test_a3_7_priority_queue_dequeues_the_smallest_priority_first():
    q = tf.queue.PriorityQueue(5, tf.string, shapes=[[]])
    assert q.dtypes == [tf.int64, tf.string]
    assert q.shapes == [tf.TensorShape([]), tf.TensorShape([])]
    q.enqueue((3, b"c"))
    q.enqueue((1, b"a"))
    q.enqueue((2, b"b"))
    priority, value = q.dequeue()
    assert priority.dtype == tf.int64 and priority.numpy() == 1 and value.numpy() == b"a"
    priorities, values = q.dequeue_many(2)
    assert priorities.numpy().tolist() == [2, 3]
    assert values.numpy().tolist() == [b"b", b"c"]


def test_a3_7_priority_queue_batches_negative_and_equal_priorities():
    q = tf.queue.PriorityQueue(5, [tf.string], shapes=[[]])
    q.enqueue_many(([5, 4, 4, -5], [b"e", b"d", b"d2", b"neg"]))
    priorities, values = q.dequeue_many(4)
    assert priorities.numpy().tolist() == [-5, 4, 4, 5]
    assert values.numpy().tolist() == [b"neg", b"d", b"d2", b"e"]


def test_a3_7_priority_queue_errors():
    q = tf.queue.PriorityQueue(5, tf.string, shapes=[[]])
    with pytest.raises(ValueError, match="component_0: Tensor conversion requested dtype int64 "
                                         "for Tensor with dtype int32"):
        q.enqueue((tf.constant(1, tf.int32), b"x"))
    with pytest.raises(tf.errors.InvalidArgumentError, match="give `shapes`"):
        tf.queue.PriorityQueue(5, [tf.string])


def _drain(q, n):
    return [int(q.dequeue().numpy()) for _ in range(n)]


def test_a3_7_random_shuffle_queue_returns_a_permutation():
    q = tf.queue.RandomShuffleQueue(20, 0, tf.int32, shapes=[[]], seed=42)
    q.enqueue_many([list(range(16))])
    out = _drain(q, 16)
    assert sorted(out) == list(range(16))
    assert out != list(range(16))


def test_a3_7_random_shuffle_queue_is_reproducible_with_seeds():
    def order():
        tf.random.set_seed(3)
        q = tf.queue.RandomShuffleQueue(20, 0, tf.int32, shapes=[[]], seed=7)
        q.enqueue_many([list(range(10))])
        return q.dequeue_many(10).numpy().tolist()

    try:
        assert order() == order()
    finally:
        tf.random.set_seed(None)


def test_a3_7_random_shuffle_queue_keeps_min_after_dequeue_until_closed():
    q = tf.queue.RandomShuffleQueue(10, 2, tf.int32, shapes=[[]], seed=1)
    q.enqueue_many([list(range(8))])
    taken = _drain(q, 6)
    assert q.size().numpy() == 2
    q.close()
    rest = _drain(q, 2)
    assert sorted(taken + rest) == list(range(8))
    with pytest.raises(tf.errors.OutOfRangeError,
                       match=r"RandomShuffleQueue '\d+' is closed and has insufficient "
                             r"elements \(requested 1, current size 0\)"):
        q.dequeue()


def test_a3_7_random_shuffle_dequeue_many_needs_shapes():
    q = tf.queue.RandomShuffleQueue(5, 0, tf.int32)
    q.enqueue(1)
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="RandomShuffleQueue's DequeueMany and DequeueUpTo require"):
        q.dequeue_many(1)


def test_a3_7_queues_share_the_base_class():
    queues = [tf.queue.FIFOQueue(1, tf.int32), tf.queue.RandomShuffleQueue(1, 0, tf.int32),
              tf.queue.PaddingFIFOQueue(1, tf.int32, shapes=[[None]]),
              tf.queue.PriorityQueue(1, tf.int32, shapes=[[]])]
    assert all(isinstance(q, tf.queue.QueueBase) for q in queues)
    assert tf.queue.QueueBase.from_list(1, queues[:2]) is queues[1]
