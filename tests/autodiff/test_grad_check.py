"""The gradient checker itself: it passes correct rules and catches wrong ones (first order,
second order, full and random-direction checks)."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.dispatch import execute
from tensorlet.core.registry import ELEMENTWISE, OpDef
from tensorlet.ops import math as math_ops
from tensorlet.ops._rules import same_as_input
from tensorlet.ops.gradient_ops import custom_gradient, stop_gradient
from tensorlet.testing.grad_check import check_grads, numerical_grad


def _cube_op(grad) -> OpDef:
    # NOTE: built directly, not through def_op, so the registry (and its completeness test)
    # never sees these deliberately broken ops.
    return OpDef(name="test_cube", kernel=lambda x: x ** 3, infer=same_as_input, grad=grad,
                 traits=ELEMENTWISE, tf_name="TestCube", expr="cube")


GOOD = _cube_op(lambda g, y, x: (math_ops.multiply(g, math_ops.multiply(3., x * x)),))
WRONG_FIRST = _cube_op(lambda g, y, x: (math_ops.multiply(g, math_ops.multiply(2., x * x)),))
# Right values, but the rule's dependence on x is hidden from the tape: wrong second order.
WRONG_SECOND = _cube_op(lambda g, y, x: (
    math_ops.multiply(g, math_ops.multiply(3., stop_gradient(x * x))),))


def cube_with(op):
    return lambda x: execute(op, (x,))


@pytest.mark.parametrize("shape", [(3,), (10, 10)], ids=["full", "random-direction"])
def test_checker_passes_a_correct_rule_at_both_orders(shape):
    x = np.random.default_rng(0).uniform(-2, 2, shape)
    check_grads(tf, cube_with(GOOD), [x], order=2)


@pytest.mark.parametrize("shape", [(3,), (10, 10)], ids=["full", "random-direction"])
def test_checker_catches_a_wrong_first_order_rule(shape):
    x = np.random.default_rng(0).uniform(0.5, 2, shape)
    with pytest.raises(AssertionError, match="order 1"):
        check_grads(tf, cube_with(WRONG_FIRST), [x], order=1)


@pytest.mark.parametrize("shape", [(3,), (10, 10)], ids=["full", "random-direction"])
def test_checker_catches_a_rule_that_is_not_differentiable_again(shape):
    x = np.random.default_rng(0).uniform(0.5, 2, shape)
    check_grads(tf, cube_with(WRONG_SECOND), [x], order=1)
    with pytest.raises(AssertionError, match="order 2"):
        check_grads(tf, cube_with(WRONG_SECOND), [x], order=2)


def test_checker_catches_a_wrong_custom_gradient_and_a_missing_gradient():
    @custom_gradient
    def wrong_square(x):
        return x * x, lambda g: g * x

    x = np.array([1.0, 2.0])
    with pytest.raises(AssertionError, match=r"gradient of input 0 differs.*\(1,\)"):
        check_grads(tf, wrong_square, [x], order=1)
    with pytest.raises(AssertionError):
        check_grads(tf, lambda x: stop_gradient(x) * 2., [x], order=1)


def test_checker_catches_one_wrong_element_in_a_large_input():
    @custom_gradient
    def almost(x):
        def grad(g):
            mask = np.ones(tuple(x.shape))
            mask[3, 7] = 100.0
            return g * tf.constant(mask)

        return x * 1., grad

    x = np.random.default_rng(1).uniform(-1, 1, (20, 20))
    with pytest.raises(AssertionError, match="directional gradient of input 0"):
        check_grads(tf, almost, [x], order=1)


def test_checker_reports_a_kink_instead_of_blaming_the_rule():
    @custom_gradient
    def relu(x):
        return tf.maximum(x, 0.), lambda g: g * 0.

    with pytest.raises(AssertionError, match="kink"):
        check_grads(tf, relu, [np.array([0.0])], order=1)


def test_checker_checks_the_gradient_dtype():
    @custom_gradient
    def lowered(x):
        return x * 1., lambda g: tf.cast(g, tf.float32)

    with pytest.raises(AssertionError, match="dtype float32"):
        check_grads(tf, lowered, [np.array([1.0, 2.0])], order=1)


def test_checker_leaves_integer_inputs_alone_and_handles_several_outputs():
    def f(x, k):
        return [x * tf.cast(k, tf.float64), tf.exp(x), k * 2]

    check_grads(tf, f, [np.array([0.5, 1.0]), np.array([2, 3], np.int32)], order=2)


def test_numerical_grad_full_and_directional():
    def fn(arrays):
        return float(np.sum(arrays[0] ** 2))

    x = np.array([1.0, -2.0, 3.0])
    np.testing.assert_allclose(numerical_grad(fn, [x], 0, 1e-6), 2 * x, rtol=1e-8)
    v = np.array([1.0, 1.0, 0.0])
    np.testing.assert_allclose(numerical_grad(fn, [x], 0, 1e-6, v), -2.0, rtol=1e-8)
