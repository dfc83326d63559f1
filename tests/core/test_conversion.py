"""Converting Python values and NumPy data to tensors with TF 2.21's dtype rules (A1.3, A1.9,
A1.14)."""

import numpy as np
import pytest

import tensorlet as tf


@pytest.mark.parametrize("value,dtype", [
    (42, tf.int32), (1.5, tf.float32), (2**40, tf.int64), (-2**31, tf.int32),
    (-2**31 - 1, tf.int64), (2**63 - 1, tf.int64), (True, tf.bool), (1j, tf.complex128),
    ("abc", tf.string), (b"abc", tf.string),
])
def test_a1_3_python_scalars_get_tf_dtypes(value, dtype):
    t = tf.constant(value)
    assert t.dtype is dtype and t.shape == ()


def test_a1_3_constant_42_repr():
    assert repr(tf.constant(42)) == "<tf.Tensor: shape=(), dtype=int32, numpy=42>"


@pytest.mark.parametrize("value", [2**63, 2**64, [1, 2**63]])
def test_ints_beyond_int64_are_value_errors(value):
    with pytest.raises(ValueError, match="out-of-range integer"):
        tf.constant(value)


def test_python_floats_beyond_float32_are_value_errors_but_inf_is_fine():
    with pytest.raises(ValueError, match="out of range for a double-precision float"):
        tf.constant(1e40)
    with pytest.raises(ValueError, match="out of range"):
        tf.constant([1, 1e40])
    assert np.isinf(tf.constant(float("inf")).numpy())
    assert tf.constant(1e-50).numpy() == 0.0


def test_strings_are_utf8_bytes():
    assert tf.constant("café").numpy() == b"caf\xc3\xa9"
    np.testing.assert_array_equal(tf.constant(["café", b"x"]).numpy(),
                                  np.array([b"caf\xc3\xa9", b"x"], dtype=object))
    assert tf.constant(np.str_("é")).numpy() == b"\xc3\xa9"


@pytest.mark.parametrize("value,dtype,expected", [
    ([1, 2.], tf.float32, [1., 2.]),
    ([1, 2**40, 1.5], tf.float32, [1., 2.**40, 1.5]),
    ([1, True], tf.int32, [1, 1]),
    ([1.5, True], tf.float32, [1.5, 1.]),
    ([1j, 1], tf.complex128, [1j, 1]),
    ([0j, 1j, 0.5], tf.complex128, [0, 1j, 0.5]),
    ([np.float64(1.), 1.5], tf.float64, [1., 1.5]),
    ([1.5, np.float64(1.)], tf.float32, [1.5, 1.]),
    ([np.int64(1), 2], tf.int32, [1, 2]),
    ([np.float16(1.), 1.5], tf.float16, [1., 1.5]),
    ([np.array([1, 2]), [1.5, 2]], tf.float32, [[1., 2.], [1.5, 2.]]),
    (((1, 2), (3, 4)), tf.int32, [[1, 2], [3, 4]]),
    (range(3), tf.int32, [0, 1, 2]),
])
def test_lists_mix_kinds_in_tf_order(value, dtype, expected):
    t = tf.constant(value)
    assert t.dtype is dtype
    np.testing.assert_array_equal(t.numpy(), expected)


@pytest.mark.parametrize("value", [[True, 1], [True, 1.5], [1, 1j], [0.5, 1j], ["a", 1],
                                   [1, "a"], [1, None], [np.array([True]), [1]]])
def test_lists_of_mixed_kinds_are_value_errors(value):
    with pytest.raises(ValueError, match="mixed types"):
        tf.constant(value)


def test_empty_lists_are_float32():
    assert tf.constant([]).dtype is tf.float32 and tf.constant([]).shape == (0,)
    assert tf.constant([[]]).shape == (1, 0)


def test_ragged_lists_are_value_errors():
    with pytest.raises(ValueError, match="non-rectangular"):
        tf.constant([[1, 2], [3]])


