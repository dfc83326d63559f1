"""TF behaviours of the elementwise ops and the Python operators (FEATURES A1.5, A1.10-A1.12),
with the values TF 2.21 gives."""

import numpy as np
import pytest

import tensorlet as tf


@pytest.fixture
def t():
    return tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])


def test_operators_equal_the_ops_a1_5(t):
    np.testing.assert_array_equal((t + 10).numpy(), tf.add(t, 10).numpy())
    np.testing.assert_array_equal((t - 1).numpy(), t.numpy() - 1)
    np.testing.assert_array_equal((t * 2).numpy(), t.numpy() * 2)
    np.testing.assert_allclose((t / 2).numpy(), t.numpy() / 2)
    np.testing.assert_array_equal((t ** 2).numpy(), t.numpy() ** 2)
    np.testing.assert_array_equal((-t).numpy(), -t.numpy())
    assert (t + 10).dtype is tf.float32


def test_matmul_operator_a1_5(t):
    out = t @ tf.transpose(t)
    np.testing.assert_array_equal(out.numpy(), [[14.0, 32.0], [32.0, 77.0]])


def test_comparisons_give_bool_tensors_and_eq_is_elementwise(t):
    for out in (t < 3, t <= 3, t > 3, t >= 3, t == 3, t != 3):
        assert out.dtype is tf.bool and out.shape == (2, 3)
    np.testing.assert_array_equal((t == 3).numpy(), [[False, False, True], [False] * 3])
    np.testing.assert_array_equal((2 < t).numpy(), t.numpy() > 2)


def test_eq_with_none_and_incompatible_shapes_like_tf2():
    x = tf.constant([1, 2])
    assert (x == None) is False  # noqa: E711 - the behaviour under test
    assert (x != None) is True  # noqa: E711
    lenient = x == tf.constant([1, 2, 3])
    assert lenient.dtype is tf.bool and lenient.shape == () and not bool(lenient)
    assert bool(x != tf.constant([1, 2, 3]))
    np.testing.assert_array_equal((x == [1, 2]).numpy(), [True, True])


def test_ndarray_operand_takes_the_tensor_dtype_a1_10():
    x = tf.constant(np.zeros((2, 3), np.float32))
    for out in (x + np.ones((2, 3)), np.ones((2, 3)) + x):
        assert isinstance(out, tf.Tensor) and out.dtype is tf.float32
        np.testing.assert_array_equal(out.numpy(), np.ones((2, 3)))


def test_dtype_strictness_a1_11():
    with pytest.raises(tf.errors.InvalidArgumentError, match="expected to be a float tensor"):
        tf.constant(2.0) + tf.constant(40)
    with pytest.raises(tf.errors.InvalidArgumentError, match="but is a double tensor"):
        tf.constant(2.0) + tf.constant(40.0, dtype=tf.float64)
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.constant([1, 2]) + 1.5
    assert (tf.constant([1.0]) + 10).numpy().tolist() == [11.0]


def test_cast_makes_the_sum_work_a1_12():
    out = tf.constant(2.0) + tf.cast(tf.constant(40.0, dtype=tf.float64), tf.float32)
    assert out.dtype is tf.float32 and out.numpy() == np.float32(42.0)


def test_true_division_of_integers_gives_floats_as_tf():
    assert (tf.constant([7, -7]) / tf.constant([2, 2])).dtype is tf.float64
    assert (tf.constant([7], tf.int16) / tf.constant([2], tf.int16)).dtype is tf.float32
    np.testing.assert_array_equal((tf.constant(7) / 2).numpy(), 3.5)
    np.testing.assert_array_equal((7 / tf.constant(2)).numpy(), 3.5)
    np.testing.assert_array_equal(tf.divide(1, 2).numpy(), 0.5)


