"""Variable updates: assign*, slice assignment and scatter updates (A2.2, A2.3, A2.4, A2.6)."""

import numpy as np
import pytest

import tensorlet as tf


@pytest.fixture
def v():
    return tf.Variable([[1., 2., 3.], [4., 5., 6.]])


def test_a2_2_assign_returns_the_updated_variable(v):
    out = v.assign(2 * v)
    assert isinstance(out, tf.Variable)
    np.testing.assert_array_equal(out.numpy(), [[2., 4., 6.], [8., 10., 12.]])
    np.testing.assert_array_equal(v.numpy(), [[2., 4., 6.], [8., 10., 12.]])


def test_a2_2_assign_add_and_sub_return_the_variable(v):
    np.testing.assert_array_equal(v.assign_add(tf.ones((2, 3))).numpy(),
                                  [[2., 3., 4.], [5., 6., 7.]])
    np.testing.assert_array_equal(v.assign_sub([[1, 1, 1], [1, 1, 1]]).numpy(),
                                  [[1., 2., 3.], [4., 5., 6.]])


def test_read_value_false_returns_none(v):
    assert v.assign(v, read_value=False) is None
    assert v.assign_add(tf.zeros((2, 3)), read_value=False) is None


def test_assign_converts_python_and_numpy_values_but_never_tensors(v):
    np.testing.assert_array_equal(v.assign([[1, 2, 3], [4, 5, 6]]).numpy(),
                                  [[1., 2., 3.], [4., 5., 6.]])
    assert v.assign(np.ones((2, 3))).dtype is tf.float32
    with pytest.raises(ValueError, match="Tensor conversion requested dtype float32 for Tensor "
                                         "with dtype int32"):
        v.assign(tf.ones((2, 3), tf.int32))
    with pytest.raises(TypeError, match="Cannot convert \\[1.5, 2\\] to EagerTensor of dtype "
                                        "int32"):
        tf.Variable([1, 2]).assign([1.5, 2])


def test_a2_6_assign_of_another_shape_is_a_value_error(v):
    with pytest.raises(ValueError) as info:
        v.assign([1., 2.])
    assert "Shape mismatch" in str(info.value)
    assert "The variable shape (2, 3), and the assigned value shape (2,) are incompatible" in \
        str(info.value)


def test_assign_add_needs_the_exact_shape(v):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        v.assign_add(1.)
    assert str(info.value).startswith(
        "Cannot update variable with shape [2,3] using a Tensor with shape [], shapes must be "
        "equal. [Op:AssignAddVariableOp]")
    with pytest.raises(tf.errors.InvalidArgumentError, match="AssignSubVariableOp"):
        v.assign_sub([1., 2.])


def test_a2_3_slice_assign_book_sequence(v):
    v.assign(2 * v)
    v[0, 1].assign(42)
    np.testing.assert_array_equal(v.numpy(), [[2., 42., 6.], [8., 10., 12.]])
    out = v[:, 2].assign([0., 1.])
    np.testing.assert_array_equal(out.numpy(), [[2., 42., 0.], [8., 10., 1.]])


def test_slice_assign_broadcasts_and_supports_newaxis(v):
    np.testing.assert_array_equal(v[:, 2].assign(5.).numpy(), [[1., 2., 5.], [4., 5., 5.]])
    np.testing.assert_array_equal(v[0, tf.newaxis].assign([[7., 8., 9.]]).numpy()[0],
                                  [7., 8., 9.])


def test_slice_assign_errors(v):
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Cannot broadcast input shape \\[3\\] into final shape \\[2\\]"):
        v[:, 2].assign([0., 1., 2.])
    with pytest.raises(tf.errors.InvalidArgumentError, match="out of bounds"):
        v[5].assign([1., 2., 3.])
    with pytest.raises(TypeError, match="Cannot convert 1.5 to EagerTensor of dtype int32"):
        tf.Variable([1, 2])[0].assign(1.5)


def test_slice_assign_leaves_earlier_reads_unchanged(v):
    before = v.value()
    v[0, 0].assign(100.)
    assert before.numpy()[0, 0] == 1.


def test_a2_4_scatter_nd_update_book_values(v):
    v.assign([[2., 42., 0.], [8., 10., 1.]])
    out = v.scatter_nd_update(indices=[[0, 0], [1, 2]], updates=[100., 200.])
    assert out is v
    np.testing.assert_array_equal(v.numpy(), [[100., 42., 0.], [8., 10., 200.]])


def test_scatter_nd_add_accumulates_duplicates(v):
    v.scatter_nd_add(indices=[[0, 0], [0, 0]], updates=[1., 1.])
    assert v.numpy()[0, 0] == 3.
    v.scatter_nd_sub(indices=[[1]], updates=[[1., 1., 1.]])
    np.testing.assert_array_equal(v.numpy()[1], [3., 4., 5.])


@pytest.mark.parametrize("indices", [[[0, 5]], [[0, -1]]])
def test_scatter_nd_indices_out_of_range_are_invalid_argument(v, indices):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        v.scatter_nd_update(indices=indices, updates=[100.])
    assert str(info.value) == (f"indices[0] = {indices[0]} does not index into shape [2,3] "
                               f"[Op:ResourceScatterNdUpdate]")


def test_a2_4_scatter_update_with_indexed_slices(v):
    rows = tf.IndexedSlices(tf.constant([[9., 9., 9.]]), tf.constant([1]))
    np.testing.assert_array_equal(v.scatter_update(rows).numpy(), [[1., 2., 3.], [9., 9., 9.]])
    ones = tf.IndexedSlices(tf.constant([[1., 1., 1.]]), tf.constant([0]))
    np.testing.assert_array_equal(v.scatter_add(ones).numpy()[0], [2., 3., 4.])
    np.testing.assert_array_equal(v.scatter_sub(ones).numpy()[0], [1., 2., 3.])
    with pytest.raises(TypeError, match="Argument `sparse_delta` must be a `tf.IndexedSlices`"):
        v.scatter_update([1.])


def test_indexed_slices_attributes():
    s = tf.IndexedSlices(tf.constant([[1., 2.]]), tf.constant([1]), [3, 2])
    assert s.dtype is tf.float32 and s.shape == [3, 2]
    np.testing.assert_array_equal(s.dense_shape.numpy(), [3, 2])
    assert tf.IndexedSlices(tf.constant([[1., 2.]]), tf.constant([1])).shape == \
        tf.TensorShape(None)


def test_assign_add_on_a_scalar_variable_keeps_an_array_value():
    v = tf.Variable(0, dtype=tf.int64)
    v.assign_add(tf.constant(1, tf.int64))
    v.assign_sub(tf.constant(3, tf.int64))
    assert tf.convert_to_tensor(v).numpy() == -2
    assert v.assign(v).numpy() == -2


def test_a_scalar_variable_updated_inside_a_function_still_converts_to_an_array():
    v = tf.Variable(0, dtype=tf.int64)
    step = tf.function(lambda: v.assign_add(tf.constant(1, tf.int64)))
    step()
    step()
    assert np.asarray(v).tolist() == 2
    assert isinstance(v._value, np.ndarray)