@pytest.mark.parametrize("value", [None, {"a": 1}, object(), tf.float32, [None]])
def test_unsupported_values_are_value_errors(value):
    with pytest.raises(ValueError, match="with an unsupported type"):
        tf.convert_to_tensor(value)


@pytest.mark.parametrize("value,dtype", [
    (1.5, tf.int32), (1.0, tf.int32), ([1.5], tf.int32), ([1, 2.5], tf.int32), (1, tf.bool),
    (True, tf.complex64), (1j, tf.float32), ("a", tf.float32), (1, tf.string),
])
def test_python_values_that_cannot_take_the_dtype_are_type_errors(value, dtype):
    with pytest.raises(TypeError, match="Cannot convert .* to EagerTensor of dtype"):
        tf.constant(value, dtype=dtype)


def test_the_type_error_names_the_kernel_dtype_as_tf_does():
    with pytest.raises(TypeError) as info:
        tf.constant(1.5, dtype=tf.int32)
    assert str(info.value) == "Cannot convert 1.5 to EagerTensor of dtype int32"
    with pytest.raises(TypeError) as info:
        tf.constant("a", dtype=tf.float32)
    assert str(info.value) == "Cannot convert 'a' to EagerTensor of dtype float"


@pytest.mark.parametrize("value,dtype,expected", [
    (300, tf.uint8, 44), (-1, tf.uint8, 255), (2**40, tf.int32, 0), (200, tf.int8, -56),
    (True, tf.int32, 1), (True, tf.float32, 1.), (1, tf.complex64, 1 + 0j),
    (2**63, tf.uint64, 2**63), (1e40, tf.float32, np.inf), (1e5, tf.float16, np.inf),
    (1, "float32", 1.), (1, np.float32, 1.),
])
def test_python_values_convert_to_a_requested_dtype_like_tf(value, dtype, expected):
    t = tf.constant(value, dtype=dtype)
    assert t.dtype == dtype and t.numpy() == expected


def test_a1_9_ndarrays_keep_their_dtype():
    assert tf.constant(np.array([2., 4., 5.])).dtype is tf.float64
    assert tf.constant(np.array([1], np.uint16)).dtype is tf.uint16
    assert tf.constant(np.float64(1.)).dtype is tf.float64
    assert tf.constant(np.int64(1)).dtype is tf.int64


def test_a1_14_range_is_int32_but_arange_is_int64_with_equal_values():
    a, b = tf.range(10), tf.constant(np.arange(10))
    assert a.dtype is tf.int32 and b.dtype is tf.int64
    np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_ndarrays_are_cast_to_a_requested_dtype():
    np.testing.assert_array_equal(tf.constant(np.array([1.5, 2.]), dtype=tf.int32).numpy(), [1, 2])
    assert tf.constant(np.array(["1.5"]), dtype=tf.float32).numpy()[0] == 1.5
    assert tf.constant(np.array([1 + 1j]), dtype=tf.float32).numpy()[0] == 1.


def test_unsupported_numpy_arrays_are_value_errors():
    with pytest.raises(ValueError, match="Unsupported numpy type: NPY_DATETIME"):
        tf.constant(np.array(["2020-01-01"], dtype="datetime64[D]"))
    with pytest.raises(ValueError, match="Unsupported object type int"):
        tf.constant(np.array([1, 2], dtype=object))
    with pytest.raises(ValueError, match="Unsupported object type int"):
        tf.constant(np.array([1]), dtype=tf.string)


def test_constant_copies_the_ndarray_it_is_given():
    a = np.zeros(3, np.float32)
    t = tf.constant(a)
    a[0] = 5.
    assert t.numpy()[0] == 0.


def test_a_tensor_never_changes_dtype_in_conversion():
    t = tf.constant([1.5])
    with pytest.raises(TypeError) as info:
        tf.constant(t, dtype=tf.float64)
    assert str(info.value) == \
        "Expected tensor [1.5] with dtype tf.float64, but got dtype tf.float32."
    with pytest.raises(ValueError, match="Tensor conversion requested dtype float64 for Tensor "
                                         "with dtype float32"):
        tf.convert_to_tensor(t, dtype=tf.float64)
    assert tf.convert_to_tensor(t) is t


