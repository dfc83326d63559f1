"""A13.12: `return` inside a tensor `if` works; inside a tensor loop it raises TF's
NotImplementedError with a fix."""

import pytest

import tensorlet as tf
from tests.graph.autograph._helpers import count


def test_a13_12_return_inside_a_tensor_if():
    @tf.function
    def absolute(x):
        if x > 0:
            return x
        return -x

    assert absolute(tf.constant(-3.0)).numpy() == 3.0
    assert absolute(tf.constant(2.0)).numpy() == 2.0
    assert absolute.experimental_get_tracing_count() == 1
    assert count(absolute, "StatelessIf", tf.constant(1.0)) == 1


def test_an_early_return_followed_by_more_code():
    @tf.function
    def f(x):
        if x < 0:
            return tf.constant(0.0)
        y = x * 2.0
        if y > 10.0:
            return tf.constant(10.0)
        return y

    assert [f(tf.constant(v)).numpy() for v in (-1.0, 2.0, 8.0)] == [0.0, 4.0, 10.0]


def test_returns_in_both_branches_of_nested_ifs():
    @tf.function
    def f(x, y):
        if x > 0:
            if y > 0:
                return 1
            else:
                return 2
        else:
            return 3

    signs = [(1.0, 1.0), (1.0, -1.0), (-1.0, 1.0)]
    assert [f(tf.constant(a), tf.constant(b)).numpy() for a, b in signs] == [1, 2, 3]


def test_a_branch_without_return_raises_like_tf():
    @tf.function
    def f(x):
        if x > 0:
            return x

    with pytest.raises(ValueError, match="the else branch must also have a return statement"):
        f(tf.constant(1.0))


def test_a13_12_return_inside_a_tensor_loop_raises_not_implemented_with_the_fix():
    @tf.function
    def f(x):
        for _ in tf.range(3):
            if x > 0:
                return x
        return x

    with pytest.raises(NotImplementedError) as info:
        f(tf.constant(1.0))
    message = str(info.value)
    assert "a return statement cannot be placed inside this TensorFlow loop" in message
    assert "`break` out of the loop" in message


def test_return_inside_a_python_loop_on_python_values():
    @tf.function
    def f(x, k):
        for i in range(10):
            if i == k:
                return x * i
        return x

    assert f(tf.constant(2.0), 3).numpy() == 6.0
    assert f(tf.constant(2.0), 20).numpy() == 2.0


def test_a_python_if_with_returns_is_specialised():
    @tf.function
    def f(x, training):
        if training:
            return x * 0.5
        return x

    assert f(tf.constant(4.0), True).numpy() == 2.0
    assert f(tf.constant(4.0), False).numpy() == 4.0
    assert count(f, "StatelessIf", tf.constant(1.0), True) == 0


def test_bare_return_gives_none():
    @tf.function
    def f(x, flag):
        if flag:
            return
        return x

    assert f(tf.constant(1.0), True) is None
    assert f(tf.constant(1.0), False).numpy() == 1.0
