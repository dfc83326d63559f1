"""tensorlet never casts silently; mixed dtypes raise TF's errors, with a hint (A1.7, A1.11,
A1.12, C10)."""

import numpy as np
import pytest

import tensorlet as tf


def test_a1_11_float_plus_int_tensor_is_invalid_argument():
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        tf.constant(2.) + tf.constant(40)
    message = str(info.value)
    assert message.startswith("cannot compute AddV2 as input #1(zero-based) was expected to be a "
                              "float tensor but is a int32 tensor [Op:AddV2]")
    assert "expected to be a float tensor" in message


def test_a1_11_float32_plus_float64_is_the_same_error():
    with pytest.raises(tf.errors.InvalidArgumentError, match="but is a double tensor"):
        tf.constant(2.) + tf.constant(40., dtype=tf.float64)


def test_a1_11_int_tensor_plus_python_float_is_invalid_argument():
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="expected to be a int32 tensor but is a float tensor"):
        tf.constant([1, 2]) + 1.5


def test_a1_11_python_int_into_a_float_tensor_is_fine():
    y = tf.constant([1., 2.]) + 10
    assert y.dtype is tf.float32
    np.testing.assert_array_equal(y.numpy(), [11., 12.])


def test_c10_mismatch_message_names_both_dtypes_and_suggests_tf_cast():
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        tf.constant(2.) + tf.constant(40)
    message = str(info.value)
    assert "float32" in message and "int32" in message and "tf.cast" in message


def test_a1_12_cast_fixes_the_mismatch():
    y = tf.constant(2.0) + tf.cast(tf.constant(40., dtype=tf.float64), tf.float32)
    assert y.dtype is tf.float32 and float(y) == 42.0


def test_a1_7_reduce_mean_of_ints_is_an_int():
    y = tf.reduce_mean(tf.constant([1, 2]))
    assert y.dtype is tf.int32 and int(y) == 1


def test_python_values_of_another_kind_are_type_errors_in_most_ops():
    i = tf.constant([1, 2])
    for call in (lambda: tf.multiply(i, 1.5), lambda: tf.multiply(1.5, i), lambda: i * 1.5,
                 lambda: 1.5 * i, lambda: 1.5 + i):
        with pytest.raises(TypeError, match="Cannot convert 1.5 to EagerTensor of dtype int32"):
            call()


def test_the_type_error_adds_a_tf_cast_hint():
    with pytest.raises(TypeError) as info:
        tf.multiply(tf.constant([1, 2]), 1.5)
    assert "int32" in str(info.value) and "tf.cast" in str(info.value)


def test_python_values_take_the_dtype_of_the_first_tensor_wherever_it_is():
    y = tf.multiply(1, tf.constant([1., 2.]))
    assert y.dtype is tf.float32
    u = tf.multiply(tf.constant([1], tf.uint8), 300)
    assert u.dtype is tf.uint8 and u.numpy()[0] == 44


def test_without_tensors_the_first_value_sets_the_dtype():
    assert tf.multiply(1.5, 2).dtype is tf.float32
    with pytest.raises(TypeError, match="Cannot convert 2.5 to EagerTensor of dtype int32"):
        tf.multiply(1, 2.5)


def test_mixed_tensors_in_other_ops_are_invalid_argument():
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="cannot compute Mul as input #1.*float tensor but is a int32"):
        tf.multiply(tf.constant([1.]), tf.constant([1]))


def test_a2_1_variables_follow_the_same_strictness():
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.Variable([1., 2.]) + tf.constant(1)


def test_c10_the_mismatch_message_names_the_users_own_line():
    import inspect

    line = inspect.currentframe().f_lineno + 2
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        tf.constant(2.0) * tf.constant(40)
    assert f"test_dtype_strictness.py:{line}" in str(info.value)
