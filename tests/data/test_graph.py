"""Datasets inside `tf.function` (B10 "a Dataset can be iterated inside tf.function", A13.10):
a `for` loop over a dataset is one `dataset_for` node that iterates the dataset on every call
(never unrolled at trace time); `reduce` likewise; `next(iterator)` pulls one element per call."""

import numpy as np
import pytest

import tensorlet as tf
import tensorlet.autograph  # noqa: F401 - installs AutoGraph, which converts the `for` loops
from tensorlet.core.errors import OutOfRangeError
from tensorlet.data import Dataset

D = Dataset


def op_names(graph) -> list:
    return [n.op.name for n in graph.nodes if n.kind == "op"]


def test_for_loop_over_a_dataset_is_one_node_run_per_call_B10():
    calls = []

    def gen():
        calls.append(1)
        yield from range(5)

    ds = D.from_generator(gen, output_signature=tf.TensorSpec((), tf.int64))

    @tf.function
    def total():
        s = tf.constant(0, tf.int64)
        for x in ds:
            s += x
        return s

    assert int(total()) == 10 and int(total()) == 10
    assert len(calls) == 2  # the loop ran the dataset on each call
    names = op_names(total.get_concrete_function().graph)
    assert names.count("dataset_for") == 1 and "add" not in names


def test_loop_sees_a_new_shuffle_order_on_each_call():
    ds = D.range(50).shuffle(50, seed=1)

    @tf.function
    def weighted():
        s = tf.constant(0, tf.int64)
        i = tf.constant(0, tf.int64)
        for x in ds:
            s += x * i
            i += 1
        return s

    assert int(weighted()) != int(weighted())


def test_loop_with_break_python_numbers_and_tuples():
    @tf.function
    def f():
        total = tf.constant(0, tf.int64)
        for x in D.range(10):
            if x > 3:
                break
            total += x
        return total

    assert int(f()) == 6

    @tf.function
    def g():
        total, n = 0., 0
        for x, y in D.from_tensor_slices(([1., 2.], [3., 4.])):
            total += x * y
            n += 1
        return total, n

    total, n = g()
    assert float(total) == 11. and int(n) == 2


def test_loop_assigning_a_variable():
    v = tf.Variable(0, dtype=tf.int64)

    @tf.function
    def accumulate():
        for x in D.range(4):
            v.assign_add(x)

    accumulate()
    accumulate()
    assert int(v.numpy()) == 12


def test_loop_state_whose_shape_changes_across_batches():
    ds = D.from_tensor_slices(np.arange(10.)).batch(4)

    @tf.function
    def last_batch():
        last = tf.zeros([4], tf.float64)
        for xb in ds:
            last = xb
        return last

    assert last_batch().numpy().tolist() == [8., 9.]


def test_reduce_inside_a_function():
    ds = D.range(5)

    @tf.function
    def f():
        return ds.reduce(tf.constant(0, tf.int64), lambda s, x: s + x * 2)

    assert int(f()) == 20 and int(f()) == 20
    assert "dataset_for" in op_names(f.get_concrete_function().graph)


def test_next_on_an_outside_iterator_takes_one_element_per_call():
    it = iter(D.from_tensor_slices(([1, 2], [3., 4.])))

    @tf.function
    def step():
        a, b = next(it)
        return a, b * 2

    assert [(int(a), float(b)) for a, b in (step(), step())] == [(1, 6.), (2, 8.)]
    with pytest.raises(OutOfRangeError):
        step()


def test_for_over_an_iterator_consumes_it():
    it = iter(D.range(6))
    next(it)

    @tf.function
    def rest():
        s = tf.constant(0, tf.int64)
        for x in it:
            s += x
        return s

    assert int(rest()) == 15
    assert int(rest()) == 0


def test_dataset_made_inside_the_function_from_python_data():
    @tf.function
    def f():
        s = tf.constant(0)
        for x in D.from_tensor_slices([1, 2, 3]):
            s += x
        return s

    assert int(f()) == 6


def test_dataset_built_from_the_function_arguments_is_rebuilt_per_call():
    @tf.function
    def weighted_sum(x, y):
        s = tf.constant(0.)
        for xb, yb in D.from_tensor_slices((x, y)).shuffle(4).batch(2):
            s += tf.reduce_sum(xb * yb)
        return s

    assert float(weighted_sum(tf.constant([1., 2., 3.]), tf.constant([1., 1., 2.]))) == 9.
    assert float(weighted_sum(tf.constant([1., 2., 3.]), tf.constant([2., 2., 2.]))) == 12.

    @tf.function
    def repeated(n):
        return D.from_tensors(n).repeat(3).reduce(tf.constant(0), lambda s, x: s + x)

    assert int(repeated(tf.constant(4))) == 12 and int(repeated(tf.constant(5))) == 15

    @tf.function
    def from_ops():
        s = tf.constant(0.)
        for x in D.from_tensor_slices(tf.ones([3])):
            s += x
        return s

    assert float(from_ops()) == 3.


def test_clear_error_for_an_iterator_made_while_tracing():
    @tf.function
    def make_iterator():
        return next(iter(D.range(3)))

    with pytest.raises(TypeError, match="Creating an iterator of a tf.data.Dataset inside a "
                                        "traced tf.function"):
        make_iterator()
