"""Indexing tensors: ints, negative ints, slices with steps, `...`, tf.newaxis, tensor indices
(A1.4), and TF's errors for bad keys."""

import numpy as np
import pytest

import tensorlet as tf


@pytest.fixture
def t():
    return tf.constant([[1., 2., 3.], [4., 5., 6.]])


def test_a1_4_column_slice(t):
    np.testing.assert_array_equal(t[:, 1:].numpy(), [[2., 3.], [5., 6.]])


def test_a1_4_ellipsis_index_and_newaxis(t):
    y = t[..., 1, tf.newaxis]
    assert y.shape == (2, 1)
    np.testing.assert_array_equal(y.numpy(), [[2.], [5.]])
    assert tf.newaxis is None
    assert t[None].shape == (1, 2, 3)


def test_a1_4_negative_indices_and_steps(t):
    np.testing.assert_array_equal(t[-1].numpy(), [4., 5., 6.])
    np.testing.assert_array_equal(t[::-1].numpy(), [[4., 5., 6.], [1., 2., 3.]])
    np.testing.assert_array_equal(t[:, ::2].numpy(), [[1., 3.], [4., 6.]])
    np.testing.assert_array_equal(t[-5:].numpy(), t.numpy())
    assert t[10:20].shape == (0, 3)


def test_a1_4_scalar_tensors_and_numpy_ints_are_indices(t):
    np.testing.assert_array_equal(t[tf.constant(1)].numpy(), [4., 5., 6.])
    np.testing.assert_array_equal(t[tf.constant(1, tf.int64)].numpy(), [4., 5., 6.])
    np.testing.assert_array_equal(t[np.int64(1)].numpy(), [4., 5., 6.])
    np.testing.assert_array_equal(t[np.array(1)].numpy(), [4., 5., 6.])
    assert t[1:tf.constant(2)].shape == (1, 3)
    np.testing.assert_array_equal(tf.Variable(t)[tf.constant(1)].numpy(), [4., 5., 6.])


def test_a_list_key_reads_as_a_tuple_as_in_tf(t):
    assert float(t[[0, 1]]) == 2.


@pytest.mark.parametrize("key", [1.5, "a", np.array([1])])
def test_invalid_keys_are_type_errors_with_tf_message(t, key):
    with pytest.raises(TypeError, match=r"Only integers, slices \(`:`\), ellipsis \(`...`\), "
                                        r"tf.newaxis \(`None`\) and scalar tf.int32/tf.int64 "
                                        r"tensors are valid indices, got"):
        t[key]  # noqa: B018


def test_float_or_vector_tensor_keys_are_type_errors(t):
    for key in (tf.constant(1.), tf.constant([0, 1])):
        with pytest.raises(TypeError, match="are valid indices, got <tf.Tensor"):
            t[key]  # noqa: B018


def test_a_python_bool_key_is_read_as_a_scalar_mask(t):
    with pytest.raises(ValueError, match="mask cannot be scalar"):
        t[True]  # noqa: B018


def test_zero_steps_and_double_ellipses_are_invalid_argument(t):
    with pytest.raises(tf.errors.InvalidArgumentError, match="strides\\[0\\] must be non-zero"):
        t[::0]  # noqa: B018
    with pytest.raises(tf.errors.InvalidArgumentError, match="Multiple ellipses"):
        t[..., ...]  # noqa: B018


def test_out_of_range_indices_are_invalid_argument(t):
    with pytest.raises(tf.errors.InvalidArgumentError, match="slice index 5 of dimension 0 out "
                                                             "of bounds"):
        t[5]  # noqa: B018
    with pytest.raises(tf.errors.InvalidArgumentError, match="Index out of range using input "
                                                             "dim 2"):
        t[0, 0, 0]  # noqa: B018
    with pytest.raises(tf.errors.InvalidArgumentError, match="Attempting to slice scalar"):
        tf.constant(1.)[0]  # noqa: B018
    assert float(tf.constant(1.)[...]) == 1.


def test_elements_of_string_tensors_are_string_scalars():
    """A `bytes` kernel result stays a string tensor (it used to become a NumPy `S` array whose
    `.dtype` raised KeyError)."""
    t = tf.constant(["ab", "c"])
    for y in (t[0], t[-1], tf.gather(t, 0), tf.unstack(t)[1], tf.reverse(t, [0])[0]):
        assert y.dtype is tf.string and y.shape == ()
    assert repr(t[0]) == "<tf.Tensor: shape=(), dtype=string, numpy=b'ab'>"
    assert tf.function(lambda s: s[1])(t).numpy() == b"c"
