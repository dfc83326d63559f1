"""Reduction gradients traced with unknown dims (a None batch) match the eager gradients."""

import numpy as np
import pytest

import tensorlet as tf

X = np.arange(12, dtype=np.float32).reshape(2, 3, 2)


@pytest.mark.parametrize("reduce", [
    lambda x: tf.reduce_mean(x),
    lambda x: tf.reduce_sum(x, axis=1),
    lambda x: tf.reduce_mean(x, axis=[0, 2]),
    lambda x: tf.reduce_sum(x * x, axis=-1, keepdims=True),
])
def test_reduction_gradient_with_a_none_batch_matches_eager(reduce):
    def grad(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = reduce(x)
        return tape.gradient(y, x)

    traced = tf.function(grad, input_signature=[tf.TensorSpec([None, None, 2])])
    np.testing.assert_allclose(traced(tf.constant(X)).numpy(), grad(tf.constant(X)).numpy(),
                               rtol=1e-6)
