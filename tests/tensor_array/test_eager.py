"""Eager tf.TensorArray: TF 2.21's eager semantics, values and errors (A3.2)."""

import numpy as np
import pytest

import tensorlet as tf


def _three_rows(**kwargs):
    ta = tf.TensorArray(tf.float32, size=3, **kwargs)
    ta = ta.write(0, [1., 2.])
    ta = ta.write(1, [3., 10.])
    return ta.write(2, [5., 7.])


def test_a3_2_read_clears_its_slot_so_stack_has_zeros_there():
    ta = _three_rows()
    np.testing.assert_array_equal(ta.read(1).numpy(), [3., 10.])
    np.testing.assert_array_equal(ta.stack().numpy(), [[1., 2.], [0., 0.], [5., 7.]])


def test_a3_2_clear_after_read_false_keeps_the_element():
    ta = _three_rows(clear_after_read=False)
    np.testing.assert_array_equal(ta.read(1).numpy(), [3., 10.])
    np.testing.assert_array_equal(ta.stack().numpy(), [[1., 2.], [3., 10.], [5., 7.]])
    np.testing.assert_array_equal(ta.read(1).numpy(), [3., 10.])


def test_a3_2_reading_a_cleared_slot_twice_is_an_error():
    ta = tf.TensorArray(tf.float32, size=2).write(0, 1.)
    assert ta.read(0).numpy() == 1.
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"Could not read index 0 twice because it was cleared after a "
                             r"previous read \(perhaps try setting clear_after_read = false\?\)"):
        ta.read(0)


def test_a3_2_stack_fills_a_cleared_slot_with_zeros_that_stay():
    ta = _three_rows()
    ta.read(1)
    ta.stack()
    np.testing.assert_array_equal(ta.read(1).numpy(), [0., 0.])


def test_a3_2_write_returns_a_new_array_sharing_the_elements():
    ta = tf.TensorArray(tf.float32, size=2)
    ta2 = ta.write(0, 1.)
    assert ta2 is not ta and isinstance(ta2, tf.TensorArray)
    np.testing.assert_array_equal(ta.stack().numpy(), [1., 0.])


def test_a3_2_dynamic_size_grows_with_zeros_between():
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    ta = ta.write(0, 1.).write(4, 2.)
    assert ta.size().numpy() == 5 and ta.size().dtype == tf.int32
    np.testing.assert_array_equal(ta.stack().numpy(), [1., 0., 0., 0., 2.])
    assert ta.dynamic_size is True


def test_a3_2_writing_beyond_a_fixed_size_is_out_of_range():
    with pytest.raises(tf.errors.OutOfRangeError,
                       match="Tried to write to index 2 but array is not resizeable and size "
                             "is: 2 "):
        tf.TensorArray(tf.float32, size=2).write(2, 1.)
    with pytest.raises(tf.errors.OutOfRangeError,
                       match=r"Writing to negative indices \(index -1\) is not allowed."):
        tf.TensorArray(tf.float32, size=2, dynamic_size=True).write(-1, 1.)


def test_a3_2_a_differently_shaped_row_is_an_incompatible_shape():
    ta = tf.TensorArray(tf.float32, size=2).write(0, [1., 2.])
    with pytest.raises(ValueError, match=r"Incompatible shape for value \(\(3,\)\), expected "
                                         r"\(\(2,\)\)"):
        ta.write(1, [1., 2., 3.])
    with pytest.raises(ValueError, match=r"Incompatible shape for value \(\(\)\)"):
        ta.write(1, 3.)


def test_a3_2_element_shape_argument_is_checked_and_partial_shapes_refine():
    with pytest.raises(ValueError, match="Incompatible shape"):
        tf.TensorArray(tf.float32, size=2, element_shape=[2]).write(0, [1., 2., 3.])
    ta = tf.TensorArray(tf.float32, size=2, element_shape=[None, 2]).write(0, [[1., 2.]])
    assert ta.element_shape == tf.TensorShape([1, 2])
    assert tf.TensorArray(tf.float32, size=1).element_shape.rank is None


