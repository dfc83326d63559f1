"""tf.queue.FIFOQueue without threads: values, structure and TF's errors (A3.7)."""

import re

import numpy as np
import pytest

import tensorlet as tf


def _values(tensors):
    return [np.asarray(t).tolist() for t in tensors]


def test_a3_7_book_example():
    q = tf.queue.FIFOQueue(3, [tf.int32, tf.string], shapes=[[], []])
    assert q.enqueue([10, b"windy"]) is None
    q.enqueue([15, b"sunny"])
    size = q.size()
    assert size.numpy() == 2 and size.dtype == tf.int32
    first = q.dequeue()
    assert [first[0].dtype, first[1].dtype] == [tf.int32, tf.string]
    assert _values(first) == [10, b"windy"]
    q.enqueue_many([[13, 16], [b"cloudy", b"rainy"]])
    assert _values(q.dequeue_many(3)) == [[15, 13, 16], [b"sunny", b"cloudy", b"rainy"]]


def test_a3_7_signature_properties():
    q = tf.queue.FIFOQueue(5, [tf.float32, tf.int32], names=["a", "b"], shapes=[[], [2]])
    assert q.dtypes == [tf.float32, tf.int32]
    assert q.shapes == [tf.TensorShape([]), tf.TensorShape([2])]
    assert q.names == ["a", "b"] and q.name == "fifo_queue"
    one = tf.queue.FIFOQueue(3, tf.float32)
    assert one.dtypes == [tf.float32] and one.shapes[0].rank is None and one.names is None


def test_a3_7_single_component_takes_a_value_or_a_one_element_list():
    q = tf.queue.FIFOQueue(3, tf.float32)
    q.enqueue(1.)
    q.enqueue([2.])
    q.enqueue([[3., 4.]])
    assert q.dequeue().numpy() == 1.
    assert q.dequeue().numpy() == 2.
    np.testing.assert_array_equal(q.dequeue().numpy(), [3., 4.])


def test_a3_7_named_components_go_in_and_out_as_dicts():
    q = tf.queue.FIFOQueue(5, [tf.float32, tf.int32], names=["a", "b"], shapes=[[], [2]])
    q.enqueue({"a": 1., "b": [1, 2]})
    q.enqueue_many({"a": [2., 3.], "b": [[3, 4], [5, 6]]})
    out = q.dequeue()
    assert sorted(out) == ["a", "b"] and out["a"].numpy() == 1.
    many = q.dequeue_many(2)
    np.testing.assert_array_equal(many["b"].numpy(), [[3, 4], [5, 6]])
    with pytest.raises(ValueError, match="You must enqueue a dictionary in a Queue with names"):
        q.enqueue([1., [1, 2]])
    with pytest.raises(ValueError, match=re.escape(
            "Keys in dictionary to enqueue do not match names of Queue.  Dictionary: ['a'],"
            "Queue: ['a', 'b']")):
        q.enqueue({"a": 1.})


def test_a3_7_enqueue_checks_dtypes_shapes_and_count():
    q = tf.queue.FIFOQueue(5, [tf.float32, tf.int32], shapes=[[], [2]])
    with pytest.raises(ValueError, match="component_0: Tensor conversion requested dtype "
                                         "float32 for Tensor with dtype int32"):
        q.enqueue([tf.constant(1), [1, 2]])
    with pytest.raises(ValueError, match=re.escape("Shapes (3,) and (2,) are incompatible")):
        q.enqueue([1., [1, 2, 3]])
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Signature mismatch, have: resource, float32-> expected: resource, "
                             "float32, int32->"):
        q.enqueue(1.)
    with pytest.raises(TypeError):
        tf.queue.FIFOQueue(2, tf.int32).enqueue(1.5)
    assert q.size().numpy() == 0


def test_a3_7_enqueue_many_checks_the_batch():
    q = tf.queue.FIFOQueue(3, [tf.int32, tf.string], shapes=[[], []])
    with pytest.raises(ValueError, match="Dimensions 2 and 1 are not compatible"):
        q.enqueue_many([[1, 2], [b"a"]])
    with pytest.raises(ValueError, match=re.escape("Shape () must have rank at least 1")):
        q.enqueue_many([1, b"a"])


def test_a3_7_dequeue_many_needs_known_shapes():
    q = tf.queue.FIFOQueue(3, tf.float32)
    q.enqueue(1.)
    message = ("FIFOQueue's DequeueMany and DequeueUpTo require the components to have "
               "specified shapes.")
    with pytest.raises(tf.errors.InvalidArgumentError, match=message):
        q.dequeue_many(1)
    with pytest.raises(tf.errors.InvalidArgumentError, match=message):
        q.dequeue_up_to(1)
    assert q.size().numpy() == 1


def test_a3_7_closed_queue_drains_then_raises_out_of_range():
    q = tf.queue.FIFOQueue(5, tf.int32, shapes=[[]])
    q.enqueue_many([[1, 2, 3]])
    assert not q.is_closed().numpy()
    q.close()
    assert q.is_closed().numpy() and q.is_closed().dtype == tf.bool
    with pytest.raises(tf.errors.OutOfRangeError,
                       match=r"FIFOQueue '\d+' is closed and has insufficient elements "
                             r"\(requested 5, current size 3\)"):
        q.dequeue_many(5)
    assert q.size().numpy() == 3
    np.testing.assert_array_equal(q.dequeue_up_to(2).numpy(), [1, 2])
    np.testing.assert_array_equal(q.dequeue_up_to(2).numpy(), [3])
    with pytest.raises(tf.errors.OutOfRangeError, match=r"\(requested 1, current size 0\)"):
        q.dequeue()
    with pytest.raises(tf.errors.OutOfRangeError, match=r"\(requested 2, current size 0\)"):
        q.dequeue_up_to(2)


def test_a3_7_enqueue_on_a_closed_queue_is_cancelled():
    q = tf.queue.FIFOQueue(3, tf.int32, shapes=[[]])
    q.close()
    with pytest.raises(tf.errors.CancelledError, match=r"FIFOQueue '\d+' is closed\."):
        q.enqueue(1)
    with pytest.raises(tf.errors.CancelledError):
        q.enqueue_many([[1, 2]])


def test_a3_7_construction_errors():
    with pytest.raises(ValueError, match=re.escape(
            "List of names must have the same length as the list of dtypes, received "
            "len(names)=1,len(dtypes)=2")):
        tf.queue.FIFOQueue(3, [tf.int32, tf.int32], names=["a"])
    with pytest.raises(ValueError, match="Shapes must be provided for all components, but "
                                         "received 2 dtypes and 1 shapes."):
        tf.queue.FIFOQueue(3, [tf.int32, tf.int32], shapes=[[1]])


def test_a3_7_queue_ops_refuse_to_run_while_tracing():
    q = tf.queue.FIFOQueue(3, tf.float32)

    @tf.function
    def f(x):
        q.enqueue(x)
        return x

    with pytest.raises(NotImplementedError, match="inside tf.function"):
        f(tf.constant(1.))
    assert q.size().numpy() == 0
