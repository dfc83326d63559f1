"""`and`, `or`, `not` and conditional expressions on tensors are staged; on Python values they
keep Python's semantics (short-circuit, operand values)."""

import pytest

import tensorlet as tf
from tests.graph.autograph._helpers import count


@tf.function
def in_box(x, y):
    if x > 0 and y > 0 or not x > -10:
        r = 1
    else:
        r = 0
    return r


@pytest.mark.parametrize("x, y, expected", [(1.0, 1.0, 1), (1.0, -1.0, 0), (-1.0, 1.0, 0),
                                            (-20.0, -1.0, 1)])
def test_and_or_not_on_tensors(x, y, expected):
    assert in_box(tf.constant(x), tf.constant(y)).numpy() == expected


def test_and_on_tensors_short_circuits_in_the_graph():
    @tf.function
    def f(xs, i):
        # gather at i = 3 would fail: the second operand runs only when the first holds
        if i < 3 and tf.gather(xs, i) > 0:
            r = 1
        else:
            r = 0
        return r

    xs = tf.constant([1.0, -1.0, 2.0])
    assert [f(xs, tf.constant(i)).numpy() for i in (0, 1, 3)] == [1, 0, 0]


def test_python_operands_keep_python_semantics():
    @tf.function
    def f(x, a, b):
        c = a or b
        d = a and b
        return x * (c + d)

    assert f(tf.constant(1.0), 0, 5).numpy() == 5.0  # 0 or 5 -> 5; 0 and 5 -> 0
    assert count(f, "StatelessIf", tf.constant(1.0), 0, 5) == 0


def test_a_conditional_expression_on_a_tensor_is_a_cond():
    f = tf.function(lambda x: x * 2.0 if x > 0 else x - 1.0)
    assert f(tf.constant(3.0)).numpy() == 6.0
    assert f(tf.constant(-3.0)).numpy() == -4.0
    assert count(f, "StatelessIf", tf.constant(1.0)) == 1


def test_not_on_a_tensor_is_logical_not():
    @tf.function
    def f(flag):
        return not flag

    assert not f(tf.constant(True)).numpy() and f(tf.constant(False)).numpy()
    assert "LogicalNot" in [op.type for op in f.get_concrete_function(
        tf.constant(True)).graph.get_operations()]
