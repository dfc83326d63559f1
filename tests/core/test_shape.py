"""TensorShape: repr, equality, indexing, as_list and unknown dims (A1.2)."""

import numpy as np
import pytest

import tensorlet as tf


def test_a1_2_tensor_shape_equals_a_tensor_shape_list_and_tuple():
    shape = tf.constant([[1., 2., 3.], [4., 5., 6.]]).shape
    assert shape == tf.TensorShape([2, 3])
    assert shape == [2, 3] and shape == (2, 3) and shape != (2, 4)
    assert repr(shape) == "TensorShape([2, 3])"
    assert tf.TensorShape([2]) == 2
    assert tf.TensorShape([2]) != "ab"


def test_a1_2_negative_index_and_slice():
    shape = tf.TensorShape([2, 3])
    assert shape[-1] == 3 and type(shape[0]) is int
    assert shape[-1:] == tf.TensorShape([3]) and repr(shape[-1:]) == "TensorShape([3])"
    assert shape[::-1] == [3, 2]
    with pytest.raises(IndexError):
        shape[5]  # noqa: B018


def test_a1_2_as_list_and_none_dims():
    assert tf.TensorShape([2, 3]).as_list() == [2, 3]
    shape = tf.TensorShape([None, 3])
    assert shape.as_list() == [None, 3] and shape[0] is None
    assert not shape.is_fully_defined() and shape.num_elements() is None
    assert shape == tf.TensorShape([None, 3])


def test_unknown_rank():
    shape = tf.TensorShape(None)
    assert shape.rank is None and shape[0] is None and shape[1:] == tf.TensorShape(None)
    assert shape == tf.TensorShape(None) and not bool(shape)
    with pytest.raises(ValueError, match="as_list\\(\\) is not defined on an unknown"):
        shape.as_list()
    with pytest.raises(ValueError, match="Cannot take the length of shape with unknown rank"):
        len(shape)


def test_str_and_repr_forms():
    assert [str(tf.TensorShape(d)) for d in ([None, 3], None, [], [2], [None])] == \
        ["(None, 3)", "<unknown>", "()", "(2,)", "(None,)"]
    assert [repr(tf.TensorShape(d)) for d in ([None, 3], None, [], [2])] == \
        ["TensorShape([None, 3])", "TensorShape(None)", "TensorShape([])", "TensorShape([2])"]


def test_constructor_accepts_ints_arrays_and_tensors():
    assert tf.TensorShape(3) == [3]
    assert tf.TensorShape(np.array([2, 3])) == [2, 3]
    assert tf.TensorShape(tf.constant([2, 3])) == [2, 3]
    assert tf.TensorShape([np.int64(2)]) == [2]


@pytest.mark.parametrize("dims,error,match", [
    ([-1], ValueError, "Dimension -1 must be >= 0"),
    ([1.5], TypeError, "Dimension value must be integer or None"),
    ("a", TypeError, "Failed to convert"),
])
def test_bad_dimensions_raise_tf_errors(dims, error, match):
    with pytest.raises(error, match=match):
        tf.TensorShape(dims)


def test_compatibility_merge_and_concatenation():
    assert tf.TensorShape([None, 3]).is_compatible_with([2, 3])
    assert not tf.TensorShape([None, 3]).is_compatible_with([2, 4])
    assert tf.TensorShape([None, 3]).merge_with([2, None]) == [2, 3]
    with pytest.raises(ValueError, match="are not compatible"):
        tf.TensorShape([None, 3]).merge_with([2, 4])
    with pytest.raises(ValueError, match="are incompatible"):
        tf.TensorShape([1]).assert_is_compatible_with([2])
    assert tf.TensorShape([1]) + [2] == [1, 2] and [2] + tf.TensorShape([1]) == [2, 1]
    assert tf.TensorShape([1, 2]).most_specific_compatible_shape([1, 3]) == [1, None]


def test_rank_checks():
    assert tf.TensorShape(None).with_rank(2) == [None, None]
    with pytest.raises(ValueError, match="must have rank 2"):
        tf.TensorShape([1]).with_rank(2)
    assert tf.TensorShape([1, 2]).with_rank_at_least(1) == [1, 2]
    with pytest.raises(ValueError, match="must have rank at most 1"):
        tf.TensorShape([1, 2]).with_rank_at_most(1)


def test_shapes_are_hashable_and_usable_by_numpy():
    assert hash(tf.TensorShape([2, 3])) == hash(tf.TensorShape([2, 3]))
    assert np.zeros(tf.TensorShape([2, 3])).shape == (2, 3)
    assert tf.TensorShape([2, 3]).num_elements() == 6 and tf.TensorShape([]).num_elements() == 1