def test_floor_division_and_modulo_follow_python():
    np.testing.assert_array_equal((tf.constant([7, -7]) // 2).numpy(), [3, -4])
    np.testing.assert_array_equal((tf.constant([7, -7]) % tf.constant([2, -3])).numpy(), [1, -1])
    np.testing.assert_array_equal((-7 % tf.constant(3)).numpy(), 2)
    assert tf.math.mod is tf.math.floormod


def test_logical_operators_on_bools_and_bitwise_on_ints():
    a, b = tf.constant([True, False]), tf.constant([True, True])
    np.testing.assert_array_equal((a & b).numpy(), [True, False])
    np.testing.assert_array_equal((a | b).numpy(), [True, True])
    np.testing.assert_array_equal((a ^ b).numpy(), [False, True])
    np.testing.assert_array_equal((~a).numpy(), [False, True])
    np.testing.assert_array_equal((tf.constant([1, 2]) & tf.constant([1, 3])).numpy(), [1, 2])
    np.testing.assert_array_equal((~tf.constant([1, 2])).numpy(), [-2, -3])


def test_abs_and_unary_operators():
    assert abs(tf.constant([-1.5])).numpy().tolist() == [1.5]
    with pytest.raises(TypeError):  # TF 2.21: bad operand type for unary +
        +tf.constant([2])
    np.testing.assert_allclose(tf.abs(tf.constant([-3 + 4j])).numpy(), [5.0])
    assert tf.abs(tf.constant([-3 + 4j])).dtype is tf.float64


def test_variables_take_part_in_operators():
    v = tf.Variable([1.0, 2.0])
    np.testing.assert_array_equal((v + 1).numpy(), [2.0, 3.0])
    np.testing.assert_array_equal((1 - v).numpy(), [0.0, -1.0])
    np.testing.assert_array_equal((v == tf.constant([1.0, 3.0])).numpy(), [True, False])
    with pytest.raises(tf.errors.InvalidArgumentError):
        v + tf.constant(1)


def test_round_is_half_to_even_and_keeps_integers():
    out = tf.round(tf.constant([0.5, 1.5, 2.5, -0.5, -1.5, 2.6]))
    np.testing.assert_array_equal(out.numpy(), [0.0, 2.0, 2.0, -0.0, -2.0, 3.0])
    x = tf.constant([3])
    assert tf.round(x) is x


def test_cast_semantics():
    f = tf.constant([-1.7, 1.7, 2.5, np.nan, np.inf, 1e10])
    np.testing.assert_array_equal(tf.cast(f, tf.int32).numpy(), [-1, 1, 2] + [-2**31] * 3)
    np.testing.assert_array_equal(tf.cast(tf.constant([300, -1]), tf.uint8).numpy(), [44, 255])
    np.testing.assert_array_equal(tf.cast(tf.constant([0j, 1j, 0.5 + 0j]), tf.bool).numpy(),
                                  [False, False, True])
    np.testing.assert_array_equal(tf.cast(tf.constant([1 + 2j]), tf.float32).numpy(), [1.0])
    x = tf.constant([1.0])
    assert tf.cast(x, tf.float32) is x
    assert tf.cast(1.7, tf.int32).numpy() == 1
    assert tf.cast(2**40, tf.float32).dtype is tf.float32


def _grads(fn, *values):
    xs = [tf.constant(v) for v in values]
    with tf.GradientTape() as tape:
        for x in xs:
            tape.watch(x)
        y = fn(*xs)
    return [None if g is None else g.numpy() for g in tape.gradient(y, xs)]


def test_cast_gradient_is_cast_back_for_floats_and_none_for_ints():
    assert _grads(lambda x: tf.cast(x, tf.float64), [1.5])[0].dtype == np.float32
    assert _grads(lambda x: tf.cast(x, tf.int32), [1.5]) == [None]


def test_maximum_and_minimum_gradients_break_ties_toward_x_as_tf():
    gx, gy = _grads(tf.maximum, [1.0, 2.0, 3.0], [1.0, 1.0, 4.0])
    np.testing.assert_array_equal(gx, [1.0, 1.0, 0.0])
    np.testing.assert_array_equal(gy, [0.0, 0.0, 1.0])
    gx, gy = _grads(tf.minimum, [1.0, 2.0, 3.0], [1.0, 1.0, 4.0])
    np.testing.assert_array_equal(gx, [1.0, 0.0, 1.0])
    np.testing.assert_array_equal(gy, [0.0, 1.0, 0.0])


def test_clip_by_value_gradient_passes_at_the_bounds_as_tf():
    (g,) = _grads(lambda x: tf.clip_by_value(x, 2.0, 7.0), [1.0, 2.0, 5.0, 7.0, 9.0])
    np.testing.assert_array_equal(g, [0.0, 1.0, 1.0, 1.0, 0.0])
    g, lo, hi = _grads(tf.clip_by_value, [1.0, 2.0, 5.0, 7.0, 9.0], [2.0] * 5, [7.0] * 5)
    np.testing.assert_array_equal(lo, [1.0, 0.0, 0.0, 0.0, 0.0])
    np.testing.assert_array_equal(hi, [0.0, 0.0, 0.0, 0.0, 1.0])


def test_where_gradient_is_masked_and_none_for_the_condition():
    gc, gx, gy = _grads(lambda c, x, y: tf.where(c > 0, x, y), [1.0, -1.0], [1.0, 2.0], [3.0])
    assert gc is None
    np.testing.assert_array_equal(gx, [1.0, 0.0])
    np.testing.assert_array_equal(gy, [1.0])


def test_gradients_tf_gives_as_none_or_zero():
    assert _grads(tf.round, [0.3]) == [None]
    assert _grads(tf.math.floordiv, [3.0], [2.0]) == [None, None]
    np.testing.assert_array_equal(_grads(tf.sign, [0.0, -1.0, 2.0])[0], [0.0, 0.0, 0.0])
    np.testing.assert_array_equal(_grads(tf.abs, [0.0, -1.0, 2.0])[0], [0.0, -1.0, 1.0])
    np.testing.assert_array_equal(_grads(tf.math.floormod, [3.5], [2.0])[1], [-1.0])


def test_pow_gradient_at_zero_base_as_tf():
    gx, gy = _grads(tf.pow, [0.0, 2.0, -2.0], [2.0, 3.0, 2.0])
    np.testing.assert_allclose(gx, [0.0, 12.0, -4.0])
    np.testing.assert_allclose(gy, [0.0, 8 * np.log(2.0), 0.0], rtol=1e-6)


def test_erf_is_accurate_in_float64():
    import math

    x = np.linspace(-6, 6, 1001)
    expected = np.array([math.erf(v) for v in x])
    np.testing.assert_allclose(tf.math.erf(tf.constant(x)).numpy(), expected, rtol=1e-15,
                               atol=1e-16)