def test_a3_2_infer_shape_false_allows_rows_of_several_lengths():
    ta = tf.TensorArray(tf.float32, size=2, infer_shape=False)
    ta = ta.write(0, [1., 2.]).write(1, [3.])
    assert ta.element_shape.rank is None
    np.testing.assert_array_equal(ta.concat().numpy(), [1., 2., 3.])


def test_a3_2_reading_an_unwritten_index_zeros_or_error():
    ta = tf.TensorArray(tf.float32, size=2, element_shape=[3])
    np.testing.assert_array_equal(ta.read(0).numpy(), [0., 0., 0.])
    learned = tf.TensorArray(tf.float32, size=2).write(1, [1., 2.])
    np.testing.assert_array_equal(learned.read(0).numpy(), [0., 0.])
    with pytest.raises(ValueError, match="Cannot convert a partially known TensorShape "
                                         "<unknown> to a Tensor."):
        tf.TensorArray(tf.float32, size=2).read(0)
    with pytest.raises(ValueError, match=r"partially known TensorShape \(None, 2\)"):
        tf.TensorArray(tf.float32, size=2, element_shape=[None, 2]).stack()


def test_a3_2_read_out_of_range_and_negative():
    ta = tf.TensorArray(tf.float32, size=2)
    with pytest.raises(tf.errors.OutOfRangeError,
                       match="Tried to read from index 5 but array size is: 2 "):
        ta.read(5)
    with pytest.raises(tf.errors.OutOfRangeError, match=r"negative indices \(index -1\)"):
        ta.read(-1)


def test_a3_2_dtype_is_enforced_and_python_data_takes_it():
    ta = tf.TensorArray(tf.float32, size=2)
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="TensorArray dtype is float32 but Op is trying to write dtype "
                             "int32 "):
        ta.write(0, tf.constant([1, 2]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="write dtype float32"):
        tf.TensorArray(tf.int32, size=1).write(0, 1.5)
    stacked = ta.write(0, [1, 2]).write(1, np.array([1.5, 2.5])).stack()
    assert stacked.dtype == tf.float32
    np.testing.assert_array_equal(stacked.numpy(), [[1., 2.], [1.5, 2.5]])


def test_a3_2_string_elements():
    ta = tf.TensorArray(tf.string, size=3, element_shape=[])
    out = ta.write(0, "ab").write(2, b"c").stack()
    assert out.dtype == tf.string
    assert out.numpy().tolist() == [b"ab", b"", b"c"]


def test_a3_2_index_tensors_and_bad_indices():
    ta = tf.TensorArray(tf.float32, size=tf.constant(2)).write(tf.constant(1, tf.int64), 2.)
    assert ta.read(tf.constant(1)).numpy() == 2.
    with pytest.raises(TypeError, match="list indices must be integers or slices, not float"):
        tf.TensorArray(tf.float32, size=2).write(1.0, 1.)


def test_a3_2_size_is_required_and_an_integer():
    with pytest.raises(ValueError, match="Size must be declared for TensorArrays when eager "
                                         "execution is enabled."):
        tf.TensorArray(tf.float32)
    with pytest.raises(TypeError, match="'float' object cannot be interpreted as an integer"):
        tf.TensorArray(tf.float32, size=2.0)
    assert tf.TensorArray(tf.float32, size=-1).size().numpy() == 0


def test_a3_2_unstack_replaces_the_elements():
    ta = tf.TensorArray(tf.float32, size=4).write(3, 9.).unstack([1., 2.])
    np.testing.assert_array_equal(ta.stack().numpy(), [1., 2.])
    grown = tf.TensorArray(tf.float32, size=0, dynamic_size=True).unstack([[1.], [2.], [3.]])
    assert grown.size().numpy() == 3
    with pytest.raises(ValueError, match="Cannot unstack 3 tensors into a TensorArray of static "
                                         "size 2 "):
        tf.TensorArray(tf.float32, size=2).unstack([1., 2., 3.])
    with pytest.raises(ValueError, match=r"Argument `axis` = 0 not in range \[0, 0\)"):
        tf.TensorArray(tf.float32, size=1).unstack(1.)


def test_a3_2_gather_stacks_the_chosen_elements():
    ta = tf.TensorArray(tf.float32, size=3).unstack([[1., 2.], [3., 4.], [5., 6.]])
    np.testing.assert_array_equal(ta.gather([2, 0]).numpy(), [[5., 6.], [1., 2.]])
    np.testing.assert_array_equal(ta.gather(tf.constant([1])).numpy(), [[3., 4.]])
    np.testing.assert_array_equal(ta.gather([-1]).numpy(), [[5., 6.]])
    with pytest.raises(IndexError, match="list index out of range"):
        ta.gather([3])


def test_a3_2_scatter_writes_rows_at_indices():
    ta = tf.TensorArray(tf.float32, size=4, clear_after_read=False)
    ta = ta.scatter([3, 0], [[1., 2.], [3., 4.]])
    np.testing.assert_array_equal(ta.stack().numpy(), [[3., 4.], [0., 0.], [0., 0.], [1., 2.]])
    assert ta.element_shape == tf.TensorShape([2])
    with pytest.raises(tf.errors.OutOfRangeError, match="index 3 but array is not resizeable"):
        tf.TensorArray(tf.float32, size=2).scatter([3], [1.])
    dyn = tf.TensorArray(tf.float32, size=2, dynamic_size=True).scatter([3], [1.])
    np.testing.assert_array_equal(dyn.stack().numpy(), [0., 0., 0., 1.])


def test_a3_2_concat_joins_along_the_first_axis():
    ta = tf.TensorArray(tf.float32, size=2, element_shape=[2]).write(0, [1., 2.])
    np.testing.assert_array_equal(ta.concat().numpy(), [1., 2., 0., 0.])
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="Concat saw a scalar shape at index 0 but requires at least "
                             "vectors."):
        tf.TensorArray(tf.float32, size=2).write(0, 1.).write(1, 3.).concat()
    with pytest.raises(tf.errors.InvalidArgumentError, match="no element to concatenate"):
        tf.TensorArray(tf.float32, size=0).concat()


