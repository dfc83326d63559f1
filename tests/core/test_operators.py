"""Python operators on tensors map to TF's ops (A1.5)."""

import numpy as np
import pytest

import tensorlet as tf


@pytest.fixture
def t():
    return tf.constant([[1., 2., 3.], [4., 5., 6.]])


def test_a1_5_plus_is_tf_add(t):
    np.testing.assert_array_equal((t + 10).numpy(), tf.add(t, 10).numpy())
    np.testing.assert_array_equal((t + 10).numpy(), [[11., 12., 13.], [14., 15., 16.]])


def test_a1_5_arithmetic_operators(t):
    np.testing.assert_array_equal((t - 1).numpy(), t.numpy() - 1)
    np.testing.assert_array_equal((t * 2).numpy(), t.numpy() * 2)
    np.testing.assert_array_equal((t / 2).numpy(), t.numpy() / 2)
    np.testing.assert_array_equal((t ** 2).numpy(), t.numpy() ** 2)
    np.testing.assert_array_equal((2 ** t).numpy(), 2 ** t.numpy())
    np.testing.assert_array_equal((-t).numpy(), -t.numpy())
    np.testing.assert_array_equal(abs(tf.constant([-1.])).numpy(), [1.])
    assert all(y.dtype is tf.float32 for y in (t - 1, t * 2, t / 2, t ** 2, -t))


def test_a1_5_matmul_operator_is_tf_matmul(t):
    y = t @ tf.transpose(t)
    np.testing.assert_array_equal(y.numpy(), [[14., 32.], [32., 77.]])
    np.testing.assert_array_equal(y.numpy(), tf.matmul(t, tf.transpose(t)).numpy())


def test_a1_5_comparisons_give_bool_tensors(t):
    for y in (t < 2, t <= 2, t > 2, t >= 2):
        assert isinstance(y, tf.Tensor) and y.dtype is tf.bool and y.shape == (2, 3)
    np.testing.assert_array_equal((t > 2).numpy(), t.numpy() > 2)
    np.testing.assert_array_equal((1 < t).numpy(), 1 < t.numpy())


def test_a1_5_equality_is_elementwise(t):
    eq = t == 1
    assert eq.dtype is tf.bool
    np.testing.assert_array_equal(eq.numpy(), [[True, False, False], [False, False, False]])
    np.testing.assert_array_equal((t != 1).numpy(), t.numpy() != 1)
    assert (t == None) is False  # noqa: E711


def test_integer_division_operators():
    i = tf.constant([1, 2])
    assert (i / 2).dtype is tf.float64
    np.testing.assert_array_equal((i // 2).numpy(), [0, 1])
    np.testing.assert_array_equal((i % 2).numpy(), [1, 0])


def test_variables_support_the_same_operators():
    v = tf.Variable([[1., 2.], [3., 4.]])
    np.testing.assert_array_equal((v + 1).numpy(), [[2., 3.], [4., 5.]])
    np.testing.assert_array_equal((v @ v).numpy(), [[7., 10.], [15., 22.]])
    np.testing.assert_array_equal((v == v).numpy(), np.ones((2, 2), bool))
