"""The SparseTensor class (A3.1): construction, components, static shape, repr, and the
operators TF gives it (`s * y`, `s / y`; `s + y` is a TypeError). Expected values and messages
were measured on TF 2.21."""

import numpy as np
import pytest

import tensorlet as tf

SparseTensor = tf.sparse.SparseTensor


def book():
    """The book's example (A3.1)."""
    return SparseTensor(indices=[[0, 1], [1, 0], [2, 3]], values=[1., 2., 3.], dense_shape=[3, 4])


def test_a3_1_components_are_int64_indices_and_shape_and_typed_values():
    s = book()
    assert s.indices.dtype == tf.int64 and s.dense_shape.dtype == tf.int64
    assert s.values.dtype == tf.float32 and s.dtype == tf.float32
    assert s.indices.numpy().tolist() == [[0, 1], [1, 0], [2, 3]]
    assert s.dense_shape.numpy().tolist() == [3, 4]
    assert s.shape == tf.TensorShape([3, 4]) and s.get_shape() == [3, 4]


def test_a3_1_repr_and_str_are_tfs():
    expected = (
        "SparseTensor(indices=tf.Tensor(\n[[0 1]\n [1 0]\n [2 3]], shape=(3, 2), dtype=int64), "
        "values=tf.Tensor([1. 2. 3.], shape=(3,), dtype=float32), "
        "dense_shape=tf.Tensor([3 4], shape=(2,), dtype=int64))")
    assert repr(book()) == expected
    assert str(book()) == expected


def test_a3_1_sparse_namespace_alias_is_the_class():
    assert tf.sparse.SparseTensor is SparseTensor
    assert type(book()).__name__ == "SparseTensor"


def test_a3_1_top_level_alias_is_the_class():
    assert tf.SparseTensor is SparseTensor


def test_numpy_int32_indices_are_cast_but_int32_tensors_are_refused():
    s = SparseTensor(np.array([[0, 1]], np.int32), [1.], np.array([3, 4], np.int32))
    assert s.indices.dtype == tf.int64 and s.dense_shape.dtype == tf.int64
    with pytest.raises(ValueError, match="indices: Tensor conversion requested dtype int64 for "
                                         "Tensor with dtype int32"):
        SparseTensor(tf.constant([[0, 1]]), [1.], [3, 4])
    with pytest.raises(ValueError, match="dense_shape: Tensor conversion requested dtype int64"):
        SparseTensor([[0, 1]], [1.], tf.constant([3, 4]))
    with pytest.raises(TypeError, match="Cannot convert"):
        SparseTensor([[0., 1.]], [1.], [2, 2])


@pytest.mark.parametrize("indices,values,shape,message", [
    ([0, 1], [1.], [2, 2], r"Shape \(2,\) must have rank 2"),
    ([], [], [3, 4], r"Shape \(0,\) must have rank 2"),
    ([[0, 1]], [[1.]], [2, 2], r"Shape \(1, 1\) must have rank 1"),
    ([[0, 1]], [1., 2.], [2, 2], "Dimensions 1 and 2 are not compatible"),
    ([[0, 1, 2]], [1.], [2, 2], "Dimensions 3 and 2 are not compatible"),
])
def test_inconsistent_components_raise_tfs_value_error(indices, values, shape, message):
    with pytest.raises(ValueError, match=message):
        SparseTensor(indices, values, shape)


def test_empty_and_scalar_sparse_tensors():
    empty = SparseTensor(np.zeros((0, 2), np.int64), tf.zeros([0]), [2, 2])
    assert empty.indices.shape == [0, 2]
    np.testing.assert_array_equal(tf.sparse.to_dense(empty).numpy(), np.zeros((2, 2)))
    scalar = SparseTensor(np.zeros((1, 0), np.int64), [1.], [])
    assert scalar.shape == [] and tf.sparse.to_dense(scalar).numpy() == 1.0


def test_unknown_dims_in_dense_shape_give_a_partial_static_shape():
    assert SparseTensor([[0, 1]], [1.], [-1, 4]).shape.as_list() == [None, 4]


def test_set_shape_merges_and_rejects_incompatible_shapes():
    s = SparseTensor([[0, 1]], [1.], [-1, 4])
    s.set_shape([3, None])
    assert s.shape.as_list() == [3, 4]
    with pytest.raises(ValueError, match=r"Shapes \(3, 4\) and \(3, 5\) are not compatible"):
        s.set_shape([3, 5])


def test_with_values_and_from_value():
    s = book()
    t = s.with_values(tf.constant([7, 8, 9]))
    assert t.dtype == tf.int32 and t.indices is s.indices
    copy = SparseTensor.from_value(s)
    assert copy is not s and copy.values is s.values
    with pytest.raises(TypeError, match="Input must be a SparseTensor."):
        SparseTensor.from_value(tf.constant([1.]))


