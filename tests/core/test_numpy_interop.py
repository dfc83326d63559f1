"""NumPy interop in both directions, with TF's result types (A1.9, A1.10)."""

import numpy as np
import pytest

import tensorlet as tf


def test_a1_9_numpy_and_np_array_give_float32_ndarrays():
    t = tf.constant([[1., 2., 3.], [4., 5., 6.]])
    for a in (t.numpy(), np.array(t), np.asarray(t)):
        assert type(a) is np.ndarray and a.dtype == np.float32
        np.testing.assert_array_equal(a, [[1., 2., 3.], [4., 5., 6.]])


def test_a1_9_tf_square_of_an_ndarray_is_a_float64_tensor():
    y = tf.square(np.array([2., 4., 5.]))
    assert isinstance(y, tf.Tensor) and y.dtype is tf.float64
    np.testing.assert_array_equal(y.numpy(), [4., 16., 25.])


def test_a1_9_numpy_ufuncs_on_tensors_give_ndarrays_of_the_tensor_dtype():
    y = np.square(tf.constant([[1., 2.], [3., 4.]]))
    assert type(y) is np.ndarray and y.dtype == np.float32
    assert np.square(tf.constant(2.)) == np.float32(4.)
    assert np.mean(tf.constant([1., 2.])) == np.float32(1.5)
    np.testing.assert_allclose(tf.constant([1.]), [1.])


def test_a1_10_float32_tensor_plus_float64_ndarray_is_a_float32_tensor():
    t = tf.constant([[1., 2., 3.], [4., 5., 6.]])
    for y in (t + np.ones((2, 3)), np.ones((2, 3)) + t):
        assert isinstance(y, tf.Tensor) and y.dtype is tf.float32
        np.testing.assert_array_equal(y.numpy(), [[2., 3., 4.], [5., 6., 7.]])


def test_ndarray_operands_are_cast_to_the_tensor_dtype():
    i = tf.constant([1, 2])
    y = tf.multiply(i, np.array([1.5, 2.5]))
    assert y.dtype is tf.int32
    np.testing.assert_array_equal(y.numpy(), [1, 4])
    assert (tf.constant([1.]) + np.ones(1, bool)).dtype is tf.float32


def test_numpy_gives_a_writable_copy_and_asarray_a_read_only_view():
    t = tf.constant([1., 2.])
    a = t.numpy()
    a[0] = 7.
    assert t.numpy()[0] == 1.
    view = np.asarray(t)
    assert not view.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        view[0] = 9.


def test_numpy_of_a_scalar_is_a_numpy_scalar():
    x = tf.constant(1.5).numpy()
    assert isinstance(x, np.float32) and x == 1.5


def test_np_array_with_a_dtype_casts():
    a = np.array(tf.constant([1.]), dtype=np.float64)
    assert a.dtype == np.float64


def test_variables_work_with_numpy_too():
    v = tf.Variable([1., 2.])
    assert np.square(v).dtype == np.float32
    np.testing.assert_array_equal(np.array(v), [1., 2.])


def test_asarray_of_a_variable_is_a_writable_copy_as_in_tf():
    v = tf.Variable([1., 2.])
    a = np.asarray(v)
    assert a.flags.writeable
    a[0] = 9.
    assert v.numpy()[0] == 1.
