"""Gradients through tf.TensorArray, eagerly and inside tf.function (A3.2); expected values are
TF 2.21's."""

import numpy as np
import pytest

import tensorlet as tf

X = [1., 2., 3.]


def _grad(fn, x=X):
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x)
    return tape.gradient(y, x).numpy()


def _write_stack(x):
    ta = tf.TensorArray(x.dtype, size=3)
    ta = ta.write(0, x * 2.).write(1, x * x).write(2, x)
    return tf.reduce_sum(ta.stack() * [[1.], [2.], [3.]])


def _unstack_read(x):
    ta = tf.TensorArray(x.dtype, size=3).unstack(x * x)
    return ta.read(1) * 3. + ta.read(2)


def _gather(x):
    ta = tf.TensorArray(x.dtype, size=3, clear_after_read=False).unstack(x * x)
    return ta.gather([0, 0, 2])


def _concat(x):
    return tf.TensorArray(x.dtype, size=2).write(0, x).write(1, x * 2.).concat()


def _scatter(x):
    return tf.TensorArray(x.dtype, size=4).scatter([3, 1], x[:2] * 5.).stack()


def _split(x):
    ta = tf.TensorArray(x.dtype, size=3).split(x * x, [1, 1, 1])
    return tf.reduce_sum(ta.read(1) + ta.read(2) * 2.)


CASES = [
    (_write_stack, [9., 13., 17.]),
    (_unstack_read, [0., 12., 6.]),
    (_gather, [4., 0., 6.]),
    (_concat, [3., 3., 3.]),
    (_scatter, [5., 5., 0.]),
    (_split, [0., 4., 12.]),
]


@pytest.mark.parametrize("fn, expected", CASES, ids=[f.__name__ for f, _ in CASES])
def test_a3_2_eager_gradient_matches_tf(fn, expected):
    np.testing.assert_allclose(_grad(fn), expected)


@pytest.mark.parametrize("fn, expected", CASES, ids=[f.__name__ for f, _ in CASES])
def test_a3_2_gradient_through_a_traced_function(fn, expected):
    np.testing.assert_allclose(_grad(tf.function(fn)), expected)


@pytest.mark.parametrize("fn, expected", CASES, ids=[f.__name__ for f, _ in CASES])
def test_a3_2_gradient_taken_inside_a_traced_function(fn, expected):
    @tf.function
    def inner(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = fn(x)
        return tape.gradient(y, x)

    np.testing.assert_allclose(inner(tf.constant(X)).numpy(), expected)


def test_a3_2_eager_split_into_uneven_lengths_has_gradients():
    def uneven(x):
        return tf.reduce_sum(tf.TensorArray(x.dtype, size=2).split(x * x, [1, 2]).read(1))

    np.testing.assert_allclose(_grad(uneven), [0., 4., 6.])


def test_a3_2_a_variable_written_into_the_array_gets_its_gradient():
    w = tf.Variable([1., 2.])
    with tf.GradientTape() as tape:
        ta = tf.TensorArray(tf.float32, size=2).write(0, w).write(1, w * 3.)
        y = tf.reduce_sum(ta.stack())
    np.testing.assert_allclose(tape.gradient(y, w).numpy(), [4., 4.])


def test_a3_2_python_loop_accumulator_in_tf_function_with_gradient():
    @tf.function
    def cumulative(x):
        ta = tf.TensorArray(tf.float32, size=3)
        total = tf.constant(0.)
        for i in range(3):
            total = total + x[i]
            ta = ta.write(i, total)
        return ta.stack()

    x = tf.constant([1., 2., 3.])
    np.testing.assert_allclose(cumulative(x).numpy(), [1., 3., 6.])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(cumulative(x))
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), [3., 2., 1.])


def test_a3_2_an_overwritten_element_gets_no_gradient_in_graph_mode():
    @tf.function
    def overwrite(x):
        ta = tf.TensorArray(tf.float32, size=2).write(0, x * 2.).write(0, x * 5.)
        return tf.reduce_sum(ta.stack())

    np.testing.assert_allclose(_grad(overwrite, [1., 1.]), [5., 5.])
