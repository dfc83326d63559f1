"""A13.12: `break` and `continue` inside loops on tensors give Python's results."""

import pytest

import tensorlet as tf
from tests.graph.autograph._helpers import count


def _odd_sum_below(n, stop):
    s = 0
    for i in range(n):
        if i % 2 == 0:
            continue
        if i > stop:
            break
        s += i
    return s


@tf.function
def odd_sum_below(n, stop):
    s = tf.constant(0)
    for i in tf.range(n):
        if i % 2 == 0:
            continue
        if i > stop:
            break
        s += i
    return s


@pytest.mark.parametrize("n, stop", [(10, 7), (10, 100), (0, 3), (6, 0)])
def test_a13_12_break_and_continue_in_a_tensor_for_loop(n, stop):
    assert odd_sum_below(tf.constant(n), tf.constant(stop)).numpy() == _odd_sum_below(n, stop)
    assert count(odd_sum_below, "StatelessWhile", tf.constant(n), tf.constant(stop)) == 1


def test_a13_12_break_in_a_tensor_while_loop():
    @tf.function
    def first_square_above(limit):
        i = tf.constant(0)
        while True:
            if i * i > limit:
                break
            i += 1
        return i

    assert first_square_above(tf.constant(50)).numpy() == 8


def test_a13_12_continue_in_a_tensor_while_loop():
    @tf.function
    def f(n):
        i, s = tf.constant(0), tf.constant(0)
        while i < n:
            i += 1
            if i % 3 == 0:
                continue
            s += i
        return s

    assert f(tf.constant(10)).numpy() == sum(i for i in range(1, 11) if i % 3)


def test_break_out_of_the_inner_of_two_nested_tensor_loops():
    def reference(n):
        total = 0
        for i in range(n):
            for j in range(i):
                if (i + j) % 3 == 0:
                    continue
                total += i * j
                if total > 100:
                    break
        return total

    @tf.function
    def f(n):
        total = tf.constant(0)
        for i in tf.range(n):
            for j in tf.range(i):
                if (i + j) % 3 == 0:
                    continue
                total += i * j
                if total > 100:
                    break
        return total

    assert f(tf.constant(9)).numpy() == reference(9)


def test_break_on_a_python_condition_in_a_python_loop_stays_python():
    @tf.function
    def f(x):
        for i in range(10):
            if i == 3:
                break
            x = x + 1.0
        return x

    assert f(tf.constant(0.0)).numpy() == 3.0
    assert count(f, "StatelessWhile", tf.constant(0.0)) == 0


def test_break_on_a_tensor_in_a_python_for_loop_raises_tf_error_with_the_fix():
    @tf.function
    def f(x):
        for _ in range(3):
            if x > 0:
                break
            x = x + 1.0
        return x

    with pytest.raises(NotImplementedError, match="Iterate over tf.range"):
        f(tf.constant(1.0))


def test_for_else_runs_only_without_break():
    @tf.function
    def f(n, stop):
        found = tf.constant(-1)
        for i in tf.range(n):
            if i == stop:
                found = i
                break
        else:
            found = tf.constant(100)
        return found

    assert f(tf.constant(5), tf.constant(2)).numpy() == 2
    assert f(tf.constant(5), tf.constant(9)).numpy() == 100