def test_eager_sparse_tensor_has_no_op_or_graph_and_is_not_indexable():
    s = book()
    with pytest.raises(AttributeError, match="Tensor.op is undefined when eager execution"):
        s.op  # noqa: B018
    with pytest.raises(TypeError, match="not subscriptable"):
        s[0]  # noqa: B018
    with pytest.raises(TypeError, match="has no len"):
        len(s)
    assert s == s and s != book()  # identity, as TF


def test_a3_1_times_scalar_scales_the_values():
    t = book() * 42.
    assert isinstance(t, SparseTensor)
    np.testing.assert_array_equal(t.values.numpy(), [42., 84., 126.])
    assert t.indices.numpy().tolist() == [[0, 1], [1, 0], [2, 3]]
    assert t.dense_shape.numpy().tolist() == [3, 4]


def test_a3_1_plus_scalar_is_a_type_error_as_in_tf():
    with pytest.raises(TypeError, match=r"unsupported operand type\(s\) for \+: 'SparseTensor' "
                                        r"and 'float'"):
        book() + 42.  # noqa: B018
    with pytest.raises(TypeError, match=r"for \+: 'float' and 'SparseTensor'"):
        42. + book()  # noqa: B018
    with pytest.raises(TypeError, match=r"for \*: 'float' and 'SparseTensor'"):
        42. * book()  # noqa: B018
    with pytest.raises(TypeError, match="for -: 'SparseTensor' and 'float'"):
        book() - 2.  # noqa: B018
    with pytest.raises(TypeError, match="bad operand type for unary -: 'SparseTensor'"):
        -book()  # noqa: B018


def test_tensor_times_sparse_is_sparse_but_tf_multiply_of_sparse_fails():
    t = tf.constant(2.) * book()
    assert isinstance(t, SparseTensor)
    np.testing.assert_array_equal(t.values.numpy(), [2., 4., 6.])
    with pytest.raises(ValueError, match="Attempt to convert a value .*SparseTensor"):
        tf.multiply(book(), 2.)
    with pytest.raises(ValueError, match="with an unsupported type"):
        tf.constant(1.) + book()  # noqa: B018


def test_times_dense_broadcasts_the_dense_side_to_the_entries():
    np.testing.assert_array_equal((book() * tf.constant([1., 2., 3., 4.])).values.numpy(),
                                  [2., 2., 12.])
    np.testing.assert_array_equal((book() * tf.ones([3, 1])).values.numpy(), [1., 2., 3.])
    np.testing.assert_array_equal((book() * np.ones((3, 4))).values.numpy(), [1., 2., 3.])


def test_division_and_integer_true_division():
    np.testing.assert_array_equal((book() / 2.).values.numpy(), [.5, 1., 1.5])
    ints = SparseTensor([[0, 1]], [3], [2, 2])
    half = ints / 2
    assert half.dtype == tf.float64 and half.values.numpy().tolist() == [1.5]
    assert (ints * 2).values.numpy().tolist() == [6]


def test_operand_conversion_follows_the_values_dtype():
    ints = SparseTensor([[0, 1]], [3], [2, 2])
    with pytest.raises(TypeError, match="Cannot convert 2.5 to EagerTensor of dtype int32"):
        ints * 2.5  # noqa: B018
    with pytest.raises(ValueError, match="y: Tensor conversion requested dtype int32 for Tensor "
                                         "with dtype int64"):
        ints * tf.constant(2, tf.int64)  # noqa: B018


def test_shape_size_rank_of_a_sparse_tensor_read_the_dense_shape():
    from tensorlet.core import overrides

    assert overrides.lookup("shape", [book()]) is not None
    assert overrides.lookup("size", [book()])(book()).numpy() == 12
    assert overrides.lookup("rank", [book()])(book()).numpy() == 2
    assert overrides.lookup("shape", [book()])(book()).numpy().tolist() == [3, 4]
    kept = overrides.lookup("identity", [book()])(book())
    assert isinstance(kept, SparseTensor) and kept.values.numpy().tolist() == [1., 2., 3.]


def test_variable_values_stay_connected_to_the_tape():
    v = tf.Variable([1., 2., 3.])
    with tf.GradientTape() as tape:
        s = SparseTensor([[0, 1], [1, 0], [2, 3]], v, [3, 4])
        y = tf.reduce_sum(tf.sparse.to_dense(s) * 2.)
    np.testing.assert_array_equal(tape.gradient(y, v).numpy(), [2., 2., 2.])