def test_a3_2_split_makes_elements_of_the_given_lengths():
    ta = tf.TensorArray(tf.float32, size=2).split([1., 2., 3.], [2, 1])
    np.testing.assert_array_equal(ta.read(0).numpy(), [1., 2.])
    np.testing.assert_array_equal(ta.read(1).numpy(), [3.])
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"Expected sum of lengths to be equal to values.shape\[0\], but sum "
                             r"of lengths is 4 and value's shape is: \[3\] "):
        tf.TensorArray(tf.float32, size=2).split([1., 2., 3.], [2, 2])
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"TensorArray's size is not equal to the size of lengths \(3 vs. "
                             r"2\)"):
        tf.TensorArray(tf.float32, size=3).split([1., 2., 3.], [2, 1])
    with pytest.raises(tf.errors.InvalidArgumentError, match="at least a vector"):
        tf.TensorArray(tf.float32, size=1).split(1., [1])
    with pytest.raises(tf.errors.InvalidArgumentError, match="lengths to be a vector"):
        tf.TensorArray(tf.float32, size=1).split([1.], [[1]])


def test_a3_2_stack_of_an_empty_array():
    assert tf.TensorArray(tf.float32, size=0).stack().shape == (0,)
    shaped = tf.TensorArray(tf.float32, size=0, element_shape=[2]).stack()
    assert shaped.shape == (0, 2) and shaped.dtype == tf.float32


def test_a3_2_identity_close_and_properties():
    ta = tf.TensorArray(tf.float32, size=2).write(0, [1., 2.])
    same = ta.identity()
    assert same is not ta
    np.testing.assert_array_equal(same.read(0).numpy(), [1., 2.])
    assert ta.dtype == tf.float32 and ta.handle is None
    assert ta.flow.dtype == tf.int32 and ta.flow.numpy() == 0
    assert ta.close() is None
    assert ta.size().numpy() == 0
    with pytest.raises(NotImplementedError, match="TensorArray.grad is not supported"):
        ta.grad("source")


def test_a3_2_dtype_given_as_a_string():
    assert tf.TensorArray("float32", size=1).dtype == tf.float32
