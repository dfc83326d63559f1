"""Gradients through `cond` and `while_loop`, with the tape outside and inside the function,
checked against finite differences (first and second order)."""

import numpy as np
import pytest

import tensorlet as tf
from tests.graph.autograph._helpers import numerical_gradient


def branchy(x):
    if tf.reduce_sum(x) > 0:
        y = tf.sin(x) * x
    else:
        y = tf.exp(x)
    return tf.reduce_sum(y * y)


def np_branchy(x):
    y = np.sin(x) * x if x.sum() > 0 else np.exp(x)
    return (y * y).sum()


def looped(x):
    i = tf.constant(0)
    while i < 4:
        x = tf.tanh(x * 1.3) + 0.1 * x
        i += 1
    return tf.reduce_sum(x * x)


def np_looped(x):
    for _ in range(4):
        x = np.tanh(x * 1.3) + 0.1 * x
    return (x * x).sum()


CASES = [(branchy, np_branchy, [0.3, 0.5, -0.1]), (branchy, np_branchy, [-0.3, 0.5, -0.9]),
         (looped, np_looped, [0.3, -0.7, 1.2])]


def _grad_outside(fn, x):
    f = tf.function(fn)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, x)


def _grad_inside(fn, x):
    @tf.function
    def g(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = fn(x)
        return tape.gradient(y, x)

    return g(x)


@pytest.mark.parametrize("fn, ref, values", CASES)
@pytest.mark.parametrize("where", [_grad_outside, _grad_inside])
def test_first_order_gradients_match_finite_differences(fn, ref, values, where):
    x = tf.constant(np.array(values, np.float64))
    np.testing.assert_allclose(where(fn, x).numpy(), numerical_gradient(ref, x.numpy()),
                               rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("fn, ref, values", CASES)
def test_second_order_gradients_match_finite_differences(fn, ref, values):
    x = tf.constant(np.array(values, np.float64))
    direction = np.array([0.4, -0.2, 0.7])
    f = tf.function(fn)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        directional = tf.reduce_sum(inner.gradient(y, x) * direction)
    expected = numerical_gradient(
        lambda v: numerical_gradient(ref, v, 1e-5) @ direction, x.numpy(), 1e-4)
    np.testing.assert_allclose(outer.gradient(directional, x).numpy(), expected, rtol=1e-4,
                               atol=1e-6)


def test_gradient_of_an_rnn_over_a_tensor_reaches_the_inputs_and_the_weight():
    @tf.function
    def rnn(xs, w):
        h = tf.zeros([2], tf.float64)
        for x in xs:
            h = tf.tanh(w * h + x)
        return tf.reduce_sum(h)

    def np_rnn(xs, w):
        h = np.zeros(2)
        for x in xs:
            h = np.tanh(w * h + x)
        return h.sum()

    xs = np.random.default_rng(0).standard_normal((5, 2))
    txs, tw = tf.constant(xs), tf.constant(0.7, tf.float64)
    with tf.GradientTape() as tape:
        tape.watch([txs, tw])
        y = rnn(txs, tw)
    gxs, gw = tape.gradient(y, [txs, tw])
    np.testing.assert_allclose(gxs.numpy(), numerical_gradient(lambda a: np_rnn(a, 0.7), xs),
                               rtol=1e-6)
    np.testing.assert_allclose(gw.numpy(), numerical_gradient(lambda a: np_rnn(xs, a),
                                                              np.array(0.7)), rtol=1e-6)


@pytest.mark.parametrize("inside", [False, True])
def test_gradients_reach_variables_read_inside_branches(inside):
    w = tf.Variable(2.0)

    def f(x):
        if x > 0:
            y = w * x * x
        else:
            y = w * w
        return y

    def grads(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x)
        return tape.gradient(y, [x, w])

    run = tf.function(grads) if inside else (lambda x: _outside(tf.function(f), x, w))
    assert [g.numpy() for g in run(tf.constant(3.0))] == [12.0, 9.0]
    assert [g.numpy() for g in run(tf.constant(-3.0))] == [0.0, 4.0]


def _outside(f, x, w):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, [x, w], unconnected_gradients=tf.UnconnectedGradients.ZERO)


def test_integer_loop_variables_get_no_gradient_and_do_not_break_the_float_ones():
    @tf.function
    def f(x):
        n = tf.constant(0)
        while n < 3:
            x = x * 2.0
            n += 1
        return x, n

    x = tf.constant(1.5)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y, n = f(x)
    assert tape.gradient(y, x).numpy() == 8.0 and n.numpy() == 3


def test_the_gradient_of_a_loop_that_draws_random_numbers_raises_with_the_fix():
    @tf.function
    def f(x):
        for _ in tf.range(2):
            x = x + tf.random.uniform([])
        return x

    x = tf.constant(1.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    with pytest.raises(NotImplementedError, match="outside the cond / loop"):
        tape.gradient(y, x)


@tf.function
def _grow(x):
    def body(i, acc):
        return i + 1, tf.concat([acc * x[i], tf.reshape(x[i] * x[i], [1])], 0)

    _, acc = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.zeros([0])],
                           shape_invariants=[tf.TensorShape([]), tf.TensorShape([None])])
    return acc


def test_gradients_through_a_loop_variable_that_grows_each_iteration():
    x = tf.constant([1., 2., 3.])
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            out = _grow(x)
            y = tf.reduce_sum(out * tf.constant([1., 10., 100.]))
        g = inner.gradient(y, x)
        s = tf.reduce_sum(g)
    assert out.numpy().tolist() == [6., 12., 9.]  # TF 2.21
    assert g.numpy().tolist() == [12., 123., 642.]  # TF 2.21
    # TF 2.21's Hessian is [[12, 6, 4], [6, 60, 41], [4, 41, 200]]: these are its row sums
    assert outer.gradient(s, x).numpy().tolist() == [22., 107., 245.]
