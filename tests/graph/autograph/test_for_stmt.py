"""A13.10: `for` over `tf.range`, a tensor or a dataset is one loop node; over `range(10)` it
is unrolled."""

import numpy as np
import pytest

import tensorlet as tf
from tests.graph.autograph._helpers import count, op_types


@tf.function
def sum_range(n):
    s = tf.constant(0)
    for i in tf.range(n):
        s += i
    return s


def test_a13_10_for_over_tf_range_is_one_while_node():
    assert sum_range(tf.constant(10)).numpy() == 45
    assert sum_range(tf.constant(4)).numpy() == 6
    assert sum_range.experimental_get_tracing_count() == 1
    types = op_types(sum_range, tf.constant(10))
    assert types.count("StatelessWhile") == 1
    assert "AddV2" not in types  # the additions live in the loop body


def test_a13_10_for_over_python_range_is_unrolled_into_ten_adds():
    @tf.function
    def unrolled(x):
        for i in range(10):
            x = x + i
        return x

    assert unrolled(tf.constant(0)).numpy() == 45
    types = op_types(unrolled, tf.constant(0))
    assert types.count("AddV2") == 10
    assert "StatelessWhile" not in types


def test_a13_10_tf_range_with_a_python_bound_is_one_loop_too():
    assert count(sum_range, "StatelessWhile", 7) == 1
    assert sum_range(7).numpy() == 21


@pytest.mark.parametrize("signature", [None, [tf.TensorSpec([None, 3])]])
def test_a13_10_for_over_a_tensor_iterates_its_rows_in_one_loop(signature):
    def rows(t):
        s = tf.zeros([3])
        for row in t:
            s += row
        return s

    f = tf.function(rows, input_signature=signature)
    data = np.arange(12, dtype=np.float32).reshape(4, 3)
    np.testing.assert_allclose(f(tf.constant(data)).numpy(), data.sum(0))
    assert count(f, "StatelessWhile", tf.constant(data)) == 1


def test_for_over_a_scalar_tensor_raises_like_tf():
    @tf.function
    def f(x):
        for v in x:
            x = v
        return x

    with pytest.raises(TypeError, match="Cannot iterate over a scalar tensor"):
        f(tf.constant(1.0))


@pytest.mark.parametrize("start, limit, delta", [(0.0, 2.0, 0.5), (5, 0, -1), (2, 11, 3)])
def test_tf_range_with_tensor_bounds_matches_tf_range(start, limit, delta):
    @tf.function
    def f(a, b, d):
        total = tf.zeros([], a.dtype)
        for v in tf.range(a, b, d):
            total += v * v
        return total

    expected = (tf.range(start, limit, delta).numpy() ** 2).sum()
    out = f(tf.constant(start), tf.constant(limit), tf.constant(delta))
    np.testing.assert_allclose(out.numpy(), expected)


def test_python_range_of_a_tensor_becomes_a_graph_loop():
    @tf.function
    def f(n):
        s = tf.constant(0)
        for i in range(n):
            s += i
        return s

    assert f(tf.constant(5)).numpy() == 10
    assert count(f, "StatelessWhile", tf.constant(5)) == 1


def test_the_loop_variable_keeps_its_last_value_after_a_tensor_loop():
    @tf.function
    def f(n):
        for i in tf.range(n):
            y = tf.cast(i, tf.float32) * 2.0
        return i, y

    i, y = f(tf.constant(4))
    assert (i.numpy(), y.numpy()) == (3, 6.0)


def test_for_over_a_python_list_of_tensors_is_unrolled():
    @tf.function
    def f(x):
        for w in [x, x * 2, x * 3]:
            x = x + w
        return x

    assert f(tf.constant(1.0)).numpy() == 7.0  # the list is built before the loop
    assert count(f, "StatelessWhile", tf.constant(1.0)) == 0


def test_a13_10_an_iterable_with_ag_for_stmt_runs_the_loop_itself():
    """The hook a `tf.data.Dataset` implements to become one loop node."""
    calls = []

    class Staged:
        def _ag_for_stmt(self, extra_test, body, get_state, set_state, names, live, options):
            calls.append((names, live))
            for item in (1.0, 2.0):
                body(tf.constant(item))

    @tf.function
    def f(x):
        for item in Staged():
            x = x + item
        return x

    assert f(tf.constant(0.0)).numpy() == 3.0
    assert calls == [(("item", "x"), ("x",))]
