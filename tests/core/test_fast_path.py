"""The eager fast path of binary ops (`dispatch.fast_binary`) behaves exactly like `execute`.

The suite runs with debug checks on, which sends every op through `execute`; these tests turn
them off so the fast path itself runs, and compare it with the generic path.
"""

import warnings

import numpy as np
import pytest

import tensorlet as tf
from tensorlet.core.context import set_debug_checks
from tensorlet.core.dispatch import execute
from tensorlet.ops import linalg as linalg_ops
from tensorlet.ops import math as math_ops


@pytest.fixture
def fast():
    set_debug_checks(False)
    yield
    set_debug_checks(True)


F32 = np.array([[1.5, -2.0, 3.0], [4.0, 0.5, -6.0]], np.float32)


@pytest.mark.parametrize("op,fn", [
    (math_ops.ADD, lambda a, b: a + b), (math_ops.SUBTRACT, lambda a, b: a - b),
    (math_ops.MULTIPLY, lambda a, b: a * b), (math_ops.DIVIDE, lambda a, b: a / b),
    (math_ops.POW, lambda a, b: tf.pow(tf.abs(a), b)),
])
def test_fast_binary_gives_the_generic_result_and_dtype(fast, op, fn):
    a, b = tf.constant(F32), tf.constant(F32[::-1].copy())
    got = fn(a, b)
    x = tf.abs(a) if op is math_ops.POW else a
    want = execute(op, (x, b))
    assert got.dtype is want.dtype
    np.testing.assert_array_equal(got.numpy(), want.numpy())


def test_matmul_fast_path_matches_the_generic_kernel(fast):
    a, b = tf.constant(F32), tf.constant(F32.T.copy())
    np.testing.assert_allclose((a @ b).numpy(), F32 @ F32.T, rtol=1e-6)
    np.testing.assert_allclose(tf.matmul(a, b).numpy(), F32 @ F32.T, rtol=1e-6)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Matrix size-incompatible"):
        tf.matmul(a, a)


def test_python_scalars_and_variables_take_the_fast_path_with_tf_dtypes(fast):
    v = tf.Variable([1.0, 2.0])
    assert (3 * v).dtype is tf.float32 and (3 * v).numpy().tolist() == [3.0, 6.0]
    assert (v ** 2).numpy().tolist() == [1.0, 4.0]
    assert (v / 2).numpy().tolist() == [0.5, 1.0]
    assert (tf.constant([1, 2]) + 1).dtype is tf.int32


def test_mixed_dtypes_still_raise_the_dtype_error(fast):
    with pytest.raises(tf.errors.InvalidArgumentError, match="tf.cast"):
        tf.constant(2.0) + tf.constant(40)
    with pytest.raises(tf.errors.InvalidArgumentError, match="double"):
        tf.constant(2.0) * tf.constant(2.0, tf.float64)


def test_kernel_failures_fall_back_to_the_generic_error(fast):
    with pytest.raises(tf.errors.InvalidArgumentError, match="Incompatible shapes"):
        tf.constant([1.0, 2.0]) + tf.constant([1.0, 2.0, 3.0])


def test_no_numpy_warning_leaks_from_the_fast_path(fast):
    big = tf.constant(np.float32(3e38))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isinf((big + big).numpy())
        assert np.isinf((tf.constant(1.0) / tf.constant(0.0)).numpy())


def test_the_tape_records_fast_path_ops_including_scalar_operands(fast):
    w1, w2 = tf.Variable(5.0), tf.Variable(3.0)
    with tf.GradientTape() as tape:
        z = 3 * w1 ** 2 + 2 * w1 * w2
    assert [float(g) for g in tape.gradient(z, [w1, w2])] == [36.0, 10.0]
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(x * x / 2.0 - x)
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), [0.0, 1.0])


def test_fast_and_generic_paths_agree_on_results_when_tracing(fast):
    f = tf.function(lambda a, b: a * b + a / b)
    a, b = tf.constant(F32), tf.constant(F32 + 10)
    np.testing.assert_allclose(f(a, b).numpy(), (a * b + a / b).numpy(), rtol=1e-6)
    assert linalg_ops.matmul(a, tf.transpose(a), transpose_b=False).shape == [2, 2]
