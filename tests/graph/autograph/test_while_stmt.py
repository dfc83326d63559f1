"""A13.11 (`while` on a tensor) and A13.13 (a loop variable that changes shape or dtype)."""

import numpy as np
import pytest

import tensorlet as tf
from tests.graph.autograph._helpers import count, op_types


@tf.function
def halvings(x):
    n = 0
    while x > 1:
        x //= 2
        n += 1
    return x, n


def test_a13_11_while_on_a_tensor_halves_1024_ten_times_in_one_loop_node():
    x, n = halvings(tf.constant(1024))
    assert (x.numpy(), n.numpy()) == (1, 10)
    x, n = halvings(tf.constant(7))
    assert (x.numpy(), n.numpy()) == (1, 2)
    assert halvings.experimental_get_tracing_count() == 1
    types = op_types(halvings, tf.constant(1))
    assert types.count("StatelessWhile") == 1 and "FloorDiv" not in types


def test_a_python_counter_in_a_tensor_loop_becomes_an_int32_tensor():
    _, n = halvings(tf.constant(8))
    assert n.dtype == tf.int32


def test_a_while_on_python_values_is_unrolled():
    @tf.function
    def f(x):
        i = 0
        while i < 3:
            x = x * 2.0
            i += 1
        return x

    assert f(tf.constant(1.0)).numpy() == 8.0
    types = op_types(f, tf.constant(1.0))
    assert types.count("Mul") == 3 and "StatelessWhile" not in types


def test_a_python_while_whose_test_becomes_a_tensor_continues_as_a_graph_loop():
    @tf.function
    def f(x):
        y = 0.0
        while y < 10.0:
            y = y + x  # a tensor from the first iteration on
        return y

    assert f(tf.constant(3.0)).numpy() == 12.0
    assert count(f, "StatelessWhile", tf.constant(3.0)) == 1


def test_collatz_with_an_if_inside_the_loop():
    @tf.function
    def steps(n):
        k = 0
        while n != 1:
            if n % 2 == 0:
                n = n // 2
            else:
                n = 3 * n + 1
            k += 1
        return k

    assert steps(tf.constant(27)).numpy() == 111


def test_a13_13_a_shape_change_raises_naming_the_variable_both_shapes_and_the_fix():
    @tf.function
    def f(x):
        while tf.reduce_sum(x) < 10:
            x = tf.concat([x, x], 0)
        return x

    with pytest.raises(ValueError) as info:
        f(tf.constant([1.0]))
    message = str(info.value)
    assert "'x' has shape (1,) before the loop, but shape (2,) after one iteration" in message
    assert "tf.autograph.experimental.set_loop_options" in message


def test_a13_13_a_dtype_change_raises_naming_the_variable_and_both_dtypes():
    @tf.function
    def f(x):
        i = tf.constant(0)
        while i < 10:
            i = tf.cast(i, tf.float32) + 1.0
        return i

    with pytest.raises(TypeError, match="'i' has dtype int32 before the loop, but dtype "
                                        "float32 after one iteration"):
        f(tf.constant(1.0))


def test_a13_13_set_loop_options_shape_invariants_let_the_shape_vary():
    @tf.function
    def grow(x):
        while tf.size(x) < 8:
            tf.autograph.experimental.set_loop_options(
                shape_invariants=[(x, tf.TensorShape([None]))])
            x = tf.concat([x, x], 0)
        return x

    np.testing.assert_array_equal(grow(tf.constant([3])).numpy(), [3] * 8)
    assert grow.get_concrete_function(tf.constant([3])).outputs[0].shape.as_list() == [None]


def test_set_loop_options_maximum_iterations_bounds_the_loop():
    @tf.function
    def f(i):
        while i < 100:
            tf.autograph.experimental.set_loop_options(maximum_iterations=5)
            i += 1
        return i

    assert f(tf.constant(0)).numpy() == 5


def test_a_shape_invariant_must_name_a_loop_variable():
    @tf.function
    def f(x):
        other = tf.constant([1.0])
        while x < 3:
            tf.autograph.experimental.set_loop_options(
                shape_invariants=[(other, tf.TensorShape([None]))])
            x += 1
        return x

    with pytest.raises(ValueError, match="not a variable of this loop"):
        f(tf.constant(0))


def test_a_python_value_that_changes_in_a_tensor_loop_raises_with_the_fix():
    @tf.function
    def f(x):
        last = None
        while x > 0:
            last = x
            x -= 1
        return last

    with pytest.raises(TypeError, match="'last' has type NoneType before the loop, but type "
                                        "SymbolicTensor after one iteration"):
        f(tf.constant(3))


def test_a_python_value_not_used_after_the_loop_may_change():
    @tf.function
    def f(x):
        note = None
        while x > 1:
            note = "halving"  # noqa: F841 - not live after the loop
            x //= 2
        return x

    assert f(tf.constant(16)).numpy() == 1


def test_a_non_bool_tensor_condition_raises_with_the_fix():
    @tf.function
    def f(x):
        while x:
            x -= 1
        return x

    with pytest.raises(tf.errors.InvalidArgumentError, match="compare explicitly"):
        f(tf.constant(3))


def test_while_else_runs_when_the_loop_ends_without_break():
    @tf.function
    def f(x):
        while x > 0:
            x -= 1
        else:
            x += 100
        return x

    assert f(tf.constant(3)).numpy() == 100