def test_dtype_hint_is_used_only_where_the_value_can_take_it():
    assert tf.convert_to_tensor([1, 2], dtype_hint=tf.float32).dtype is tf.float32
    assert tf.convert_to_tensor(1.5, dtype_hint=tf.int32).dtype is tf.float32
    assert tf.convert_to_tensor("a", dtype_hint=tf.float32).dtype is tf.string
    assert tf.convert_to_tensor(tf.constant(1), dtype_hint=tf.float32).dtype is tf.int32
    assert tf.convert_to_tensor(np.array([1.5]), dtype_hint=tf.int32).dtype is tf.int32


def test_lists_of_tensors_are_stacked_with_the_tensors_dtype():
    t = tf.convert_to_tensor([tf.constant(1.), tf.constant(2.)])
    assert t.dtype is tf.float32 and t.shape == (2,)
    assert tf.convert_to_tensor([tf.constant(1.), 2]).dtype is tf.float32
    assert tf.convert_to_tensor([tf.constant(1., tf.float64), 2.]).dtype is tf.float64
    assert tf.convert_to_tensor([np.float64(1.), tf.constant(2.)]).dtype is tf.float32
    pair = tf.convert_to_tensor([tf.constant([1., 2.]), tf.constant([3., 4.])])
    np.testing.assert_array_equal(pair.numpy(), [[1., 2.], [3., 4.]])
    assert tf.convert_to_tensor([tf.Variable(1.), tf.Variable(2.)]).shape == (2,)
    assert tf.constant([tf.constant(1.), tf.constant(2.)]).shape == (2,)


def test_list_items_must_take_the_tensors_dtype():
    with pytest.raises(TypeError, match="Cannot convert 2.5 to EagerTensor of dtype int32"):
        tf.convert_to_tensor([tf.constant(1), 2.5])
    with pytest.raises(TypeError, match="Cannot convert 2.5 to EagerTensor of dtype int32"):
        tf.convert_to_tensor([2.5, tf.constant(1)])
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="cannot compute Pack as input #1.*float tensor but is a double"):
        tf.convert_to_tensor([tf.constant(1.), tf.constant(2., tf.float64)])


def test_an_explicit_dtype_casts_the_tensors_of_a_list():
    t = tf.convert_to_tensor([tf.constant(1.), tf.constant(2.)], dtype=tf.float64)
    assert t.dtype is tf.float64


def test_tensor_shapes_convert_to_int32_vectors_when_fully_known():
    np.testing.assert_array_equal(tf.convert_to_tensor(tf.TensorShape([2, 3])).numpy(), [2, 3])
    with pytest.raises(ValueError, match="partially known TensorShape"):
        tf.convert_to_tensor(tf.TensorShape([2, None]))


def test_constant_shape_fills_or_reshapes():
    np.testing.assert_array_equal(tf.constant(0., shape=[2, 2]).numpy(), np.zeros((2, 2)))
    assert tf.constant([1, 2, 3, 4], shape=[2, 2]).shape == (2, 2)
    assert tf.constant(1, shape=tf.constant([2])).shape == (2,)
    assert tf.constant(1, shape=tf.TensorShape([2])).shape == (2,)
    with pytest.raises(TypeError) as info:
        tf.constant([1, 2, 3], shape=[2, 2])
    assert str(info.value) == (
        "Eager execution of tf.constant with unsupported shape. Tensor [1 2 3] (converted from "
        "[1, 2, 3]) has 3 elements, but got `shape` (2, 2) with 4 elements).")


def test_constant_of_a_variable_is_its_value():
    t = tf.constant(tf.Variable([1., 2.]))
    assert isinstance(t, tf.Tensor)
    np.testing.assert_array_equal(t.numpy(), [1., 2.])


def test_an_empty_list_converts_to_any_requested_dtype():
    assert tf.constant([], tf.int64).dtype is tf.int64
    assert tf.constant([], tf.int64).shape == [0]
    assert tf.constant([[]], tf.float32).shape == [1, 0]
