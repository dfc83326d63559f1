"""C10 opt-in: `tf.config.enable_numpy_promotion()` promotes mixed dtypes like NumPy."""

import numpy as np
import pytest

import tensorlet as tf


@pytest.fixture
def promotion():
    tf.config.enable_numpy_promotion()
    yield
    tf.config.enable_numpy_promotion(False)


def test_strict_dtypes_remain_the_default():
    with pytest.raises(tf.errors.InvalidArgumentError, match="tf.cast"):
        tf.constant(2.0) + tf.constant(40)


def test_mixed_dtypes_promote_like_numpy_eagerly(promotion):
    y = tf.constant(2.0) + tf.constant(40)
    assert y.dtype is tf.as_dtype(np.result_type(np.float32, np.int32)) and float(y) == 42.0
    assert (tf.constant([1, 2], tf.int8) * tf.constant([3, 4], tf.int64)).dtype is tf.int64


def test_promotion_also_applies_in_traced_functions_and_keeps_gradients(promotion):
    f = tf.function(lambda a, b: a * b)
    assert f(tf.constant(2.0), tf.constant(3.0, tf.float64)).dtype is tf.float64
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * tf.constant(2.0, tf.float64)
    assert float(tape.gradient(y, x)) == 2.0
