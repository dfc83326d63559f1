"""Iteration (B10): `iter`/`next`, `get_next` and OutOfRangeError, `get_next_as_optional`,
`as_numpy_iterator`, `reduce`, `get_single_element`, element types."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.errors import InvalidArgumentError, OutOfRangeError
from tensorlet.data import Dataset

D = Dataset


def test_iterator_protocol_B10():
    it = iter(D.range(2))
    assert it.element_spec == tf.TensorSpec([], tf.int64)
    assert int(next(it)) == 0 and int(it.get_next()) == 1
    with pytest.raises(StopIteration):
        next(it)
    with pytest.raises(OutOfRangeError, match="End of sequence"):
        iter(D.range(0)).get_next()


def test_each_iter_starts_over():
    ds = D.range(3)
    assert [int(x) for x in ds] == [int(x) for x in ds] == [0, 1, 2]


def test_get_next_as_optional():
    it = iter(D.range(1))
    present = it.get_next_as_optional()
    assert bool(present.has_value()) and int(present.get_value()) == 0
    assert present.element_spec == tf.TensorSpec([], tf.int64)
    absent = it.get_next_as_optional()
    assert not bool(absent.has_value())
    with pytest.raises(InvalidArgumentError):
        absent.get_value()


def test_as_numpy_iterator_values_and_copies_B10():
    ds = D.from_tensor_slices({"a": [1, 2], "b": [[1., 2.], [3., 4.]]})
    got = list(ds.as_numpy_iterator())
    assert got[0]["a"] == 1 and isinstance(got[0]["a"], np.int32)
    assert got[1]["b"].tolist() == [3., 4.]
    got[0]["b"][0] = 100.  # the caller owns the arrays it gets
    assert list(ds.as_numpy_iterator())[0]["b"].tolist() == [1., 2.]
    assert repr(D.range(1).as_numpy_iterator()).startswith("NumpyIterator(iterator=")


def test_elements_are_read_only_views_of_nothing_the_user_can_corrupt():
    x = np.arange(6.).reshape(3, 2)
    ds = D.from_tensor_slices(x).batch(2)
    batch = next(iter(ds))
    arr = np.asarray(batch)
    with pytest.raises(ValueError):
        arr[0, 0] = 5.
    assert batch.numpy()[0].tolist() == [0., 1.]


def test_reduce_B10():
    total = D.range(5).reduce(tf.constant(0, tf.int64), lambda s, x: s + x)
    assert isinstance(total, tf.Tensor) and int(total) == 10
    assert int(D.from_tensor_slices(([1, 2], [3, 4])).reduce(0, lambda s, e: s + e[0])) == 3
    count, total = D.range(4).reduce((np.int64(0), np.int64(0)),
                                     lambda s, x: (s[0] + 1, s[1] + x))
    assert (int(count), int(total)) == (4, 6)


def test_reduce_state_dtype_must_not_change():
    with pytest.raises(TypeError, match="The element types for the new state must match the "
                                        "initial state"):
        D.range(3).reduce(np.int64(0), lambda s, x: tf.cast(s, tf.float32))


def test_get_single_element():
    assert int(D.from_tensors(5).get_single_element()) == 5
    assert int(tf.data.experimental.get_single_element(D.range(1))) == 0
    with pytest.raises(InvalidArgumentError, match="empty"):
        D.range(0).get_single_element()
    with pytest.raises(InvalidArgumentError, match="more than one element"):
        D.range(2).get_single_element()


def test_counter_and_experimental_helpers():
    assert [int(x) for x in D.counter(3, 2).take(3)] == [3, 5, 7]
    assert int(D.counter().cardinality()) == -1
    assert [int(x) for x in D.range(4).apply(tf.data.experimental.take_while(
        lambda x: x < 2))] == [0, 1]
    assert [(int(i), int(x)) for i, x in D.range(5, 7).apply(
        tf.data.experimental.enumerate_dataset(1))] == [(1, 5), (2, 6)]
