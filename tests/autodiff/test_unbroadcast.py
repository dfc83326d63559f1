"""unbroadcast: a broadcast input's gradient is summed back to the input's shape."""

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.autodiff.unbroadcast import unbroadcast


@pytest.mark.parametrize("g_shape,x_shape", [
    ((2, 3), (2, 3)),
    ((2, 3), (3,)),
    ((2, 3), (1, 3)),
    ((2, 3), (2, 1)),
    ((2, 3), ()),
    ((4, 2, 3), (2, 1)),
    ((4, 1, 3), (1, 1, 1)),
    ((5, 2, 3), (1, 2, 3)),
])
def test_unbroadcast_sums_over_broadcast_axes(g_shape, x_shape, rng):
    g = rng.standard_normal(g_shape).astype(np.float32)
    x = np.zeros(x_shape, np.float32)
    out = unbroadcast(tf.constant(g), tf.constant(x))
    lead = len(g_shape) - len(x_shape)
    axes = tuple(range(lead)) + tuple(lead + i for i, d in enumerate(x_shape)
                                      if d == 1 and g_shape[lead + i] != 1)
    expected = g.sum(axis=axes).reshape(x_shape) if axes else g
    assert out.shape == x_shape and out.dtype == tf.float32
    np.testing.assert_allclose(out.numpy(), expected, rtol=1e-6)


def test_unbroadcast_returns_the_same_tensor_when_nothing_was_broadcast():
    g = tf.constant([1., 2.])
    assert unbroadcast(g, tf.Variable([0., 0.])) is g


def test_unbroadcast_is_differentiable():
    g = tf.Variable([[1., 2., 3.], [4., 5., 6.]])
    with tf.GradientTape() as tape:
        out = unbroadcast(g, tf.constant([0., 0., 0.])) * tf.constant([1., 10., 100.])
    np.testing.assert_array_equal(tape.gradient(out, g).numpy(), [[1., 10., 100.]] * 2)
