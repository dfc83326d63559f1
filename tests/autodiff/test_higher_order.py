"""Jacobians, batch Jacobians and higher-order gradients through nested tapes (A11.7)."""

import numpy as np
import pytest

import tensorlet as tf


def f(w1, w2):
    return 3 * w1 ** 2 + 2 * w1 * w2


@pytest.fixture
def ws():
    return tf.Variable(5.), tf.Variable(3.)


def test_a11_7_jacobian_of_the_stacked_targets(ws):
    w1, w2 = ws
    with tf.GradientTape() as tape:
        stacked = tf.stack([f(w1, w2 + 2.), f(w1, w2 + 5.), f(w1, w2 + 7.)])
    j1, j2 = tape.jacobian(stacked, [w1, w2], experimental_use_pfor=False)
    np.testing.assert_array_equal(j1.numpy(), [40., 46., 50.])
    np.testing.assert_array_equal(j2.numpy(), [10., 10., 10.])
    assert j1.dtype == tf.float32


def test_a11_7_hessian_via_nested_tapes_is_6_2_2_none(ws):
    w1, w2 = ws
    with tf.GradientTape(persistent=True) as hessian_tape:
        with tf.GradientTape() as jacobian_tape:
            z = f(w1, w2)
        jacobians = jacobian_tape.gradient(z, [w1, w2])
    hessians = [hessian_tape.gradient(j, [w1, w2]) for j in jacobians]
    assert [[None if h is None else float(h) for h in row] for row in hessians] == \
        [[6.0, 2.0], [2.0, None]]


def test_third_order_through_three_nested_tapes():
    x = tf.Variable(2.)
    with tf.GradientTape() as t3:
        with tf.GradientTape() as t2:
            with tf.GradientTape() as t1:
                y = x ** 4
            g1 = t1.gradient(y, x)
        g2 = t2.gradient(g1, x)
    g3 = t3.gradient(g2, x)
    assert (float(g1), float(g2), float(g3)) == (32.0, 48.0, 48.0)


def test_a11_7_jacobian_shape_is_target_shape_plus_source_shape():
    m = tf.Variable([[1., 2.], [3., 4.]])
    with tf.GradientTape(persistent=True) as tape:
        total = tf.reduce_sum(m * m)
        doubled = m * 2.
    np.testing.assert_array_equal(tape.jacobian(total, m).numpy(), [[2., 4.], [6., 8.]])
    j = tape.jacobian(doubled, m)
    assert j.shape == (2, 2, 2, 2)
    np.testing.assert_array_equal(j.numpy().reshape(4, 4), 2 * np.eye(4))


def test_a11_7_jacobian_of_an_unconnected_source_is_none_or_zeros(ws):
    w1, _ = ws
    other = tf.Variable([1., 2., 3.])
    with tf.GradientTape(persistent=True) as tape:
        y = w1 * tf.constant([1., 2.])
    assert tape.jacobian(y, [w1, other])[1] is None
    zeros = tape.jacobian(y, other, unconnected_gradients="zero")
    assert zeros.shape == (2, 3) and not zeros.numpy().any()


def test_jacobian_counts_as_the_single_use_of_a_non_persistent_tape(ws):
    w1, _ = ws
    with tf.GradientTape() as tape:
        y = w1 * tf.constant([1., 2.])
    np.testing.assert_array_equal(tape.jacobian(y, w1).numpy(), [1., 2.])
    with pytest.raises(RuntimeError, match="can only be used to compute one set"):
        tape.jacobian(y, w1)


def test_a11_7_batch_jacobian_gives_per_example_jacobians():
    x = tf.constant([[1., 2.], [3., 4.], [5., 6.]])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
        pair = tf.stack([x[:, 0] * x[:, 1], x[:, 0]], axis=1)
    j = tape.batch_jacobian(y, x, experimental_use_pfor=True)
    np.testing.assert_array_equal(j.numpy(), [np.diag([2., 4.]), np.diag([6., 8.]),
                                              np.diag([10., 12.])])
    jp = tape.batch_jacobian(pair, x)
    np.testing.assert_array_equal(jp.numpy()[2], [[6., 5.], [1., 0.]])


def test_a11_7_batch_jacobian_checks_ranks_and_batch_sizes_and_gives_zeros_when_unconnected():
    x = tf.Variable([[1., 2.], [3., 4.]])
    with tf.GradientTape(persistent=True) as tape:
        y = x * 2.
    with pytest.raises(ValueError, match=r"Shape \(3,\) must have rank at least 2"):
        tape.batch_jacobian(y, tf.Variable([1., 2., 3.]))
    with pytest.raises(ValueError, match=r"Need first dimension of target shape \(\(2, 2\)\) "
                       r"and source shape \(\(1, 3\)\) to match."):
        tape.batch_jacobian(y, tf.Variable([[1., 2., 3.]]))
    zeros = tape.batch_jacobian(y, tf.Variable([[1., 2., 3.], [4., 5., 6.]]))
    assert zeros.shape == (2, 2, 3) and not zeros.numpy().any()


def test_jacobian_under_an_outer_tape_is_differentiable():
    x = tf.Variable([1., 2.])
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = x * x * x
        j = inner.jacobian(y, x)
        total = tf.reduce_sum(j)
    np.testing.assert_allclose(outer.gradient(total, x).numpy(), [6., 12.])


def test_hessian_as_the_jacobian_of_a_gradient():
    x = tf.constant([1., 2.])
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(x * x * x) + x[0] * x[1]
        g = inner.gradient(y, x)
    np.testing.assert_allclose(outer.jacobian(g, x).numpy(), [[6., 1.], [1., 12.]])


def test_slicing_a_variable_keeps_the_gradient():
    """`v[key]` returns an assignable slice; the tapes must see it as the recorded slice."""
    x = tf.Variable([1., 2.])
    with tf.GradientTape() as tape:
        y = x[0] * x[1]
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), [2., 1.])

