"""`t[...]` (FEATURES A1.4): slices, negative indices, steps, `...`, tf.newaxis, scalar int
tensors, bool masks, and the errors TF 2.21 raises for bad keys."""

import numpy as np
import pytest

import tensorlet as tf

T = tf.constant([[1., 2., 3.], [4., 5., 6.]])
A = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
X = tf.constant(A)


def test_a1_4_column_slice():
    np.testing.assert_array_equal(T[:, 1:].numpy(), [[2., 3.], [5., 6.]])


def test_a1_4_ellipsis_index_newaxis():
    y = T[..., 1, tf.newaxis]
    assert y.shape == tf.TensorShape([2, 1])
    np.testing.assert_array_equal(y.numpy(), [[2.], [5.]])


@pytest.mark.parametrize("key", [
    (-1,), (-1, -1), (slice(None, None, -1),), (slice(None, None, 2), slice(-3, None)),
    (Ellipsis, slice(None, None, -2)), (0, Ellipsis, 1), (None, 1, None, slice(1, 3)),
    (slice(1, 100), slice(-100, 2)), (slice(5, 1, -1),), (1, slice(2, 0, -1), Ellipsis, 3),
    (Ellipsis,), (), (slice(3, 1),),
], ids=repr)
def test_key_matches_numpy(key):
    y = X[key]
    np.testing.assert_array_equal(y.numpy(), A[key])
    assert y.dtype == tf.float32


def test_scalar_int_tensors_and_numpy_ints_index_like_ints():
    np.testing.assert_array_equal(X[tf.constant(1), tf.constant(-1, tf.int64)].numpy(), A[1, -1])
    np.testing.assert_array_equal(X[np.int64(1), 1:tf.constant(3)].numpy(), A[1, 1:3])


def test_a_list_key_is_read_as_a_tuple_like_tf():
    assert float(T[[0, 1]]) == 2.0


def test_bool_tensor_key_is_a_boolean_mask():
    y = T[tf.constant([False, True])]
    np.testing.assert_array_equal(y.numpy(), [[4., 5., 6.]])


def test_indexing_a_variable_reads_its_current_value():
    v = tf.Variable([[1., 2.], [3., 4.]])
    v.assign([[5., 6.], [7., 8.]])
    np.testing.assert_array_equal(v[1, ::-1].numpy(), [8., 7.])


def test_gradient_of_a_slice_scatters_into_the_sliced_places():
    x = tf.constant(A)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(x[1, ::2, tf.newaxis, -1] * 2.0)
    g = tape.gradient(y, x).numpy()
    expected = np.zeros_like(A)
    expected[1, ::2, -1] = 2.0
    np.testing.assert_array_equal(g, expected)


def test_second_order_gradient_through_indexing():
    x = tf.constant([1., 2., 3.])
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(x[::-1][:2] ** 3)
        g = inner.gradient(y, x)
    h = outer.gradient(g, x)
    np.testing.assert_allclose(g.numpy(), [0., 12., 27.])
    np.testing.assert_allclose(h.numpy(), [0., 12., 18.])


def test_gradient_flows_through_a_variable_slice():
    v = tf.Variable([1., 2., 3.])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v[1:] * 2.0)
    np.testing.assert_allclose(tape.gradient(y, v).numpy(), [0., 2., 2.])


def test_strided_slice_masks_match_the_getitem_key():
    y = tf.strided_slice(X, [1, 0, 0], [2, 3, -1], [1, 1, 2], end_mask=2, shrink_axis_mask=1)
    np.testing.assert_array_equal(y.numpy(), A[1, :, 0:-1:2])
    z = tf.strided_slice(X, [0, 2], [0, 0], [1, -1], ellipsis_mask=1)
    np.testing.assert_array_equal(z.numpy(), A[..., 2:0:-1])


def test_slice_takes_begin_and_size():
    np.testing.assert_array_equal(tf.slice(X, [1, 1, 0], [1, -1, 2]).numpy(), A[1:2, 1:, 0:2])


@pytest.mark.parametrize("key,text", [
    (5, "slice index 5 of dimension 0 out of bounds."),
    (-3, "slice index -1 of dimension 0 out of bounds."),
    ((0, 3), "slice index 3 of dimension 1 out of bounds."),
    ((0, 0, 0), "Index out of range using input dim 2; input has only 2 dims"),
    (slice(None, None, 0), "strides[0] must be non-zero"),
    ((Ellipsis, 0, Ellipsis), "Multiple ellipses in slice spec not allowed"),
], ids=repr)
def test_out_of_range_and_malformed_keys_raise_invalid_argument(key, text):
    with pytest.raises(tf.errors.InvalidArgumentError, match=None) as info:
        T[key]
    assert text in str(info.value)


def test_indexing_a_scalar_raises_invalid_argument():
    with pytest.raises(tf.errors.InvalidArgumentError, match="scalar"):
        tf.constant(1.)[0]


@pytest.mark.parametrize("key", [1.5, (0, 1.0), tf.constant(1.0), tf.constant([1]), [[0, 1]],
                                 "a"], ids=repr)
def test_unsupported_keys_raise_type_error_listing_valid_indices(key):
    with pytest.raises(TypeError, match="Only integers, slices"):
        T[key]


def test_python_bool_key_raises_value_error_like_tf():
    with pytest.raises(ValueError, match="mask cannot be scalar"):
        T[True]


def test_iterating_a_tensor_yields_its_rows():
    rows = [r.numpy().tolist() for r in T]
    assert rows == [[1., 2., 3.], [4., 5., 6.]]


def test_a_traced_scalar_index_works_in_any_position_and_counts_negatives_from_the_end():
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(4, 3, 2))

    @tf.function
    def f(x, i, j):
        return x[i], x[1:, j, tf.newaxis], x[..., i]

    a, b, c = f(x, tf.constant(-1), tf.constant(2))
    np.testing.assert_array_equal(a.numpy(), x.numpy()[-1])
    np.testing.assert_array_equal(b.numpy(), x.numpy()[1:, 2, None])
    np.testing.assert_array_equal(c.numpy(), x.numpy()[..., -1])
